"""Twenty processes booking the same slots, and two opening one appointment, on each backend."""

from __future__ import annotations

import pytest

from tests.domain.journal_backends import BACKENDS, journal_url
from tests.domain.journal_race import race_bookings, race_openers


@pytest.fixture(params=BACKENDS)
def url(request, data_dir):
    return journal_url(request.param, data_dir)


def test_twenty_processes_booking_the_same_slots_never_double_book(url):
    found = race_bookings(url, processes=20, rounds=50)
    assert found["errors"] == []
    assert found["attempts"] == 1000
    assert found["double_bookings"] == 0
    assert found["slots_won"] == 50 and found["live_bookings"] == 50
    assert found["book_entries"] == 50 and found["most_entries_for_one_slot"] == 1


def test_two_processes_opening_one_appointment_one_holds_it_and_the_other_is_told_who(url):
    a, b = race_openers(url)
    assert sorted([a["held"], b["held"]]) == [False, True]
    holder, refused = (a, b) if a["held"] else (b, a)
    assert refused["holder_pid"] == holder["pid"]
