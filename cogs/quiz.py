"""/quiz: a multiple-choice quiz for the channel, built from the cards. Thin: the decisions live in bot.quiz.

The quiz message is public (a group activity) unless started in a DM; results of answers are private. Its buttons
carry the quiz in their custom_id, so they keep answering after a restart; only per-person scoring is in memory.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.deck.render import add_button
from bot.interactions.answering import answering
from bot.interactions.autocomplete import suggests
from bot.interactions.errors import send_private
from bot.quiz.ids import TEMPLATE, new_seed
from bot.quiz.posting import answer_privately, post_view
from bot.quiz.questions import DEFAULT_QUESTIONS, MAX_QUESTIONS, MIN_QUESTIONS, QuestionBank
from bot.quiz.replies import click_quiz, start_quiz
from bot.quiz.review import TEMPLATE as REVIEW_TEMPLATE
from bot.quiz.review import review_click
from bot.quiz.scoring import MemoryScoring, QuizScoring, StoredScoring
from bot.quiz.session import QuizSessions
from bot.quiz.topics import topic_matcher

if TYPE_CHECKING:
    from bot.app import LegWeaknessBot

NO_MENTIONS = discord.AllowedMentions.none()


TOO_MANY_QUIZZES = "So many quizzes are running right now that I can't keep score of another. Please try in a while."


class QuizButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=TEMPLATE):
    """An answer (A-D) or "Next question". Its state is its custom_id, so it keeps working after a restart."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(label="Quiz", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QuizButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        bot = cast("LegWeaknessBot", interaction.client)
        async with answering(interaction, "quiz", "Quiz button"):
            cog = bot.get_cog(Quiz.__cog_name__)
            if not isinstance(cog, Quiz):
                raise RuntimeError("the quiz cog is not loaded")
            click = await click_quiz(cog.bank, cog.scoring, self.custom_id, interaction.user.id)
            if click.post is None:
                await send_private(interaction, click.content or "")
                return
            # The quiz message itself moves on (or shows the results, without buttons), for everyone at once.
            await interaction.response.edit_message(
                embed=click.post.embed, view=post_view(click.post), allowed_mentions=NO_MENTIONS
            )


class ReviewButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=REVIEW_TEMPLATE):
    """ "Review my mistakes" and the review's own buttons: private, their state in the custom_id (bot.quiz.review)."""

    def __init__(self, custom_id: str) -> None:
        super().__init__(discord.ui.Button(label="Review", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReviewButton:
        return cls(match.string)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        async with answering(interaction, "quiz", "Review button"):
            cog = interaction.client.get_cog(Quiz.__cog_name__)
            if not isinstance(cog, Quiz):
                raise RuntimeError("the quiz cog is not loaded")
            review = review_click(cog.bank, cog.sessions, self.custom_id, interaction.user.id, add_button)
            await answer_privately(interaction, review.post, review.content, edit=review.edit)


class Quiz(commands.Cog):
    def __init__(self, bot: LegWeaknessBot) -> None:
        self.bot = bot
        self.bank = QuestionBank(bot.kb)
        self.sessions = QuizSessions()
        # In memory (one process), or in the shared store with SHARED_STATE=store (bot.quiz.scoring).
        memory = MemoryScoring(self.sessions)
        self.scoring: QuizScoring = StoredScoring(bot.shared_store, memory) if bot.settings.shared_state else memory
        self.topics = topic_matcher(bot.kb)
        bot.sweepers.append(self.sessions.sweep)  # who answered is forgotten on time, not only at the next click

    async def cog_unload(self) -> None:
        self.bot.sweepers.remove(self.sessions.sweep)

    @app_commands.command(name="quiz", description="Start a multiple-choice quiz built from the cards.")
    @app_commands.describe(
        questions=f"How many questions ({MIN_QUESTIONS}-{MAX_QUESTIONS}, default {DEFAULT_QUESTIONS})",
        topic="A category (e.g. Muscle) or one condition; leave out for every card",
    )
    async def quiz(
        self,
        interaction: discord.Interaction,
        questions: app_commands.Range[int, MIN_QUESTIONS, MAX_QUESTIONS] = DEFAULT_QUESTIONS,
        topic: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        start = start_quiz(self.bank, self.topics, topic, questions, new_seed())
        if start.post is None or start.quiz is None:
            self.bot.count(interaction, "quiz", start.cards, outcome=start.outcome)
            await send_private(interaction, start.content or "")
            return
        in_dm = interaction.guild_id is None  # a group activity in a server; just for you in a DM
        refusal = None if in_dm else await self.bot.public_post_refusal(interaction)
        if refusal:
            await send_private(interaction, refusal)
            return
        if not await self.scoring.start(start.quiz.key, interaction.user.id):
            await send_private(interaction, TOO_MANY_QUIZZES)
            return
        self.bot.count(interaction, "quiz", start.cards, outcome=start.outcome)
        await interaction.response.send_message(
            embed=start.post.embed,
            view=post_view(start.post) or discord.utils.MISSING,
            ephemeral=in_dm,
            allowed_mentions=NO_MENTIONS,
        )

    @suggests(quiz, "topic")
    def topic_names(self, current: str) -> list[tuple[str, str]]:
        return self.topics.choices(current)


async def setup(bot: LegWeaknessBot) -> None:
    bot.add_dynamic_items(QuizButton, ReviewButton)
    await bot.add_cog(Quiz(bot))
