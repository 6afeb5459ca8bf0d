"""/search. Thin: the decisions live in bot.search."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.search.index import SearchIndex
from bot.search.replies import search_reply
from cogs.glossary import send_always_private

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot


class Search(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.index = SearchIndex.build(bot.kb)  # built once: the knowledge base never changes while the bot runs

    async def cog_unload(self) -> None:
        self.index.close()

    @app_commands.command(name="search", description="Search every card and the glossary for words.")
    @app_commands.describe(query="Plain words to look for, e.g. double vision or plasma exchange")
    async def search_command(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 100]) -> None:
        reply = search_reply(self.index, query)
        self.bot.count(interaction, "search", reply.cards, outcome=reply.outcome)
        await send_always_private(interaction, reply)


async def setup(bot: LegWeaknessBot) -> None:
    await bot.add_cog(Search(bot))
