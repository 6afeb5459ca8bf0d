"""The public-post limit kept in the shared store (SHARED_STATE=store), so that every process posting for a member
(a cluster, an HTTP replica) counts the same posts: at most PUBLIC_POSTS in PUBLIC_WINDOW_SECONDS, decided by one
atomic call per post. Members are kept under their keyed hash, each row gone a window after its last post.

While the store cannot be used (not open yet, unreachable), the process's own in-memory limit decides: a person
can then post up to the limit once per process, but nobody's post fails because a database is down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.interactions.cooldowns import PUBLIC_POSTS, PUBLIC_WINDOW_SECONDS, PerUserLimit
from bot.storage.shared import SharedStore

log = logging.getLogger(__name__)


class StoredPostLimit:
    def __init__(
        self,
        store: Callable[[], SharedStore | None],
        fallback: PerUserLimit,
        *,
        rate: int = PUBLIC_POSTS,
        window: float = PUBLIC_WINDOW_SECONDS,
        clock: Callable[[], float] = time.time,  # wall time: shared by every process
    ) -> None:
        self._store, self._fallback = store, fallback
        self._rate, self._window, self._clock = rate, window, clock
        self._failing = False

    async def wait_before_posting(self, user_id: int) -> float:
        store = self._store()
        if store is None:
            return self._fallback.retry_after(user_id)
        try:
            wait = await store.backend.take_post(
                store.member(user_id), now=self._clock(), window=self._window, rate=self._rate
            )
        except Exception as exc:
            if not self._failing:
                log.warning("The shared post limit could not be read (%s); limiting in this process.", _kind(exc))
            self._failing = True
            return self._fallback.retry_after(user_id)
        self._failing = False
        return wait


def _kind(exc: BaseException) -> str:
    return type(exc).__name__
