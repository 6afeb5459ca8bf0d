"""What the privacy work costs: a scrubbed log line against a plain one, and a busy week of per-server counts.

Run: .venv/bin/python -m bench.privacy_costs
"""

from __future__ import annotations

import asyncio
import logging
import random
import tempfile
import time
from pathlib import Path

from bot.logs import FORMAT, ScrubbingFormatter
from bot.moderation.stats import usage_stats
from bot.storage.database import Database
from bot.storage.weeks import UsageKey

LINES = 20_000
SERVERS, KINDS = 1000, 50
WEEK, NEXT_WEEK = "2026-W47", "2026-W48"


def log_line_costs() -> None:
    """discord.py's rate-limit warning, formatted by the bot's handler and by a plain one."""
    record = logging.LogRecord(
        "discord.webhook.async_",
        logging.WARNING,
        __file__,
        1,
        "Webhook ID %s is rate limited. Retrying in %.2f seconds.",
        ("1311111111111111111", 0.05),
        None,
    )
    formatters = {"scrubbed": ScrubbingFormatter(FORMAT, ["a-bot-token" * 5]), "plain": logging.Formatter(FORMAT)}
    for label, formatter in formatters.items():
        begin = time.perf_counter()
        for _ in range(LINES):
            formatter.format(record)
        print(f"{label} log line: {(time.perf_counter() - begin) / LINES * 1e6:.1f} µs")


async def week_costs() -> None:
    """A week of SERVERS servers each using KINDS kinds of card: written, read before and after its fold."""
    chance = random.Random(1)
    rows = {
        UsageKey(WEEK, f"{server:064x}", "condition", f"card{kind}", "-", "ok"): chance.randint(1, 5)
        for server in range(SERVERS)
        for kind in range(KINDS)
    }
    with tempfile.TemporaryDirectory(prefix="bench-privacy-") as scratch:
        db = await Database.open(Path(scratch) / "bench.sqlite3")
        for label, step in (
            (f"write {len(rows):,} open-week rows", lambda: db.add_counts(rows, current_week=WEEK)),
            ("/stats read of the week closed but not yet folded", lambda: db.weekly_counts("2026-W40", NEXT_WEEK)),
            ("fold it (the next week's first write)", lambda: db.add_counts({}, current_week=NEXT_WEEK)),
        ):
            begin = time.perf_counter()
            await step()
            print(f"{label}: {time.perf_counter() - begin:.2f} s")
        begin = time.perf_counter()
        shown = usage_stats(await db.weekly_counts("2026-W40", NEXT_WEEK))
        print(f"/stats read and usage_stats after the fold: {(time.perf_counter() - begin) * 1e3:.1f} ms")
        assert len(shown.cards) == KINDS
        await db.close()


if __name__ == "__main__":
    log_line_costs()
    asyncio.run(week_costs())
