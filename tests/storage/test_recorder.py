from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import Database
from bot.storage.recorder import Outcome, UsageRecorder
from bot.storage.weeks import Tally, UsageKey, WeekKey

WEEK = "2026-W48"
SERVER = "a" * 64


class Clock:
    def __init__(self) -> None:
        self.week = WEEK

    def __call__(self) -> str:
        return self.week


def recorder(db: Database | None, week=lambda: WEEK, **kwargs) -> UsageRecorder:
    return UsageRecorder(
        db, known_cards={"ms", "gbs"}, known_sections={"symptoms"}, week=week, flush_interval=60, **kwargs
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
        rec.count(SERVER, "condition", ["ms"], section="symptoms", outcome=Outcome.OK)
    rec.count(SERVER, "compare", ["ms", "gbs"], outcome=Outcome.OK)
    rec.count(SERVER, "compare", ["gbs", "ms"], outcome=Outcome.OK)  # same pair, any order
    await rec.stop()
    assert await db.open_counts() == {
        UsageKey(WEEK, SERVER, "condition", "ms", "symptoms", "ok"): 7,
        UsageKey(WEEK, SERVER, "compare", "gbs+ms", "-", "ok"): 2,
    }


async def test_anything_the_bot_does_not_know_is_unmatched(db: Database) -> None:
    rec = recorder(db)
    rec.count(SERVER, "condition", ["<@123456789012345678> my symptoms"], section="DROP TABLE", outcome=Outcome.UNKNOWN)
    rec.count(SERVER, "Bad Command!", [None], outcome=Outcome.UNKNOWN)
    await rec.flush()
    assert await db.open_counts() == {
        UsageKey(WEEK, SERVER, "condition", "_unmatched", "_unmatched", "unknown"): 1,
        UsageKey(WEEK, SERVER, "_unmatched", "_unmatched", "-", "unknown"): 1,
    }


async def test_a_full_batch_wakes_the_writer(db: Database) -> None:
    rec = recorder(db, batch_size=10)
    rec.start()
    for _ in range(10):
        rec.count(SERVER, "condition", ["gbs"], outcome=Outcome.OK)
    for _ in range(100):  # the writer runs as soon as the loop is free, long before the 60 s interval
        await asyncio.sleep(0.01)
        if await db.open_counts():
            break
    assert sum((await db.open_counts()).values()) == 10
    await rec.stop()


async def test_counting_off_stores_nothing(tmp_path: Path) -> None:
    rec = recorder(None)
    rec.start()
    rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
    await rec.stop()
    assert not rec.enabled and rec.pending == 0


async def test_a_database_attached_later_gets_the_counts_from_then_on(db: Database) -> None:
    rec = recorder(None)
    rec.start()
    rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)  # before: not counted (opt-outs unknown)
    rec.attach(db)
    rec.count(SERVER, "condition", ["gbs"], outcome=Outcome.OK)
    await rec.stop()
    assert await db.open_counts() == {UsageKey(WEEK, SERVER, "condition", "gbs", "-", "ok"): 1}


async def test_a_week_that_closed_while_its_counts_waited_never_changes(db: Database) -> None:
    clock = Clock()
    rec = recorder(db, week=clock)
    rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
    await rec.flush()
    clock.week = "2026-W49"
    rec.count(SERVER, "condition", ["gbs"], outcome=Outcome.OK)
    await rec.flush()  # the first write of the new week folds the old one
    shown = await db.weekly_counts(WEEK, "2026-W49")
    assert shown == {WeekKey(WEEK, "condition", "ms", "-", "ok"): Tally(1, 1)}
    clock.week = WEEK
    rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)  # counted in W48's last second...
    clock.week = "2026-W49"
    await rec.flush()  # ...written in W49's first: it goes to W49, and W48 stays as it was shown
    assert await db.weekly_counts(WEEK, "2026-W49") == shown
    assert await db.open_counts() == {
        UsageKey("2026-W49", SERVER, "condition", "gbs", "-", "ok"): 1,
        UsageKey("2026-W49", SERVER, "condition", "ms", "-", "ok"): 1,
    }


async def test_write_failures_keep_counts_and_warn_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    await db.close()  # every write now fails
    rec = recorder(db)
    rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
    with caplog.at_level(logging.WARNING):
        await rec.flush()
        rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
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
        rec.count(SERVER, "condition", [text], section=text, outcome=Outcome.UNKNOWN)
        rec.count(SERVER, text, ["ms"], outcome=Outcome.OK)
    await rec.stop()
    await db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    for text in secrets:
        assert text.encode() not in raw
    with sqlite3.connect(path) as conn:
        values = {v for row in conn.execute("SELECT * FROM usage_open") for v in row}
    assert values <= {WEEK, SERVER, "condition", "_unmatched", "unknown", "ok", "ms", "-", 4}
