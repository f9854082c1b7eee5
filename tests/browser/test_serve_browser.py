"""`choice-assistant serve` in a real browser: the token, who is at the keyboard, a closed tab, a letter downloaded."""

from __future__ import annotations

import os
import re
import signal
import time
import zipfile
from pathlib import Path

import pytest

from choice_assistant.appointment import export_session
from choice_assistant.journal.sqlite import SqliteStore
from tests.support.pilot import session_at
from tests.support.served import serving

TEAM = Path(__file__).resolve().parents[2] / "examples" / "team.yaml"
# Escape sequences (colours, cursor moves) between the letters the app draws: what is left is its words.
ESCAPES = re.compile(rb"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Screen:
    """What a tab's app has sent its terminal, as words, for waiting until something is on the screen."""

    def __init__(self, page) -> None:
        self.page = page
        self.frames: list[bytes] = []
        self.sockets: list[str] = []
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        self.sockets.append(ws.url)
        ws.on("framereceived", lambda f: self.frames.append(f if isinstance(f, bytes) else f.encode()))

    def text(self) -> str:
        return ESCAPES.sub(b"", b"".join(self.frames)).decode("utf-8", "replace")

    def wait_for(self, words: str, limit: float = 45.0) -> None:
        deadline = time.monotonic() + limit
        while words not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"the browser never showed {words!r}")
            self.page.wait_for_timeout(50)

    def forget(self) -> None:
        self.frames.clear()


def open_as(context, link: str, clinician: str):
    """Open the link in a new tab and say who is at the keyboard (asked once per browser)."""
    page = context.new_page()
    screen = Screen(page)
    page.goto(link)
    assert page.url.endswith("/who") and "token" not in page.url
    page.get_by_role("button", name=re.compile(clinician)).click()
    return page, screen


def focus_terminal(page) -> None:
    page.locator(".xterm-helper-textarea").focus()


def wait_until(check, limit: float = 30.0, what: str = "", page=None) -> None:
    """Wait for `check()`; with a page, the browser's events (a download) go on being handled meanwhile."""
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        page.wait_for_timeout(100) if page is not None else time.sleep(0.1)


def saved_name(session_id: str) -> str:
    with SqliteStore.open() as store:
        session = export_session(store, session_id)
    return session.young_person.name if session.young_person else ""


def holder(session_id: str):
    with SqliteStore.open() as store:
        return store.holder(session_id)


def only_session() -> str:
    with SqliteStore.open() as store:
        (summary,) = store.list_sessions()
    return summary.id


def test_a_name_typed_in_the_browser_is_saved_when_the_tab_closes_and_is_there_on_reopening(context, data_dir, tmp_path):
    with serving(data_dir, "--register", str(TEAM)) as served:
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        page, screen = open_as(context, served.link, "Ayo Bello")
        screen.wait_for("Say next")  # a first start opens straight at the introduction
        focus_terminal(page)
        page.keyboard.type("Sam Rivers")
        screen.wait_for("Sam Rivers")  # on the screen: the keys are handled; the typing debounce may not have written them
        page.close()  # closing the tab at once
        sid = only_session()
        wait_until(lambda: holder(sid) is None, what="the closed tab's app gave the appointment back")
        assert saved_name(sid) == "Sam Rivers"
        wait_until(lambda: served.apps() == [], what="the closed tab's app ended")

        page = context.new_page()  # the same browser: it still has the key and knows who is at the keyboard
        screen = Screen(page)
        page.goto(served.base + "/")
        screen.wait_for("Unfinished appointments")
        assert "Sam Rivers" in screen.text()
        focus_terminal(page)
        screen.forget()
        page.keyboard.press("Enter")  # carry on with it
        screen.wait_for("Say next")
        screen.wait_for("Sam Rivers")  # the name is back in its field
        # While it is open here, the journal names who has it: the clinician at this browser, not the server's user.
        wait_until(lambda: holder(sid) is not None, what="the reopened appointment is held")
        assert holder(sid).who == "Ayo Bello (in a browser)"
        page.screenshot(path=str(tmp_path / "resumed.png"))
        assert len(screen.sockets) == 1
        hosts = {re.match(r"^\w+://[^/]+", u).group(0) for u in requests}
        assert hosts == {served.base}, f"the page reached other hosts: {hosts}"


def test_a_stopped_server_leaves_no_app_running_and_loses_no_words(context, data_dir):
    with serving(data_dir, "--register", str(TEAM)) as served:
        page, screen = open_as(context, served.link, "Chloe Martin")
        screen.wait_for("Say next")
        focus_terminal(page)
        page.keyboard.type("Kit Rivers")
        screen.wait_for("Kit Rivers")
        (app,) = served.apps()
        os.kill(served.proc.pid, signal.SIGKILL)  # the server is killed outright: its tab's app is left on its own
        wait_until(lambda: not Path(f"/proc/{app}").exists() or "Z" in _state(app), what="the app ended with its server")
        sid = only_session()
        assert saved_name(sid) == "Kit Rivers"
        assert holder(sid) is None  # given back at once, not held until the lease runs out
        assert not (data_dir / "logs").exists()  # an ordinary end, not a crash


def _state(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2]


def test_without_the_token_the_browser_gets_no_page_and_no_websocket(context, data_dir):
    with serving(data_dir, "--register", str(TEAM)) as served:
        page = context.new_page()
        screen = Screen(page)
        for address in [served.base + "/", served.base + "/?token=" + "x" * len(served.token), served.base + "/who"]:
            response = page.goto(address)
            assert response.status == 403
            assert "link that `choice-assistant serve` printed" in page.content()
        page.wait_for_timeout(500)
        assert screen.sockets == [] and served.apps() == []
        assert context.cookies() == []


def test_letters_saved_in_the_browser_are_downloaded_by_it(context, data_dir, tmp_path):
    sid = session_at("letters")  # recorded up to the letters, in the journal the server uses
    with serving(data_dir, "--register", str(TEAM)) as served:
        downloads = []
        context.on("page", lambda p: p.on("download", lambda d: downloads.append(d)))  # this tab, or one it opens
        page, screen = open_as(context, served.link, "Ayo Bello")
        screen.wait_for("Unfinished appointments")
        focus_terminal(page)
        page.keyboard.press("Enter")
        screen.wait_for("Save letters")
        page.keyboard.press("F5")
        wait_until(lambda: downloads, limit=45, what="a download in the browser", page=page)
        (download,) = downloads
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert download.suggested_filename == "sam-rivers-2026-11-23-family-letters.zip"
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            assert {f"sam-rivers-2026-11-23-family.{fmt}" for fmt in ("md", "html", "docx", "pdf")} <= names
            assert z.read("sam-rivers-2026-11-23-family.pdf").startswith(b"%PDF")
            assert "Sam" in z.read("sam-rivers-2026-11-23-family.md").decode()
        page.screenshot(path=str(tmp_path / "letters.png"))
    assert holder(sid) is None
