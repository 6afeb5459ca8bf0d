"""Per-user limits on posting publicly, kept in memory only: user IDs are never written anywhere."""

from __future__ import annotations

import time
from collections.abc import Callable

# Public posts (/card, "Share here", a public lookup): a few in a row are fine, a flood is not.
PUBLIC_POSTS = 3
PUBLIC_WINDOW_SECONDS = 60.0
_PRUNE_AT = 5000  # entries kept before expired ones are swept


class PerUserLimit:
    def __init__(self, rate: int, per: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate, self._per, self._clock = rate, per, clock
        self._uses: dict[int, list[float]] = {}
        self._swept_at = clock()

    def retry_after(self, user_id: int) -> float:
        """Seconds to wait before this user may act again; 0.0 (and the use is recorded) when they may now."""
        now = self._clock()
        recent = [t for t in self._uses.get(user_id, ()) if now - t < self._per]
        if len(recent) >= self._rate:
            self._uses[user_id] = recent
            return self._per - (now - recent[0])
        recent.append(now)
        self._uses[user_id] = recent
        if len(self._uses) > _PRUNE_AT and now - self._swept_at >= self._per:  # at most one sweep per window
            self._uses = {u: ts for u, ts in self._uses.items() if now - ts[-1] < self._per}
            self._swept_at = now
        return 0.0


def public_post_limit() -> PerUserLimit:
    return PerUserLimit(PUBLIC_POSTS, PUBLIC_WINDOW_SECONDS)


def wait_message(seconds: float) -> str:
    return f"You've posted a few cards in a row. Please wait {max(1, round(seconds))} seconds before posting another."
