"""/glossary and /search. Thin: the decisions live in bot.lookup_replies, the index in bot.search_index."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.autocomplete import suggests
from bot.errors import send_private
from bot.knowledge.glossary_lookup import GlossaryLookup
from bot.lookup_replies import glossary_reply, search_reply
from bot.replies import Reply
from bot.search.index import SearchIndex

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()


class Lookup(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        # Built once, at start-up: the knowledge base never changes while the bot runs.
        self.glossary = GlossaryLookup(bot.kb)
        self.index = SearchIndex.build(bot.kb)

    async def cog_unload(self) -> None:
        self.index.close()

    async def _send(self, interaction: discord.Interaction, reply: Reply) -> None:
        # Always private, whatever a server chose for lookups: search results show the words someone typed, and a
        # glossary entry the word they asked about; neither is anyone else's business.
        if reply.embeds:
            await interaction.response.send_message(embeds=reply.embeds, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await send_private(interaction, reply.content or "")

    @app_commands.command(name="glossary", description="Explain a medical word used on the cards.")
    @app_commands.describe(term="The word, e.g. myelin, areflexia or IVIG")
    async def glossary_command(self, interaction: discord.Interaction, term: app_commands.Range[str, 1, 100]) -> None:
        reply = glossary_reply(self.bot.kb, self.glossary, term)
        self.bot.count(interaction, "glossary", reply.cards, outcome=reply.outcome)
        await self._send(interaction, reply)

    @suggests(glossary_command, "term")
    def glossary_terms(self, current: str) -> list[tuple[str, str]]:
        return self.glossary.choices(current)

    @app_commands.command(name="search", description="Search every card and the glossary for words.")
    @app_commands.describe(query="Plain words to look for, e.g. double vision or plasma exchange")
    async def search_command(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 100]) -> None:
        reply = search_reply(self.index, query)
        self.bot.count(interaction, "search", reply.cards, outcome=reply.outcome)
        await self._send(interaction, reply)


async def setup(bot: LegWeaknessBot) -> None:
    await bot.add_cog(Lookup(bot))
