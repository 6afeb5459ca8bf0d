"""/deck: each member's optional, private spaced-repetition deck. Thin: the decisions live in bot.deck.

Every reply is private. The deck's buttons carry what they act on in their custom_id (bot.deck.ids), so they keep
working after a restart and in any process; the member is whoever clicks.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.deck import replies
from bot.deck.ids import ADD_PREFIX, DELETE_ID, NEXT_ID, TEMPLATE
from bot.deck.replies import DeckAnswer
from bot.interactions.answering import answering
from bot.interactions.autocomplete import suggests
from bot.interactions.errors import send_private
from bot.quiz.posting import answer_privately
from bot.quiz.questions import QuestionBank
from bot.storage.failures import UNREACHABLE
from bot.storage.recorder import Outcome
from bot.storage.shared import SharedStore

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

log = logging.getLogger(__name__)
Change = Callable[[SharedStore | None, int, str], Awaitable[str]]  # (store, user ID, card key) -> the answer
UNKNOWN_CONDITION = "I don't know a condition by that name. Pick one from the list as you type."


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _seed() -> int:
    return secrets.randbits(32)


async def show(interaction: discord.Interaction[Any], work: DeckAnswer | Awaitable[DeckAnswer]) -> None:
    """Send the deck's answer; a database that cannot be reached now gets a plain "try again", never half a change
    (each change is one transaction)."""
    try:
        answer = work if isinstance(work, DeckAnswer) else await work
    except UNREACHABLE as exc:
        log.warning("A deck could not be read or written (%s); the member was told to try again.", type(exc).__name__)
        answer = DeckAnswer(content=replies.UNAVAILABLE)
    await answer_privately(interaction, answer.post, answer.content, edit=answer.edit)


async def _line(work: Awaitable[str]) -> DeckAnswer:
    return DeckAnswer(content=await work)


class DeckButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """An answer, "Next fact", "Add to my deck" (under a quiz review) or "Delete my deck"."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(label="Deck", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> DeckButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = cast("LegWeaknessBot", interaction.client)
        async with answering(interaction, "deck", "Deck button"):
            bank, store, user = _bank(bot), bot.keyed_store(), interaction.user.id
            custom_id = self.custom_id
            if custom_id == NEXT_ID:
                answer = replies.study(bank, store, user, _today(), _seed(), edit=True)
            elif custom_id == DELETE_ID:
                answer = replies.delete(store, user)
            elif custom_id.startswith(ADD_PREFIX):
                answer = _line(replies.add_from_button(bank, store, user, custom_id, _today()))
            else:
                answer = replies.answer(bank, store, user, custom_id, _today())
            await show(interaction, answer)


def _bank(bot: LegWeaknessBot) -> QuestionBank:
    cog = bot.get_cog(Deck.__cog_name__)
    if not isinstance(cog, Deck):
        raise RuntimeError("the deck cog is not loaded")
    return cog.bank


class Deck(commands.Cog):
    deck = app_commands.Group(name="deck", description="Your private spaced-repetition deck of quiz facts.")

    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.bank = QuestionBank(bot.kb)

    async def _for_condition(self, interaction: discord.Interaction, typed: str, change: Change) -> None:
        """/deck add and /deck remove: resolve the condition typed, then change the deck for it."""
        card = self.bot.matcher.resolve(typed)
        self.bot.count(interaction, "deck", [card], outcome=Outcome.OK if card else Outcome.UNKNOWN)
        if card is None:
            await send_private(interaction, UNKNOWN_CONDITION)
            return
        await show(interaction, _line(change(self.bot.keyed_store(), interaction.user.id, card)))

    @deck.command(name="study", description="Answer the facts of your deck that are due today.")
    async def study(self, interaction: discord.Interaction) -> None:
        self.bot.count(interaction, "deck")
        store = self.bot.keyed_store()
        await show(interaction, replies.study(self.bank, store, interaction.user.id, _today(), _seed()))

    @deck.command(name="add", description="Add every quiz fact about one condition to your deck.")
    @app_commands.describe(condition="The condition, e.g. gbs, ms, myasthenia")
    async def add(self, interaction: discord.Interaction, condition: app_commands.Range[str, 1, 100]) -> None:
        await self._for_condition(
            interaction, condition, lambda store, user, card: replies.add_card(self.bank, store, user, card, _today())
        )

    @deck.command(name="remove", description="Take one condition's facts out of your deck.")
    @app_commands.describe(condition="The condition, e.g. gbs")
    async def remove(self, interaction: discord.Interaction, condition: app_commands.Range[str, 1, 100]) -> None:
        await self._for_condition(
            interaction, condition, lambda store, user, card: replies.remove_card(self.bank, store, user, card)
        )

    @deck.command(name="status", description="What your deck holds, what is due, and what is kept about it.")
    async def status(self, interaction: discord.Interaction) -> None:
        self.bot.count(interaction, "deck")
        await show(interaction, replies.status(self.bank, self.bot.keyed_store(), interaction.user.id, _today()))

    @deck.command(name="delete", description="Delete your whole deck now.")
    async def delete(self, interaction: discord.Interaction) -> None:
        self.bot.count(interaction, "deck")
        await show(interaction, replies.delete_prompt())

    @suggests(add, "condition")
    @suggests(remove, "condition")
    def condition_names(self, current: str) -> list[tuple[str, str]]:
        return self.bot.matcher.choices(current)


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(DeckButton)
    await bot.add_cog(Deck(bot))
