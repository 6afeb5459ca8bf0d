"""The PostgreSQL backend (bot.storage.backend.Backend): the same rows and rules as SQLite's, on a server that
several bot processes share, through an asyncpg connection pool.

Counts are upserts (`count = count + EXCLUDED.count`), so any number of processes add without losing or doubling
one; a closed week is folded by whoever deletes its open rows first (DELETE ... RETURNING hands each row to exactly
one transaction). A settings change bumps a version and sends a NOTIFY in the same transaction, so the other
processes reload within moments (bot.storage.settings_watch). While the server is unreachable every call raises and
the callers keep what they have (counts wait in memory, as with a locked SQLite file); the pool reconnects by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

import asyncpg

from bot.storage.postgres_cluster import PostgresCluster
from bot.storage.postgres_decks import PostgresDecks
from bot.storage.postgres_schema import migrate
from bot.storage.postgres_shared import PostgresSharedState, affected
from bot.storage.target import PostgresTarget
from bot.storage.weeks import Tally, UsageKey, WeekKey, fold

if TYPE_CHECKING:
    from bot.storage.postgres_schema import Conn

log = logging.getLogger(__name__)
POOL_SIZE = 4  # the bot writes in batches off the request path: a few connections are plenty
CONNECT_TIMEOUT = 5.0
COMMAND_TIMEOUT = 10.0
SETTINGS_CHANNEL = "legweakness_settings"
_AFTER_EVERY_WEEK = "9999-W99"
_ADD_OPEN = """
    INSERT INTO usage_open (week, server, command, cards, section, outcome, count) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (week, server, command, cards, section, outcome) DO UPDATE SET count = usage_open.count + EXCLUDED.count
"""
_ADD_WEEKLY = """
    INSERT INTO usage_weekly (week, command, cards, section, outcome, count, top) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (week, command, cards, section, outcome)
    DO UPDATE SET count = usage_weekly.count + EXCLUDED.count, top = usage_weekly.top + EXCLUDED.top
"""
_BUMP_SETTINGS = """
    WITH bumped AS (
        UPDATE bot_meta SET value = (value::bigint + 1)::text WHERE name = 'settings_version' RETURNING value
    ) SELECT pg_notify($1, value) FROM bumped
"""


class PostgresDatabase(PostgresSharedState, PostgresDecks, PostgresCluster):
    kind = "postgresql"

    def __init__(self, pool: asyncpg.Pool, target: PostgresTarget) -> None:
        self._pool = pool
        self._target = target
        self._listener: asyncpg.Connection | None = None

    @classmethod
    async def open(cls, target: PostgresTarget) -> PostgresDatabase:
        """Connect and migrate (under the advisory lock); raises when the server cannot be reached."""
        pool = await asyncpg.create_pool(
            target.dsn, min_size=1, max_size=POOL_SIZE, timeout=CONNECT_TIMEOUT, command_timeout=COMMAND_TIMEOUT
        )
        try:
            async with pool.acquire() as conn:
                await migrate(conn)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, target)

    @property
    def location(self) -> str:
        return self._target.location

    async def close(self) -> None:
        if self._listener is not None and not self._listener.is_closed():
            await self._listener.close()
        await self._pool.close()

    # Counters

    async def add_counts(self, counts: Mapping[UsageKey, int], *, current_week: str) -> None:
        # Sorted: two processes upserting the same rows take their locks in the same order, so never deadlock.
        rows = sorted((*key, n) for key, n in counts.items() if n > 0)
        async with self._pool.acquire() as conn, conn.transaction():
            if rows:
                await conn.executemany(_ADD_OPEN, rows)
            await self._fold(conn, current_week)

    async def _fold(self, conn: Conn, before_week: str) -> None:
        gone = await conn.fetch(
            "DELETE FROM usage_open WHERE week < $1 RETURNING week, server, command, cards, section, outcome, count",
            before_week,
        )
        closed = fold((UsageKey(*row[:6]), int(row[6])) for row in gone)
        if closed:
            await conn.executemany(_ADD_WEEKLY, sorted((*key, t.count, t.top) for key, t in closed.items()))

    async def _open_rows(self, *, before_week: str | None = None, from_week: str = "") -> list[tuple[UsageKey, int]]:
        sql = "SELECT week, server, command, cards, section, outcome, count FROM usage_open WHERE week >= $1"
        params = [from_week]
        if before_week is not None:
            sql += " AND week < $2"
            params.append(before_week)
        async with self._pool.acquire() as conn:
            return [(UsageKey(*row[:6]), int(row[6])) for row in await conn.fetch(sql, *params)]

    async def weekly_counts(self, from_week: str, before_week: str) -> dict[WeekKey, Tally]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT week, command, cards, section, outcome, count, top FROM usage_weekly "
                "WHERE week >= $1 AND week < $2",
                from_week,
                before_week,
            )
        found = {WeekKey(*row[:5]): Tally(int(row[5]), int(row[6])) for row in rows}
        for key, tally in fold(await self._open_rows(before_week=before_week, from_week=from_week)).items():
            found[key] = found[key] + tally if key in found else tally
        return found

    async def open_counts(self) -> dict[UsageKey, int]:
        return dict(await self._open_rows())

    async def add_weekly(self, tallies: Mapping[WeekKey, Tally]) -> None:
        rows = sorted((*key, t.count, t.top) for key, t in tallies.items())
        if rows:
            async with self._pool.acquire() as conn, conn.transaction():
                await conn.executemany(_ADD_WEEKLY, rows)

    async def fold_open_weeks(self) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            await self._fold(conn, _AFTER_EVERY_WEEK)

    # Metadata

    async def get_meta(self, name: str) -> str | None:
        async with self._pool.acquire() as conn:
            value = await conn.fetchval("SELECT value FROM bot_meta WHERE name = $1", name)
        return None if value is None else str(value)

    async def set_meta(self, name: str, value: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO bot_meta (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = $2",
                name,
                value,
            )

    async def set_meta_once(self, name: str, value: str) -> str:
        async with self._pool.acquire() as conn:
            await conn.execute("INSERT INTO bot_meta (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", name, value)
            return str(await conn.fetchval("SELECT value FROM bot_meta WHERE name = $1", name))

    async def delete_meta(self, name: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("DELETE FROM bot_meta WHERE name = $1", name)

    # Server settings

    async def guild_settings(self) -> list[tuple[str, int, str | None, int]]:
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT guild_key, private_lookups, emergency_number, count_usage FROM guild_settings"
            )
        return [(str(r[0]), int(r[1]), r[2], int(r[3])) for r in rows]

    async def save_guild_settings(
        self, guild_key: str, private_lookups: bool, emergency_number: str | None, count_usage: bool
    ) -> None:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                """
                INSERT INTO guild_settings (guild_key, private_lookups, emergency_number, count_usage)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (guild_key) DO UPDATE SET private_lookups = $2, emergency_number = $3, count_usage = $4
                """,
                guild_key,
                private_lookups,
                emergency_number,
                count_usage,
            )
            await conn.execute(_BUMP_SETTINGS, SETTINGS_CHANNEL)

    async def delete_guild_settings(self, guild_keys: Iterable[str]) -> None:
        keys = sorted(guild_keys)
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute("DELETE FROM guild_settings WHERE guild_key = ANY($1::text[])", keys)
            await conn.execute(_BUMP_SETTINGS, SETTINGS_CHANNEL)

    async def delete_all_guild_settings(self) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            status = await conn.execute("DELETE FROM guild_settings")
            await conn.execute(_BUMP_SETTINGS, SETTINGS_CHANNEL)
        return affected(status)

    async def settings_version(self) -> int:
        async with self._pool.acquire() as conn:
            value = await conn.fetchval("SELECT value FROM bot_meta WHERE name = 'settings_version'")
        return int(value) if value is not None else 0

    async def listen_settings(self, wake: Callable[[], None]) -> bool:
        """Call `wake` whenever any process changes settings (LISTEN/NOTIFY, on a connection of its own). Returns
        False when it cannot listen now; the caller's version check still notices changes, only later."""
        if self._listener is not None and not self._listener.is_closed():
            return True
        try:
            listener = await asyncpg.connect(self._target.dsn, timeout=CONNECT_TIMEOUT)
            await listener.add_listener(SETTINGS_CHANNEL, lambda *_: wake())
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
            return False
        self._listener = listener
        return True
