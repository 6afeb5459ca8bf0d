"""Taking turns to IDENTIFY (discord.py's before_identify_hook).

Each identify bucket (shard_id % max_concurrency) may start one session per 5 seconds across every process using
the token. With a shared database, each IDENTIFY takes a slot from the bucket's row there (one clock for all
processes, bot.storage.postgres_cluster); without one, this process spaces its own identifies per bucket, which is
enough for a single process. If the database does not answer, the local spacing is used: Discord answers a
too-early IDENTIFY with INVALID_SESSION, and discord.py then waits and identifies again, so nothing is lost.
"""

from __future__ import annotations

import asyncio
import logging
import time

from bot.cluster.coordination import Coordination
from bot.cluster.shards import IDENTIFY_INTERVAL, IDENTIFY_MARGIN, identify_bucket

log = logging.getLogger(__name__)


class IdentifyTurns:
    def __init__(self, coordination: Coordination | None, max_concurrency: int = 1) -> None:
        self._coordination = coordination
        self.max_concurrency = max_concurrency
        self._last: dict[int, float] = {}  # bucket -> when this process last let an IDENTIFY go
        self._lock = asyncio.Lock()

    async def wait_for_turn(self, shard_id: int) -> None:
        bucket = identify_bucket(shard_id, self.max_concurrency)
        spacing = IDENTIFY_INTERVAL + IDENTIFY_MARGIN
        wait = None
        if self._coordination is not None:
            try:
                wait = await self._coordination.take_identify_turn(bucket, spacing)
            except Exception as exc:
                log.warning("Could not take an identify turn from the database (%s); spacing locally.", _kind(exc))
        async with self._lock:
            if wait is None:
                last = self._last.get(bucket)
                wait = 0.0 if last is None else max(0.0, last + spacing - time.monotonic())
            self._last[bucket] = time.monotonic() + wait
        if wait > 0:
            log.debug("Shard %d waits %.1f s for its identify turn.", shard_id, wait)
            await asyncio.sleep(wait)


def _kind(exc: BaseException) -> str:
    return type(exc).__name__
