"""Moving from SQLite to PostgreSQL: `python -m bot db import-sqlite` copies everything once, keyed as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.storage.copying import TargetNotEmpty, copy_store
from bot.storage.database import Database
from bot.storage.opening import open_backend
from bot.storage.postgres import PostgresDatabase
from bot.storage.server_key import CHECK_NAME
from bot.storage.target import PostgresTarget, parse_database_url
from bot.storage.weeks import Tally, UsageKey, WeekKey, this_week, weeks_before

A, B = "a" * 64, "b" * 64


async def filled(path: Path) -> Database:
    db = await Database.open(path)
    now = this_week()
    old = weeks_before(now, 2)
    await db.add_counts({UsageKey(old, A, "condition", "ms", "-", "ok"): 7}, current_week=old)
    await db.add_counts({UsageKey(now, A, "compare", "gbs+ms", "-", "ok"): 3}, current_week=now)  # folds the old
    await db.save_guild_settings(A, False, "000", False)
    await db.set_meta(CHECK_NAME, "check-value")
    await db.add_to_deck(B, {"gbs/reflexes": "memory-1", "ms/onset": "memory-2"}, expires_at=1e12, limit=200)
    return db


async def test_everything_is_copied_once_and_a_second_copy_is_refused(tmp_path: Path, postgres_url: str) -> None:
    source = await filled(tmp_path / "bot.sqlite3")
    target_url = parse_database_url(postgres_url, tmp_path / "unused")
    assert isinstance(target_url, PostgresTarget)
    target = await PostgresDatabase.open(target_url)
    try:
        copied = await copy_store(source, target)
        assert (copied.settings, copied.open_counts, copied.weekly_rows, copied.deck_items) == (1, 3, 1, 2)
        assert await target.deck(B) == {"gbs/reflexes": "memory-1", "ms/onset": "memory-2"}
        assert await target.all_deck_rows() == await source.all_deck_rows()
        assert await target.guild_settings() == [(A, 0, "000", 0)]
        assert await target.get_meta(CHECK_NAME) == "check-value"
        everything = await target.weekly_counts("0000-W00", "9999-W99")  # the open week folded on the fly, too
        assert everything == await source.weekly_counts("0000-W00", "9999-W99")  # nothing counted twice
        assert everything[WeekKey(weeks_before(this_week(), 2), "condition", "ms", "-", "ok")] == Tally(7, 7)
        assert await target.open_counts() == await source.open_counts()
        with pytest.raises(TargetNotEmpty):
            await copy_store(source, target)
    finally:
        await source.close()
        await target.close()


async def test_the_command_line_copies_and_says_what(tmp_path: Path, postgres_url: str) -> None:
    await (await filled(tmp_path / "bot.sqlite3")).close()
    env = {**os.environ, "DATABASE_URL": postgres_url}
    argv = [sys.executable, "-m", "bot", "db", "import-sqlite", str(tmp_path / "bot.sqlite3")]
    result = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Copied 1 server setting(s), 1 closed-week row(s), 3 count(s) of the week under way and 2 study-deck item(s)"
    )
    again = subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "already holds" in again.stderr
    status = subprocess.run(
        [sys.executable, "-m", "bot", "db", "status"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert status.returncode == 0 and "postgresql at 127.0.0.1:" in status.stdout and "up to date" in status.stdout
    backend = await open_backend(parse_database_url(postgres_url, tmp_path / "unused"))
    try:
        assert len(await backend.guild_settings()) == 1
    finally:
        await backend.close()
