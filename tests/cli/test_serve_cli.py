"""`choice-assistant serve` without a browser: who may reach it, what it refuses to start with, who is at the keyboard."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from choice_assistant.cli import main
from tests.support.served import serving

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="serve and its tests run on Linux")
TEAM = Path(__file__).resolve().parents[2] / "examples" / "team.yaml"


def fetch(url: str, *, cookies: dict | None = None, method: str = "GET", data: dict | None = None,
          headers: dict | None = None, ssl=None) -> tuple[int, dict, str, dict]:
    """(status, headers, body, cookies set) of one request, redirects not followed."""
    import aiohttp

    async def go():
        async with aiohttp.ClientSession(cookies=cookies or {}) as session:
            async with session.request(method, url, data=data, headers=headers or {}, allow_redirects=False,
                                       ssl=ssl if ssl is not None else True) as r:
                return r.status, dict(r.headers), await r.text(), {k: v for k, v in r.cookies.items()}

    return asyncio.run(go())


def websocket_status(url: str, cookies: dict, headers: dict | None = None) -> int:
    """The status a raw websocket handshake gets (101 when it opens; it is closed again at once)."""
    import aiohttp

    async def go():
        async with aiohttp.ClientSession(cookies=cookies) as session:
            try:
                async with session.ws_connect(url, headers=headers or {}) as ws:
                    await ws.close()
                    return 101
            except aiohttp.WSServerHandshakeError as exc:
                return exc.status

    return asyncio.run(go())


def test_nothing_is_served_without_the_token_not_the_page_nor_the_websocket_nor_a_download(data_dir):
    with serving(data_dir, "--register", str(TEAM)) as served:
        wrong = {served.cookie: served.token[:-2] + "xx"}
        for path in ["/", "/who", "/ws", "/download/any", "/static/js/textual.js", "/?token=" + served.token[:-1]]:
            status, _, body, set_cookies = fetch(served.base + path)
            assert status == 403, path
            assert "<html" not in body.lower() and not set_cookies
            assert fetch(served.base + path, cookies=wrong)[0] == 403, path
        ws = served.base.replace("http", "ws", 1) + "/ws"
        assert websocket_status(ws, {}) == 403
        assert websocket_status(ws, wrong) == 403
        assert websocket_status(ws + "?token=nope", {}) == 403
        # The same handshake with the token and a clinician chosen opens: the refusals were the token's.
        assert websocket_status(ws, {served.cookie: served.token, f"{served.cookie}-who": "ayo"}) == 101
        assert apps_end(served)


def apps_end(served) -> bool:
    """The apps the server started end once their sockets have closed."""
    import time

    deadline = time.monotonic() + 20
    while served.apps() and time.monotonic() < deadline:
        time.sleep(0.1)
    return served.apps() == []


def test_the_link_sets_a_private_cookie_once_and_leaves_the_address_bar(data_dir):
    with serving(data_dir, "--register", str(TEAM)) as served:
        status, headers, _, cookies = fetch(served.link)
        assert status == 303 and headers["Location"] == "/"
        set_cookie = headers["Set-Cookie"]
        assert served.token in set_cookie
        assert "HttpOnly" in set_cookie and "SameSite=Strict" in set_cookie and "Secure" not in set_cookie
        # With the cookie alone: no clinician chosen yet, so the browser is asked who is at the keyboard.
        status, headers, _, _ = fetch(served.base + "/", cookies={served.cookie: served.token})
        assert status == 303 and headers["Location"] == "/who"


def test_who_is_at_the_keyboard_must_be_someone_in_the_register(data_dir):
    with serving(data_dir, "--register", str(TEAM)) as served:
        jar = {served.cookie: served.token}
        status, _, page, _ = fetch(served.base + "/who", cookies=jar)
        assert status == 200 and "Ayo Bello" in page and "Chloe Martin" in page
        for bad in ["nobody", "ayo; rm -rf /", "../ayo", ""]:
            status, _, page, cookies = fetch(served.base + "/who", cookies=jar, method="POST", data={"clinician": bad},
                                             headers={"Origin": served.base})
            assert status == 400 and not cookies and "not someone in the team" in page
        status, headers, _, cookies = fetch(served.base + "/who", cookies=jar, method="POST", data={"clinician": "ayo"},
                                            headers={"Origin": served.base})
        assert status == 303 and cookies[f"{served.cookie}-who"].value == "ayo"
        status, _, page, _ = fetch(served.base + "/", cookies={**jar, f"{served.cookie}-who": "ayo"})
        assert status == 200 and "Ayo Bello" in page
        # A cookie edited by hand to someone not in the register counts as nobody chosen.
        status, headers, _, _ = fetch(served.base + "/", cookies={**jar, f"{served.cookie}-who": "mallory"})
        assert status == 303 and headers["Location"] == "/who"
        # Another site's page cannot choose for this browser, even were the cookie sent.
        status, _, _, cookies = fetch(served.base + "/who", cookies=jar, method="POST", data={"clinician": "ayo"},
                                      headers={"Origin": "http://elsewhere.example"})
        assert status == 403 and not cookies


def test_the_page_loads_nothing_from_another_host(data_dir):
    import re

    with serving(data_dir, "--register", str(TEAM)) as served:
        jar = {served.cookie: served.token, f"{served.cookie}-who": "ayo"}
        for path in ["/", "/who"]:
            status, headers, page, _ = fetch(served.base + path, cookies=jar)
            assert status == 200
            for ref in re.findall(r'(?:src|href)="([^"]*)"|url\(["\']?([^"\')]*)', page):
                ref = next(r for r in ref if r)
                assert ref.startswith("/"), f"{path} refers to {ref}"
            assert "default-src 'none'" in headers["Content-Security-Policy"]
            assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.mark.parametrize("args, says", [
    (["--host", "0.0.0.0"], "--tls-cert and --tls-key"),
    (["--host", "192.168.1.20", "--tls-cert", "cert.pem"], "--tls-cert needs --tls-key"),
    (["--tls-cert", "missing.pem", "--tls-key", "missing.key"], "cannot be used for https"),
    (["--port", "70000"], "not a port"),
    (["--register", "no-such-team.yaml"], "no-such-team.yaml"),
])
def test_serve_refuses_to_start_with_one_message_and_status_2(args, says, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


def test_a_certificate_that_is_not_one_is_refused(capsys, tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("not a certificate\n")
    key.write_text("not a key\n")
    assert main(["serve", "--host", "0.0.0.0", "--tls-cert", str(cert), "--tls-key", str(key)]) == 2
    assert "cannot be used for https" in capsys.readouterr().err


def test_a_port_already_in_use_is_one_message(capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"port {port}" in err and "Traceback" not in err


def test_an_app_told_someone_not_in_the_register_is_at_the_keyboard_stops_before_opening_anything(data_dir):
    env = {**os.environ, "CHOICE_ASSISTANT_DATA": str(data_dir), "CHOICE_ASSISTANT_AT_KEYBOARD": "mallory"}
    done = subprocess.run([sys.executable, "-m", "choice_assistant", "--register", str(TEAM)], env=env,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert "not in the team's register" in done.stderr and "Traceback" not in done.stderr
    assert not (data_dir / "journal.sqlite3").exists() or _no_sessions()


def _no_sessions() -> bool:
    from choice_assistant.journal.sqlite import SqliteStore

    with SqliteStore.open() as store:
        return store.list_sessions() == []


def test_with_a_certificate_it_serves_https_only_and_the_cookie_is_marked_secure(data_dir, tmp_path):
    import shutil
    import ssl

    import aiohttp

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed, to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    with serving(data_dir, "--register", str(TEAM), "--tls-cert", str(cert), "--tls-key", str(key)) as served:
        assert served.link.startswith("https://127.0.0.1:")
        trusting = ssl.create_default_context(cafile=str(cert))
        trusting.check_hostname = False
        status, headers, _, _ = fetch(served.link, ssl=trusting)
        assert status == 303 and "Secure" in headers["Set-Cookie"] and "HttpOnly" in headers["Set-Cookie"]
        with pytest.raises(aiohttp.ClientError):  # plain http on the same port is not answered
            fetch(served.link.replace("https://", "http://", 1))


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
                                            ("0.0.0.0", False), ("::", False), ("10.1.2.3", False), ("team-server", False)])
def test_only_an_address_this_computer_alone_can_reach_is_served_without_tls(host, loopback):
    from choice_assistant.tui.served.access import is_loopback

    assert is_loopback(host) is loopback
