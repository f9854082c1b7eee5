"""Seeded damage to a journal file: never read back as a different record, always seen by `db check`,
never made worse by a read, and every readable entry saved by `db copy`."""

from __future__ import annotations

import collections
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from choice_assistant.cli import main
from choice_assistant.journal import JournalUnavailable, SlotTaken, StoreRefused, open_journal
from choice_assistant.journal import sqlite as sqlite_journal
from choice_assistant.journal.sqlite import SqliteStore
from tests.support import journal_damage as jd

SLOT = datetime(2026, 12, 1, 10, 0)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One journal of 12 appointments, closed cleanly, and what was written to it."""
    path = tmp_path_factory.mktemp("built") / "journal.sqlite3"
    return path, jd.build(path)


def _copy(written, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(written[0], folder / "journal.sqlite3")
    return folder / "journal.sqlite3"


def test_forty_seeded_damages_to_an_entries_page_are_never_read_back_as_a_different_record(written, tmp_path, capsys):
    path0, truth = written
    pages = jd.pages_of(path0, "events")
    seen = collections.Counter()
    for seed in range(40):
        path = _copy(written, tmp_path / str(seed))
        jd.damage_page(path, pages[seed % len(pages)], seed)
        before = path.read_bytes()
        result = jd.outcome(path, truth)
        seen[result] += 1
        assert result != "wrong", f"seed {seed}: a damaged journal was read back as a different record"
        url = f"sqlite:///{path}"
        code = main(["db", "check", "--db", url])
        out, err = capsys.readouterr()
        if result == "sound":
            assert code == 0
        else:  # db check never says ok about a journal that cannot give back every entry
            assert code == 2, f"seed {seed}: db check said ok: {out}"
            assert "Traceback" not in err and "\\n" not in err and "***" not in err + out
            assert all("\n" not in line for line in err.splitlines(keepends=False))
        assert path.read_bytes() == before  # reading and checking changed nothing
    assert seen["named"] + seen["refused"] >= 30, seen


def test_db_copy_saves_every_readable_entry_of_a_damaged_session_and_names_the_rest(written, tmp_path, capsys):
    path0, truth = written
    path = _copy(written, tmp_path / "j")
    pages = jd.pages_of(path0, "events")
    store = SqliteStore.open(path)  # damage one entry's bytes so the page stays well formed: one entry is lost
    raw = store.raw_events("s03")
    store.close()
    Path(f"{path}-wal").unlink(missing_ok=True)
    target = raw[30][1].encode()  # its time, to the microsecond, is found nowhere else
    changed = target[:-1] + (b"0" if target[-1:] != b"0" else b"1")
    assert sum(jd.rewrite_in_page(path, page, target, changed) for page in pages) == 1
    assert main(["db", "check", "--db", f"sqlite:///{path}"]) == 2
    assert "session 's03' has" in (out := capsys.readouterr().out) and "(entry 31: it is damaged" in out
    with pytest.raises(JournalUnavailable, match="entry 31 of session 's03'"):
        open_journal(f"sqlite:///{path}").events("s03")
    rescued = f"sqlite:///{tmp_path / 'rescued.sqlite3'}"
    assert main(["db", "copy", f"sqlite:///{path}", rescued, "--json"]) == 2
    assert "session 's03' was copied with" in capsys.readouterr().err
    copy = open_journal(rescued)
    for sid, entries in truth.items():
        got = [(e.kind, e.payload) for e in copy.events(sid)]
        if sid != "s03":
            assert got == entries
            continue
        assert entries[30] not in got and all(g in entries for g in got)  # nothing pieced together wrong
        assert len(got) >= len(entries) - 32  # a text is stored whole often enough to lose little
        assert got[-4:] == entries[-4:]  # the last words of the concerns, the risk answer and the safety outcome
        assert len(got) < len(entries)
    copy.close()


def test_a_damaged_frame_in_the_write_ahead_log_is_found_kept_and_its_later_saves_rescued(tmp_path, capsys):
    live = tmp_path / "live" / "journal.sqlite3"
    live.parent.mkdir()
    truth = jd.build(live, close=False)  # the program still running: the log holds the latest saves
    crash = tmp_path / "crash"
    crash.mkdir()
    for side in ("", "-wal"):  # the files as a crash leaves them
        shutil.copy(f"{live}{side}", crash / f"journal.sqlite3{side}")
    path, log = crash / "journal.sqlite3", crash / "journal.sqlite3-wal"
    frames = (log.stat().st_size - 32) // (24 + jd.PAGE)
    jd.damage_wal_frame(log, frames // 2, seed=3)
    damaged = log.read_bytes()
    url = f"sqlite:///{path}"
    for command in (["sessions", "list"], ["db", "check"]):
        assert main([*command, "--db", url]) == 2
        err = capsys.readouterr().err
        assert "write-ahead log (journal.sqlite3-wal) is damaged at frame" in err and "db copy" in err
        assert log.read_bytes() == damaged  # never deleted, folded in or written over by a read
    kept = list(crash.glob("journal.sqlite3-wal.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged and (kept[0].stat().st_mode & 0o777) == 0o600
    rescued = f"sqlite:///{tmp_path / 'rescued.sqlite3'}"
    assert main(["db", "copy", url, rescued, "--json"]) == 2
    assert "write-ahead log is damaged at frame" in capsys.readouterr().err
    copy = open_journal(rescued)
    whole = sum(1 for sid, entries in truth.items() if [(e.kind, e.payload) for e in copy.events(sid)] == entries)
    copy.close()
    assert whole == len(truth)  # SQLite alone would have given back only the saves before the damaged frame
    assert log.read_bytes() == damaged


def _booked(path: Path) -> None:
    store = SqliteStore.open(path)
    for n, clinician in enumerate(("ben", "ayo", "chloe")):
        store.create_session(f"b{n}", jd.NOW, "ayo", "T")
        store.append(f"b{n}", "start", {"session": f"b{n}", "date": "2026-11-23"})
        store.book(f"b{n}", clinician, SLOT)
    store.create_session("later", jd.NOW, "ayo", "T")
    store.append("later", "start", {"session": "later", "date": "2026-11-23"})
    store.close()
    Path(f"{path}-wal").unlink(missing_ok=True)


def test_a_damaged_live_slot_index_is_found_at_open_and_copy_keeps_every_booking(tmp_path, capsys):
    path = tmp_path / "journal.sqlite3"
    _booked(path)
    (page,) = jd.pages_of(path, "live_slot")
    assert jd.rewrite_in_page(path, page, b"ben", b"bex") == 1  # the index no longer knows ben's slot is taken
    before = path.read_bytes()
    with pytest.raises(JournalUnavailable) as exc:
        open_journal(f"sqlite:///{path}")
    assert "the journal is damaged" in str(exc.value) and "\n" not in str(exc.value) and "***" not in str(exc.value)
    assert path.read_bytes() == before
    rescued = f"sqlite:///{tmp_path / 'rescued.sqlite3'}"
    assert main(["db", "copy", f"sqlite:///{path}", rescued, "--json"]) == 0
    copy = open_journal(rescued)
    assert copy.booking_of("b0") == ("ben", SLOT)
    with pytest.raises(SlotTaken):
        copy.book("later", "ben", SLOT)
    copy.close()


def test_a_booking_is_refused_when_the_bookings_are_damaged_after_the_journal_was_opened(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite3"
    _booked(path)
    (page,) = jd.pages_of(path, "live_slot")
    jd.rewrite_in_page(path, page, b"ben", b"bex")
    monkeypatch.setattr(sqlite_journal, "SMALL_TABLES", set(), raising=False)  # as if damaged after the check at open
    store = open_journal(f"sqlite:///{path}")
    with pytest.raises(StoreRefused, match="list of booked slots is damaged.*nothing was booked"):
        store.book("later", "ben", SLOT)
    assert store.booking_of("later") is None
    store.close()


def test_a_damaged_sessions_index_is_found_at_open_and_copy_rescues_all_twelve(written, tmp_path, capsys):
    path0, truth = written
    path = _copy(written, tmp_path / "j")
    (page,) = jd.pages_of(path, "sqlite_autoindex_sessions_1")
    assert jd.rewrite_in_page(path, page, b"s05", b"s5x") == 1
    assert main(["sessions", "list", "--db", f"sqlite:///{path}"]) == 2
    assert "the journal is damaged" in capsys.readouterr().err
    rescued = f"sqlite:///{tmp_path / 'rescued.sqlite3'}"
    assert main(["db", "copy", f"sqlite:///{path}", rescued, "--json"]) == 0
    capsys.readouterr()
    copy = open_journal(rescued)
    assert {s.id for s in copy.list_sessions()} == set(truth)
    assert all([(e.kind, e.payload) for e in copy.events(sid)] == entries for sid, entries in truth.items())
    copy.close()


def test_an_appointment_whose_index_entry_is_damaged_after_opening_is_refused_in_words_not_a_crash(
        written, tmp_path, monkeypatch, demo_register):
    from choice_assistant.appointment import Appointment
    from choice_assistant.tui.app import JOURNAL_REFUSALS

    path = _copy(written, tmp_path / "j")
    (page,) = jd.pages_of(path, "sqlite_autoindex_sessions_1")
    jd.rewrite_in_page(path, page, b"s05", b"s5x")
    monkeypatch.setattr(sqlite_journal, "SMALL_TABLES", set(), raising=False)  # as if damaged after the check at open
    store = open_journal(f"sqlite:///{path}")
    try:
        appointment = Appointment.resume(store, "s05", demo_register)
        appointment.hold()
    except JOURNAL_REFUSALS as exc:  # what the app shows as a plain message and offers the start screen
        assert "\n" not in str(exc)
    else:
        raise AssertionError("a damaged journal let the appointment be held")
    finally:
        store.close()
