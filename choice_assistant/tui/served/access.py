"""Who may reach the served assistant: one random token, given once as a link, then kept in a cookie."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass


@dataclass
class Access:
    """The token of one run of `serve`, and how its cookie is named and marked (`port` is set once listening)."""

    token: str
    tls: bool
    port: int = 0

    @classmethod
    def new(cls, tls: bool) -> "Access":
        return cls(secrets.token_urlsafe(32), tls)

    @property
    def cookie(self) -> str:
        # One name per port: cookies are shared by every port of a host, and two servers must not mix tokens.
        return f"choice-assistant-{self.port}"

    @property
    def who_cookie(self) -> str:
        """Who is at this browser's keyboard (a register id, checked on every use)."""
        return f"choice-assistant-{self.port}-who"

    def admits(self, *given: str | None) -> bool:
        """True when any of the values given (from the address, from the cookie) is this run's token."""
        want = self.token.encode()
        return any(g is not None and hmac.compare_digest(g.encode(), want) for g in given)

    def cookie_options(self, max_age: int | None = None) -> dict:
        """Marks for every cookie the server sets: never readable by scripts, never sent from another site."""
        options = {"httponly": True, "samesite": "Strict", "secure": self.tls, "path": "/"}
        if max_age is not None:
            options["max_age"] = max_age
        return options


def same_origin(origin: str | None, scheme: str, host: str) -> bool:
    """A request that says where it comes from must come from this page itself (no other site's page may drive it)."""
    return origin is None or origin == f"{scheme}://{host}"


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
