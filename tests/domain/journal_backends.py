"""Journal backends for tests: SQLite in the test's data folder, and PostgreSQL in a fresh schema.

PostgreSQL comes from $CHOICE_ASSISTANT_TEST_PG (a postgresql:// URL; `.ci/run` and `scripts/pg`
start a throwaway server and set it). Without it the PostgreSQL cases are skipped, except in CI
(CI=true), where a skipped team-database test is a failure.
"""

from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest

PG_ENV = "CHOICE_ASSISTANT_TEST_PG"
BACKENDS = ["sqlite", "postgres"]


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{PG_ENV} is not set in CI: the PostgreSQL journal tests must run (see .ci/run)")
        pytest.skip(f"no PostgreSQL server for tests ({PG_ENV} unset; scripts/pg starts one)")
    return url


def fresh_pg_url() -> str:
    """A URL whose tables live in a new, empty schema of the test server."""
    import psycopg

    admin = pg_admin_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS shared_ext")
        conn.execute("CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA shared_ext")
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in admin else "?"
    return f"{admin}{sep}options={quote(f'-csearch_path={schema},shared_ext')}"


def journal_url(backend: str, data_dir) -> str:
    if backend == "sqlite":
        return f"sqlite:///{data_dir / 'journal.sqlite3'}"
    return fresh_pg_url()
