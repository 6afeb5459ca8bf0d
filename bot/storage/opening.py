"""Open the backend a target names (bot.storage.target): SQLite's file or PostgreSQL's server, migrated."""

from __future__ import annotations

import aiosqlite
import asyncpg

from bot.storage.backend import Backend, SchemaStatus
from bot.storage.database import Database
from bot.storage.postgres import PostgresDatabase
from bot.storage.postgres_schema import MIGRATIONS as POSTGRES_MIGRATIONS
from bot.storage.postgres_schema import schema_version as postgres_version
from bot.storage.sqlite_schema import MIGRATIONS as SQLITE_MIGRATIONS
from bot.storage.sqlite_schema import schema_version as sqlite_version
from bot.storage.target import PostgresTarget, SqliteTarget, Target


async def open_backend(target: Target) -> Backend:
    """Open and migrate (under the backend's lock). Raises what the database raises when it cannot be opened."""
    if isinstance(target, SqliteTarget):
        return await Database.open(target.path)
    return await PostgresDatabase.open(target)


async def schema_status(target: Target) -> SchemaStatus:
    """Where the schema stands, without migrating (`python -m bot db status`)."""
    if isinstance(target, SqliteTarget):
        if not target.path.exists():
            return SchemaStatus("sqlite", target.location, 0, len(SQLITE_MIGRATIONS))
        async with aiosqlite.connect(f"file:{target.path}?mode=ro", uri=True) as conn:
            return SchemaStatus("sqlite", target.location, await sqlite_version(conn), len(SQLITE_MIGRATIONS))
    return await _postgres_status(target)


async def _postgres_status(target: PostgresTarget) -> SchemaStatus:
    conn = await asyncpg.connect(target.dsn, timeout=10)
    try:
        current = await postgres_version(conn)
    finally:
        await conn.close()
    return SchemaStatus("postgresql", target.location, current, len(POSTGRES_MIGRATIONS))
