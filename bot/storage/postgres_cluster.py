"""What bot processes running shards of one bot agree on through PostgreSQL (no other service): whose turn it is to
IDENTIFY, and which process runs which shard.

Identify turns: Discord lets each bucket (shard_id % max_concurrency) start one session per 5 s, across every
process using the token. A row per bucket holds the first moment the next start may happen; taking a turn moves it
on by the interval in one upsert, so each caller gets a slot of its own, measured on the database's clock (one clock
for every machine).

Shard leases: a row per shard names the process running it and expires unless renewed. A process takes its shards
all or none; one that finds a shard held by another live process does not connect it (a duplicate shard would get
every event twice).
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

_TAKE_TURN = """
    INSERT INTO identify_turns (bucket, next_at) VALUES ($1, clock_timestamp() + make_interval(secs => $2))
    ON CONFLICT (bucket) DO UPDATE
        SET next_at = GREATEST(identify_turns.next_at, clock_timestamp()) + make_interval(secs => $2)
    RETURNING GREATEST(0, EXTRACT(EPOCH FROM (next_at - clock_timestamp())) - $2)::float8
"""
_CLAIM = """
    INSERT INTO shard_leases (shard_id, shard_count, owner, expires_at)
    VALUES ($1, $2, $3, clock_timestamp() + make_interval(secs => $4))
    ON CONFLICT (shard_id, shard_count) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
        WHERE shard_leases.owner = EXCLUDED.owner OR shard_leases.expires_at < clock_timestamp()
    RETURNING owner
"""

_HOLDERS = """
    SELECT shard_id, owner, GREATEST(0, EXTRACT(EPOCH FROM (expires_at - clock_timestamp())))::float8
    FROM shard_leases WHERE shard_count = $1 AND shard_id = ANY($2::int[]) ORDER BY shard_id
"""


@dataclass(frozen=True)
class Holder:
    shard_id: int
    owner: str
    expires_in: float  # seconds


class PostgresCluster:
    _pool: asyncpg.Pool

    async def take_identify_turn(self, bucket: int, interval: float) -> float:
        """Reserve the next start in `bucket`; returns the seconds to wait before identifying (0.0: now)."""
        async with self._pool.acquire() as conn:
            return float(await conn.fetchval(_TAKE_TURN, bucket, float(interval)))

    async def claim_shards(self, shard_ids: list[int], shard_count: int, owner: str, ttl: float) -> list[Holder]:
        """Take (or renew) the leases of all `shard_ids`, or of none: returns the shards held by another live
        process (empty when all are now `owner`'s)."""
        async with self._pool.acquire() as conn:
            transaction = conn.transaction()
            await transaction.start()
            try:
                taken = [await conn.fetchval(_CLAIM, shard, shard_count, owner, float(ttl)) for shard in shard_ids]
                held = [shard for shard, got in zip(shard_ids, taken, strict=True) if got is None]
                rows = await conn.fetch(_HOLDERS, shard_count, held) if held else []
            except BaseException:
                await transaction.rollback()
                raise
            if held:  # all or none: no lease stays taken while a shard of the set cannot be
                await transaction.rollback()
            else:
                await transaction.commit()
        return [Holder(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    async def renew_shards(self, shard_count: int, owner: str, ttl: float) -> set[int]:
        """Push back `owner`'s leases; returns the shards it still holds (one taken over is missing)."""
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "UPDATE shard_leases SET expires_at = clock_timestamp() + make_interval(secs => $3) "
                "WHERE owner = $2 AND shard_count = $1 RETURNING shard_id",
                shard_count,
                owner,
                float(ttl),
            )
        return {int(r[0]) for r in rows}

    async def release_shards(self, owner: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("DELETE FROM shard_leases WHERE owner = $1", owner)
