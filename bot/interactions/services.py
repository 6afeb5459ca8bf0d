"""What a feature's buttons and menus need from the bot, as a Protocol: features depend on this, never on the
delivery that provides it (the gateway bot in bot.app today; an HTTP endpoint can provide the same)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

import discord

from bot.knowledge.base import KnowledgeBase
from bot.storage.recorder import Outcome
from bot.storage.settings import GuildPrefs


class BotServices(Protocol):
    kb: KnowledgeBase

    def prefs(self, interaction: discord.Interaction) -> GuildPrefs: ...

    def count(
        self,
        interaction: discord.Interaction,
        command: str,
        cards: Iterable[str | None] = (),
        *,
        section: str | None = None,
        outcome: Outcome = Outcome.OK,
    ) -> None: ...

    async def public_post_refusal(self, interaction: discord.Interaction) -> str | None: ...


def services(interaction: discord.Interaction) -> BotServices:
    """The bot answering this interaction, as the services it offers features."""
    return cast(BotServices, interaction.client)
