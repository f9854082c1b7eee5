"""`choice-assistant serve`: the same assistant in a web browser, for holders of a token printed at start."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PORT = 8000


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve", help="the assistant in a web browser (this computer only, unless given a TLS certificate)",
        description="Serve the assistant to web browsers. Each browser tab runs its own assistant on the same "
                    "register and journal. A link with a random key is printed once at start: only a browser that "
                    "opened it gets in. Listens on this computer only (127.0.0.1) unless --host is given, which "
                    "needs --tls-cert and --tls-key.")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default 127.0.0.1, this computer only); any other needs TLS")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--register", metavar="PATH", type=Path, default=argparse.SUPPRESS,
                   help="the team skill register (YAML); default: the bundled demo team")
    p.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                   help="the journal every tab shares (default: $CHOICE_ASSISTANT_DB, else the data folder)")
    p.add_argument("--tls-cert", metavar="FILE", type=Path, help="the server's certificate (PEM), for https")
    p.add_argument("--tls-key", metavar="FILE", type=Path, help="the certificate's private key (PEM)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from choice_assistant.errors import InputError
    from choice_assistant.journal import open_journal
    from choice_assistant.register.later import RegisterToCheck
    from choice_assistant.tui.served.access import Access, is_loopback

    if not 0 <= args.port <= 65535:
        raise InputError(None, f"{args.port} is not a port: give one from 1 to 65535 (or 0 for any free one)", place="--port")
    tls = tls_context(args.tls_cert, args.tls_key)
    if tls is None and not is_loopback(args.host):
        raise InputError(None, f"listening on '{args.host}' would let other computers reach appointments over plain "
                               "http: give --tls-cert and --tls-key (a certificate for this server), or leave out "
                               "--host to serve this computer only", place="--host")
    # Everything a tab needs is checked now, once, so a browser never meets a bad register or journal.
    register_path = getattr(args, "register", None)
    register = RegisterToCheck(register_path).get()
    db = getattr(args, "db", None)
    open_journal(db).close()

    from choice_assistant.tui.served.server import AppCommand, AssistantServer
    from choice_assistant.tui.served.server import run as serve

    access = Access.new(tls=tls is not None)
    server = AssistantServer(register, AppCommand(register_path, db), access)

    def listening(port: int) -> None:
        print(f"The Choice assistant ({register.team}) is open to browsers at this link; it carries the key, "
              "so give it only to your team:", flush=True)
        print(f"    {access_url(args.host, port, tls is not None, access.token)}", flush=True)
        print("Each browser tab runs its own assistant. Stop with Ctrl+C (what is typed in open tabs is saved).", flush=True)

    serve(server, args.host, args.port, tls, listening)
    return 0


def tls_context(cert: Path | None, key: Path | None):
    """An SSLContext for https from the certificate and key, or None when neither is given."""
    import ssl

    from choice_assistant.errors import InputError

    if cert is None and key is None:
        return None
    if cert is None or key is None:
        given, missing = ("--tls-cert", "--tls-key") if key is None else ("--tls-key", "--tls-cert")
        raise InputError(None, f"{given} needs {missing} as well", place=missing)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        if isinstance(exc, ssl.SSLError):
            reason = exc.reason or "not a PEM certificate and key"
        else:
            reason = exc.strerror or "it cannot be read"
        raise InputError(cert, f"the certificate and key ({key}) cannot be used for https ({reason}): "
                               "give a PEM certificate and its matching private key", place="--tls-cert") from None
    return context


def access_url(host: str, port: int, tls: bool, token: str) -> str:
    """The link printed at start: this server, with the key."""
    import socket

    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"{'https' if tls else 'http'}://{shown}:{port}/?token={token}"
