"""Benchmarks of the bot's own hot paths, without Discord: autocomplete matching and usage counting."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from discord import app_commands

from bench.stats import percentile
from bot.content import load_content
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher
from bot.storage.database import Database
from bot.storage.recorder import Outcome, UsageRecorder

SERVER = "0" * 64  # one server's keyed hash: the shape counts are kept in

# What people type into the name box: prefixes of names and abbreviations, and typos that only fuzzy matching finds.
TYPED = ["", "m", "mu", "mul", "multiple scl", "guil", "guillain barre", "lupus", "sjogren", "myas", "xyz", "gbs"]
TYPOS = ["mutliple", "gullian bare", "myasthnia", "sjorgen", "lupsu", "xyz"]


def autocomplete_handler_timings(rounds: int = 2000) -> dict:
    """What the autocomplete handler computes for one keystroke, over the full knowledge base.

    "as served": one long-lived matcher, as in the bot, so rankings of name prefixes are reused. "first time":
    every keystroke on a fresh matcher, so nothing is reused. "typos": queries that start no name, which are
    never cached and need fuzzy scores.
    """
    kb = load_content()
    served = condition_matcher(kb)
    fresh = [condition_matcher(kb) for _ in range(rounds // 4)]  # built before timing

    def handler(matcher: Matcher, typed: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=n, value=v) for n, v in matcher.choices(typed)]  # as cogs/conditions.py

    figures = {}
    for label, cases in (
        ("as_served", [(served, TYPED[i % len(TYPED)]) for i in range(rounds)]),
        ("first_time", [(matcher, TYPED[i % len(TYPED)]) for i, matcher in enumerate(fresh)]),
        ("typos", [(served, TYPOS[i % len(TYPOS)]) for i in range(rounds)]),
    ):
        samples = []
        for matcher, typed in cases:
            begin = time.perf_counter()
            handler(matcher, typed)
            samples.append(time.perf_counter() - begin)
        figures[label] = {"p50_ms": percentile(samples, 0.5) * 1e3, "p99_ms": percentile(samples, 0.99) * 1e3}
    return figures


async def recorder_throughput(events: int = 100_000) -> dict:
    kb = load_content()
    keys = [c.key for c in kb.conditions]
    with tempfile.TemporaryDirectory(prefix="bench-recorder-") as scratch:
        db = await Database.open(Path(scratch) / "bench.sqlite3")
        recorder = UsageRecorder(db, known_cards=keys, known_sections=["symptoms"], batch_size=events + 1)
        begin = time.perf_counter()
        for i in range(events):
            recorder.count(SERVER, "condition", [keys[i % len(keys)]], section=None, outcome=Outcome.OK)
        counted = time.perf_counter() - begin
        begin = time.perf_counter()
        await recorder.flush()
        flushed = time.perf_counter() - begin
        rows = await db.open_counts()
        await db.close()
    assert sum(rows.values()) == events
    # Events are tallied in memory, so a flush writes one row per distinct key, not one per event.
    return {
        "count_per_second": events / counted,
        "events": events,
        "rows_written": len(rows),
        "flush_ms": flushed * 1e3,
    }
