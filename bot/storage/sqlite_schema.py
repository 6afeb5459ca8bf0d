"""The SQLite database's schema: numbered migrations, applied in order under SQLite's own write lock.

PRAGMA user_version records how many have run. Two processes opening the same file at once take turns: the first
to get the write lock (BEGIN IMMEDIATE) reads the version and migrates; the other waits (busy_timeout), then reads
the new version and has nothing left to do.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import aiosqlite

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
    # Weekly counters. Daily ones dated each lookup to a day, and did not say how much came from one server, which
    # /stats needs (bot.moderation.stats); the old rows are kept as their weeks with `top` = `count` (all from one
    # server, as far as anyone can tell), so /stats never shows them.
    """
    CREATE TABLE usage_open (
        week    TEXT NOT NULL,
        server  TEXT NOT NULL,  -- keyed hash of the server ID, never the ID; only until the week is folded
        command TEXT NOT NULL,
        cards   TEXT NOT NULL,
        section TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count   INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (week, server, command, cards, section, outcome)
    ) WITHOUT ROWID;
    CREATE TABLE usage_weekly (
        week    TEXT NOT NULL,
        command TEXT NOT NULL,
        cards   TEXT NOT NULL,
        section TEXT NOT NULL,
        outcome TEXT NOT NULL,
        count   INTEGER NOT NULL CHECK (count >= 0),
        top     INTEGER NOT NULL CHECK (top >= 0),  -- the largest count from a single server
        PRIMARY KEY (week, command, cards, section, outcome)
    ) WITHOUT ROWID;
    INSERT INTO usage_weekly (week, command, cards, section, outcome, count, top)
        SELECT iso_week(day), command, cards, section, outcome, SUM(count), SUM(count) FROM usage_daily
        GROUP BY iso_week(day), command, cards, section, outcome;
    DROP TABLE usage_daily;
    """,
    # Shared state for processes that share one database (SHARED_STATE=store): quiz progress, who answered which
    # question first, and each member's recent public posts, all under keyed hashes and each row with an expiry.
    # And a version of the server settings, bumped by every change, so other processes notice it cheaply.
    """
    CREATE TABLE quiz_progress (
        quiz       TEXT PRIMARY KEY,  -- the quiz's own key, from its buttons (seed, topic, length)
        resumed    INTEGER NOT NULL CHECK (resumed IN (0, 1)),
        current    INTEGER NOT NULL CHECK (current >= 0),
        finished   INTEGER NOT NULL CHECK (finished IN (0, 1)),
        expires_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE quiz_answers (
        quiz       TEXT NOT NULL,
        question   INTEGER NOT NULL,
        member     TEXT NOT NULL,  -- keyed hash of the user ID, never the ID
        correct    INTEGER NOT NULL CHECK (correct IN (0, 1)),  -- kept as long as its quiz's progress row
        PRIMARY KEY (quiz, question, member)
    ) WITHOUT ROWID;
    CREATE TABLE post_limits (
        member     TEXT PRIMARY KEY,  -- keyed hash of the user ID, never the ID
        times      TEXT NOT NULL,  -- the member's recent public posts, Unix seconds, space-separated
        expires_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX quiz_progress_expiry ON quiz_progress (expires_at);
    CREATE INDEX post_limits_expiry ON post_limits (expires_at);
    INSERT INTO bot_meta (name, value) VALUES ('settings_version', '0') ON CONFLICT (name) DO NOTHING;
    """,
    # Members' private study decks (bot.deck), each row with an expiry renewed whenever its member studies.
    """
    CREATE TABLE deck_items (
        member     TEXT NOT NULL,  -- keyed hash of the user ID, never the ID
        item       TEXT NOT NULL,  -- the bot's own key, <card>/<facet>
        schedule   TEXT NOT NULL,  -- the scheduler's numbers and dates (days, not times)
        expires_at REAL NOT NULL,
        PRIMARY KEY (member, item)
    ) WITHOUT ROWID;
    CREATE INDEX deck_items_expiry ON deck_items (expires_at);
    """,
)


class NewerSchema(RuntimeError):
    """The database was written by a newer version of the bot."""


def statements(script: str) -> Iterator[str]:
    """The script's statements one by one (a semicolon inside a comment or a string does not end one)."""
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


async def schema_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection) -> int:
    """Apply the migrations this file lacks, all in one transaction under the write lock; returns how many."""
    if await schema_version(conn) == len(MIGRATIONS):
        return 0  # the common case, without taking the write lock
    await conn.execute("BEGIN IMMEDIATE")
    try:
        version = await schema_version(conn)  # again, now that no other process can migrate meanwhile
        if version > len(MIGRATIONS):
            raise NewerSchema(f"usage database is from a newer version of the bot (schema {version})")
        for script in MIGRATIONS[version:]:
            for statement in statements(script):
                await conn.execute(statement)
        await conn.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        await conn.commit()
    except BaseException:
        await conn.rollback()
        raise
    return len(MIGRATIONS) - version
