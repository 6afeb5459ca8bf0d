from __future__ import annotations

import asyncio
import os
import sqlite3
from pathlib import Path

import pytest

from bot.storage.database import MIGRATIONS, Database, DatabaseReplaced
from bot.storage.weeks import Tally, UsageKey, WeekKey

A, B, C = "a" * 64, "b" * 64, "c" * 64


def key(week: str, server: str, command: str = "condition", cards: str = "ms") -> UsageKey:
    return UsageKey(week, server, command, cards, "-", "ok")


async def test_migrations_run_once_and_wal_is_on(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "bot.sqlite3"
    db = await Database.open(path)
    await db.close()
    db = await Database.open(path)  # second start: nothing to migrate
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_processes_opening_a_new_file_at_the_same_moment_all_get_it(tmp_path: Path) -> None:
    # Switching a new file to WAL is refused at once ("locked", without busy_timeout) while another connection does
    # the same: replicas started together once failed this way, about one start in six.
    for attempt in range(30):
        path = tmp_path / f"{attempt}.sqlite3"
        opened = await asyncio.gather(*(Database.open(path) for _ in range(3)))
        for db in opened:
            await db.close()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_counts_add_up_per_server_and_a_closed_week_is_folded_without_them(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    await db.add_counts({key("2026-W48", A): 3, key("2026-W48", B): 1}, current_week="2026-W48")
    await db.add_counts({key("2026-W48", A): 2, key("2026-W48", C): 2}, current_week="2026-W48")
    assert await db.weekly_counts("2026-W40", "2026-W48") == {}  # the open week is never shown
    # Read in the next week before anything folded it: folded on the fly, the same way.
    expected = {WeekKey("2026-W48", "condition", "ms", "-", "ok"): Tally(count=8, top=5)}
    assert await db.weekly_counts("2026-W40", "2026-W49") == expected
    await db.add_counts({key("2026-W49", A): 1}, current_week="2026-W49")  # the next week's first write folds it
    assert await db.weekly_counts("2026-W40", "2026-W49") == expected
    assert await db.open_counts() == {key("2026-W49", A): 1}  # no server is left in the closed week
    assert await db.weekly_counts("2026-W49", "2026-W50") == {
        WeekKey("2026-W49", "condition", "ms", "-", "ok"): Tally(1, 1)
    }
    await db.close()


async def test_daily_counters_from_before_become_weeks_that_stats_never_shows(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:  # a database as the previous version left it
        conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
        conn.executemany(
            "INSERT INTO usage_daily VALUES (?, 'condition', 'ms', '-', 'ok', ?)",
            [("2026-11-23", 4), ("2026-11-29", 6), ("2026-11-30", 1)],  # Monday, Sunday of W48; Monday of W49
        )
    db = await Database.open(path)
    assert await db.weekly_counts("2026-W01", "2026-W50") == {
        WeekKey("2026-W48", "condition", "ms", "-", "ok"): Tally(10, 10),  # all from one server, as far as we know
        WeekKey("2026-W49", "condition", "ms", "-", "ok"): Tally(1, 1),
    }
    await db.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'usage_daily'").fetchall() == []


async def test_meta_round_trip(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    assert await db.get_meta("x") is None
    await db.set_meta("x", "1")
    await db.set_meta("x", "2")
    assert await db.get_meta("x") == "2"
    await db.close()


async def test_a_deleted_meta_value_leaves_no_copy_in_the_files(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    await db.set_meta("secret", "5ecre7" * 10)
    await db.delete_meta("secret")
    await db.set_meta("other", "x")
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    await db.close()
    assert b"5ecre7" not in raw


async def test_a_database_from_a_newer_bot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer version"):
        await Database.open(path)


@pytest.mark.parametrize("with_sidecars", [False, True], ids=["file", "file-wal-shm"])
async def test_a_file_deleted_while_open_is_written_back_whole_at_the_next_write(
    tmp_path: Path, with_sidecars: bool
) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    await db.add_counts({key("2026-W48", A): 3}, current_week="2026-W48")
    await db.save_guild_settings(A, False, "000", False)
    for victim in [path, *([path.with_name(path.name + s) for s in ("-wal", "-shm")] if with_sidecars else [])]:
        victim.unlink()
    await db.add_counts({key("2026-W48", A): 1}, current_week="2026-W48")
    await db.close()
    with sqlite3.connect(path) as conn:  # another process reads the new file: everything is there
        assert conn.execute("SELECT count FROM usage_open").fetchall() == [(4,)]
        assert conn.execute("SELECT * FROM guild_settings").fetchall() == [(A, 0, "000", 0)]
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert sorted(p.name for p in tmp_path.iterdir() if "recreating" in p.name) == []


async def test_a_file_replaced_while_open_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db = await Database.open(path)
    path.unlink()
    path.write_bytes(b"someone else's file")
    with pytest.raises(DatabaseReplaced):
        await db.add_counts({key("2026-W48", A): 1}, current_week="2026-W48")
    await db.close()
    assert path.read_bytes() == b"someone else's file"
    assert not os.path.exists(str(path) + ".recreating")
