"""The real command tree, translated the way it is synced: every description and choice name has a translation in
every locale, within Discord's rules, and names stay English."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from discord import Locale, app_commands

from bot.app import LegWeaknessBot, extensions
from bot.config import Settings
from bot.i18n.catalogs import load_translations
from bot.i18n.locales import LOCALES
from bot.i18n.translator import CatalogTranslator
from bot.i18n.tree_strings import tree_strings
from bot.knowledge.base import KnowledgeBase

NAME = re.compile(r"^[-_\w]{1,32}$")  # Discord's rule for slash-command and option names
CODES = {locale.value for locale in LOCALES.values()}


@pytest.fixture
async def tree(kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[app_commands.CommandTree[Any]]:
    bot = LegWeaknessBot(Settings(usage_db_path=tmp_path / "bot.sqlite3"), kb)
    for extension in extensions():
        await bot.load_extension(extension)
    await bot.tree.set_translator(CatalogTranslator(load_translations()))
    yield bot.tree
    await bot.close()


async def payloads(tree: app_commands.CommandTree[Any]) -> list[dict[str, Any]]:
    assert tree.translator is not None
    return [await command.get_translated_payload(tree, tree.translator) for command in tree.get_commands()]


def items(payload: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Each command, subcommand and option, with where it is."""
    where = f"{path} {payload['name']}".strip()
    yield where, payload
    for option in payload.get("options", []):
        yield from items(option, where)


def lengths_ok(texts: dict[str, str]) -> bool:
    return all(1 <= len(text) <= 100 for text in texts.values())


async def test_every_description_and_choice_is_translated_within_discords_rules(
    tree: app_commands.CommandTree[Any],
) -> None:
    wrong = []
    slash = [p for p in await payloads(tree) if p["type"] == 1]  # the Apps menu entry has a name only
    assert len(slash) >= 10
    for command in slash:
        for where, item in items(command):
            if not (NAME.match(item["name"]) and item["name"] == item["name"].lower()):
                wrong.append((where, "name", item["name"]))
            if item.get("name_localizations"):
                wrong.append((where, "name translated", item["name_localizations"]))
            described = {"": item["description"], **item.get("description_localizations", {})}
            if set(item.get("description_localizations", {})) != CODES or not lengths_ok(described):
                wrong.append((where, "description", described))
            for choice in item.get("choices", []):
                named = {"": choice["name"], **choice.get("name_localizations", {})}
                if set(choice.get("name_localizations", {})) != CODES or not lengths_ok(named):
                    wrong.append((where, "choice", named))
    assert wrong == []


async def test_every_extracted_string_has_a_translation_in_every_locale(tree: app_commands.CommandTree[Any]) -> None:
    translations = load_translations()
    strings = tree_strings(tree)
    missing = [(code, s.key) for code, locale in LOCALES.items() for s in strings if s.key not in translations[locale]]
    assert len(strings) > 40 and missing == []


async def test_names_and_other_locales_stay_english(tree: app_commands.CommandTree[Any]) -> None:
    (condition,) = [p for p in await payloads(tree) if p["name"] == "condition"]
    assert condition["description_localizations"]["fr"] != condition["description"]
    assert Locale.japanese.value not in condition["description_localizations"]
    section = next(o for o in condition["options"] if o["name"] == "section")
    assert "name_localizations" not in section
    assert {c["name_localizations"]["de"] for c in section["choices"]} >= {"Behandlung", "Warnzeichen"}
