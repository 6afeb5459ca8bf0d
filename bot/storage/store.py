"""The bot's database as the rest of the bot sees it: open, or not yet.

At start-up the database may be locked by a backup, or its folder missing or unwritable. The bot then starts
without it (answering matters more than counting) and keeps trying in the background, with a growing pause, until
it opens; `on_open` then hands it to the server settings and the usage counter. Until then nothing is counted (which
servers opted out is unknown) and no setting can be saved, and /settings says so.

A wrong server-key secret (bot.storage.server_key) is different: it stops the bot at start-up, because carrying on would
quietly give every server its default settings back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.storage.backend import Backend
from bot.storage.opening import open_backend
from bot.storage.server_key import ServerKeyProblem, load_server_key
from bot.storage.target import Target

log = logging.getLogger(__name__)
RETRY_FIRST, RETRY_MAX = 1.0, 60.0  # seconds between attempts to open the database: doubling, capped
OnOpen = Callable[[Backend, bytes], Awaitable[None]]  # takes the open database and its server key over


class Storage:
    def __init__(self, target: Target, *, key_file: Path, configured_key: bytes | None = None) -> None:
        self.target = target
        self._key_file = key_file
        self._configured_key = configured_key
        self.database: Backend | None = None
        self.secret: bytes | None = None
        self._retrying: asyncio.Task[None] | None = None

    async def open(self, on_open: OnOpen, *, quiet: bool = False) -> bool:
        """Try to open the database (and its server key) and hand both to `on_open`; only then does the bot see it
        as open (`self.database`), so no reply meets a database the settings have not been read from yet. False
        when it cannot be opened or read now; raises ServerKeyProblem when the secret is not the one the database
        was written with."""
        database = None
        try:
            database = await open_backend(self.target)
            secret = await load_server_key(database, configured=self._configured_key, path=self._key_file)
            await on_open(database, secret)
        except ServerKeyProblem:
            if database is not None:
                await database.close()
            raise
        except Exception as exc:  # locked, unwritable, a folder that is a file...: answering matters more
            if database is not None:
                await database.close()
            if not quiet:
                log.warning(
                    "The bot database at %s could not be opened or written (%s): until it can be, usage is not "
                    "counted and server settings cannot be saved. The bot keeps trying in the background.",
                    self.target.location,
                    type(exc).__name__,
                )
            return False
        self.database, self.secret = database, secret
        return True

    def keep_trying(self, on_open: OnOpen) -> None:
        """Retry opening in the background until it works (`on_open` included)."""
        if self._retrying is None:
            self._retrying = asyncio.create_task(self._retry(on_open), name="storage-reopen")

    async def _retry(self, on_open: OnOpen) -> None:
        pause = RETRY_FIRST
        while True:
            await asyncio.sleep(pause)
            try:
                opened = await self.open(on_open, quiet=True)
            except ServerKeyProblem as exc:
                log.error("%s The database stays closed until the bot restarts.", exc)
                return
            if opened:
                log.info(
                    "The bot database at %s is open now: usage is counted and settings can be saved.",
                    self.target.location,
                )
                return
            pause = min(pause * 2, RETRY_MAX)

    async def close(self) -> None:
        if self._retrying is not None:
            self._retrying.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retrying
            self._retrying = None
        if self.database is not None:
            await self.database.close()
            self.database = None
