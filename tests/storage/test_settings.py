from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.database import Database
from bot.storage.settings import (
    DEFAULTS,
    KEYS_REMEMBERED,
    GuildPrefs,
    GuildSettingsStore,
    SettingsNotSaved,
)

GUILD = 123456789012345678
SECRET = bytes(range(32))


async def opened(path: Path, secret: bytes = SECRET) -> tuple[Database, GuildSettingsStore]:
    db = await Database.open(path)
    store = GuildSettingsStore()
    await store.attach(db, secret)
    return db, store


async def test_preferences_persist_under_a_keyed_hash_and_are_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    db, store = await opened(path)
    assert store.get(GUILD) == DEFAULTS and store.get(None) == DEFAULTS
    await store.update(GUILD, private_lookups=False, emergency_number="000")
    await db.close()

    db, store = await opened(path)  # a restart: same secret, same key, same preferences
    assert store.get(GUILD) == GuildPrefs(private_lookups=False, emergency_number="000", count_usage=True)
    assert store.get(GUILD + 1) == DEFAULTS
    (row,) = await db.guild_settings()
    assert row[0] == store.key(GUILD) and str(GUILD) not in row[0]
    await store.forget(GUILD)
    assert await db.guild_settings() == [] and store.get(GUILD) == DEFAULTS
    await db.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    assert str(GUILD).encode() not in raw


async def test_keys_differ_with_the_secret(tmp_path: Path) -> None:
    first, a = await opened(tmp_path / "a.sqlite3", b"a" * 32)
    second, b = await opened(tmp_path / "b.sqlite3", b"b" * 32)
    assert a.key(GUILD) != b.key(GUILD)  # a random secret each: the hash of a public ID can't be looked up
    await first.close()
    await second.close()


async def test_without_a_database_nothing_is_saved_and_nothing_claims_it_was() -> None:
    store = GuildSettingsStore()
    with pytest.raises(SettingsNotSaved):
        await store.update(GUILD, count_usage=False)
    assert store.get(GUILD) == DEFAULTS and not store.loaded


async def test_a_refused_save_changes_nothing(tmp_path: Path) -> None:
    db, store = await opened(tmp_path / "bot.sqlite3")
    await db._conn.execute("PRAGMA query_only = ON")  # every write refused, as on a read-only or locked file
    with pytest.raises(SettingsNotSaved):
        await store.update(GUILD, count_usage=False)
    assert store.get(GUILD) == DEFAULTS
    await db.close()


async def test_reconciling_deletes_the_settings_of_servers_the_bot_is_not_in(tmp_path: Path) -> None:
    db, store = await opened(tmp_path / "bot.sqlite3")
    for guild in (GUILD, GUILD + 1, GUILD + 2):
        await store.update(guild, count_usage=False)
    await store.reconcile([GUILD + 1, GUILD + 99])
    assert [row[0] for row in await db.guild_settings()] == [store.key(GUILD + 1)]
    assert store.get(GUILD).count_usage and not store.get(GUILD + 1).count_usage
    await db.close()


async def test_a_delete_the_database_refused_is_retried_until_it_lands(tmp_path: Path) -> None:
    db, store = await opened(tmp_path / "bot.sqlite3")
    await store.update(GUILD, count_usage=False)
    await db._conn.execute("PRAGMA query_only = ON")
    await store.forget(GUILD)  # refused: forgotten in memory, waiting for the database
    assert store.get(GUILD) == DEFAULTS and len(await db.guild_settings()) == 1
    await store.retry_deletes()
    await db._conn.execute("PRAGMA query_only = OFF")
    await store.retry_deletes()
    assert await db.guild_settings() == []
    await db.close()


async def test_keys_are_remembered_but_bounded() -> None:
    store = GuildSettingsStore()
    assert store.key(GUILD) == store.key(GUILD) != store.key(GUILD + 1)
    assert store.key.cache_info().hits == 1
    for guild in range(KEYS_REMEMBERED + 10):
        store.key(guild)
    assert store.key.cache_info().currsize == KEYS_REMEMBERED
