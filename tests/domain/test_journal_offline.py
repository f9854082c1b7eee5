"""The team's database going away mid-appointment: typing goes on, kept in order, written when it is back."""

from __future__ import annotations

import os
import socket
import stat
import threading
import time
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import pytest

from choice_assistant.cli import main
from choice_assistant.journal import StoreRefused, Unreachable, open_journal
from choice_assistant.journal import postgres
from tests.domain.journal_backends import fresh_pg_url, private_pg  # noqa: F401 - a fixture

NOW = datetime(2026, 11, 23, 10, 0)


class Proxy:
    """A TCP relay to the test server that can be cut (every connection dropped) and restored on the same port."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._socks: list[socket.socket] = []
        self._listener = None

    def start(self) -> None:
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", self.port))
        self._listener.listen(16)
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._socks += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a, b) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        try:
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread, so the port is free again
        except OSError:
            pass
        self._listener.close()
        for s in self._socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self._socks.clear()


@pytest.fixture
def relay(monkeypatch):
    monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.05)
    url = fresh_pg_url()
    parts = urlsplit(url)
    proxy = Proxy(parts.hostname, parts.port)
    proxy.start()
    netloc = parts.netloc.replace(f":{parts.port}", f":{proxy.port}")
    yield proxy, urlunsplit(parts._replace(netloc=netloc)), url
    proxy.cut()


def test_entries_typed_while_the_server_is_away_are_kept_in_order_and_written_when_it_is_back(relay, data_dir):
    proxy, via, direct = relay
    store = open_journal(via)
    store.create_session("a", NOW, "ayo", "Riverside")
    store.append("a", "start", {"session": "a", "date": "2026-11-23"})
    store.acquire("a")
    proxy.cut()
    typed = ["Sam", "Sam worries", "Sam worries about school"]
    seqs = [store.append("a", "text", {"field": "concerns", "value": v}) for v in typed]
    assert seqs == [2, 3, 4]
    state = store.save_state()
    assert state["state"] == "not_saved_yet" and state["unsaved"] == 3
    assert state["note"]["code"] == "team_diary_unreachable" and state["note"]["audience"] == "clinician"
    kept = list(data_dir.glob("team-diary-unsaved-*.jsonl"))
    assert len(kept) == 1 and stat.S_IMODE(kept[0].stat().st_mode) == 0o600
    with pytest.raises(Unreachable):
        store.book("a", "ben", datetime(2026, 12, 1, 10, 0))
    proxy.start()
    time.sleep(0.1)
    store.append("a", "text", {"field": "concerns", "value": "Sam worries about school mornings"})
    assert store.save_state() == {"state": "saved", "unsaved": 0, "note": None}
    assert not kept[0].exists()
    team = open_journal(direct)
    assert [e.payload.get("value") for e in team.events("a")][1:] == typed + ["Sam worries about school mornings"]
    team.close(), store.close()


def test_entries_kept_when_the_laptop_stopped_offline_are_written_at_the_next_start(relay, data_dir):
    proxy, via, direct = relay
    store = open_journal(via)
    store.create_session("a", NOW, "ayo", "Riverside")
    store.append("a", "start", {"session": "a", "date": "2026-11-23"})
    proxy.cut()
    store.append("a", "text", {"field": "concerns", "value": "typed before the crash"})
    assert store.unsaved() == 1
    del store  # the program ends without closing, as in a crash
    proxy.start()
    again = open_journal(via)
    assert again.unsaved() == 0
    assert open_journal(direct).events("a")[-1].payload["value"] == "typed before the crash"
    again.close()


def test_an_entry_the_server_wrote_just_before_the_line_dropped_is_not_written_twice(relay, data_dir):
    proxy, via, direct = relay
    store = open_journal(via)
    store.create_session("a", NOW, "ayo", "Riverside")
    store.append("a", "start", {"session": "a", "date": "2026-11-23"})
    proxy.cut()
    store.append("a", "text", {"field": "concerns", "value": "said once"})
    other = open_journal(direct)  # as if the first write had reached the server after all
    other.append("a", "text", {"field": "concerns", "value": "said once"})
    proxy.start()
    time.sleep(0.1)
    assert store.retry() == 0
    assert [e.payload.get("value") for e in other.events("a")] == [None, "said once"]
    other.close(), store.close()


# -- the server itself stopped and started again (a server of the test's own) -------------------------

def _open_and_hold(url: str, sid: str = "a"):
    store = open_journal(url)
    store.create_session(sid, NOW, "ayo", "Riverside")
    store.append(sid, "start", {"session": sid, "date": "2026-11-23"}, summary={"stage": "introduction"})
    store.acquire(sid)
    return store


def test_words_that_no_longer_fit_after_a_conflict_are_set_aside_and_nothing_else_is_blocked(private_pg, data_dir, tmp_path,
                                                                                             monkeypatch, capsys):
    monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.05)
    url = private_pg.url
    a = open_journal(url)
    a.lease_seconds = 0.5  # laptop A's lease runs out while it is away (30 s in real use)
    a.create_session("a", NOW, "ayo", "Riverside")
    a.append("a", "start", {"session": "a", "date": "2026-11-23"}, summary={"stage": "introduction"})
    a.acquire("a")
    private_pg.stop()
    offline = ["Sam is scared of the bus", "Sam is scared of the bus and of the dark"]
    for value in offline:
        a.append("a", "text", {"field": "concerns", "value": value})
    assert a.save_state()["state"] == "not_saved_yet"
    private_pg.start()
    time.sleep(0.6)
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(tmp_path / "laptop-b"))  # another laptop: a data folder of its own
    b = open_journal(url)  # laptop B opens the same appointment once A's lease has run out, and types
    monkeypatch.setenv("CHOICE_ASSISTANT_DATA", str(data_dir))
    b.acquire("a")
    b.events("a")
    b.append("a", "text", {"field": "concerns", "value": "Sam worries about school"})
    # A is back: a new appointment saves at once, and A's offline words are set aside beside "a", not lost
    a.create_session("n", NOW, "ayo", "Riverside")
    assert a.append("n", "start", {"session": "n", "date": "2026-11-23"}) == 1
    assert [e.kind for e in b.events("n")] == ["start"]
    state = a.save_state()
    assert state["state"] == "set_aside" and state["unsaved"] == 0
    assert state["note"]["code"] == "team_diary_set_aside" and state["note"]["audience"] == "clinician"
    assert "will be written" not in state["note"]["text"]
    kept = b.set_aside("a")
    assert len(kept) == 1 and [e["payload"]["value"] for e in kept[0]["entries"]] == offline
    assert [e.payload.get("value") for e in b.events("a")] == [None, "Sam worries about school"]
    assert not list(data_dir.glob("team-diary-unsaved-*.jsonl"))  # nothing left to jam the next start
    with pytest.raises(StoreRefused):  # A's copy of "a" is out of date: it is not written over B's words
        a.append("a", "text", {"field": "concerns", "value": "more from A"})
    again = open_journal(url)  # a restart on A finds nothing kept and saves normally
    assert again.unsaved() == 0 and again.save_state()["state"] == "saved"
    again.close(), a.close(), b.close()
    assert main(["sessions", "set-aside", "a", "--db", url]) == 0
    shown = capsys.readouterr().out
    assert "Sam is scared of the bus and of the dark" in shown and "someone else wrote to this appointment" in shown


def test_a_program_started_while_the_server_is_away_opens_what_was_kept_and_writes_it_when_it_is_back(
        private_pg, data_dir, monkeypatch, capsys):
    monkeypatch.setattr(postgres, "RETRY_SECONDS", 0.05)
    url = private_pg.url
    store = _open_and_hold(url)
    store.append("a", "text", {"field": "young_person", "value": "Sam Rivers"}, summary={"young_person": "Sam Rivers"})
    private_pg.stop()
    store.append("a", "text", {"field": "risk", "value": "No thoughts of harm; feels safe at home"})
    del store  # the program ends without closing, as in a crash, while the server is still away
    assert main(["sessions", "list", "--db", url]) == 0  # instead of exit 2
    listed = capsys.readouterr()
    assert "Sam Rivers" in listed.out and "only the appointments kept on this computer" in listed.err
    assert "Not saved to the team diary yet" in listed.err
    again = open_journal(url)  # opens from what this computer kept
    assert [s.id for s in again.list_sessions()] == ["a"] and again.list_sessions()[0].young_person == "Sam Rivers"
    assert [e.payload.get("value") for e in again.events("a")] == [None, "Sam Rivers", "No thoughts of harm; feels safe at home"]
    again.acquire("a")
    again.append("a", "text", {"field": "risk", "value": "No thoughts of harm; feels safe at home and at school"})
    state = again.save_state()
    assert state["state"] == "not_saved_yet" and state["unsaved"] == 2
    assert state["note"]["code"] == "team_diary_unreachable"
    private_pg.start()  # back well within the old program's lease: its entries go in at once, as its own
    time.sleep(0.1)
    assert again.retry() == 0 and again.save_state()["state"] == "saved"
    team = open_journal(url)
    assert [e.payload.get("value") for e in team.events("a")][1:] == [
        "Sam Rivers", "No thoughts of harm; feels safe at home", "No thoughts of harm; feels safe at home and at school"]
    team.close(), again.close()


def test_db_check_says_in_words_how_many_entries_are_kept_here_and_not_yet_in_the_team_diary(relay, data_dir, capsys):
    proxy, via, direct = relay
    store = _open_and_hold(via)
    proxy.cut()
    store.append("a", "text", {"field": "concerns", "value": "kept here"})
    store.append("a", "text", {"field": "concerns", "value": "kept here too"})
    proxy.start()  # the server is back, and the program that kept them is still running
    assert main(["db", "check", "--db", via]) == 0
    assert "2 entries kept on this computer are not saved to this journal yet" in capsys.readouterr().out
    store.close()
