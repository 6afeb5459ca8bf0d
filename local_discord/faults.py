"""Fault injection: make the local Discord misbehave the ways the real one does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web

from local_discord.http_json import error_response

if TYPE_CHECKING:
    from local_discord.gateway import Gateway

RATE_LIMIT = "rate_limit"
SERVER_ERROR = "server_error"
DELAY = "delay"


@dataclass
class HttpFault:
    kind: str
    route: str | None  # substring of "METHOD /path/template"; None matches every request
    remaining: int
    retry_after: float = 0.0
    is_global: bool = False
    status: int = 500
    seconds: float = 0.0

    def matches(self, method: str, template: str) -> bool:
        return self.route is None or self.route in f"{method} {template}"


class Faults:
    """Arm faults for the next N matching requests, or act on the gateway now.

    `route` is matched as a substring of "METHOD /path/template" (templates as on Discord's docs, e.g.
    "POST /interactions/{interaction_id}/{interaction_token}/callback"), so "/callback", "POST /webhooks"
    or "PUT /applications" all work. Every fault that fired is listed in `injected`.
    """

    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway
        self._armed: list[HttpFault] = []
        self.injected: list[str] = []

    def rate_limit(
        self, route: str | None = None, *, count: int = 1, retry_after: float = 0.05, is_global: bool = False
    ) -> None:
        """Answer the next `count` matching requests with 429 and Discord's rate-limit headers."""
        self._armed.append(HttpFault(RATE_LIMIT, route, count, retry_after=retry_after, is_global=is_global))

    def server_error(self, route: str | None = None, *, count: int = 1, status: int = 500) -> None:
        """Answer the next `count` matching requests with a 5xx (discord.py retries 500/502/504)."""
        self._armed.append(HttpFault(SERVER_ERROR, route, count, status=status))

    def delay(self, route: str | None = None, *, seconds: float, count: int = 1) -> None:
        """Hold the next `count` matching requests for `seconds` before handling them (time counts against
        the interaction window, as a slow path to Discord would)."""
        self._armed.append(HttpFault(DELAY, route, count, seconds=seconds))

    @property
    def pending(self) -> int:
        """Armed HTTP faults that have not fired yet."""
        return sum(fault.remaining for fault in self._armed)

    def take(self, method: str, template: str) -> HttpFault | None:
        """The fault to apply to this request, if one is armed for it (consumes one use)."""
        for fault in self._armed:
            if fault.remaining > 0 and fault.matches(method, template):
                fault.remaining -= 1
                self.injected.append(f"{fault.kind} {method} {template}")
                return fault
        return None

    # Gateway faults act on the bot's current connection.

    async def drop_gateway(self, close_code: int | None = 4000) -> None:
        """Close the gateway connection (None: cut the TCP connection without a close frame)."""
        self.injected.append(f"drop_gateway {close_code}")
        await self._gateway.drop(close_code)

    def go_silent(self) -> None:
        """Stop answering heartbeats and sending events on the current connection (a zombie connection)."""
        self.injected.append("go_silent")
        self._gateway.silence()

    async def send_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client should reconnect and RESUME."""
        self.injected.append("send_reconnect")
        await self._gateway.send_reconnect()

    async def send_invalid_session(self, *, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; not resumable forces a new IDENTIFY."""
        self.injected.append(f"send_invalid_session resumable={resumable}")
        await self._gateway.send_invalid_session(resumable=resumable)


def server_error_response(fault: HttpFault) -> web.Response:
    return error_response(fault.status, 0, f"{fault.status}: Server Error")
