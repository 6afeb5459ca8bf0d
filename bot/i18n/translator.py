"""The translator discord.py runs over the command tree when it syncs (and when the sync hash is computed)."""

from __future__ import annotations

from discord import Locale, app_commands

from bot.i18n.catalogs import Translations
from bot.i18n.tree_strings import context_of


class CatalogTranslator(app_commands.Translator):
    """Descriptions and choice names from the catalogs; None (Discord shows the English) for names, for locales
    without a catalog and for strings not translated yet."""

    def __init__(self, translations: Translations) -> None:
        self.translations = translations

    async def translate(
        self, string: app_commands.locale_str, locale: Locale, context: app_commands.TranslationContextTypes
    ) -> str | None:
        key = context_of(context.location, context.data)
        table = self.translations.get(locale)
        if key is None or table is None:
            return None
        return table.get((key, string.message))
