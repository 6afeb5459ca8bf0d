"""Per-server preferences, stored under a keyed hash of the server ID (never the ID itself).

The key is a random secret kept in the bot's own database, so the table alone does not say which servers use the
bot, and nothing in it can be joined to the usage counters (which carry no server at all). Preferences are read on
every interaction, so they are cached in memory; writes go to SQLite first, then the cache.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import logging
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache

from bot.usage.database import Database

log = logging.getLogger(__name__)
SECRET_META_KEY = "guild_key_secret"
KEYS_REMEMBERED = 4096
# Digits with the separators people write between numbers: "000", "112", "999 or 111", "+1 (555) 0100".
_EMERGENCY_NUMBER = re.compile(r"^\+?[0-9][0-9 ()/-]{0,18}[0-9)]$|^[0-9]$")
_OR = re.compile(r"\s+or\s+", flags=re.IGNORECASE)


@dataclass(frozen=True)
class GuildPrefs:
    private_lookups: bool = True
    emergency_number: str | None = None  # None: the international wording (911, 999 or 112)
    count_usage: bool = True


DEFAULTS = GuildPrefs()


def clean_emergency_number(text: str) -> str | None:
    """The number as it will be shown, or None when it is not a phone number (letters, markdown, mentions...)."""
    parts = [p.strip() for p in _OR.split(text.strip())]
    if not 1 <= len(parts) <= 3 or not all(_EMERGENCY_NUMBER.match(p) for p in parts):
        return None
    return " or ".join(" ".join(p.split()) for p in parts)


class GuildSettingsStore:
    def __init__(self, database: Database | None, secret: bytes) -> None:
        self._db = database
        self._secret = secret
        self._cache: dict[str, GuildPrefs] = {}
        # Every interaction asks for its server's key at least twice (preferences, then counting): remember the
        # recent ones, in memory only, instead of recomputing the HMAC each time.
        self.key = lru_cache(maxsize=KEYS_REMEMBERED)(self._hmac)

    @classmethod
    async def open(cls, database: Database | None) -> GuildSettingsStore:
        if database is None:  # preferences then last until restart; the bot has already warned once
            return cls(None, secrets.token_bytes(32))
        secret_hex = await database.get_meta(SECRET_META_KEY)
        if secret_hex is None:
            secret_hex = secrets.token_hex(32)
            await database.set_meta(SECRET_META_KEY, secret_hex)
        store = cls(database, bytes.fromhex(secret_hex))
        for key, private, number, count in await database.guild_settings():
            store._cache[key] = GuildPrefs(bool(private), number, bool(count))
        return store

    def _hmac(self, guild_id: int) -> str:
        return hmac.new(self._secret, str(guild_id).encode(), hashlib.sha256).hexdigest()

    def get(self, guild_id: int | None) -> GuildPrefs:
        return DEFAULTS if guild_id is None else self._cache.get(self.key(guild_id), DEFAULTS)

    async def update(self, guild_id: int, **changes: object) -> GuildPrefs:
        prefs = dataclasses.replace(self.get(guild_id), **changes)
        key = self.key(guild_id)
        if self._db is not None:
            await self._db.save_guild_settings(key, prefs.private_lookups, prefs.emergency_number, prefs.count_usage)
        self._cache[key] = prefs
        return prefs

    async def forget(self, guild_id: int) -> None:
        key = self.key(guild_id)
        if self._db is not None:
            await self._db.delete_guild_settings(key)
        self._cache.pop(key, None)
