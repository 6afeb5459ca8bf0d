"""Benchmarks of the bot's own hot paths, without Discord: autocomplete matching and usage counting."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.stats import percentile
from bot.content import load_content
from bot.knowledge.lookup import condition_matcher
from bot.usage.database import Database
from bot.usage.recorder import Outcome, UsageRecorder

TYPED = ["", "m", "mu", "mul", "multiple scl", "guil", "guillain barre", "lupus", "sjogren", "myas", "xyz", "gbs"]


def autocomplete_handler_timings(rounds: int = 2000) -> dict:
    """What the autocomplete handler computes for one keystroke, over the full knowledge base."""
    matcher = condition_matcher(load_content())
    samples = []
    for i in range(rounds):
        typed = TYPED[i % len(TYPED)]
        begin = time.perf_counter()
        matcher.choices(typed)
        samples.append(time.perf_counter() - begin)
    return {"p50_ms": percentile(samples, 0.5) * 1e3, "p99_ms": percentile(samples, 0.99) * 1e3, "n": rounds}


async def recorder_throughput(events: int = 100_000) -> dict:
    kb = load_content()
    keys = [c.key for c in kb.conditions]
    with tempfile.TemporaryDirectory(prefix="bench-recorder-") as scratch:
        db = await Database.open(Path(scratch) / "bench.sqlite3")
        recorder = UsageRecorder(db, known_cards=keys, known_sections=["symptoms"], batch_size=events + 1)
        begin = time.perf_counter()
        for i in range(events):
            recorder.count("condition", [keys[i % len(keys)]], section=None, outcome=Outcome.OK)
        counted = time.perf_counter() - begin
        begin = time.perf_counter()
        await recorder.flush()
        flushed = time.perf_counter() - begin
        rows = await db.counts()
        await db.close()
    assert sum(rows.values()) == events
    # Events are tallied in memory, so a flush writes one row per distinct key, not one per event.
    return {
        "count_per_second": events / counted,
        "events": events,
        "rows_written": len(rows),
        "flush_ms": flushed * 1e3,
    }
