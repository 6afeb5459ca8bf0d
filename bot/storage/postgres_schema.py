"""The PostgreSQL database's schema: numbered migrations, applied under an advisory lock.

The same tables as SQLite's (bot.storage.sqlite_schema) in their present shape, plus the two that only processes
sharing a server need: shard leases and identify turns (bot.storage.postgres_cluster). `schema_migrations` records
which versions ran. Several processes starting together take turns on one advisory lock: the first migrates, the
others wait for it, then find nothing left to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

import asyncpg

if TYPE_CHECKING:
    from asyncpg.pool import PoolConnectionProxy

    # A connection of its own or one lent by the pool: the same calls either way.
    Conn: TypeAlias = asyncpg.Connection[Any] | PoolConnectionProxy[Any]

# An advisory lock's key is any 64-bit number; this one is "legw" + 1, the bot's own.
MIGRATION_LOCK = 0x6C656777_0001

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE bot_meta (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO bot_meta (name, value) VALUES ('settings_version', '0');
    CREATE TABLE guild_settings (
        guild_key        TEXT PRIMARY KEY,  -- keyed hash of the server ID, never the ID
        private_lookups  BOOLEAN NOT NULL,
        emergency_number TEXT,
        count_usage      BOOLEAN NOT NULL
    );
    CREATE TABLE usage_open (
        week    TEXT NOT NULL,
        server  TEXT NOT NULL,  -- keyed hash of the server ID, never the ID; only until the week is folded
        command TEXT NOT NULL,
        cards   TEXT NOT NULL,
        section TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count   BIGINT NOT NULL CHECK (count >= 0),
        PRIMARY KEY (week, server, command, cards, section, outcome)
    );
    CREATE TABLE usage_weekly (
        week    TEXT NOT NULL,
        command TEXT NOT NULL,
        cards   TEXT NOT NULL,
        section TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count   BIGINT NOT NULL CHECK (count >= 0),
        top     BIGINT NOT NULL CHECK (top >= 0),  -- the largest count from a single server
        PRIMARY KEY (week, command, cards, section, outcome)
    );
    CREATE TABLE quiz_progress (
        quiz       TEXT PRIMARY KEY,  -- the quiz's own key, from its buttons (seed, topic, length)
        resumed    BOOLEAN NOT NULL,
        current    INTEGER NOT NULL CHECK (current >= 0),
        finished   BOOLEAN NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE TABLE quiz_answers (
        quiz     TEXT NOT NULL,
        question INTEGER NOT NULL,
        member   TEXT NOT NULL,  -- keyed hash of the user ID, never the ID
        correct  BOOLEAN NOT NULL,  -- kept as long as its quiz's progress row
        PRIMARY KEY (quiz, question, member)
    );
    CREATE TABLE post_limits (
        member     TEXT PRIMARY KEY,  -- keyed hash of the user ID, never the ID
        times      TEXT NOT NULL,  -- the member's recent public posts, Unix seconds, space-separated
        expires_at DOUBLE PRECISION NOT NULL
    );
    CREATE INDEX quiz_progress_expiry ON quiz_progress (expires_at);
    CREATE INDEX post_limits_expiry ON post_limits (expires_at);
    CREATE TABLE shard_leases (
        shard_id    INTEGER NOT NULL,
        shard_count INTEGER NOT NULL,
        owner       TEXT NOT NULL,  -- which process runs it: cluster, host name, process ID
        expires_at  TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (shard_id, shard_count)
    );
    CREATE TABLE identify_turns (
        bucket  INTEGER PRIMARY KEY,  -- shard_id % max_concurrency
        next_at TIMESTAMPTZ NOT NULL  -- the first moment the next session in this bucket may start
    );
    """,
    """
    CREATE TABLE deck_items (
        member     TEXT NOT NULL,  -- keyed hash of the user ID, never the ID
        item       TEXT NOT NULL,  -- the bot's own key, <card>/<facet>
        schedule   TEXT NOT NULL,  -- the scheduler's numbers and dates (days, not times)
        expires_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (member, item)
    );
    CREATE INDEX deck_items_expiry ON deck_items (expires_at);
    """,
)
_VERSIONS = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
"""


class NewerSchema(RuntimeError):
    """The database was written by a newer version of the bot."""


async def schema_version(conn: Conn) -> int:
    exists = await conn.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return 0
    return int(await conn.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))


async def migrate(conn: Conn) -> int:
    """Apply the migrations the database lacks, each in its own transaction, under the advisory lock; returns
    how many ran."""
    await conn.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        version = await schema_version(conn)
        if version > len(MIGRATIONS):
            raise NewerSchema(f"the database is from a newer version of the bot (schema {version})")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            async with conn.transaction():
                await conn.execute(_VERSIONS)
                await conn.execute(script)
                await conn.execute("INSERT INTO schema_migrations (version) VALUES ($1)", number)
        return len(MIGRATIONS) - version
    finally:
        await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
