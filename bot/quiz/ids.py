"""A quiz's buttons carry its whole state in their custom_id: the seed, topic and length rebuild the questions.

    quiz:a:<seed>:<topic>:<count>:<index>:<digest>:<letter>   an answer (A-D) to question <index>
    quiz:n:<seed>:<topic>:<count>:<index>:<digest>            "Next question" (or "See results") after <index>

The digest is a few characters of the question's hash: if the content changed since the quiz was posted, the
rebuilt question would differ, and the button is answered as out of date rather than scored against another one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from bot.quiz.questions import LETTERS, Question

PREFIX = "quiz:"
SEED_BITS = 48
DIGEST_LENGTH = 6
# discord.py routes every custom_id starting with the prefix to the quiz, so forged ones get a clean answer too.
TEMPLATE = re.compile(r"quiz:.{0,95}", re.DOTALL)
# Which quiz, as every quiz custom_id (and the review's, bot.quiz.review) spells it: seed, topic token, length.
QUIZ_PATTERN = r"(?P<seed>[0-9a-f]{12}):(?P<topic>-|[a-z0-9][a-z0-9-]{0,31}|cat\.[a-z_]{1,32}):(?P<count>10|[1-9])"
_BUTTON_ID = re.compile(
    rf"^quiz:(?P<kind>[an]):{QUIZ_PATTERN}:(?P<index>[0-9]):(?P<digest>[0-9a-f]{{6}})(?::(?P<letter>[A-D]))?$"
)


class Kind(StrEnum):
    ANSWER = "a"
    NEXT = "n"


@dataclass(frozen=True)
class QuizRef:
    """Which quiz: enough to rebuild its questions."""

    seed: int
    topic: str  # a Topic token
    count: int  # questions asked for (the topic may have fewer)

    @property
    def key(self) -> str:
        return f"{self.seed:012x}:{self.topic}:{self.count}"


@dataclass(frozen=True)
class ButtonRef:
    quiz: QuizRef
    kind: Kind
    index: int
    digest: str
    choice: int | None = None  # the option picked, for answers

    @property
    def custom_id(self) -> str:
        letter = f":{LETTERS[self.choice]}" if self.choice is not None else ""
        return f"{PREFIX}{self.kind.value}:{self.quiz.key}:{self.index}:{self.digest}{letter}"


def new_seed() -> int:
    return secrets.randbits(SEED_BITS)


def question_digest(question: Question) -> str:
    text = "\n".join([question.prompt, *(o.key for o in question.options), str(question.answer)])
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_LENGTH]


def answer_ref(quiz: QuizRef, index: int, question: Question, choice: int) -> ButtonRef:
    return ButtonRef(quiz, Kind.ANSWER, index, question_digest(question), choice)


def next_ref(quiz: QuizRef, index: int, question: Question) -> ButtonRef:
    return ButtonRef(quiz, Kind.NEXT, index, question_digest(question))


def parse_button(custom_id: str) -> ButtonRef | None:
    """The button a custom_id describes, or None when it is not one the bot could have made."""
    match = _BUTTON_ID.match(custom_id)
    if not match:
        return None
    kind, letter = Kind(match["kind"]), match["letter"]
    count, index = int(match["count"]), int(match["index"])
    if (kind is Kind.ANSWER) != (letter is not None) or index >= count:
        return None
    quiz = QuizRef(int(match["seed"], 16), match["topic"], count)
    return ButtonRef(quiz, kind, index, match["digest"], LETTERS.index(letter) if letter else None)
