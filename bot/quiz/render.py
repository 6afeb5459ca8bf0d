"""A quiz as Discord payloads: the public question, the private result of an answer, the final results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.quiz.ids import QuizRef, answer_ref, next_ref
from bot.quiz.questions import LETTERS, Question, fact_about
from bot.quiz.session import Counted, Results
from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, clip

HOW_TO_ANSWER = "Answer with a letter: only you see your result, and your first answer counts. Anyone can move on."
NEXT_LABEL, RESULTS_LABEL = "Next question", "See results"
RESUMED = (
    "Scoring for this quiz restarted (the bot restarted or the quiz sat idle), "
    "so the results count only answers from then on."
)
DRAFT_SOURCE = "⚠️ From a draft card, not yet reviewed against its sources by a second contributor."


@dataclass(frozen=True)
class ButtonSpec:
    label: str
    custom_id: str
    style: discord.ButtonStyle
    row: int


@dataclass(frozen=True)
class QuizPost:
    """The public quiz message: an embed and its buttons (none once the results are shown)."""

    embed: discord.Embed
    buttons: tuple[ButtonSpec, ...] = ()


def question_text(question: Question) -> str:
    """The prompt in bold and the lettered options, one per line."""
    options = "\n".join(f"**{LETTERS[n]}.** {option.label}" for n, option in enumerate(question.options))
    return f"**{question.prompt}**\n\n{options}"


def question_post(quiz: QuizRef, topic_label: str, questions: Sequence[Question], index: int) -> QuizPost:
    question = questions[index]
    shorter = ""
    if index == 0 and len(questions) < quiz.count:
        shorter = f"\n\n-# This topic has only {len(questions)} question(s), fewer than the {quiz.count} asked for."
    embed = discord.Embed(
        title=f"Quiz: question {index + 1} of {len(questions)}",
        description=clip(question_text(question) + shorter, limits.DESCRIPTION),
        colour=NEUTRAL_COLOUR,
    )
    embed.set_author(name=clip(topic_label, limits.AUTHOR_NAME))
    embed.set_footer(text=f"{HOW_TO_ANSWER}\n{DISCLAIMER}")
    answers = [
        ButtonSpec(LETTERS[n], answer_ref(quiz, index, question, n).custom_id, discord.ButtonStyle.secondary, 0)
        for n in range(len(question.options))
    ]
    last = index + 1 == len(questions)
    move_on = ButtonSpec(
        RESULTS_LABEL if last else NEXT_LABEL,
        next_ref(quiz, index, question).custom_id,
        discord.ButtonStyle.primary,
        1,
    )
    return QuizPost(embed, (*answers, move_on))


def results_post(
    topic_label: str, questions: Sequence[Question], results: Results, buttons: tuple[ButtonSpec, ...] = ()
) -> QuizPost:
    people = {0: "Nobody answered.", 1: "1 person answered."}.get(results.people, f"{results.people} people answered.")
    lines = [people + (f"\n-# {RESUMED}" if results.resumed else "")]
    for n, (question, answered, right) in enumerate(zip(questions, results.answered, results.right, strict=True)):
        score = f"{right} of {answered} right" if answered else "no answers"
        lines.append(
            f"**{n + 1}.** {question.prompt}\n"
            f"Answer: **{question.right.label}** · `/condition {question.card}` · {score}"
        )
    embed = discord.Embed(
        title="Quiz results", description=clip("\n\n".join(lines), limits.DESCRIPTION), colour=NEUTRAL_COLOUR
    )
    embed.set_author(name=clip(topic_label, limits.AUTHOR_NAME))
    embed.set_footer(text=DISCLAIMER)
    return QuizPost(embed, buttons)


def answer_text(
    kb: KnowledgeBase, question: Question, number: int, choice: int, counted: Counted, *, resumed: bool
) -> str:
    """The private result of one click: right or not, why (in the card's own words), and where to read more."""
    right = f"**{question.letter}. {question.right.label}**"
    picked = question.options[choice]
    if counted is Counted.REPEAT:
        lines = [f"You already answered question {number}, and your first answer is the one that counts."]
        lines.append(f"The answer is {right}.")
    else:
        verdict = f"✅ **Right!** {right}" if choice == question.answer else f"❌ **Not quite.** The answer is {right}"
        lines = [verdict]
        if choice != question.answer and question.about_cards:
            lines.append(f"You picked {picked.label}: {fact_about(kb.by_key[picked.key], question)}.")
        if counted is Counted.CLOSED:
            lines.append("The quiz had already moved on, so this answer wasn't counted.")
    card = kb.by_key[question.card]
    lines.append(f"**Why:** {question.explanation}")
    lines.append(f"More on {choice_label(card)}: `/condition {card.key}`")
    if card.is_draft:
        lines.append(f"-# {DRAFT_SOURCE}")
    if resumed:
        lines.append(f"-# {RESUMED}")
    return "\n".join(lines)
