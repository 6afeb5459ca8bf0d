"""The server-key secret lives outside the database: created once, owner-only, moved out of older databases, and a
wrong one refused instead of silently turning every server's settings back to the defaults."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from bot.storage.database import MIGRATIONS, Database
from bot.storage.server_key import (
    CHECK_NAME,
    LEGACY_NAME,
    ServerKeyProblem,
    forget_server_settings,
    load_server_key,
    read_or_create,
)
from bot.storage.settings import GuildSettingsStore

GUILD = 123456789012345678


def file_bytes(folder: Path, name: str = "bot.sqlite3") -> bytes:
    return b"".join(p.read_bytes() for p in folder.glob(name + "*"))


async def test_the_key_file_is_created_once_owner_only_and_the_database_holds_no_secret(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    key_file = tmp_path / "keys" / "server-key"
    secret = await load_server_key(db, configured=None, path=key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert await load_server_key(db, configured=None, path=key_file) == secret  # the same at every start
    assert await db.get_meta(LEGACY_NAME) is None
    await db.close()
    assert secret.hex().encode() not in file_bytes(tmp_path)


async def test_an_older_databases_secret_moves_out_and_its_settings_keep_working(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    old_secret = bytes(range(32))
    with sqlite3.connect(path) as conn:  # as the previous version left it: the secret inside, one server opted out
        conn.executescript(MIGRATIONS[0] + MIGRATIONS[1] + "PRAGMA user_version = 2;")
        conn.execute("INSERT INTO bot_meta VALUES (?, ?)", (LEGACY_NAME, old_secret.hex()))
        store = GuildSettingsStore()
        store._secret = old_secret
        conn.execute("INSERT INTO guild_settings VALUES (?, 1, NULL, 0)", (store._hmac(GUILD),))
    db = await Database.open(path)
    secret = await load_server_key(db, configured=None, path=tmp_path / "server-key")
    assert secret == old_secret and (tmp_path / "server-key").read_text().strip() == old_secret.hex()
    store = GuildSettingsStore()
    await store.attach(db, secret)
    assert store.get(GUILD).count_usage is False  # the opt-out survived the move
    assert await db.get_meta(LEGACY_NAME) is None
    await db.close()
    assert old_secret.hex().encode() not in file_bytes(tmp_path)  # not even in a freed page or the log


async def test_a_different_secret_is_refused(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "bot.sqlite3")
    await load_server_key(db, configured=None, path=tmp_path / "server-key")
    with pytest.raises(ServerKeyProblem, match="not the one the server settings"):
        await load_server_key(db, configured=bytes(32), path=tmp_path / "server-key")
    (tmp_path / "server-key").unlink()  # lost: a new one would be made
    with pytest.raises(ServerKeyProblem, match="forget-server-settings"):
        await load_server_key(db, configured=None, path=tmp_path / "server-key")
    assert await forget_server_settings(db) == 0
    await load_server_key(db, configured=None, path=tmp_path / "server-key")  # starting over works
    assert await db.get_meta(CHECK_NAME) is not None
    await db.close()


def test_a_damaged_key_file_is_a_clear_problem(tmp_path: Path) -> None:
    (tmp_path / "server-key").write_text("not a key")
    with pytest.raises(ServerKeyProblem, match="could not be read as a key"):
        read_or_create(tmp_path / "server-key")
    (tmp_path / "server-key").write_text("abcd")
    with pytest.raises(ServerKeyProblem, match="32-byte key"):
        read_or_create(tmp_path / "server-key")
