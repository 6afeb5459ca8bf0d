"""Sharding as Discord documents it: which shard a guild's events go to, and what a valid `shard` is."""

from __future__ import annotations

from typing import Any

Shard = tuple[int, int]  # (shard_id, num_shards)
UNSHARDED: Shard = (0, 1)


def shard_of(guild_id: str | None, num_shards: int) -> int:
    """`(guild_id >> 22) % num_shards`; events without a guild (DMs) go to shard 0."""
    return 0 if guild_id is None else (int(guild_id) >> 22) % num_shards


def parse_shard(value: Any) -> Shard | None:
    """IDENTIFY's `shard` as (id, count); None when it is not a valid pair (close 4010). Absent means unsharded."""
    if value is None:
        return UNSHARDED
    if not isinstance(value, list | tuple) or len(value) != 2:
        return None
    shard_id, count = value
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (shard_id, count)):
        return None
    return (shard_id, count) if 0 <= shard_id < count else None


def receives(shard: Shard, guild_id: str | None) -> bool:
    return shard_of(guild_id, shard[1]) == shard[0]
