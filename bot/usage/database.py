"""The bot's SQLite database: anonymous daily usage counters, per-server preferences under a keyed hash, and a
little bot metadata (the command-sync hash, the hashing key).

Nothing here can hold an identifier: the counter key is (day, command, cards, section, outcome), all values chosen
by the bot's own code, never typed by a user.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import aiosqlite

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


class Database:
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @classmethod
    async def open(cls, path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path)
        try:
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA synchronous=NORMAL")
            await conn.execute("PRAGMA busy_timeout=2000")
            await _migrate(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

    async def close(self) -> None:
        await self._conn.close()

    async def add_counts(self, counts: Mapping[UsageKey, int]) -> None:
        """Add a batch of counts in one transaction: all of it lands, or none of it."""
        rows = [(*key, n) for key, n in counts.items() if n > 0]
        if not rows:
            return
        await self._conn.executemany(
            """
            INSERT INTO usage_daily (day, command, cards, section, outcome, count) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, command, cards, section, outcome) DO UPDATE SET count = count + excluded.count
            """,
            rows,
        )
        await self._conn.commit()

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
        await self._conn.execute(
            "INSERT INTO bot_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
        await self._conn.commit()

    async def guild_settings(self) -> list[tuple[str, int, str | None, int]]:
        async with self._conn.execute(
            "SELECT guild_key, private_lookups, emergency_number, count_usage FROM guild_settings"
        ) as cursor:
            return list(await cursor.fetchall())

    async def save_guild_settings(
        self, guild_key: str, private_lookups: bool, emergency_number: str | None, count_usage: bool
    ) -> None:
        await self._conn.execute(
            """
            INSERT INTO guild_settings (guild_key, private_lookups, emergency_number, count_usage) VALUES (?, ?, ?, ?)
            ON CONFLICT (guild_key) DO UPDATE SET private_lookups = excluded.private_lookups,
                emergency_number = excluded.emergency_number, count_usage = excluded.count_usage
            """,
            (guild_key, int(private_lookups), emergency_number, int(count_usage)),
        )
        await self._conn.commit()

    async def delete_guild_settings(self, guild_key: str) -> None:
        await self._conn.execute("DELETE FROM guild_settings WHERE guild_key = ?", (guild_key,))
        await self._conn.commit()


async def _migrate(conn: aiosqlite.Connection) -> None:
    async with conn.execute("PRAGMA user_version") as cursor:
        (version,) = await cursor.fetchone()
    if version > len(MIGRATIONS):
        raise RuntimeError(f"usage database is from a newer version of the bot (schema {version})")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        await conn.executescript(f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;")
