"""The usage database and recorder under a damaged, locked, full or unopenable file."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import Database, move_aside
from bot.storage.recorder import Outcome, UsageRecorder
from bot.storage.weeks import UsageKey
from tests.storage.lock_holder import lock_held

WEEK = "2026-W48"
SERVER = "a" * 64
KEY = UsageKey(WEEK, SERVER, "condition", "ms", "-", "ok")


def recorder(db: Database | None, **kwargs) -> UsageRecorder:
    return UsageRecorder(
        db, known_cards={"ms", "gbs"}, known_sections={"symptoms"}, week=lambda: WEEK, flush_interval=60, **kwargs
    )


async def add(db: Database, counts: dict[UsageKey, int]) -> None:
    await db.add_counts(counts, current_week=WEEK)


def warnings_in(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def stored(path: Path) -> dict[UsageKey, int]:
    """What another process reads from the file: committed counts only."""
    with sqlite3.connect(path) as conn:
        return {UsageKey(*row[:6]): row[6] for row in conn.execute("SELECT * FROM usage_open")}


def garbage(path: Path) -> bytes:
    path.write_bytes(os.urandom(8192))
    return path.read_bytes()


def truncated(path: Path) -> bytes:
    """A real database, cut off halfway (as a full disk or a killed copy leaves it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT)")
        conn.executemany("INSERT INTO filler (text) VALUES (?)", [("x" * 200,) for _ in range(500)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path.read_bytes()


@pytest.mark.parametrize("damage", [garbage, truncated])
async def test_a_corrupt_file_is_moved_aside_intact_and_a_fresh_database_started(
    tmp_path: Path, damage, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.sqlite3"
    original = damage(path)
    with caplog.at_level(logging.WARNING):
        db = await Database.open(path)
    await add(db, {KEY: 2})
    assert await db.open_counts() == {KEY: 2}
    await db.close()
    (aside,) = tmp_path.glob("bot.sqlite3.corrupt-*")
    assert aside.read_bytes() == original  # moved, byte for byte, never deleted
    (warning,) = warnings_in(caplog)
    assert "corrupt" in warning and aside.name in warning


async def test_a_locked_file_is_refused_but_never_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await add(db, {KEY: 3})
    await db.close()
    async with lock_held(path, "exclusive"):  # no other connection may even read
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await Database.open(path)
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name] == []
    db = await Database.open(path)  # the lock gone, the same file and its counts are back
    assert await db.open_counts() == {KEY: 3}
    await db.close()


async def test_an_unopenable_path_is_refused_but_never_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    path.mkdir()  # SQLite cannot open a folder (SQLITE_CANTOPEN), as with a file it may not read
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        await Database.open(path)
    await asyncio.sleep(0.1)  # aiosqlite stops its thread without waiting for it; let it end before the loop does
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.sqlite3"] and path.is_dir()


def test_moving_aside_twice_in_the_same_second_keeps_both_copies(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    now = dt.datetime(2026, 11, 23, 12, 0, 0, tzinfo=dt.UTC)
    for content in (b"first", b"second"):
        path.write_bytes(content)
        path.with_name("bot.sqlite3-wal").write_bytes(content + b" wal")
        move_aside(path, now)
    copies = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert copies == {
        "bot.sqlite3.corrupt-20261123T120000Z": b"first",
        "bot.sqlite3.corrupt-20261123T120000Z-wal": b"first wal",
        "bot.sqlite3.corrupt-20261123T120000Z-1": b"second",
        "bot.sqlite3.corrupt-20261123T120000Z-1-wal": b"second wal",
    }


async def test_a_write_refused_by_a_lock_does_not_block_the_writes_after_it(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    async with lock_held(path, "write"):  # commits a change of its own when it lets go
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await add(db, {KEY: 1})
        assert await db.open_counts() == {}  # a read meanwhile, as /stats does
    await add(db, {KEY: 2})  # must not be refused for reading an old snapshot
    await db.set_meta("after", "lock")
    assert await db.open_counts() == {KEY: 2}
    assert await db.get_meta("lock_holder") == "was here"  # and reads see what the other process wrote
    await db.close()


async def test_stopping_lets_a_write_held_up_by_a_lock_finish(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    rec = recorder(db, batch_size=3)
    rec.start()
    async with lock_held(path, "write"):
        for _ in range(3):  # a full batch: the writer takes it and waits for the lock
            rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
        while rec.pending:
            await asyncio.sleep(0.01)
        stopping = asyncio.create_task(rec.stop())
        await asyncio.sleep(0)  # stop() begins while the write still waits for the lock
    await stopping
    await db.close()
    assert stored(path) == {KEY: 3}


async def test_pending_kinds_are_bounded_and_the_loss_is_counted_and_logged_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    rec = recorder(db, max_keys=2)
    with caplog.at_level(logging.WARNING):
        await db._conn.execute("PRAGMA query_only = ON")  # every write refused, as on a read-only file
        rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)
        rec.count(SERVER, "condition", ["gbs"], outcome=Outcome.OK)
        await rec.flush()  # refused: both kinds stay in memory
        for _ in range(3):
            rec.count(SERVER, "compare", ["ms", "gbs"], outcome=Outcome.OK)  # a third kind: dropped, tallied
        rec.count(SERVER, "condition", ["ms"], outcome=Outcome.OK)  # a kind already waiting still adds up
        rec.count(SERVER, "search", outcome=Outcome.OK)  # dropped too, without a second warning
        assert rec.lost == 4 and rec.pending == 3
        await db._conn.execute("PRAGMA query_only = OFF")
        await rec.stop()  # the database is back: what was kept is written
    await db.close()
    assert stored(path) == {KEY: 2, UsageKey(WEEK, SERVER, "condition", "gbs", "-", "ok"): 1}
    kept_in_memory, dropped, lost_at_stop = warnings_in(caplog)
    assert "keeping them in memory" in kept_in_memory
    assert "dropped" in dropped
    assert lost_at_stop.startswith("4 usage count(s)")
