"""/glossary. Thin: the decisions live in bot.glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cards.replies import Reply
from bot.glossary.lookup import GlossaryLookup
from bot.glossary.replies import glossary_reply
from bot.interactions.autocomplete import suggests
from bot.interactions.errors import send_private

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()


async def send_always_private(interaction: discord.Interaction, reply: Reply) -> None:
    """Private whatever a server chose for lookups: a glossary entry shows the word someone asked about, and
    search results the words they typed; neither is anyone else's business."""
    if reply.embeds:
        await interaction.response.send_message(embeds=reply.embeds, ephemeral=True, allowed_mentions=NO_MENTIONS)
    else:
        await send_private(interaction, reply.content or "")


class Glossary(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.glossary = GlossaryLookup(bot.kb)  # built once: the knowledge base never changes while the bot runs

    @app_commands.command(name="glossary", description="Explain a medical word used on the cards.")
    @app_commands.describe(term="The word, e.g. myelin, areflexia or IVIG")
    async def glossary_command(self, interaction: discord.Interaction, term: app_commands.Range[str, 1, 100]) -> None:
        reply = glossary_reply(self.bot.kb, self.glossary, term)
        self.bot.count(interaction, "glossary", reply.cards, outcome=reply.outcome)
        await send_always_private(interaction, reply)

    @suggests(glossary_command, "term")
    def glossary_terms(self, current: str) -> list[tuple[str, str]]:
        return self.glossary.choices(current)


async def setup(bot: LegWeaknessBot) -> None:
    await bot.add_cog(Glossary(bot))
