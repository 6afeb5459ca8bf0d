"""The bot for HTTP delivery: the gateway bot's commands, handlers, storage and counting, without a gateway session.

It logs in over REST (which loads the cogs and syncs the commands, as at every start) and never connects to the
gateway, so it learns nothing from gateway events: what it needs to know about an interaction is in the interaction.
"""

from __future__ import annotations

import discord

from bot.app import LegWeaknessBot


class HttpBot(LegWeaknessBot):
    def added_to_server(self, interaction: discord.Interaction) -> bool:
        """No GUILD_CREATE tells this bot which servers it is in; the interaction says whether the app was added to
        the server it came from (installed to the server, not only to the person's own account)."""
        return interaction.is_guild_integration()
