""" "Review my mistakes": after a quiz, each person privately re-answers the questions they got wrong.

The button on the results starts a review for whoever clicks it: the quiz sessions know, until the quiz is
forgotten, which questions that person missed. From then on the review is a private message whose buttons carry
everything in their custom_id (no user ID): the quiz (seed, topic, length, which rebuild its questions), the missed
questions as bits, the position in them and how many were right so far.

    review:s:<seed>:<topic>:<count>                                  start (on the public results)
    review:a:<seed>:<topic>:<count>:<missed>:<pos>:<right>:<digest>:<letter>   an answer to missed question <pos>
    review:n:<seed>:<topic>:<count>:<missed>:<pos>:<right>:<digest>            show missed question <pos>
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import discord

from bot.knowledge.base import KnowledgeBase
from bot.quiz.ids import QUIZ_PATTERN, QuizRef, question_digest
from bot.quiz.questions import LETTERS, Question, QuestionBank, fact_about
from bot.quiz.render import ButtonSpec, QuizPost, question_text
from bot.quiz.session import QuizSessions
from bot.quiz.topics import parse_topic
from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, clip

REVIEW_LABEL, NEXT_MISTAKE_LABEL = "Review my mistakes", "Next mistake"
# A button offered under each answered mistake (cogs.quiz passes the deck's "Add to my deck").
Keeper = Callable[[Question], ButtonSpec]
# discord.py routes every custom_id starting with the prefix here, so forged ones get a clean answer too.
TEMPLATE = re.compile(r"review:.{0,92}", re.DOTALL)
_ID = re.compile(
    rf"^review:(?P<kind>[san]):{QUIZ_PATTERN}"
    r"(?::(?P<missed>[0-9a-f]{1,3}):(?P<pos>[0-9]):(?P<right>10|[0-9]):(?P<digest>[0-9a-f]{6})(?::(?P<letter>[A-D]))?)?$"
)
NOT_KNOWN = (
    "I don't have your answers for this quiz: you didn't answer it, or it ended over an hour ago, or the bot "
    "restarted since. Start a new one with `/quiz`."
)
NONE_MISSED = "You got every question you answered right: nothing to review. 🎉"
STALE = "That review button is out of date: the cards changed since the quiz. Start a new quiz with `/quiz`."
FOOTER = "Only you see this review; it is not scored in the quiz."


class Step(StrEnum):
    START = "s"
    ANSWER = "a"
    NEXT = "n"


@dataclass(frozen=True)
class ReviewRef:
    quiz: QuizRef
    step: Step
    missed: int = 0  # bit n: question n was answered wrong
    position: int = 0  # which of the missed questions (0 = the first)
    right: int = 0  # how many of those before `position` were answered right in this review
    digest: str = ""
    choice: int | None = None

    @property
    def custom_id(self) -> str:
        head = f"review:{self.step.value}:{self.quiz.key}"
        if self.step is Step.START:
            return head
        letter = f":{LETTERS[self.choice]}" if self.choice is not None else ""
        return f"{head}:{self.missed:x}:{self.position}:{self.right}:{self.digest}{letter}"


@dataclass(frozen=True)
class ReviewAnswer:
    post: QuizPost | None = None  # the private review message
    content: str | None = None  # otherwise a private line instead
    edit: bool = False  # the post replaces the review message clicked (False: a new private message)


def start_button(quiz: QuizRef) -> ButtonSpec:
    """The button under the public results."""
    return ButtonSpec(REVIEW_LABEL, ReviewRef(quiz, Step.START).custom_id, discord.ButtonStyle.primary, 0)


def parse_review(custom_id: str) -> ReviewRef | None:
    match = _ID.match(custom_id)
    if not match:
        return None
    quiz = QuizRef(int(match["seed"], 16), match["topic"], int(match["count"]))
    step = Step(match["kind"])
    if step is Step.START:
        return None if match["missed"] else ReviewRef(quiz, step)
    if match["missed"] is None or (step is Step.ANSWER) != (match["letter"] is not None):
        return None
    choice = LETTERS.index(match["letter"]) if match["letter"] else None
    missed, position, right = int(match["missed"], 16), int(match["pos"]), int(match["right"])
    ref = ReviewRef(quiz, step, missed, position, right, match["digest"], choice)
    return ref if ref.position < len(missed_indexes(missed, quiz.count)) and ref.right <= ref.position else None


def missed_indexes(missed: int, count: int) -> list[int]:
    return [n for n in range(count) if missed >> n & 1]


def review_click(
    bank: QuestionBank, sessions: QuizSessions, custom_id: str, user_id: int, keeper: Keeper | None = None
) -> ReviewAnswer:
    """Any review button, rebuilt from its custom_id; `user_id` is used only to start (see QuizSessions.missed)."""
    ref = parse_review(custom_id)
    topic = parse_topic(bank.kb, ref.quiz.topic) if ref else None
    if ref is None or topic is None:
        return ReviewAnswer(content=STALE)
    questions = bank.quiz(ref.quiz.seed, ref.quiz.count, topic)
    edit = ref.step is not Step.START  # a review's own buttons change its message; the results' button sends one
    if ref.step is Step.START:
        missed = sessions.missed(ref.quiz.key, user_id)
        if missed is None:
            return ReviewAnswer(content=NOT_KNOWN)
        if missed == 0:
            return ReviewAnswer(content=NONE_MISSED)
        ref = ReviewRef(ref.quiz, Step.NEXT, missed, 0, 0)
    indexes = missed_indexes(ref.missed, ref.quiz.count)
    if indexes[-1] >= len(questions):
        return ReviewAnswer(content=STALE)
    question = questions[indexes[ref.position]]
    if ref.digest and question_digest(question) != ref.digest:
        return ReviewAnswer(content=STALE)
    if ref.step is Step.ANSWER:
        return ReviewAnswer(post=_answered(bank.kb, ref, question, questions, indexes, keeper), edit=edit)
    return ReviewAnswer(post=_asking(ref, question, len(indexes)), edit=edit)


def _asking(ref: ReviewRef, question: Question, total: int) -> QuizPost:
    digest = question_digest(question)
    buttons = tuple(
        ButtonSpec(
            LETTERS[n],
            ReviewRef(ref.quiz, Step.ANSWER, ref.missed, ref.position, ref.right, digest, n).custom_id,
            discord.ButtonStyle.secondary,
            0,
        )
        for n in range(len(question.options))
    )
    return QuizPost(_embed(f"Review: mistake {ref.position + 1} of {total}", question_text(question)), buttons)


def _answered(
    kb: KnowledgeBase,
    ref: ReviewRef,
    question: Question,
    questions: tuple[Question, ...],
    indexes: list[int],
    keeper: Keeper | None,
) -> QuizPost:
    assert ref.choice is not None
    right = ref.right + (ref.choice == question.answer)
    answer = f"**{question.letter}. {question.right.label}**"
    lines = [question_text(question), ""]
    if ref.choice == question.answer:
        lines.append(f"✅ **Right this time!** {answer}")
    else:
        lines.append(f"❌ **Not quite.** The answer is {answer}")
        if ref.choice < len(question.options) and question.about_cards:
            picked = question.options[ref.choice]
            lines.append(f"You picked {picked.label}: {fact_about(kb.by_key[picked.key], question)}.")
    lines += [f"**Why:** {question.explanation}", f"More: `/condition {question.card}`"]
    title = f"Review: mistake {ref.position + 1} of {len(indexes)}"
    following = ref.position + 1
    keep = () if keeper is None else (keeper(question),)
    if following == len(indexes):
        lines += ["", f"**Review done:** {right} of {len(indexes)} right this time."]
        return QuizPost(_embed(title, "\n".join(lines)), keep)
    upcoming = questions[indexes[following]]
    move_on = ReviewRef(ref.quiz, Step.NEXT, ref.missed, following, right, question_digest(upcoming))
    return QuizPost(
        _embed(title, "\n".join(lines)),
        (ButtonSpec(NEXT_MISTAKE_LABEL, move_on.custom_id, discord.ButtonStyle.primary, 0), *keep),
    )


def _embed(title: str, description: str) -> discord.Embed:
    embed = discord.Embed(title=title, description=clip(description, limits.DESCRIPTION), colour=NEUTRAL_COLOUR)
    embed.set_footer(text=f"{FOOTER}\n{DISCLAIMER}")
    return embed
