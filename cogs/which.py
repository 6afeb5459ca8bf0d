"""/which: a study explorer that narrows the cards by the features clinicians use to tell them apart.

Thin: menus and choices live in bot.which.menus, ranking in bot.which.ranking, the message in bot.which.render.
Every menu and the Clear button is a WhichControl whose custom_id carries all the choices, so a message keeps
working after a restart.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.interactions.answering import answering
from bot.interactions.errors import send_private
from bot.storage.recorder import Outcome
from bot.which.menus import Choices, next_choices
from bot.which.ranking import rank, shared_signs_of
from bot.which.render import which_embeds, which_items

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()
COMMAND = "which"
STALE = "Those menus are out of date or were not made by this bot. Run `/which` again for a fresh set."


def _counted_message(bot: LegWeaknessBot, interaction: discord.Interaction, choices: Choices) -> dict[str, Any]:
    """The message for these choices (embeds and menus), counted as one use."""
    conditions = bot.kb.conditions
    ranking = rank(conditions, choices)
    embeds = which_embeds(
        ranking,
        choices,
        conditions,
        shared_signs_of(conditions),
        emergency_number=bot.prefs(interaction).emergency_number,
    )
    view = discord.ui.View(timeout=None)
    for item in which_items(choices):
        view.add_item(WhichControl(item))
    # Stopped before sending: uses reach WhichControl by custom_id, so discord.py need not keep this view in memory.
    view.stop()
    bot.count(interaction, COMMAND, ranking.top() if choices.picked else (), outcome=ranking.outcome)
    return {"embeds": embeds, "view": view, "allowed_mentions": NO_MENTIONS}


class WhichControl(discord.ui.DynamicItem[discord.ui.Item[Any]], template=re.compile(r"which:.*", re.DOTALL)):
    """Any /which menu or the Clear button. The template takes every "which:" id, so a forged or stale one is
    answered (privately) instead of failing silently; bot.which.menus decides whether an id is genuine."""

    def __init__(self, item: discord.ui.Item[Any]) -> None:
        super().__init__(item)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> WhichControl:
        return cls(item)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = cast("LegWeaknessBot", interaction.client)
        async with answering(interaction, COMMAND, "/which menu"):
            values = list(self.item.values) if isinstance(self.item, discord.ui.Select) else None
            choices = next_choices(self.custom_id, values)
            if choices is None:
                bot.count(interaction, COMMAND, outcome=Outcome.INVALID)
                await send_private(interaction, STALE)
                return
            await interaction.response.edit_message(**_counted_message(bot, interaction, choices))


class Explore(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=COMMAND, description="Study tool: narrow the cards by onset, where the weakness is, reflexes and clues."
    )
    async def which(self, interaction: discord.Interaction) -> None:
        # Always private, whatever a server chose for lookups: the menus show what this person picked (symptoms,
        # in effect), which is nobody else's business.
        await interaction.response.send_message(**_counted_message(self.bot, interaction, Choices()), ephemeral=True)


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(WhichControl)
    await bot.add_cog(Explore(bot))
