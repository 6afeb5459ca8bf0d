"""The bot's SQLite database: weekly usage counters, per-server preferences under a keyed hash, and a little bot
metadata (the command-sync hash, a check value of the server-key secret, which itself lives outside the file).

Nothing here can hold an identifier: a counter is (week, command, cards, section, outcome), all values chosen by the
bot's own code, never typed by a user; only the open week's counters carry a server, as its keyed hash, until the
week is folded (bot.storage.weeks).

The file is checked before every write: deleted while the bot runs, it is recreated from the bot's open copy (so
nothing is lost, not even which servers opted out); replaced by another file, the bot stops writing, loudly.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path

import aiosqlite

from bot.storage.sqlite_decks import SqliteDecks
from bot.storage.sqlite_file import SIDECARS, file_identity, move_aside, use_wal
from bot.storage.sqlite_schema import MIGRATIONS, migrate
from bot.storage.sqlite_shared import SqliteSharedState
from bot.storage.weeks import Tally, UsageKey, WeekKey, fold, iso_week

log = logging.getLogger(__name__)

# SQLite's primary result codes for a damaged file. Busy, locked, unreadable or read-only files fail with other
# codes (BUSY, LOCKED, CANTOPEN, PERM, READONLY, IOERR) and are never treated as corrupt.
_DAMAGED = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})

_AFTER_EVERY_WEEK = "9999-W99"  # sorts after every ISO week
_ADD_WEEKLY = """
    INSERT INTO usage_weekly (week, command, cards, section, outcome, count, top) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (week, command, cards, section, outcome)
    DO UPDATE SET count = count + excluded.count, top = top + excluded.top
"""


class CorruptDatabase(Exception):
    """The file is not a usable SQLite database: SQLite says so, or its quick check found damage."""


class DatabaseReplaced(Exception):
    """Another file now sits at the database's path: the bot will not write into something it did not open."""


def _iso_week_of_day(day: str) -> str:
    return iso_week(dt.date.fromisoformat(day))


__all__ = ["MIGRATIONS", "CorruptDatabase", "Database", "DatabaseReplaced", "move_aside"]
_BUMP_SETTINGS = "UPDATE bot_meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'settings_version'"


class Database(SqliteSharedState, SqliteDecks):
    """The SQLite backend (bot.storage.backend.Backend)."""

    kind = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._identity = file_identity(path)
        self._replaced_reported = False
        self._writing = asyncio.Lock()

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
            await use_wal(conn)
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA secure_delete=ON")  # deleted rows (an old secret, a server key) are zeroed
            await conn.create_function("iso_week", 1, _iso_week_of_day, deterministic=True)
            # The file is small (daily counters), so a full check costs little and finds a truncated file now,
            # not at the first write.
            problems = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise CorruptDatabase("quick_check found damage")
            await migrate(conn)
        except sqlite3.DatabaseError as exc:
            await conn.close()
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGED:
                raise CorruptDatabase(getattr(exc, "sqlite_errorname", "SQLITE_CORRUPT")) from exc
            raise
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        await self._conn.close()

    async def add_counts(self, counts: Mapping[UsageKey, int], *, current_week: str) -> None:
        """Add a batch of counts and fold every week before `current_week`, in one transaction: all or nothing.

        The caller gives counts of open weeks only: a closed week may already have been shown, and must not change.
        """
        rows = [(*key, n) for key, n in counts.items() if n > 0]
        await self._transaction(lambda: self._add_and_fold(rows, current_week))

    async def _add_and_fold(self, rows: Sequence[tuple[object, ...]], current_week: str) -> None:
        await self._conn.executemany(
            """
            INSERT INTO usage_open (week, server, command, cards, section, outcome, count) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (week, server, command, cards, section, outcome) DO UPDATE SET count = count + excluded.count
            """,
            rows,
        )
        closed = fold(await self._open_rows(before_week=current_week))
        if closed:
            await self._conn.executemany(_ADD_WEEKLY, [(*key, t.count, t.top) for key, t in closed.items()])
            await self._conn.execute("DELETE FROM usage_open WHERE week < ?", (current_week,))

    async def _open_rows(self, *, before_week: str | None = None, from_week: str = "") -> list[tuple[UsageKey, int]]:
        sql = "SELECT week, server, command, cards, section, outcome, count FROM usage_open WHERE week >= ?"
        params: list[str] = [from_week]
        if before_week is not None:
            sql += " AND week < ?"
            params.append(before_week)
        async with self._conn.execute(sql, params) as cursor:
            return [(UsageKey(*row[:6]), row[6]) async for row in cursor]

    async def weekly_counts(self, from_week: str, before_week: str) -> dict[WeekKey, Tally]:
        """Closed weeks from `from_week` up to (not including) `before_week`, the week now open. Weeks closed but
        not folded yet (the first seconds of a week) are folded here the same way, so they read the same."""
        async with self._conn.execute(
            "SELECT week, command, cards, section, outcome, count, top FROM usage_weekly WHERE week >= ? AND week < ?",
            (from_week, before_week),
        ) as cursor:
            found = {WeekKey(*row[:5]): Tally(row[5], row[6]) async for row in cursor}
        for key, tally in fold(await self._open_rows(before_week=before_week, from_week=from_week)).items():
            found[key] = found[key] + tally if key in found else tally
        return found

    async def open_counts(self) -> dict[UsageKey, int]:
        """Every count of the open weeks, per server (for the operator and tests)."""
        return dict(await self._open_rows())

    async def get_meta(self, name: str) -> str | None:
        async with self._conn.execute("SELECT value FROM bot_meta WHERE name = ?", (name,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, name: str, value: str) -> None:
        await self._write(
            "INSERT INTO bot_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [(name, value)],
        )

    async def set_meta_once(self, name: str, value: str) -> str:
        await self._write(
            "INSERT INTO bot_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", [(name, value)]
        )
        stored = await self.get_meta(name)
        assert stored is not None
        return stored

    async def guild_settings(self) -> list[tuple[str, int, str | None, int]]:
        async with self._conn.execute(
            "SELECT guild_key, private_lookups, emergency_number, count_usage FROM guild_settings"
        ) as cursor:
            return [
                (str(key), int(private), number, int(counted))
                for key, private, number, counted in await cursor.fetchall()
            ]

    async def save_guild_settings(
        self, guild_key: str, private_lookups: bool, emergency_number: str | None, count_usage: bool
    ) -> None:
        await self._settings_write(
            """
            INSERT INTO guild_settings (guild_key, private_lookups, emergency_number, count_usage) VALUES (?, ?, ?, ?)
            ON CONFLICT (guild_key) DO UPDATE SET private_lookups = excluded.private_lookups,
                emergency_number = excluded.emergency_number, count_usage = excluded.count_usage
            """,
            [(guild_key, int(private_lookups), emergency_number, int(count_usage))],
        )

    async def delete_guild_settings(self, guild_keys: Iterable[str]) -> None:
        await self._settings_write("DELETE FROM guild_settings WHERE guild_key = ?", [(key,) for key in guild_keys])

    async def delete_all_guild_settings(self) -> int:
        """Delete every server's settings; returns how many there were."""
        count = await self._scalar("SELECT COUNT(*) FROM guild_settings")
        await self._settings_write("DELETE FROM guild_settings", [()])
        return count

    async def settings_version(self) -> int:
        return await self._scalar("SELECT value FROM bot_meta WHERE name = 'settings_version'")

    async def _settings_write(self, sql: str, rows: Iterable[tuple[object, ...]]) -> None:
        """A change of settings, and the version other processes watch, in one transaction."""

        async def both() -> None:
            await self._conn.executemany(sql, rows)
            await self._conn.execute(_BUMP_SETTINGS)

        await self._transaction(both)

    async def listen_settings(self, wake: Callable[[], None]) -> bool:
        return False  # SQLite cannot notify: other processes' changes are found by the version check

    @property
    def location(self) -> str:
        return str(self.path)

    async def add_weekly(self, tallies: Mapping[WeekKey, Tally]) -> None:
        await self._write(_ADD_WEEKLY, sorted((*key, t.count, t.top) for key, t in tallies.items()))

    async def _scalar(self, query: str) -> int:
        return await _integer(self._conn, query)

    async def fold_open_weeks(self) -> None:
        """Fold the open weeks now (their later counts are folded again when the week ends, tops added up)."""
        await self._transaction(lambda: self._add_and_fold([], current_week=_AFTER_EVERY_WEEK))

    async def delete_meta(self, name: str) -> None:
        """Delete a value and leave no copy of it in the file or its write-ahead log."""
        await self._write("DELETE FROM bot_meta WHERE name = ?", [(name,)])
        await self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def _write(self, sql: str, rows: Iterable[tuple[object, ...]]) -> None:
        """Run one statement per row and commit; on any failure, roll back."""
        await self._transaction(lambda: self._conn.executemany(sql, rows))

    async def _transaction(self, statements: Callable[[], Awaitable[object]]) -> None:
        """Run `statements` on the file the bot opened (see _ensure_file) and commit; on any failure, roll back.
        One at a time on this connection: two tasks' statements must never share one transaction."""
        async with self._writing:
            await self._ensure_file()
            try:
                await statements()
                await self._conn.commit()
            except BaseException:
                # A write refused by a lock leaves its transaction open. Kept open, the next read pins an old
                # snapshot, and every later write fails (SQLITE_BUSY_SNAPSHOT) even after the lock is gone; and part
                # of a failed batch could be committed with the next one and counted twice.
                with contextlib.suppress(Exception):
                    await self._conn.rollback()
                raise

    async def _ensure_file(self) -> None:
        """Before writing: the file at the path must be the one this connection has open."""
        found = file_identity(self.path)
        if found == self._identity:
            return
        if found is not None:
            if not self._replaced_reported:
                log.error(
                    "The bot database at %s was replaced by another file while the bot ran. The bot will not write "
                    "into a file it did not open: usage counts wait in memory and server settings cannot be "
                    "saved until it restarts (and opens the new file).",
                    self.path,
                )
                self._replaced_reported = True
            raise DatabaseReplaced(str(self.path))
        await self._recreate()

    async def _recreate(self) -> None:
        """The file was deleted, but this connection still has it open: write it back whole, then reopen."""
        copy = self.path.with_name(self.path.name + ".recreating")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        copy.unlink(missing_ok=True)
        await self._conn.execute("VACUUM INTO ?", (str(copy),))
        await self._conn.close()
        for suffix in SIDECARS:  # the deleted file's own log, which must never be replayed onto the copy
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        os.replace(copy, self.path)
        self._conn = (await Database._connect(self.path))._conn
        self._identity = file_identity(self.path)
        log.warning(
            "The bot database at %s was deleted while the bot ran. It was written back from the copy the bot had "
            "open: no count and no server setting was lost.",
            self.path,
        )


async def _integer(conn: aiosqlite.Connection, query: str) -> int:
    """The one integer a query returns (a count, a setting's stored number)."""
    async with conn.execute(query) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0
