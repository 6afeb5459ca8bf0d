"""Before the gateway connects: how many shards, which are this process's, whether Discord still allows that many
session starts today, and (with a shared database) the leases that keep another process off the same shards.

Runs in the bot's setup_hook, after login and before connect, so a process that must wait (the daily limit is
nearly spent; another process runs its shards) waits there with one line, instead of connecting and being cut off or
crash-looping its token into Discord's reset.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.cluster.coordination import Coordination
from bot.cluster.identify import IdentifyTurns
from bot.cluster.leases import ShardLeases, owner_name
from bot.cluster.shards import SessionStarts, cluster_shards, describe

log = logging.getLogger(__name__)
GatewayInfo = Callable[[], Awaitable[tuple[int, SessionStarts]]]


@dataclass(frozen=True)
class ShardChoice:
    shard_count: int | None  # None: as Discord recommends
    cluster_index: int = 0
    cluster_count: int = 1


class ShardPlan:
    def __init__(self, choice: ShardChoice) -> None:
        self.choice = choice
        self.shard_count = 0
        self.shard_ids: list[int] = []
        self.turns = IdentifyTurns(None)
        self.leases: ShardLeases | None = None
        self.stopping = asyncio.Event()

    async def prepare(self, gateway_info: GatewayInfo, coordination: Coordination | None) -> bool:
        """Decide the shards and wait until they may connect; False when asked to stop meanwhile."""
        recommended, starts = await gateway_info()
        self.shard_count = self.choice.shard_count or recommended
        self.shard_ids = cluster_shards(self.shard_count, self.choice.cluster_index, self.choice.cluster_count)
        self.turns = IdentifyTurns(coordination, starts.max_concurrency)
        if not await self._within_session_starts(gateway_info, starts):
            return False
        if coordination is not None:
            owner = owner_name(self.choice.cluster_index)
            self.leases = ShardLeases(coordination, self.shard_ids, self.shard_count, owner)
            if not await self.leases.acquire(self.stopping):
                return False
        log.info(
            "Running %s (cluster %d of %d).",
            describe(self.shard_ids, self.shard_count),
            self.choice.cluster_index,
            self.choice.cluster_count,
        )
        return True

    async def _within_session_starts(self, gateway_info: GatewayInfo, starts: SessionStarts) -> bool:
        needed = len(self.shard_ids)
        while (wait := starts.wait_before_starting(needed)) > 0:
            log.warning(
                "Discord allows %d more session start(s) today and this process needs %d: waiting %.0f s for the "
                "daily allowance to reset, rather than connecting (spending it would end every session and reset "
                "the token).",
                starts.remaining,
                needed,
                wait,
            )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), wait)
            if self.stopping.is_set():
                return False
            _, starts = await gateway_info()
        return True

    async def close(self) -> None:
        self.stopping.set()
        if self.leases is not None:
            await self.leases.release()
