"""/condition and /compare, and the "Share here" button. Thin: the decisions live in bot.replies."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering import answering
from bot.autocomplete import suggests
from bot.errors import send_private
from bot.options import SECTION_CHOICES
from bot.render.cache import RenderCache
from bot.render.card import Section
from bot.replies import SHARE_TEMPLATE, Reply, compare_reply, condition_reply, share_reply
from bot.usage.recorder import Outcome

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()
SHARE_LABEL = "Share here"
SHARE_VIEWS = 256  # a card or section per key, plus the comparisons people actually ask for


class ShareButton(discord.ui.DynamicItem[discord.ui.Button], template=SHARE_TEMPLATE):
    """Posts the same card publicly. Its state is its custom_id, so it keeps working after a restart."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(
            discord.ui.Button(label=SHARE_LABEL, style=discord.ButtonStyle.primary, emoji="📌", custom_id=custom_id)
        )

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match) -> ShareButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[LegWeaknessBot]) -> None:
        bot = interaction.client
        async with answering(interaction, "share", "Share button"):
            reply = share_reply(bot.kb, self.item.custom_id, emergency_number=bot.prefs(interaction).emergency_number)
            if reply.outcome is not Outcome.OK:
                bot.count(interaction, "share", reply.cards, outcome=reply.outcome)
                await send_private(interaction, reply.content or "")
                return
            refusal = bot.public_post_refusal(interaction)
            if refusal:
                await send_private(interaction, refusal)
                return
            bot.count(interaction, "share", reply.cards, outcome=reply.outcome)
            # The public card is the click's own response: one step, so it either appears or the user is told.
            await interaction.response.send_message(embeds=reply.embeds, allowed_mentions=NO_MENTIONS)


def _share_view(custom_id: str) -> discord.ui.View:
    """A finished view: discord.py only serializes it when sending, never stores it or runs its 15-minute timer.

    Clicks reach ShareButton by its custom_id (it is a DynamicItem), not through this view, so one finished view
    can be sent with every reply that has the same share id. Building a view per reply cost about 25 µs.
    """
    view = discord.ui.View(timeout=None)
    view.add_item(ShareButton(custom_id))
    view.stop()
    return view


class Conditions(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        # The same cards are asked for again and again: render each once, and build each Share view once.
        self.cache = RenderCache(bot.kb)
        self._share_view = lru_cache(maxsize=SHARE_VIEWS)(_share_view)

    async def _send(self, interaction: discord.Interaction, reply: Reply, *, private: bool) -> None:
        if not reply.embeds:
            await send_private(interaction, reply.content or "")
            return
        # A server that chose public lookups gets the card directly, like any public post: only for someone who
        # may post here, and within their limit. Otherwise (and by default) it is private, offering to share itself.
        refusal = None if private else self.bot.public_post_refusal(interaction)
        public = not private and refusal is None
        view = self._share_view(reply.share_id) if reply.share_id and not public else discord.utils.MISSING
        await interaction.response.send_message(
            content=f"Only you can see this. {refusal}" if refusal else None,
            embeds=reply.embeds,
            view=view,
            ephemeral=not public,
            allowed_mentions=NO_MENTIONS,
        )

    @app_commands.command(name="condition", description="Show a sourced reference card for a condition.")
    @app_commands.describe(
        name="The condition: a name or abbreviation, e.g. ms, gbs, lupus",
        section="Show just one part of the card",
    )
    @app_commands.choices(section=SECTION_CHOICES)
    async def condition(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, 100],
        section: app_commands.Choice[str] | None = None,
    ) -> None:
        chosen = Section(section.value) if section else None
        prefs = self.bot.prefs(interaction)
        reply = condition_reply(
            self.bot.kb, self.bot.matcher, name, chosen, emergency_number=prefs.emergency_number, cache=self.cache
        )
        self.bot.count(interaction, "condition", reply.cards, section=chosen, outcome=reply.outcome)
        await self._send(interaction, reply, private=prefs.private_lookups)

    @app_commands.command(name="compare", description="Compare two or three conditions side by side.")
    @app_commands.describe(
        first="First condition, e.g. gbs",
        second="Second condition, e.g. ms",
        third="Optional third condition",
    )
    async def compare(
        self,
        interaction: discord.Interaction,
        first: app_commands.Range[str, 1, 100],
        second: app_commands.Range[str, 1, 100],
        third: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        names = [n for n in (first, second, third) if n is not None]
        reply = compare_reply(self.bot.kb, self.bot.matcher, names, cache=self.cache)
        self.bot.count(interaction, "compare", reply.cards, outcome=reply.outcome)
        await self._send(interaction, reply, private=self.bot.prefs(interaction).private_lookups)

    @suggests(condition, "name")
    @suggests(compare, "first", "second", "third")
    def condition_names(self, current: str) -> list[tuple[str, str]]:
        return self.bot.matcher.choices(current)


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(ShareButton)
    await bot.add_cog(Conditions(bot))
