"""REST rate limits the way Discord applies them: per-route buckets keyed by their top-level resource, one global
limit, and the X-RateLimit-* headers on every answer.

Discord publishes no per-route numbers (and asks apps not to hard-code them), so the limits below are this
emulator's choice, of the size Discord's own headers commonly show; what is Discord's is the mechanism.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

GLOBAL_PER_SECOND = 50  # documented: "All bots can make up to 50 requests per second"
# Path parameters that make a bucket separate per resource (channel, guild, webhook; an interaction's own token).
TOP_LEVEL_PARAMETERS = ("channel_id", "guild_id", "webhook_id", "webhook_token", "interaction_id", "interaction_token")


@dataclass(frozen=True)
class Limit:
    requests: int
    per: float  # seconds


DEFAULT_LIMIT = Limit(50, 1.0)
# (method or "*", path-template prefix, limit, bucket group): the first match wins.
ROUTE_LIMITS: tuple[tuple[str, str, Limit, str], ...] = (
    ("POST", "/channels/{channel_id}/messages", Limit(5, 5.0), "channel-messages"),
    ("*", "/channels/{channel_id}/messages/pins", Limit(5, 5.0), "channel-pins"),
    ("*", "/webhooks/{webhook_id}/{webhook_token}", Limit(5, 2.0), "webhook"),
    ("*", "/applications/{application_id}/guilds/{guild_id}/commands", Limit(10, 20.0), "guild-commands"),
    ("*", "/applications/{application_id}/commands", Limit(10, 20.0), "global-commands"),
)
# Interaction endpoints are not bound to the global limit (Discord's documentation says so).
EXEMPT_FROM_GLOBAL = ("/interactions/", "/webhooks/")


@dataclass
class Window:
    limit: Limit
    bucket: str
    used: int = 0
    resets_at: float = 0.0  # monotonic seconds


@dataclass(frozen=True)
class Verdict:
    """What the limiter decided for one request: allowed or not, and the headers to send either way."""

    allowed: bool
    headers: dict[str, str]
    retry_after: float = 0.0
    is_global: bool = False


@dataclass
class RateLimiter:
    enabled: bool = True
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time
    global_per_second: int = GLOBAL_PER_SECOND
    _windows: dict[tuple[str, tuple[str, ...]], Window] = field(default_factory=dict)
    _recent: deque[float] = field(default_factory=deque)  # times of recent requests under the global limit

    def take(self, method: str, template: str, params: Mapping[str, str]) -> Verdict | None:
        """Count one request; None when limiting is off (and then no headers are sent either)."""
        if not self.enabled:
            return None
        now = self.clock()
        limit, group = route_limit(method, template)
        if not template.startswith(EXEMPT_FROM_GLOBAL):
            refused = self._take_global(now)
            if refused is not None:
                return refused
        key = (group, tuple(params.get(name, "") for name in TOP_LEVEL_PARAMETERS))
        window = self._windows.get(key)
        if window is None or now >= window.resets_at:
            window = self._windows[key] = Window(limit, bucket_hash(group), resets_at=now + limit.per)
        if window.used >= limit.requests:
            return Verdict(False, self._headers(window, now), retry_after=window.resets_at - now)
        window.used += 1
        return Verdict(True, self._headers(window, now))

    def _take_global(self, now: float) -> Verdict | None:
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.global_per_second:
            retry_after = self._recent[0] + 1.0 - now
            return Verdict(False, {"X-RateLimit-Global": "true"}, retry_after=retry_after, is_global=True)
        self._recent.append(now)
        return None

    def _headers(self, window: Window, now: float) -> dict[str, str]:
        reset_after = max(0.0, window.resets_at - now)
        return {
            "X-RateLimit-Limit": str(window.limit.requests),
            "X-RateLimit-Remaining": str(max(0, window.limit.requests - window.used)),
            "X-RateLimit-Reset": f"{self.wall_clock() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": window.bucket,
        }


def route_limit(method: str, template: str) -> tuple[Limit, str]:
    for limited_method, prefix, limit, group in ROUTE_LIMITS:
        if limited_method in ("*", method) and template.startswith(prefix):
            return limit, group
    return DEFAULT_LIMIT, f"{method} {template}"


def bucket_hash(group: str) -> str:
    """An opaque bucket id, the same for every resource of the route, as Discord's X-RateLimit-Bucket is."""
    return hashlib.sha1(group.encode()).hexdigest()[:32]


def too_many_requests(
    retry_after: float, *, is_global: bool, headers: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The 429 body and headers: retry_after in seconds, and Retry-After as whole seconds."""
    retry_after = round(max(retry_after, 0.0), 3)
    all_headers = {
        **headers,
        "Retry-After": str(math.ceil(retry_after)),
        "X-RateLimit-Scope": "global" if is_global else "user",
        "Via": "1.1 google",  # Discord's answers come through its proxy; discord.py retries only those 429s
    }
    if is_global:
        all_headers["X-RateLimit-Global"] = "true"
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global, "code": 0}
    return body, all_headers
