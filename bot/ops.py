"""The operator's one-shot commands: `db upgrade`, `db status`, `health`, and the check that keeps a container
without a token from starting the offline console."""

from __future__ import annotations

import asyncio
import os
import stat
import sys

from bot.cluster import heartbeat
from bot.config import Settings
from bot.storage.opening import open_backend, schema_status

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
