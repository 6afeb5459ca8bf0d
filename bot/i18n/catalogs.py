"""Reading the .po catalogs at start (no compiled .mo is committed: the .po is the one source of truth)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

import discord
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from bot.i18n.locales import LOCALES, babel_locale, catalog_path

log = logging.getLogger(__name__)

Translations = Mapping[discord.Locale, Mapping[tuple[str, str], str]]


def read_catalog(path: Path, code: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=babel_locale(code), domain=path.stem)


def usable(catalog: Catalog) -> dict[tuple[str, str], str]:
    """(msgctxt, msgid) -> translation, for every entry that is translated and not fuzzy: a fuzzy entry is Babel's
    guess after the English changed, and Discord should show the English rather than a guess."""
    table = {}
    for message in catalog:
        msgid, string = message.id, message.string  # a tuple for plural entries, which the tree has none of
        if isinstance(msgid, str) and msgid and isinstance(string, str) and string and not message.fuzzy:
            table[message.context or "", msgid] = string
    return table


def load_translations(directory: Path | None = None) -> dict[discord.Locale, dict[tuple[str, str], str]]:
    """Every locale's usable translations; a locale whose catalog is missing is left out (Discord shows English)."""
    translations = {}
    for code, locale in LOCALES.items():
        path = catalog_path(code, directory)
        if not path.is_file():
            log.warning("No catalog for %s at %s; its users see the commands in English.", code, path)
            continue
        translations[locale] = usable(read_catalog(path, code))
    return translations
