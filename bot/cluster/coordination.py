"""What the cluster code needs from a shared database (PostgreSQL: bot.storage.postgres_cluster)."""

from __future__ import annotations

from typing import Protocol

from bot.storage.postgres_cluster import Holder


class Coordination(Protocol):
    async def take_identify_turn(self, bucket: int, interval: float) -> float: ...

    async def claim_shards(self, shard_ids: list[int], shard_count: int, owner: str, ttl: float) -> list[Holder]: ...

    async def renew_shards(self, shard_count: int, owner: str, ttl: float) -> set[int]: ...

    async def release_shards(self, owner: str) -> None: ...
