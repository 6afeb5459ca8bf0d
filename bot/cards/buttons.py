"""The buttons on a card: "Share here" posts it publicly, a section button opens one section privately.

Their state is their custom_id (DynamicItem), so they keep working after a restart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import discord

from bot.cards.render import DEEPER_SECTIONS
from bot.cards.replies import SECTION_TEMPLATE, SHARE_TEMPLATE, section_custom_id, section_reply, share_reply
from bot.interactions.answering import answering
from bot.interactions.errors import send_private
from bot.interactions.locales import reader_locales
from bot.interactions.services import services
from bot.knowledge.facets import Section
from bot.storage.recorder import Outcome

NO_MENTIONS = discord.AllowedMentions.none()
SHARE_LABEL = "Share here"
CARD_VIEWS = 512  # a card or section per key, shared or not, plus the comparisons people actually ask for


class ShareButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=SHARE_TEMPLATE):
    """Posts the same card publicly. Its state is its custom_id, so it keeps working after a restart."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(
            discord.ui.Button(
                label=SHARE_LABEL, style=discord.ButtonStyle.primary, emoji="📌", custom_id=custom_id, row=0
            )
        )

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ShareButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = services(interaction)
        async with answering(interaction, "share", "Share button"):
            number, (_, server) = bot.prefs(interaction).emergency_number, reader_locales(interaction)
            reply = share_reply(bot.kb, self.custom_id, emergency_number=number, locale=server)  # a public post
            if reply.outcome is not Outcome.OK:
                bot.count(interaction, "share", reply.cards, outcome=reply.outcome)
                await send_private(interaction, reply.content or "")
                return
            refusal = await bot.public_post_refusal(interaction)
            if refusal:
                await send_private(interaction, refusal)
                return
            bot.count(interaction, "share", reply.cards, outcome=reply.outcome)
            # The public card is the click's own response: one step, so it either appears or the user is told.
            view = card_view(None, reply.card, reply.section)
            await interaction.response.send_message(
                content=reply.notice, embeds=reply.embeds, view=view, allowed_mentions=NO_MENTIONS
            )


class SectionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=SECTION_TEMPLATE):
    """Opens one section of a card, privately, for whoever clicks (on a private or a public card alike)."""

    def __init__(self, custom_id: str, label: str = "Section") -> None:
        # A row of their own, below Share, so the one button that posts publicly stands apart.
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=label, style=discord.ButtonStyle.secondary, custom_id=custom_id, row=1
        )
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> SectionButton:
        label = item.label if isinstance(item, discord.ui.Button) else None
        return cls(match.string, label or "Section")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = services(interaction)
        async with answering(interaction, "section", "Section button"):
            number = bot.prefs(interaction).emergency_number
            reply = section_reply(
                bot.kb, self.custom_id, emergency_number=number, locale=reader_locales(interaction)[0]
            )
            bot.count(interaction, "section", reply.cards, section=reply.section, outcome=reply.outcome)
            if reply.outcome is not Outcome.OK:
                await send_private(interaction, reply.content or "")
                return
            view = card_view(reply.share_id, reply.card, reply.section)
            await interaction.response.send_message(
                content=reply.notice, embeds=reply.embeds, view=view, ephemeral=True, allowed_mentions=NO_MENTIONS
            )


def card_view(share_id: str | None, card: str | None, shown: Section | None) -> discord.ui.View:
    """The buttons a reply carries (Share here, the card's other sections), or none at all."""
    return _card_view(share_id, card, shown) if share_id or card else discord.utils.MISSING


@lru_cache(maxsize=CARD_VIEWS)
def _card_view(share_id: str | None, card: str | None, shown: Section | None) -> discord.ui.View:
    """A finished view: discord.py only serializes it when sending, never stores it or runs its 15-minute timer.

    Clicks reach the buttons by their custom_ids (they are DynamicItems), not through this view, so one finished
    view can be sent with every reply that shows the same thing. Building a view per reply cost about 25 µs.
    """
    view = discord.ui.View(timeout=None)
    if share_id:
        view.add_item(ShareButton(share_id))
    if card:
        for section in DEEPER_SECTIONS:
            if section is not shown:
                view.add_item(SectionButton(section_custom_id(card, section), section.label))
    view.stop()
    return view
