"""The operator's one-shot commands: `db upgrade`, `db status`, `health`, and the check that keeps a container
without a token from starting the offline console."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from pathlib import Path

from bot.cluster import heartbeat
from bot.config import Settings
from bot.storage.copying import Copied, TargetNotEmpty, copy_store
from bot.storage.opening import open_backend, schema_status
from bot.storage.target import SqliteTarget

NO_TOKEN_HERE = (
    "DISCORD_TOKEN is not set, and this is not an interactive terminal (LOCAL_MODE=off, or no input), so the offline "
    "local mode cannot run here: set DISCORD_TOKEN (in .env for docker compose)."
)


def db(settings: Settings, action: str) -> int:
    """`db upgrade`: apply the pending migrations (under the backend's lock) and say where the schema is;
    `db status`: only say."""
    target = settings.database
    if action == "upgrade":
        asyncio.run(_upgrade(settings))
    status = asyncio.run(schema_status(target))
    state = "up to date" if status.pending == 0 else f"{status.pending} migration(s) pending: run `db upgrade`"
    print(f"{status.backend} at {status.location}: schema {status.current} of {status.latest}, {state}.")
    return 0 if action == "upgrade" or status.pending == 0 else 1


async def _upgrade(settings: Settings) -> None:
    backend = await open_backend(settings.database)  # opening migrates
    await backend.close()


def import_sqlite(settings: Settings, path: str | None) -> int:
    """Copy a SQLite file's counts and settings into the database DATABASE_URL names (an empty PostgreSQL)."""
    source = Path(path or "").expanduser()
    if isinstance(settings.database, SqliteTarget) or not source.is_file():
        print(
            "Usage: DATABASE_URL=postgresql://... python -m bot db import-sqlite PATH/TO/bot.sqlite3", file=sys.stderr
        )
        return 2
    try:
        copied = asyncio.run(_copy(settings, source))
    except TargetNotEmpty as exc:
        print(exc, file=sys.stderr)
        return 1
    print(
        f"Copied {copied.settings} server setting(s), {copied.weekly_rows} closed-week row(s), "
        f"{copied.open_counts} count(s) of the week under way and {copied.deck_items} study-deck item(s) into "
        f"{settings.database.location}. Keep the same "
        "server key (SERVER_KEY or the key file) for the bot that uses it."
    )
    return 0


async def _copy(settings: Settings, path: Path) -> Copied:
    source = await open_backend(SqliteTarget(path))
    try:
        target = await open_backend(settings.database)
        try:
            return await copy_store(source, target)
        finally:
            await target.close()
    finally:
        await source.close()


def health(settings: Settings) -> int:
    """Docker's HEALTHCHECK: 0 when the bot's heartbeat is fresh, it is ready and every shard is connected."""
    problem = heartbeat.check(settings.heartbeat_path)
    print(problem or "healthy: ready, every shard connected")
    return 1 if problem else 0


def console_impossible(settings: Settings) -> bool:
    """No token, and nobody to use the console: a container (LOCAL_MODE=off, or input that is /dev/null or shut).
    Starting it anyway would end at once and restart in a loop."""
    if not settings.local_mode_allowed:
        return True
    try:
        found = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):
        return True  # no standard input at all
    null = os.stat(os.devnull)
    return stat.S_ISCHR(found.st_mode) and (found.st_rdev, found.st_ino) == (null.st_rdev, null.st_ino)
