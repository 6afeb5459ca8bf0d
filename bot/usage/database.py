"""The bot's SQLite database: anonymous daily usage counters, per-server preferences under a keyed hash, and a
little bot metadata (the command-sync hash, the hashing key).

Nothing here can hold an identifier: the counter key is (day, command, cards, section, outcome), all values chosen
by the bot's own code, never typed by a user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import aiosqlite

log = logging.getLogger(__name__)

# SQLite's primary result codes for a damaged file. Busy, locked, unreadable or read-only files fail with other
# codes (BUSY, LOCKED, CANTOPEN, PERM, READONLY, IOERR) and are never treated as corrupt.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
# SQLite keeps a database's state in these files beside it; a file moved aside takes them along.
_SIDECARS = ("-wal", "-shm", "-journal")

# Numbered migrations, applied in order at start-up; PRAGMA user_version records how many have run.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE usage_daily (
        day     TEXT NOT NULL,
        command TEXT NOT NULL,
        cards   TEXT NOT NULL,
        section TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count   INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (day, command, cards, section, outcome)
    ) WITHOUT ROWID;
    CREATE TABLE bot_meta (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE guild_settings (
        guild_key        TEXT PRIMARY KEY,  -- keyed hash of the server ID, never the ID
        private_lookups  INTEGER NOT NULL CHECK (private_lookups IN (0, 1)),
        emergency_number TEXT,
        count_usage      INTEGER NOT NULL CHECK (count_usage IN (0, 1))
    ) WITHOUT ROWID;
    """,
)


class UsageKey(NamedTuple):
    day: str  # YYYY-MM-DD, UTC
    command: str
    cards: str  # card keys joined with "+", or "_unmatched", or "-" when the command has none
    section: str  # "-" when none
    outcome: str


class CorruptDatabase(Exception):
    """The file is not a usable SQLite database: SQLite says so, or its quick check found damage."""


class Database:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (creating and migrating as needed). A corrupt file is moved aside, never deleted, and a fresh one
        started: the counters are worth less than answering. Anything else (locked, unreadable) is raised."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return await cls._connect(path)
        except CorruptDatabase as exc:
            aside = move_aside(path, dt.datetime.now(dt.UTC))
            log.warning(
                "The bot database at %s is corrupt (%s). It was moved to %s and a fresh one started: earlier usage "
                "counts and server settings stay in the moved file.",
                path,
                exc,
                aside.name,
            )
        return await cls._connect(path)

    @classmethod
    async def _connect(cls, path: Path) -> Database:
        conn = await aiosqlite.connect(path)
        try:
            await conn.execute("PRAGMA busy_timeout=2000")  # first: every later statement waits out a lock
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            # The file is small (daily counters), so a full check costs little and finds a truncated file now,
            # not at the first write.
            problems = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise CorruptDatabase("quick_check found damage")
            await _migrate(conn)
        except sqlite3.DatabaseError as exc:
            await conn.close()
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
                raise CorruptDatabase(getattr(exc, "sqlite_errorname", "SQLITE_CORRUPT")) from exc
            raise
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

    async def close(self) -> None:
        await self._conn.close()

    async def add_counts(self, counts: Mapping[UsageKey, int]) -> None:
        """Add a batch of counts in one transaction: all of it lands, or none of it."""
        rows = [(*key, n) for key, n in counts.items() if n > 0]
        if rows:
            await self._write(
                """
                INSERT INTO usage_daily (day, command, cards, section, outcome, count) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, command, cards, section, outcome) DO UPDATE SET count = count + excluded.count
                """,
                rows,
            )

    async def counts(self, since_day: str = "") -> dict[UsageKey, int]:
        async with self._conn.execute(
            "SELECT day, command, cards, section, outcome, count FROM usage_daily WHERE day >= ?", (since_day,)
        ) as cursor:
            return {UsageKey(*row[:5]): row[5] async for row in cursor}

    async def get_meta(self, name: str) -> str | None:
        async with self._conn.execute("SELECT value FROM bot_meta WHERE name = ?", (name,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, name: str, value: str) -> None:
        await self._write(
            "INSERT INTO bot_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [(name, value)],
        )

    async def guild_settings(self) -> list[tuple[str, int, str | None, int]]:
        async with self._conn.execute(
            "SELECT guild_key, private_lookups, emergency_number, count_usage FROM guild_settings"
        ) as cursor:
            return list(await cursor.fetchall())

    async def save_guild_settings(
        self, guild_key: str, private_lookups: bool, emergency_number: str | None, count_usage: bool
    ) -> None:
        await self._write(
            """
            INSERT INTO guild_settings (guild_key, private_lookups, emergency_number, count_usage) VALUES (?, ?, ?, ?)
            ON CONFLICT (guild_key) DO UPDATE SET private_lookups = excluded.private_lookups,
                emergency_number = excluded.emergency_number, count_usage = excluded.count_usage
            """,
            [(guild_key, int(private_lookups), emergency_number, int(count_usage))],
        )

    async def delete_guild_settings(self, guild_key: str) -> None:
        await self._write("DELETE FROM guild_settings WHERE guild_key = ?", [(guild_key,)])

    async def _write(self, sql: str, rows: Iterable[tuple[object, ...]]) -> None:
        """Run one statement per row and commit; on any failure, roll back."""
        try:
            await self._conn.executemany(sql, rows)
            await self._conn.commit()
        except BaseException:
            # A write refused by a lock leaves its transaction open. Kept open, the next read pins an old snapshot,
            # and every later write fails (SQLITE_BUSY_SNAPSHOT) even after the lock is gone; and part of a failed
            # batch could be committed with the next one and counted twice.
            with contextlib.suppress(Exception):
                await self._conn.rollback()
            raise


def move_aside(path: Path, now: dt.datetime) -> Path:
    """Rename a damaged database (and its WAL and shared-memory files) to <name>.corrupt-<UTC time>; never delete."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    number = 1
    while any(aside.with_name(aside.name + suffix).exists() for suffix in ("", *_SIDECARS)):
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{number}")  # never overwrite an earlier one
        number += 1
    path.rename(aside)  # first: if this fails, nothing has moved
    for suffix in _SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(aside.with_name(aside.name + suffix))
    return aside


async def _migrate(conn: aiosqlite.Connection) -> None:
    async with conn.execute("PRAGMA user_version") as cursor:
        (version,) = await cursor.fetchone()
    if version > len(MIGRATIONS):
        raise RuntimeError(f"usage database is from a newer version of the bot (schema {version})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        await conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
