from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.usage.database import Database, UsageKey
from bot.usage.recorder import Outcome, UsageRecorder

DAY = "2026-11-23"


def recorder(db: Database | None, **kwargs) -> UsageRecorder:
    return UsageRecorder(
        db, known_cards={"ms", "gbs"}, known_sections={"symptoms"}, today=lambda: DAY, flush_interval=60, **kwargs
    )


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def test_counts_are_written_on_stop_and_add_up(db: Database) -> None:
    rec = recorder(db)
    rec.start()
    for _ in range(7):
        rec.count("condition", ["ms"], section="symptoms", outcome=Outcome.OK)
    rec.count("compare", ["ms", "gbs"], outcome=Outcome.OK)
    rec.count("compare", ["gbs", "ms"], outcome=Outcome.OK)  # same pair, any order
    await rec.stop()
    assert await db.counts() == {
        UsageKey(DAY, "condition", "ms", "symptoms", "ok"): 7,
        UsageKey(DAY, "compare", "gbs+ms", "-", "ok"): 2,
    }


async def test_anything_the_bot_does_not_know_is_unmatched(db: Database) -> None:
    rec = recorder(db)
    rec.count("condition", ["<@123456789012345678> my symptoms"], section="DROP TABLE", outcome=Outcome.UNKNOWN)
    rec.count("Bad Command!", [None], outcome=Outcome.UNKNOWN)
    await rec.flush()
    assert await db.counts() == {
        UsageKey(DAY, "condition", "_unmatched", "_unmatched", "unknown"): 1,
        UsageKey(DAY, "_unmatched", "_unmatched", "-", "unknown"): 1,
    }


async def test_a_full_batch_wakes_the_writer(db: Database) -> None:
    rec = recorder(db, batch_size=10)
    rec.start()
    for _ in range(10):
        rec.count("condition", ["gbs"], outcome=Outcome.OK)
    for _ in range(100):  # the writer runs as soon as the loop is free, long before the 60 s interval
        await asyncio.sleep(0.01)
        if await db.counts():
            break
    assert sum((await db.counts()).values()) == 10
    await rec.stop()


async def test_counting_off_stores_nothing(tmp_path: Path) -> None:
    rec = recorder(None)
    rec.start()
    rec.count("condition", ["ms"], outcome=Outcome.OK)
    await rec.stop()
    assert not rec.enabled and rec.pending == 0


async def test_write_failures_keep_counts_and_warn_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    await db.close()  # every write now fails
    rec = recorder(db)
    rec.count("condition", ["ms"], outcome=Outcome.OK)
    with caplog.at_level(logging.WARNING):
        await rec.flush()
        rec.count("condition", ["ms"], outcome=Outcome.OK)
        await rec.flush()
    assert rec.pending == 2
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "keeping them in memory" in warnings[0].getMessage()


async def test_nothing_identifying_reaches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    rec = recorder(db)
    secrets = ["123456789012345678", "my private symptoms", "alice#0001", "https://discord.com/api/webhooks/x"]
    for text in secrets:
        rec.count("condition", [text], section=text, outcome=Outcome.UNKNOWN)
        rec.count(text, ["ms"], outcome=Outcome.OK)
    await rec.stop()
    await db.close()
    raw = path.read_bytes() + (
        path.with_name(path.name + "-wal").read_bytes() if path.with_name(path.name + "-wal").exists() else b""
    )
    for text in secrets:
        assert text.encode() not in raw
    with sqlite3.connect(path) as conn:
        values = {v for row in conn.execute("SELECT * FROM usage_daily") for v in row}
    assert values <= {DAY, "condition", "_unmatched", "unknown", "ok", "ms", "-", 4}
