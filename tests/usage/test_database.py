from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.usage.database import MIGRATIONS, Database, UsageKey


async def test_migrations_run_once_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "bot.sqlite3"
    db = await Database.open(path)
    await db.close()
    db = await Database.open(path)  # second start: nothing to migrate
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_counts_add_up_across_batches(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    key = UsageKey("2026-11-23", "condition", "ms", "-", "ok")
    other = UsageKey("2026-11-23", "compare", "gbs+ms", "-", "ok")
    await db.add_counts({key: 3})
    await db.add_counts({key: 2, other: 1})
    assert await db.counts() == {key: 5, other: 1}
    assert await db.counts(since_day="2026-11-24") == {}
    await db.close()


async def test_meta_round_trip(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    assert await db.get_meta("x") is None
    await db.set_meta("x", "1")
    await db.set_meta("x", "2")
    assert await db.get_meta("x") == "2"
    await db.close()


async def test_a_database_from_a_newer_bot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer version"):
        await Database.open(path)
