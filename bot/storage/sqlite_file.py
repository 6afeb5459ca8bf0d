"""The SQLite file itself, apart from what it holds: which file is at a path, switching it to write-ahead logging
while other processes may be doing the same, and moving a damaged one aside (never deleting it)."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import time
from pathlib import Path

import aiosqlite

# SQLite keeps a database's state in these files beside it; a file moved aside takes them along.
SIDECARS = ("-wal", "-shm", "-journal")
_WAL_WAIT_SECONDS = 2.0  # as long as busy_timeout waits for any other lock


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode), or None when there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


async def use_wal(conn: aiosqlite.Connection) -> None:
    """Switch the file to write-ahead logging. On a file another process is switching or creating at this moment,
    SQLite answers "locked" at once, without waiting out busy_timeout: wait and ask again, as the timeout would."""
    deadline = time.monotonic() + _WAL_WAIT_SECONDS
    while True:
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.02)


def move_aside(path: Path, now: dt.datetime) -> Path:
    """Rename a damaged database (and its WAL and shared-memory files) to <name>.corrupt-<UTC time>; never delete."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while any(aside.with_name(aside.name + suffix).exists() for suffix in ("", *SIDECARS)):
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")  # never overwrite an earlier one
        number += 1
    path.rename(aside)  # first: if this fails, nothing has moved
    for suffix in SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(aside.with_name(aside.name + suffix))
    return aside
