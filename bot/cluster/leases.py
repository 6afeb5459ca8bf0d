"""Refusing to run a shard another process runs: a lease per shard in the shared database.

Before connecting, a process takes the leases of all its shards (or none). While another live process holds one, it
does not connect: it says so in one line and waits, retrying as the other's lease runs out, so a second process
started by mistake (or as a standby) takes over only when the first is gone. Leases are renewed every RENEW_SECONDS
and run out LEASE_SECONDS after the last renewal, so a killed process's shards are free again within that. A process
that finds a lease taken over (it could not renew for longer than that) stops, so no shard ever runs twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable

from bot.cluster.coordination import Coordination
from bot.cluster.shards import describe

log = logging.getLogger(__name__)
LEASE_SECONDS = 15.0
RENEW_SECONDS = 5.0
RETRY_SECONDS = 2.0  # while the database does not answer


def owner_name(cluster_index: int) -> str:
    """Names the process in the lease (shown to the operator when another process finds it): cluster, host,
    process ID, and a random part so two processes never share a name."""
    return f"cluster {cluster_index} on {socket.gethostname()} pid {os.getpid()} #{secrets.token_hex(3)}"


class ShardLeases:
    def __init__(
        self,
        coordination: Coordination,
        shard_ids: list[int],
        shard_count: int,
        owner: str,
        *,
        ttl: float = LEASE_SECONDS,
        renew_every: float = RENEW_SECONDS,
    ) -> None:
        self._coordination = coordination
        self.shard_ids, self.shard_count, self.owner = shard_ids, shard_count, owner
        self._ttl, self._renew_every = ttl, renew_every
        self._renewing: asyncio.Task[None] | None = None

    async def acquire(self, stopping: asyncio.Event) -> bool:
        """Take every lease, waiting while another process holds one; False when asked to stop meanwhile."""
        reported: tuple[str, ...] | None = None  # said once per change of who holds them, not at every retry
        while not stopping.is_set():
            try:
                holders = await self._coordination.claim_shards(self.shard_ids, self.shard_count, self.owner, self._ttl)
            except Exception as exc:
                if reported != ("database",):
                    log.warning("Waiting for the database to check who runs %s (%s).", self._what(), type(exc).__name__)
                    reported = ("database",)
                pause = RETRY_SECONDS
            else:
                if not holders:
                    return True
                others = tuple(sorted({h.owner for h in holders}))
                if others != reported:
                    log.warning(
                        "Not connecting %s: another process runs %s (%s). Waiting until it stops (a lease ends "
                        "%.0f s after its last renewal): the same shard twice would get every event twice.",
                        self._what(),
                        describe([h.shard_id for h in holders], self.shard_count),
                        "; ".join(others),
                        self._ttl,
                    )
                    reported = others
                pause = min(max(h.expires_in for h in holders) + 0.2, self._ttl)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), pause)
        return False

    def keep_renewing(self, on_lost: Callable[[set[int]], None]) -> None:
        if self._renewing is None:
            self._renewing = asyncio.create_task(self._renew(on_lost), name="shard-leases")

    async def _renew(self, on_lost: Callable[[set[int]], None]) -> None:
        failing = False
        while True:
            await asyncio.sleep(self._renew_every)
            try:
                held = await self._coordination.renew_shards(self.shard_count, self.owner, self._ttl)
            except Exception as exc:  # the shards keep running: only a lease found taken over stops them
                if not failing:
                    log.warning("Could not renew the shard leases (%s); retrying.", type(exc).__name__)
                failing = True
                continue
            failing = False
            lost = set(self.shard_ids) - held
            if lost:
                on_lost(lost)
                return

    async def release(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
            self._renewing = None
        with contextlib.suppress(Exception):  # unreachable: the leases simply run out
            await self._coordination.release_shards(self.owner)

    def _what(self) -> str:
        return describe(self.shard_ids, self.shard_count)
