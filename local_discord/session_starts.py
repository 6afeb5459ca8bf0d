"""Discord's rules for starting gateway sessions with one token, whichever process or machine identifies: the
session-start limit (GET /gateway/bot's `session_start_limit`: `remaining` starts out of `total`, counted down by
every session started, back to `total` after `reset_after`) and identify buckets (a shard's bucket is
`shard_id % max_concurrency`; each bucket may start one session per 5 seconds).

Discord documents what breaking each rule does: identifying faster than a bucket allows gets INVALID_SESSION
(op 9, not resumable); identifying once the limit is spent terminates every session and resets the token.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

SESSION_STARTS_PER_DAY = 1000  # Discord's `total` for a bot that is not a large bot
DAY = 24 * 60 * 60.0  # seconds: how long one allowance of session starts lasts
MAX_CONCURRENCY = 1  # a bot that is not a large bot identifies one shard at a time
IDENTIFY_INTERVAL = 5.0  # seconds a bucket waits between two session starts
MS = 1000


class Admission(enum.Enum):
    START = "start"
    TOO_FAST = "too fast"  # the shard's bucket started a session less than the interval ago: op 9
    EXHAUSTED = "exhausted"  # no session starts remaining: sessions terminated, token reset


@dataclass
class SessionStartLimit:
    """The allowance of session starts for the token, and the buckets' clock.

    Times are the event loop's (`clock`), in seconds; `reset_after` in GET /gateway/bot is in milliseconds, as on
    Discord. Only sessions actually started count down `remaining` (a refused IDENTIFY or a RESUME does not).
    """

    clock: Callable[[], float]
    total: int = SESSION_STARTS_PER_DAY
    max_concurrency: int = MAX_CONCURRENCY
    identify_interval: float = IDENTIFY_INTERVAL  # 0 switches the buckets off
    period: float = DAY  # how long an allowance lasts, from the first session it starts
    remaining: int = -1  # -1: as many as `total`
    _resets_at: float | None = None  # when the allowance in use runs out; None until a session starts
    _bucket_started: dict[int, float] = field(default_factory=dict)  # rate-limit key -> time of its last start

    def __post_init__(self) -> None:
        if self.remaining < 0:
            self.remaining = self.total

    def configure(
        self,
        *,
        total: int | None = None,
        remaining: int | None = None,
        reset_after: float | None = None,
        max_concurrency: int | None = None,
        identify_interval: float | None = None,
    ) -> None:
        """Set what GET /gateway/bot reports and the gateway enforces. `reset_after` is in seconds from now (when
        `remaining` goes back to `total`); `identify_interval` is the bucket's 5 s (0: no bucket limit)."""
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError("max_concurrency is at least 1")
        if total is not None:
            self.total = total
        if remaining is not None:
            self.remaining = remaining
        if reset_after is not None:
            self._resets_at = self.clock() + reset_after
        if max_concurrency is not None:
            self.max_concurrency = max_concurrency
            self._bucket_started.clear()  # the keys mean other buckets now
        if identify_interval is not None:
            self.identify_interval = identify_interval

    def rate_limit_key(self, shard_id: int) -> int:
        return shard_id % self.max_concurrency

    def payload(self) -> dict[str, Any]:
        """GET /gateway/bot's `session_start_limit`."""
        self._renew()
        left = self.period if self._resets_at is None else max(0.0, self._resets_at - self.clock())
        return {
            "total": self.total,
            "remaining": self.remaining,
            "reset_after": int(left * MS),
            "max_concurrency": self.max_concurrency,
        }

    def admit(self, shard_id: int) -> Admission:
        """Whether an IDENTIFY for this shard may start a session now; a START is counted."""
        self._renew()
        if self.remaining <= 0:
            return Admission.EXHAUSTED
        now, key = self.clock(), self.rate_limit_key(shard_id)
        last = self._bucket_started.get(key)
        if last is not None and now - last < self.identify_interval:
            return Admission.TOO_FAST
        self._bucket_started[key] = now
        self.remaining -= 1
        if self._resets_at is None:
            self._resets_at = now + self.period
        return Admission.START

    def _renew(self) -> None:
        if self._resets_at is not None and self.clock() >= self._resets_at:
            self.remaining, self._resets_at = self.total, None
