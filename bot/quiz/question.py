"""A quiz question as data: its options, the right one, and the card's own words on why."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.facets import Facet

MIN_QUESTIONS, MAX_QUESTIONS, DEFAULT_QUESTIONS = 1, 10, 5
OPTIONS = 4
LETTERS = "ABCD"


@dataclass(frozen=True)
class Option:
    key: str  # a card key (questions about cards) or a controlled value (questions about values)
    label: str


@dataclass(frozen=True)
class Question:
    facet: Facet
    about_cards: bool  # True: the options are cards; False: the options are values of `card`
    value: str  # the controlled value the question turns on (the right answer's value)
    card: str  # the card the right answer comes from
    prompt: str
    options: tuple[Option, ...]
    answer: int  # index of the right option
    explanation: str  # the card's own words

    @property
    def letter(self) -> str:
        return LETTERS[self.answer]

    @property
    def right(self) -> Option:
        return self.options[self.answer]
