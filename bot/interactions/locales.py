"""The two languages an interaction carries: the member's Discord client language, and the server's (None in DMs)."""

from __future__ import annotations

import discord


def reader_locales(interaction: discord.Interaction) -> tuple[str, str | None]:
    """(the member's locale, the server's locale), as Discord spells them ("fr", "es-419")."""
    server = interaction.guild_locale
    return interaction.locale.value, server.value if server is not None else None
