"""A deck as Discord payloads: the private question, the answer's verdict, the status. Pure: no I/O."""

from __future__ import annotations

import datetime as dt

import discord

from bot.deck.ids import NEXT_ID, AnswerRef, add_id
from bot.deck.items import Item
from bot.quiz.ids import question_digest
from bot.quiz.questions import LETTERS, Question
from bot.quiz.render import ButtonSpec, QuizPost, question_text
from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, clip

ADD_LABEL = "Add to my deck"
FOOTER = "Only you see your deck. /deck status shows what it keeps; /deck delete removes it."
NEXT_LABEL = "Next fact"


def when(due: dt.date, today: dt.date) -> str:
    """A due date in words: "today", "tomorrow", "in 12 days (2026-12-16)"."""
    days = (due - today).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days ({due.isoformat()})"


def add_button(question: Question) -> ButtonSpec:
    """ "Add to my deck" for the item a quiz question was about (offered under a review's answers)."""
    return ButtonSpec(ADD_LABEL, add_id(Item(question.card, question.facet.key)), discord.ButtonStyle.secondary, 0)


def question_post(item: Item, question: Question, seed: int, reviews: int, due_now: int) -> QuizPost:
    digest = question_digest(question)
    buttons = tuple(
        ButtonSpec(LETTERS[n], AnswerRef(item, seed, reviews, digest, n).custom_id, discord.ButtonStyle.secondary, 0)
        for n in range(len(question.options))
    )
    title = "Your deck: 1 fact due" if due_now == 1 else f"Your deck: {due_now} facts due"
    return QuizPost(embed(title, question_text(question)), buttons)


def answered_post(lines: list[str], more_due: int) -> QuizPost:
    if more_due:
        button = ButtonSpec(NEXT_LABEL, NEXT_ID, discord.ButtonStyle.primary, 0)
        return QuizPost(embed("Your deck", "\n".join(lines)), (button,))
    return QuizPost(embed("Your deck", "\n".join([*lines, "", "**That's everything due today.** 🎉"])))


def embed(title: str, description: str) -> discord.Embed:
    shown = discord.Embed(title=title, description=clip(description, limits.DESCRIPTION), colour=NEUTRAL_COLOUR)
    shown.set_footer(text=f"{FOOTER}\n{DISCLAIMER}")
    return shown
