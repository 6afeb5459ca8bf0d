"""Per-server preferences, stored under a keyed hash of the server ID (never the ID itself).

The key is a secret kept outside the database (bot.storage.server_key), so the table alone does not say which servers
use the bot. Preferences are read on every interaction, so they are cached in memory; a save goes to SQLite first and
to the cache only once it is stored, so the bot never says it saved something it did not.

Settings never outlive the bot's place in a server: leaving a server deletes them (retried until the database takes
the delete), and at every READY the settings of servers the bot is no longer in are deleted too (it may have been
removed while it was offline, when no GUILD_DELETE can reach it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bot.storage.backend import Backend

log = logging.getLogger(__name__)
KEYS_REMEMBERED = 4096
# Digits with the separators people write between numbers: "000", "112", "999 or 111", "+1 (555) 0100".


@dataclass(frozen=True)
class GuildPrefs:
    private_lookups: bool = True
    emergency_number: str | None = None  # None: the international wording (911, 999 or 112)
    count_usage: bool = True


DEFAULTS = GuildPrefs()


class SettingsNotSaved(Exception):
    """The database is not open or refused the write: nothing was changed."""


class GuildSettingsStore:
    def __init__(self) -> None:
        self._db: Backend | None = None
        self._secret = b""
        self._cache: dict[str, GuildPrefs] = {}
        self._to_delete: set[str] = set()
        self._delete_failing = False
        self._local_changes = 0  # saves and forgets made here: a reload that overlapped one is not applied
        # Every interaction asks for its server's key at least twice (preferences, then counting): remember the
        # recent ones, in memory only, instead of recomputing the HMAC each time.
        self.key = lru_cache(maxsize=KEYS_REMEMBERED)(self._hmac)

    @property
    def loaded(self) -> bool:
        """The database is open and every server's settings are known."""
        return self._db is not None

    async def attach(self, database: Backend, secret: bytes) -> None:
        self._secret = secret
        self.key.cache_clear()
        self._cache = await _read_all(database)
        self._db = database

    async def reload(self) -> bool:
        """Read every server's settings again (another process changed some); False when a change made here
        meanwhile would be overwritten by the older rows, so the caller tries again later."""
        if self._db is None:
            return True
        started = self._local_changes
        found = await _read_all(self._db)
        if self._local_changes != started:
            return False
        self._cache = {key: prefs for key, prefs in found.items() if key not in self._to_delete}
        return True

    def _hmac(self, guild_id: int) -> str:
        return hmac.new(self._secret, str(guild_id).encode(), hashlib.sha256).hexdigest()

    def get(self, guild_id: int | None) -> GuildPrefs:
        if guild_id is None or not self.loaded:
            return DEFAULTS
        return self._cache.get(self.key(guild_id), DEFAULTS)

    async def update(self, guild_id: int, **changes: Any) -> GuildPrefs:
        """Store the changes, then use them; raises SettingsNotSaved (and changes nothing) if they cannot be stored."""
        if self._db is None:
            raise SettingsNotSaved("the database is not open")
        prefs = dataclasses.replace(self.get(guild_id), **changes)
        key = self.key(guild_id)
        try:
            await self._db.save_guild_settings(key, prefs.private_lookups, prefs.emergency_number, prefs.count_usage)
        except Exception as exc:
            raise SettingsNotSaved(type(exc).__name__) from exc
        self._cache[key] = prefs
        self._local_changes += 1
        return prefs

    async def forget(self, guild_id: int) -> None:
        """The bot left this server: its settings go now, from the database as soon as it takes the delete."""
        if self.loaded:
            await self._forget_keys({self.key(guild_id)})

    async def reconcile(self, guild_ids: Iterable[int]) -> None:
        """Delete the settings of every server the bot is not in."""
        if self.loaded:
            kept = {self.key(guild_id) for guild_id in guild_ids}
            await self._forget_keys(set(self._cache) - kept)

    async def _forget_keys(self, keys: set[str]) -> None:
        for key in keys:
            self._cache.pop(key, None)
        self._to_delete |= keys
        self._local_changes += 1
        await self.retry_deletes()

    async def retry_deletes(self) -> None:
        """Delete what is waiting to be deleted; on failure it keeps waiting (the bot retries every so often)."""
        if self._db is None or not self._to_delete:
            return
        waiting = set(self._to_delete)
        try:
            await self._db.delete_guild_settings(waiting)
        except Exception as exc:
            if not self._delete_failing:
                log.warning(
                    "Could not delete the settings of %d server(s) the bot left (%s); retrying.",
                    len(waiting),
                    type(exc).__name__,
                )
            self._delete_failing = True
            return
        self._to_delete -= waiting
        self._delete_failing = False


async def _read_all(database: Backend) -> dict[str, GuildPrefs]:
    return {
        key: GuildPrefs(bool(private), number, bool(count))
        for key, private, number, count in await database.guild_settings()
    }
