"""The Discord locales the command tree is translated into, and where their catalogs are."""

from __future__ import annotations

from pathlib import Path

import discord

from bot.paths import locales_dir

# Folder names are Discord's own locale codes, so a catalog's folder says which Discord locale it serves.
LOCALES: dict[str, discord.Locale] = {
    "fr": discord.Locale.french,
    "es-ES": discord.Locale.spain_spanish,
    "es-419": discord.Locale.latin_american_spanish,
    "de": discord.Locale.german,
    "pt-BR": discord.Locale.brazil_portuguese,
}
DOMAIN = "bot"


def template_path(directory: Path | None = None) -> Path:
    """locales/bot.pot: every string to translate, extracted from the command tree."""
    return (directory or locales_dir()) / f"{DOMAIN}.pot"


def catalog_path(code: str, directory: Path | None = None) -> Path:
    """locales/<code>/LC_MESSAGES/bot.po, the layout gettext tools and translation platforms expect."""
    return (directory or locales_dir()) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def babel_locale(code: str) -> str:
    """Babel spells Discord's `es-419` as `es_419`."""
    return code.replace("-", "_")
