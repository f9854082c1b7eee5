"""Random and hostile cases, session exports and CSV matrices never crash a command: exit 0, or exit 2
with one message naming the file. (Registers: test_register_fuzz.py; thousands more: scripts/fuzz.)"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.support.hostile import run_one

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.parametrize("kind", ["registers", "cases", "sessions", "csv"])
@FUZZ
@given(seed=st.integers(0, 2**32))
def test_every_input_kind_gives_a_result_or_one_clear_message(kind, seed, tmp_path):
    outcome, code, err = run_one(kind, seed, tmp_path)
    assert outcome in ("ok", "clear"), f"{kind} seed {seed}: {outcome} (exit {code})\n{err[:2000]}"
