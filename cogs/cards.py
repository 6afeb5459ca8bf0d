"""/condition and /compare. Thin: the decisions live in bot.cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.cards.buttons import NO_MENTIONS, SectionButton, ShareButton, card_view
from bot.cards.cache import RenderCache
from bot.cards.options import SECTION_CHOICES
from bot.cards.replies import Reply, compare_reply, condition_reply
from bot.interactions.autocomplete import suggests
from bot.interactions.errors import send_private
from bot.interactions.locales import reader_locales
from bot.knowledge.facets import Section

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

Render = Callable[[str | None], Reply]  # the reply, for a reader in this locale


class Conditions(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        # The same cards are asked for again and again: render each once, and build each view once.
        self.cache = RenderCache(bot.kb)

    async def _send(
        self,
        interaction: discord.Interaction,
        command: str,
        render: Render,
        *,
        private: bool,
        section: Section | None = None,
    ) -> None:
        """Render for the reader (the member, or the server for a public post), count, and send."""
        member, server = reader_locales(interaction)
        reply = render(member if private or server is None else server)  # in a DM only the member sees it
        self.bot.count(interaction, command, reply.cards, section=section, outcome=reply.outcome)
        if not reply.embeds:
            await send_private(interaction, reply.content or "")
            return
        # A server that chose public lookups gets the card directly, like any public post: only for someone who
        # may post here, and within their limit. Otherwise (and by default) it is private, offering to share itself.
        refusal = None if private else await self.bot.public_post_refusal(interaction)
        public = not private and refusal is None
        if refusal:
            reply = render(member)  # it is the member's own after all: in their language
        view = card_view(None if public else reply.share_id, reply.card, reply.section)
        lines = [f"Only you can see this. {refusal}" if refusal else None, reply.notice]
        await interaction.response.send_message(
            content="\n".join(line for line in lines if line) or None,
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

        def render(locale: str | None) -> Reply:
            number, cache = prefs.emergency_number, self.cache
            return condition_reply(
                self.bot.kb, self.bot.matcher, name, chosen, emergency_number=number, cache=cache, locale=locale
            )

        await self._send(interaction, "condition", render, private=prefs.private_lookups, section=chosen)

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
        await self._send(interaction, "compare", lambda _: reply, private=self.bot.prefs(interaction).private_lookups)

    @suggests(condition, "name")
    @suggests(compare, "first", "second", "third")
    def condition_names(self, current: str) -> list[tuple[str, str]]:
        return self.bot.matcher.choices(current)


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(ShareButton, SectionButton)
    await bot.add_cog(Conditions(bot))
