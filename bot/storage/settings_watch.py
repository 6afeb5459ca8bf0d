"""Keeping this process's cached server settings in step with changes made by other processes.

Settings are read on every interaction, so each process caches them (bot.storage.settings). Another process (a
cluster, an HTTP replica) saving a change bumps a version in the database in the same transaction; this watch
checks that version every POLL_SECONDS and reloads when it moved. PostgreSQL also sends a NOTIFY with the change,
which wakes the watch at once; the version check stays as the safety net while the listening connection is down.
A change is obeyed everywhere within about a second either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.storage.backend import ServerSettings
from bot.storage.settings import GuildSettingsStore

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5


class SettingsWatch:
    def __init__(self, store: GuildSettingsStore, *, poll: float = POLL_SECONDS) -> None:
        self._store = store
        self._poll = poll
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    def start(self, database: ServerSettings) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(database), name="settings-watch")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self, database: ServerSettings) -> None:
        seen: int | None = None
        while True:
            try:
                await database.listen_settings(self._wake.set)  # (re)connects the listener if it was lost
                version = await database.settings_version()
                if seen is not None and version != seen:
                    if await self._store.reload():
                        log.info("Server settings changed (here or in another process): reloaded them.")
                    else:
                        version = seen  # a change made here overlapped the reload: read again next time
                seen = version
                self._recovered()
            except Exception as exc:  # the database is unreachable or locked: the cache stays as it is
                self._failed(exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)
            self._wake.clear()

    def _failed(self, exc: Exception) -> None:
        if not self._failing:
            log.warning(
                "Could not check for server-settings changes made by other processes (%s); using the settings "
                "known here until the database answers again.",
                type(exc).__name__,
            )
        self._failing = True

    def _recovered(self) -> None:
        if self._failing:
            log.info("Checking for server-settings changes again.")
        self._failing = False
