"""Does the usage recorder stall the event loop? A burst of interactions counted while a lag monitor watches.

The monitor sleeps 1 ms again and again and records how late it wakes: any callback that holds the loop (a
count(), the recorder's flush, aiosqlite's hand-offs) shows up as lateness. The burst is harsher than real
traffic: one count() per turn of the loop, with nothing else to do in between, while the recorder flushes every
500 events (its production settings) into a real SQLite file.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Awaitable
from pathlib import Path
from statistics import median
from typing import Any

from bot.content import load_content
from bot.knowledge.facets import Section
from bot.storage.database import Database
from bot.storage.recorder import Outcome, UsageRecorder

SERVERS = [f"{n:064x}" for n in range(8)]  # counts are kept per server (keyed hash) in the open week

TICK = 0.001
COMMANDS = ("condition", "card", "compare", "share")


class LagMonitor:
    """How late a 1 ms sleep wakes up, for as long as it runs."""

    def __init__(self) -> None:
        self.lateness: list[float] = []

    async def run(self) -> None:
        while True:
            begin = time.perf_counter()
            await asyncio.sleep(TICK)
            self.lateness.append(time.perf_counter() - begin - TICK)

    async def watch(self, work: Awaitable[Any]) -> dict[str, float]:
        self.lateness.clear()
        task = asyncio.create_task(self.run())
        await asyncio.sleep(TICK)  # let the monitor take its first step before the work starts
        try:
            await work
        finally:
            task.cancel()
        ordered = sorted(self.lateness)
        return {
            "max_ms": ordered[-1] * 1e3,
            "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1e3,
            "ticks": len(ordered),
        }


async def arrivals(recorder: UsageRecorder, events: int, cards: list[str], sections: list[str | None]) -> None:
    """One count() per turn of the loop, as interactions arrive each in its own gateway frame; many distinct keys,
    so every flush writes hundreds of rows."""
    for i in range(events):
        outcome = Outcome.UNKNOWN if i % 11 == 0 else Outcome.OK
        recorder.count(
            SERVERS[i % len(SERVERS)],
            COMMANDS[i % 4],
            [cards[i % len(cards)]],
            section=sections[i % len(sections)],
            outcome=outcome,
        )
        await asyncio.sleep(0)


async def recorder_burst(events: int = 10_000, repeats: int = 5) -> dict[str, Any]:
    """The burst `repeats` times, each followed by as long a look at the idle loop: on a shared machine the idle
    loop's own lateness (other processes taking the core) is the floor to read the burst's against."""
    cards = [c.key for c in load_content().conditions]
    sections: list[str | None] = [None, *(s.value for s in Section)]
    monitor = LagMonitor()
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-burst-") as scratch:
        db = await Database.open(Path(scratch) / "burst.sqlite3")
        flushes = 0
        add_counts = db.add_counts

        async def counted_add_counts(counts: Any, **kwargs: Any) -> None:
            nonlocal flushes
            flushes += 1
            await add_counts(counts, **kwargs)

        db.add_counts = counted_add_counts  # type: ignore[method-assign]
        for _ in range(repeats):
            recorder = UsageRecorder(db, known_cards=cards, known_sections=[s for s in sections if s])
            recorder.start()
            begin = time.perf_counter()
            burst = await monitor.watch(_burst_then_stop(recorder, events, cards, sections))
            seconds = time.perf_counter() - begin
            idle = await monitor.watch(asyncio.sleep(seconds))
            runs.append({"seconds": seconds, "burst": burst, "idle": idle})
        rows = await db.open_counts()
        await db.close()
    if sum(rows.values()) != events * repeats:
        raise RuntimeError(f"the recorder lost counts: {sum(rows.values())} of {events * repeats} written")
    return {
        "events": events,
        "repeats": repeats,
        "flushes_per_burst": flushes / repeats,
        "rows": len(rows),
        "seconds": median(r["seconds"] for r in runs),
        "burst_max_ms": {
            "median": median(r["burst"]["max_ms"] for r in runs),
            "worst": max(r["burst"]["max_ms"] for r in runs),
        },
        "idle_max_ms": {
            "median": median(r["idle"]["max_ms"] for r in runs),
            "worst": max(r["idle"]["max_ms"] for r in runs),
        },
        "runs": runs,
    }


async def _burst_then_stop(recorder: UsageRecorder, events: int, cards: list[str], sections: list[str | None]) -> None:
    await arrivals(recorder, events, cards, sections)
    await recorder.stop()  # the final flush, as at shutdown
