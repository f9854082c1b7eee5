"""Fixtures for the screen tests: a clock the test moves by hand."""

from __future__ import annotations

import pytest

from tests.support.pilot import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    """The typing debounce's clock: hand it to make_app(clock=...) and move it with clock.advance(seconds)."""
    return FakeClock()
