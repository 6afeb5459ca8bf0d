from __future__ import annotations

import sqlite3
from pathlib import Path

import discord
import pytest

from bot.app import LegWeaknessBot, extensions
from bot.config import Settings
from bot.i18n.catalogs import load_translations
from bot.i18n.translator import CatalogTranslator
from bot.knowledge.base import KnowledgeBase
from bot.storage.database import Database
from bot.sync import META_KEY, command_set_hash, sync_commands


@pytest.fixture
async def bot(kb: KnowledgeBase, tmp_path: Path):
    instance = LegWeaknessBot(Settings(usage_db_path=tmp_path / "bot.sqlite3"), kb)
    await instance.load_extension("cogs.cards")
    calls: list[object] = []

    async def fake_sync(*, guild=None):  # Discord is not reachable here; record what would be sent
        calls.append(guild)
        return []

    instance.tree.sync = fake_sync  # type: ignore[method-assign]
    instance.sync_calls = calls
    yield instance
    await instance.close()


async def test_sync_only_when_the_command_set_changes(bot: LegWeaknessBot, tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "meta.sqlite3")
    assert await sync_commands(bot.tree, db, None) is True
    assert await sync_commands(bot.tree, db, None) is False  # unchanged: no second sync
    assert await sync_commands(bot.tree, db, None, force=True) is True
    assert await sync_commands(bot.tree, db, 1234) is True  # new target
    assert len(bot.sync_calls) == 3 and bot.sync_calls[-1].id == 1234
    assert await db.get_meta(META_KEY) == await command_set_hash(bot.tree, 1234)
    await db.close()


async def test_hash_follows_the_commands(bot: LegWeaknessBot) -> None:
    before = await command_set_hash(bot.tree, None)
    assert await command_set_hash(bot.tree, None) == before
    bot.tree.remove_command("compare")
    assert await command_set_hash(bot.tree, None) != before


async def test_the_bot_asks_only_for_the_guilds_intent(bot: LegWeaknessBot) -> None:
    assert bot.intents.value == bot.intents.__class__(guilds=True).value
    assert bot.allowed_mentions is not None and bot.allowed_mentions.to_dict() == {"parse": []}
    assert {"condition", "compare"} <= {c.name for c in bot.tree.get_commands()}


def test_every_cog_module_is_loaded() -> None:
    assert "cogs.cards" in extensions()
    assert all(name.startswith("cogs.") and not name.startswith("cogs._") for name in extensions())


async def test_a_locked_database_does_not_stop_a_sync(
    bot: LegWeaknessBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = await Database.open(tmp_path / "meta.sqlite3")

    async def refused(_name: str, _value: str) -> None:
        raise sqlite3.OperationalError("database is locked")

    db.set_meta = refused  # type: ignore[method-assign]
    assert await sync_commands(bot.tree, db, None) is True
    assert len(bot.sync_calls) == 1 and "next start will sync again" in caplog.text
    await db.close()


async def test_a_changed_translation_changes_the_hash(bot: LegWeaknessBot) -> None:
    """The hash covers the localized payload, so editing a .po file re-syncs at the next start."""
    untranslated = await command_set_hash(bot.tree, None)
    translations = load_translations()
    await bot.tree.set_translator(CatalogTranslator(translations))
    translated = await command_set_hash(bot.tree, None)
    assert translated != untranslated
    french = translations[discord.Locale.french]
    key = ("/condition: command description", "Show a sourced reference card for a condition.")
    await bot.tree.set_translator(CatalogTranslator({discord.Locale.french: {**french, key: "Autre chose."}}))
    assert await command_set_hash(bot.tree, None) not in (translated, untranslated)
