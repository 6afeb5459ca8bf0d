"""Identify turns and shard leases, as several processes see them through one real PostgreSQL."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.cluster.leases import ShardLeases
from bot.storage.postgres import PostgresDatabase
from bot.storage.target import PostgresTarget, parse_database_url


@pytest.fixture
def target(postgres_url: str, tmp_path) -> PostgresTarget:
    found = parse_database_url(postgres_url, tmp_path / "unused")
    assert isinstance(found, PostgresTarget)
    return found


async def test_processes_taking_turns_get_slots_one_interval_apart_per_bucket(target: PostgresTarget) -> None:
    processes = [await PostgresDatabase.open(target) for _ in range(3)]
    try:
        waits = await asyncio.gather(*(p.take_identify_turn(0, 5.5) for p in processes * 2))
        other_bucket = await processes[0].take_identify_turn(1, 5.5)
    finally:
        await asyncio.gather(*(p.close() for p in processes))
    # Six turns in one bucket: now, then one every 5.5 s, whoever asked; measured on the database's clock.
    assert [round(w / 5.5) for w in sorted(waits)] == [0, 1, 2, 3, 4, 5]
    assert other_bucket == 0.0  # another bucket starts at once


async def test_a_shard_held_by_a_live_process_is_not_taken_and_a_set_is_taken_whole_or_not_at_all(
    target: PostgresTarget,
) -> None:
    first, second = PostgresDatabase.open(target), PostgresDatabase.open(target)
    first, second = await first, await second
    try:
        assert await first.claim_shards([1, 3], 4, "cluster 1 (a)", 30.0) == []
        held = await second.claim_shards([3, 5], 4, "cluster 1 (b)", 30.0)
        assert [(h.shard_id, h.owner) for h in held] == [(3, "cluster 1 (a)")] and held[0].expires_in > 20
        assert await second.claim_shards([5], 4, "cluster 2 (c)", 30.0) == []  # shard 5 was not kept by (b)
        assert await first.renew_shards(4, "cluster 1 (a)", 30.0) == {1, 3}
        assert await first.claim_shards([1, 3], 8, "other count", 30.0) == []  # another shard count: other shards
        await first.release_shards("cluster 1 (a)")
        assert await second.claim_shards([1, 3], 4, "cluster 1 (b)", 30.0) == []  # released: free at once
    finally:
        await first.close()
        await second.close()


async def test_a_waiting_process_takes_the_shards_once_the_holders_lease_runs_out(
    target: PostgresTarget, caplog: pytest.LogCaptureFixture
) -> None:
    holder, waiter = await PostgresDatabase.open(target), await PostgresDatabase.open(target)
    try:
        assert await holder.claim_shards([0], 1, "cluster 0 (old)", 1.0) == []
        leases = ShardLeases(waiter, [0], 1, "cluster 0 (new)", ttl=1.0)
        with caplog.at_level(logging.WARNING):
            assert await asyncio.wait_for(leases.acquire(asyncio.Event()), 30)  # the old one never renewed
        (line,) = [r.getMessage() for r in caplog.records if "Not connecting" in r.getMessage()]
        assert "cluster 0 (old)" in line and "shard 0 of 1" in line
        # The old process comes back and renews: its lease is gone, so it learns to stop.
        assert await holder.renew_shards(1, "cluster 0 (old)", 1.0) == set()
        stopping = asyncio.Event()
        stopping.set()
        assert await ShardLeases(holder, [0], 1, "cluster 0 (old)").acquire(stopping) is False
    finally:
        await holder.close()
        await waiter.close()
