"""One process running all 4 shards against two cluster processes (2 shards each), on the same rig: 8 servers,
one local Discord in the driver, one PostgreSQL on loopback, `/condition` across every server, C in flight.

On a two-core machine the driver has one core and the bot processes share the other, so two clusters get no more
CPU than one process: the figure is what clustering costs (two event loops, two pools, identify turns), not what
it gains. Its gain is more cores or machines, which this rig does not have.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import asyncpg

from bench.processes import REPO
from bench.stats import Summary
from local_discord import LocalDiscord
from tests.postgres_server import start_server

SHARDS = 4
GUILDS = 8


async def _start(
    local: LocalDiscord, env: dict[str, str], cores: set[int], log: Path, stack: AsyncExitStack
) -> asyncio.subprocess.Process:
    environ = {
        **os.environ,
        **env,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env=environ,
        cwd=log.parent,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=stack.enter_context(log.open("wb")),
        preexec_fn=lambda: os.sched_setaffinity(0, cores),
    )


async def _load(local: LocalDiscord, requests: int, concurrency: int) -> Summary:
    guilds = list(local.world.guilds)
    latencies: list[float] = []
    sem = asyncio.Semaphore(concurrency)

    async def one(n: int) -> None:
        guild = guilds[n % len(guilds)]
        async with sem:
            started = time.perf_counter()
            await local.slash("condition", guild=guild, member=guild.owner, name="ms")
            latencies.append(time.perf_counter() - started)

    await asyncio.gather(*(one(n) for n in range(min(concurrency * 4, requests))))  # warm-up
    latencies.clear()
    began = time.perf_counter()
    await asyncio.gather(*(one(n) for n in range(requests)))
    return Summary.of(latencies, time.perf_counter() - began)


async def _run(layout: str, url: str, requests: int, concurrency: int, cores: set[int]) -> dict[str, float]:
    token = secrets.token_urlsafe(16)
    clusters = 1 if layout == "one process" else 2
    async with AsyncExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-clusters-")))
        local = await stack.enter_async_context(
            LocalDiscord(
                token=token,
                spec_path=None,
                reply_timeout=30,
                rate_limits=False,
                guild_count=GUILDS,
                recommended_shards=SHARDS,
            )
        )
        processes = []
        for index in range(clusters):
            env = {
                "DISCORD_TOKEN": token,
                "DATABASE_URL": url,
                "SERVER_KEY": "cd" * 32,
                "SHARD_COUNT": str(SHARDS),
                "CLUSTER_INDEX": str(index),
                "CLUSTER_COUNT": str(clusters),
                "USAGE_DB_PATH": str(scratch / f"c{index}" / "unused.sqlite3"),
            }
            processes.append(await _start(local, env, cores, scratch / f"c{index}.log", stack))
        try:
            await local.wait_until_shards_connected(SHARDS, timeout=120)
            summary = await _load(local, requests, concurrency)
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            await asyncio.gather(*(asyncio.wait_for(p.wait(), 60) for p in processes))
    return {"per_second": summary.per_second, "p50_ms": summary.p50_ms, "p99_ms": summary.p99_ms}


async def cluster_runs(requests: int, concurrency: int, bot_cores: set[int], rounds: int = 3) -> dict[str, Any]:
    server = start_server(durable=True)
    results: dict[str, Any] = {"requests": requests, "concurrency": concurrency, "rounds": rounds}
    try:
        for n in range(rounds):
            for layout in ("one process", "two clusters"):
                database = f"bench_{n}_{layout[:3]}"
                await _create(server.url(), database)
                run = await _run(layout, server.url(database), requests, concurrency, bot_cores)
                results.setdefault(layout, []).append(run)
    finally:
        server.stop()
    return results


async def _create(url: str, name: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
