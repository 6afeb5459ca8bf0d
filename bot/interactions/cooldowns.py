"""Per-user limits on posting publicly, kept in memory only: user IDs are never written anywhere.

A user ID is kept only while it matters, about one window: the bot sweeps expired ones on a timer (`sweep`), and
the number kept is capped (the least recently active go first), so a flood cannot grow memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

# Public posts (/card, "Share here", a public lookup, a quiz in a server): a few in a row are fine, a flood is not.
PUBLIC_POSTS = 3
PUBLIC_WINDOW_SECONDS = 60.0
MAX_PEOPLE = 10_000  # people remembered at once


class PostLimit(Protocol):
    async def wait_before_posting(self, user_id: int) -> float:
        """0.0 when this user may post now (the post is counted), else the seconds to wait."""


class PerUserLimit:
    def __init__(
        self, rate: int, per: float, clock: Callable[[], float] = time.monotonic, max_people: int = MAX_PEOPLE
    ) -> None:
        self._rate, self._per, self._clock, self._max = rate, per, clock, max_people
        self._uses: dict[int, list[float]] = {}  # least recently active first

    def __len__(self) -> int:
        return len(self._uses)

    def retry_after(self, user_id: int) -> float:
        """Seconds to wait before this user may act again; 0.0 (and the use is recorded) when they may now."""
        now = self._clock()
        recent = [t for t in self._uses.pop(user_id, ()) if now - t < self._per]
        allowed = len(recent) < self._rate
        if allowed:
            recent.append(now)
        self._uses[user_id] = recent  # re-inserted last: most recently active
        while len(self._uses) > self._max:
            del self._uses[next(iter(self._uses))]
        return 0.0 if allowed else self._per - (now - recent[0])

    async def wait_before_posting(self, user_id: int) -> float:
        return self.retry_after(user_id)

    def sweep(self) -> None:
        """Forget everyone whose last use left the window."""
        now = self._clock()
        for user_id in [u for u, uses in self._uses.items() if now - uses[-1] >= self._per]:
            del self._uses[user_id]


def public_post_limit() -> PerUserLimit:
    return PerUserLimit(PUBLIC_POSTS, PUBLIC_WINDOW_SECONDS)


def wait_message(seconds: float) -> str:
    return f"You've posted a few times in a row. Please wait {max(1, round(seconds))} seconds before posting again."
