"""The web server of `choice-assistant serve`: only a holder of the token gets in, each browser says who is at
its keyboard, and each tab runs its own app process (textual-serve's) as that clinician."""

from __future__ import annotations

import asyncio
import json
import shlex
import signal
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from choice_assistant.errors import InputError
from choice_assistant.tui.served.access import Access, same_origin
from choice_assistant.tui.served.keyboard import ENV_VAR, REMEMBERED_DAYS, clinician_named

if TYPE_CHECKING:  # pragma: no cover
    import ssl

    from choice_assistant.register.model import Clinician, Register

TEMPLATES = Path(__file__).with_name("templates")
REFUSED = ("This address needs the link that `choice-assistant serve` printed when it started (the link carries "
           "its key). Ask whoever started it for the link.\n")


@dataclass(frozen=True)
class AppCommand:
    """How a tab's app process starts: this Python, this project's own app, the same register and journal."""

    register: Path | None
    db: str | None

    def argv(self) -> list[str]:
        argv = [sys.executable, "-m", "choice_assistant"]
        if self.register is not None:
            argv += ["--register", str(self.register.resolve())]
        if self.db:
            argv += ["--db", self.db]
        return argv

    def for_clinician(self, clinician_id: str) -> str:
        """The shell line textual-serve runs: the app, told (and checking) who is at this browser's keyboard.
        `exec` makes the app the server's own child, so it notices if the server goes."""
        return f"{ENV_VAR}={shlex.quote(clinician_id)}; export {ENV_VAR}; exec {shlex.join(self.argv())}"


class AssistantServer(Server):
    """textual-serve's Server with the assistant's own pages, its access rule and one app per tab per clinician.

    Subclassed, not used as it is, for two reasons: its page loads a font from another host (this one loads
    everything from the package), and it runs one fixed command, which cannot say who is at each browser's
    keyboard. Its download handler, download manager and static files (the terminal's script, style and
    fonts) are used unchanged; the web application is built here so that every route passes the token check.
    """

    def __init__(self, register: "Register", command: AppCommand, access: Access) -> None:
        super().__init__(command="choice-assistant", title="Choice assistant")
        self.register = register
        self.app_command = command
        self.access = access
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        self.sockets: set[web.WebSocketResponse] = set()

    # -- the application -----------------------------------------------------------------
    def application(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/who", self.ask_who, name="who"),
            web.post("/who", self.choose_who),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, name="static"),
        ])
        app.on_response_prepare.append(self.protect)
        app.on_shutdown.append(self.close_sockets)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler) -> web.StreamResponse:
        """Every request needs the token (in the address once, then the cookie); else 403 and nothing else."""
        access = self.access
        given = request.query.get("token")
        if not access.admits(given, request.cookies.get(access.cookie)):
            return refused()
        changes = request.method != "GET" or request.path == "/ws"
        if changes and not same_origin(request.headers.get("Origin"), self.scheme, request.host):
            return refused()
        if given is not None and request.path != "/ws" and access.admits(given):
            # From now on the cookie carries the token: the address bar and the history lose it.
            kept = {k: v for k, v in request.query.items() if k != "token"}
            response = see_other(str(request.rel_url.with_query(kept)))
            response.set_cookie(access.cookie, access.token, **access.cookie_options())
            return response
        return await handler(request)

    async def protect(self, request: web.Request, response: web.StreamResponse) -> None:
        """Headers on every answer: nothing cached, nothing framed by another site, nothing loaded from elsewhere."""
        h = response.headers
        h["Cache-Control"] = "no-store"
        h["X-Content-Type-Options"] = "nosniff"
        h["Referrer-Policy"] = "same-origin"
        h["X-Frame-Options"] = "DENY"
        h["Content-Security-Policy"] = (
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; "
            f"img-src 'self' data:; connect-src 'self' {self.socket_scheme}://{request.host}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")

    @property
    def scheme(self) -> str:
        return "https" if self.access.tls else "http"

    @property
    def socket_scheme(self) -> str:
        return "wss" if self.access.tls else "ws"

    # -- who is at the keyboard ------------------------------------------------------------
    def at_keyboard(self, request: web.Request) -> "Clinician | None":
        return clinician_named(self.register, request.cookies.get(self.access.who_cookie))

    async def ask_who(self, request: web.Request, problem: str = "", status: int = 200) -> web.Response:
        current = self.at_keyboard(request)
        return self.page("who.html", status, team=self.register.team, clinicians=self.register.clinicians,
                         current=current.id if current else None, problem=problem)

    async def choose_who(self, request: web.Request) -> web.Response:
        form = await request.post()
        value = form.get("clinician")
        who = clinician_named(self.register, value if isinstance(value, str) else None)
        if who is None:
            return await self.ask_who(request, "That is not someone in the team's register: choose from the list.", 400)
        response = see_other("/")
        response.set_cookie(self.access.who_cookie, who.id, **self.access.cookie_options(REMEMBERED_DAYS * 86400))
        return response

    # -- the assistant ---------------------------------------------------------------------
    async def handle_index(self, request: web.Request) -> web.Response:  # type: ignore[override]
        who = self.at_keyboard(request)
        if who is None:
            return see_other("/who")
        size = min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40)
        return self.page("page.html", team=self.register.team, who=who.name, font_size=size,
                         websocket_url=f"{self.socket_scheme}://{request.host}/ws")

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """One tab: its own app process, as the clinician at this browser's keyboard, until the tab goes."""
        who = self.at_keyboard(request)
        if who is None:
            return refused()
        websocket = web.WebSocketResponse(heartbeat=15)
        width = min(max(to_int(request.query.get("width", "80"), 80), 20), 500)
        height = min(max(to_int(request.query.get("height", "24"), 24), 10), 300)
        await websocket.prepare(request)
        self.sockets.add(websocket)
        service = AppService(self.app_command.for_clinician(who.id), write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close,
                             download_manager=self.download_manager)
        try:
            await service.start(width, height)
            await relay(websocket, service)
        finally:
            # The tab closed, the connection dropped or the server is stopping: the app is told to quit, and
            # saves what was typed before it ends (as it does when its terminal is closed).
            await service.stop()
            self.sockets.discard(websocket)
        return websocket

    async def close_sockets(self, app: web.Application) -> None:
        for websocket in list(self.sockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY, message=b"the server is stopping")

    def page(self, name: str, status: int = 200, **values) -> web.Response:
        html = self.pages.get_template(name).render(**values)
        return web.Response(text=html, status=status, content_type="text/html")


async def relay(websocket: web.WebSocketResponse, service: AppService) -> None:
    """Pass what the browser sends (keys, size, focus) to the app process; anything malformed is dropped."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except ValueError:
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], (envelope[1] if len(envelope) > 1 else None)
        if kind == "stdin" and isinstance(data, str):
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(to_int(str(data.get("width")), 80), to_int(str(data.get("height")), 24))
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


def refused() -> web.Response:
    return web.Response(status=403, text=REFUSED, content_type="text/plain")


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def run(server: AssistantServer, host: str, port: int, tls: "ssl.SSLContext | None",
        listening: Callable[[int], None]) -> None:
    """Serve until Ctrl+C or a stop signal; `listening(port)` is called once the port is open."""
    asyncio.run(_run(server, host, port, tls, listening))


async def _run(server, host, port, tls, listening) -> None:
    runner = web.AppRunner(server.application(), access_log=None, shutdown_timeout=10.0)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port, ssl_context=tls).start()
        except OSError as exc:
            raise InputError(None, f"cannot listen on {host} port {port} ({exc.strerror or 'refused'}): choose another "
                                   "--port, or stop what is using it", place="--port") from None
        server.access.port = runner.addresses[0][1]
        listening(server.access.port)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
