"""What one counter flush costs on each backend: `add_counts` of a batch, as the recorder writes it every 2 s.

SQLite: a local WAL file (synchronous=NORMAL, the bot's setting). PostgreSQL: a server on loopback started for the
run with its durable defaults (fsync on, synchronous_commit on), through the bot's pool. Each batch is new
counts for the same kinds of use (upserts adding to existing rows), as in steady running.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.stats import percentile
from bot.storage.backend import Backend
from bot.storage.opening import open_backend
from bot.storage.target import parse_database_url
from bot.storage.weeks import UsageKey, this_week
from tests.postgres_server import start_server

BATCHES = 200
SIZES = (20, 500)  # kinds of use in one flush: a quiet server's 2 seconds, and the recorder's largest batch


def _batch(size: int, week: str) -> dict[UsageKey, int]:
    servers = [f"{n:064x}" for n in range(max(1, size // 10))]
    return {UsageKey(week, servers[n % len(servers)], "condition", f"card{n}", "-", "ok"): 1 for n in range(size)}


async def _measure(backend: Backend, size: int) -> dict[str, float]:
    week = this_week()
    batch = _batch(size, week)
    await backend.add_counts(batch, current_week=week)  # the rows exist: every later flush is an update
    times = []
    for _ in range(BATCHES):
        started = time.perf_counter()
        await backend.add_counts(batch, current_week=week)
        times.append(time.perf_counter() - started)
    return {"p50_ms": percentile(times, 0.5) * 1e3, "p99_ms": percentile(times, 0.99) * 1e3}


async def flush_cost() -> dict[str, Any]:
    results: dict[str, Any] = {"batches": BATCHES}
    server = start_server(durable=True)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-flush-") as scratch:
            targets = {
                "sqlite": parse_database_url(None, Path(scratch) / "bench.sqlite3"),
                "postgresql": parse_database_url(server.url(), Path(scratch) / "unused"),
            }
            for kind, target in targets.items():
                backend = await open_backend(target)
                try:
                    results[kind] = {str(size): await _measure(backend, size) for size in SIZES}
                finally:
                    await backend.close()
    finally:
        server.stop()
    return results
