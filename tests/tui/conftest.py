"""Fixtures for the screen tests: a clock the test moves by hand."""

from __future__ import annotations

import pytest

from tests.support.pilot import FakeClock, use_clock


@pytest.fixture
def clock(monkeypatch) -> FakeClock:
    """The typing debounce's clock, moved with clock.advance(seconds) instead of waiting."""
    fake = FakeClock()
    use_clock(monkeypatch, fake)
    return fake
