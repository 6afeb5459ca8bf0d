"""The bot as one member of a cluster of processes: its shards planned before connecting, its turn to IDENTIFY
taken, its shard leases renewed, and its health written for the container's check (bot.cluster)."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from discord.ext import commands

from bot.cluster.heartbeat import Heartbeat
from bot.cluster.shards import SessionStarts
from bot.cluster.start import ShardPlan
from bot.storage.backend import Backend
from bot.storage.postgres import PostgresDatabase

log = logging.getLogger(__name__)


class ClusterMember(commands.AutoShardedBot):
    shard_plan: ShardPlan
    heartbeat: Heartbeat
    exit_code: int
    _stopping_after_loss: asyncio.Future[Any]

    @property
    def database(self) -> Backend | None:
        raise NotImplementedError

    async def _plan_shards(self) -> bool:
        """This process's shards, within the daily session starts and (PostgreSQL) their leases (bot.cluster)."""

        async def gateway_info() -> tuple[int, SessionStarts]:
            shards, _url, limits = await self.http.get_bot_gateway()
            return shards, SessionStarts.from_payload(limits)

        coordination = self.database if isinstance(self.database, PostgresDatabase) else None
        if not await self.shard_plan.prepare(gateway_info, coordination):
            return False
        self.shard_count, self.shard_ids = self.shard_plan.shard_count, self.shard_plan.shard_ids
        if self.shard_plan.leases is not None:
            self.shard_plan.leases.keep_renewing(self._shards_taken_over)
        return True

    def _shards_taken_over(self, shards: set[int]) -> None:
        log.error(
            "Another process took over shard(s) %s while this one could not renew their leases; stopping this "
            "process so that no shard runs twice.",
            ", ".join(map(str, sorted(shards))),
        )
        self.exit_code = 1
        self._stopping_after_loss = asyncio.ensure_future(self.close())

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Each identify bucket starts one session per 5 s across every process (bot.cluster.identify)."""
        await self.shard_plan.turns.wait_for_turn(shard_id or 0)

    def _health(self) -> tuple[bool, dict[int, bool]]:
        connected = {shard_id: not info.is_closed() for shard_id, info in self.shards.items()}
        expected = {shard_id: connected.get(shard_id, False) for shard_id in self.shard_plan.shard_ids}
        return self.is_ready() and not self.is_closed(), expected

    async def on_shard_ready(self, _shard_id: int) -> None:
        self.heartbeat.beat()

    async def on_shard_disconnect(self, _shard_id: int) -> None:
        self.heartbeat.beat()

    async def on_shard_resumed(self, _shard_id: int) -> None:
        self.heartbeat.beat()
