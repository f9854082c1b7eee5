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


class PrivateServer:
    """A PostgreSQL server of the test's own (the shared test server must not be stopped under other tests),
    on a fixed port, that the test stops and starts again; `url` reaches it throughout."""

    def __init__(self, folder):
        import glob
        import shutil
        import socket

        bins = [os.environ["PG_BIN"]] if os.environ.get("PG_BIN") else sorted(glob.glob("/usr/lib/postgresql/*/bin"))[::-1]
        self.bin = next((b for b in bins if os.path.exists(os.path.join(b, "initdb"))), None)
        if self.bin is None:
            pytest.skip("no PostgreSQL server programs (initdb) on this computer")
        self.folder = folder
        self.run = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.run:
            shutil.chown(folder, "postgres")
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._pg("initdb", "-D", f"{folder}/data", "-U", "choice", "--auth=trust", "-E", "UTF8", "--no-locale")
        self.start()
        self._pg("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "choice", "diary")
        self.url = f"postgresql://choice@127.0.0.1:{self.port}/diary"

    def _pg(self, program: str, *args: str) -> None:
        import subprocess

        subprocess.run([*self.run, os.path.join(self.bin, program), *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self._pg("pg_ctl", "-D", f"{self.folder}/data", "-l", f"{self.folder}/server.log", "-w", "-t", "30", "-o",
                 f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._pg("pg_ctl", "-D", f"{self.folder}/data", "-m", "immediate", "-w", "stop")


@pytest.fixture
def private_pg():
    import shutil
    import tempfile

    pg_admin_url()  # skipped (or, in CI, failed) like every PostgreSQL test when no server is configured
    folder = tempfile.mkdtemp(prefix="choice-pg-test-")  # outside the tests' private folders: its server user reads it
    os.chmod(folder, 0o755)
    try:
        server = PrivateServer(folder)
        yield server
        try:
            server.stop()
        except Exception:  # noqa: BLE001 - already stopped by the test
            pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)
