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

from choice_assistant.journal import Unreachable, open_journal
from choice_assistant.journal import postgres
from tests.domain.journal_backends import fresh_pg_url

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
