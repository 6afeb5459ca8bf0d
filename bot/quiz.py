"""Multiple-choice questions generated from the cards' controlled values. Pure: no Discord, no I/O.

A question is asked in one of two directions:
- about cards: "Which of these typically has brisk reflexes?", the options being conditions;
- about values: "What are the reflexes usually like in GBS?", the options being controlled values.

Exactly one option is correct according to the controlled values, and the rest are clearly wrong: `varies` and
`not_typical` are never an answer; a card whose value `varies` is never a wrong option (it may fit); values too close
to tell apart (adjacent onset speeds, relapsing vs fluctuating, the two fatigability patterns) are never set against
each other; whole-body diseases are never contrasted on what is attacked (they reach any target) or on their shared
autoantibodies; and a target or antibody a card names in its own words is never a wrong answer about that card.
A quiz is a function of (knowledge base, seed, count, topic), so it can be rebuilt from a button.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Category, Course, Fatigability, OnsetSpeed, Reflexes, Sensation
from bot.quiz_topics import EVERYTHING, Topic

MIN_QUESTIONS, MAX_QUESTIONS, DEFAULT_QUESTIONS = 1, 10, 5
MAX_OPTIONS = 4
LETTERS = "ABCD"
UNSETTLED = frozenset({"varies", "not_typical"})  # never an answer: the sources do not settle it


class Facet(StrEnum):
    CATEGORY = "category"
    ONSET = "onset"
    COURSE = "course"
    REFLEXES = "reflexes"
    SENSATION = "sensation"
    FATIGABILITY = "fatigability"
    ANTIBODY = "antibody"


def facet_values(card: Condition, facet: Facet) -> tuple[str, ...]:
    """The card's controlled values for a facet, as plain strings (antibodies normalized)."""
    match facet:
        case Facet.CATEGORY:
            return (card.category.value,)
        case Facet.ONSET:
            return tuple(s.value for s in card.onset.speed)
        case Facet.COURSE:
            return tuple(c.value for c in card.onset.course)
        case Facet.REFLEXES:
            return (card.reflexes.pattern.value,)
        case Facet.SENSATION:
            return (card.sensation.involvement.value,)
        case Facet.FATIGABILITY:
            return (card.fatigability.pattern.value,)
        case Facet.ANTIBODY:
            return tuple(antibody_token(a) for a in card.antibodies.typical)


def explanation(card: Condition, facet: Facet) -> str:
    """The card's own words on this facet."""
    match facet:
        case Facet.CATEGORY:
            return card.attacks
        case Facet.ONSET | Facet.COURSE:
            return card.onset.detail
        case Facet.REFLEXES:
            return card.reflexes.detail
        case Facet.SENSATION:
            return card.sensation.detail
        case Facet.FATIGABILITY:
            return card.fatigability.detail
        case Facet.ANTIBODY:
            return card.antibodies.detail


_ANTI_PREFIX = re.compile(r"^anti-?")
_IGG_SUFFIX = re.compile(r"-?igg$")
_NOT_ALNUM = re.compile(r"[^0-9a-z/]+")


def antibody_token(name: str) -> str:
    """One spelling per antibody, so 'AQP4-IgG' and 'aqp4' on two cards count as the same one."""
    folded = _IGG_SUFFIX.sub("", _ANTI_PREFIX.sub("", name.strip().casefold()))
    return _NOT_ALNUM.sub("", folded)


# Values too close for a fair "which one" (a learner could defend either), so never set against each other.
_CLOSE_PAIRS: dict[Facet, tuple[tuple[str, str], ...]] = {
    Facet.ONSET: (
        (OnsetSpeed.HOURS_TO_DAYS, OnsetSpeed.DAYS_TO_WEEKS),
        (OnsetSpeed.DAYS_TO_WEEKS, OnsetSpeed.WEEKS_TO_MONTHS),
        (OnsetSpeed.WEEKS_TO_MONTHS, OnsetSpeed.MONTHS_TO_YEARS),
    ),
    Facet.COURSE: ((Course.RELAPSING, Course.FLUCTUATING),),
    # Muscles also tire with use in LEMS, whose hallmark is brief improvement with use (see its card).
    Facet.FATIGABILITY: ((Fatigability.FATIGABLE, Fatigability.IMPROVES_WITH_USE),),
    # A whole-body disease can reach any of the other targets, and several of those conditions reach beyond them.
    Facet.CATEGORY: tuple((Category.SYSTEMIC, c) for c in Category if c is not Category.SYSTEMIC),
}
# A card whose `attacks` text names another category's target may be defended as attacking it too (and one whose
# antibody detail names an antibody, as going with it: ATM's names AQP4-IgG, NMOSD's names MOG-IgG).
_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    Category.CENTRAL_NERVOUS_SYSTEM: ("brain", "brainstem", "spinal cord"),
    Category.PERIPHERAL_NERVES: ("peripheral nerve", "peripheral nerves"),
    Category.NEUROMUSCULAR_JUNCTION: ("nerve-muscle junction", "neuromuscular junction"),
    Category.MUSCLE: ("muscle", "muscles"),
    Category.SYSTEMIC: (),
}


@functools.cache
def close_to(facet: Facet, value: str) -> frozenset[str]:
    """The value itself and every value too close to it to be a wrong option."""
    near = {value}
    for a, b in _CLOSE_PAIRS.get(facet, ()):
        if value == a:
            near.add(str(b))
        elif value == b:
            near.add(str(a))
    return frozenset(near)


def _mentions(text: str, words: str) -> bool:
    """Whether the text names these words (whole words, any case): 'AQP4-IgG' names 'aqp4', 'MOGAD' does not."""
    return _whole_words(words).search(text) is not None


@functools.cache
def _whole_words(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(words)}(?![0-9a-z])", re.IGNORECASE)


def _too_close_to_contrast(facet: Facet, a: Condition, b: Condition) -> bool:
    # Whole-body autoimmune diseases share autoantibodies (ANA, anti-Ro, RF...), so one card's list missing an
    # antibody another lists does not make it a clearly wrong answer.
    return facet is Facet.ANTIBODY and a.category is b.category is Category.SYSTEMIC


# Wording. Forward prompts ask which card has a value; reverse prompts ask which value a card has.
_CATEGORY_TARGETS: dict[str, str] = {
    Category.CENTRAL_NERVOUS_SYSTEM: "The brain and spinal cord",
    Category.PERIPHERAL_NERVES: "The peripheral nerves",
    Category.NEUROMUSCULAR_JUNCTION: "The nerve-muscle junction",
    Category.MUSCLE: "The muscles",
    Category.SYSTEMIC: "Many parts of the body (a whole-body autoimmune disease)",
}
_FORWARD: dict[tuple[Facet, str], str] = {
    **{
        (Facet.CATEGORY, c.value): f"In which of these does the immune system mainly attack {t[0].lower() + t[1:]}?"
        for c, t in _CATEGORY_TARGETS.items()
    },
    **{
        (Facet.ONSET, s.value): f"Which of these usually comes on over {s.label}?"
        for s in OnsetSpeed
        if s is not OnsetSpeed.VARIES
    },
    (Facet.COURSE, Course.MONOPHASIC): "Which of these is usually one episode, followed by recovery?",
    (Facet.COURSE, Course.RELAPSING): "Which of these usually comes and goes in relapses?",
    (Facet.COURSE, Course.PROGRESSIVE): "Which of these usually keeps getting worse over time?",
    (Facet.COURSE, Course.FLUCTUATING): "In which of these do symptoms usually change from hour to hour or day to day?",
    (Facet.REFLEXES, Reflexes.REDUCED_OR_ABSENT): "Which of these typically has reduced or absent reflexes?",
    (Facet.REFLEXES, Reflexes.BRISK): "Which of these typically has brisk reflexes?",
    (Facet.REFLEXES, Reflexes.NORMAL): "Which of these usually has normal reflexes?",
    (Facet.SENSATION, Sensation.AFFECTED): "In which of these is feeling (sensation) often affected?",
    (Facet.SENSATION, Sensation.SPARED): "In which of these is feeling (sensation) usually spared?",
    (Facet.FATIGABILITY, Fatigability.FATIGABLE): (
        "Which condition's weakness typically gets worse with use and better with rest?"
    ),
    (Facet.FATIGABILITY, Fatigability.IMPROVES_WITH_USE): (
        "In which of these does weakness typically get briefly better with use?"
    ),
}
_ANTIBODY_FORWARD = "In which of these is {antibody} a typical antibody?"
# No reverse fatigability question: the only two answers are too close to set against each other.
_REVERSE: dict[Facet, str] = {
    Facet.CATEGORY: "What does the immune system mainly attack in {name}?",
    Facet.ONSET: "Which of these fits how fast {name} usually comes on?",
    Facet.COURSE: "Which of these fits the usual course of {name}?",
    Facet.REFLEXES: "What are the reflexes usually like in {name}?",
    Facet.SENSATION: "What usually happens to feeling (sensation) in {name}?",
    Facet.ANTIBODY: "Which of these antibodies is typical of {name}?",
}
_VOCAB: dict[Facet, type] = {
    Facet.ONSET: OnsetSpeed,
    Facet.COURSE: Course,
    Facet.REFLEXES: Reflexes,
    Facet.SENSATION: Sensation,
    Facet.FATIGABILITY: Fatigability,
}


def value_label(kb: KnowledgeBase, facet: Facet, value: str) -> str:
    """How a controlled value reads as an answer option."""
    if facet is Facet.CATEGORY:
        return _CATEGORY_TARGETS[value]
    if facet is Facet.ANTIBODY:
        return _antibody_names(kb)[value]
    label = _VOCAB[facet](value).label
    return ("Over " + label) if facet is Facet.ONSET else label[0].upper() + label[1:]


def _antibody_names(kb: KnowledgeBase) -> dict[str, str]:
    """Normalized antibody -> the spelling of the first card (in name order) that lists it."""
    names: dict[str, str] = {}
    for card in kb.conditions:
        for name in card.antibodies.typical:
            names.setdefault(antibody_token(name), name)
    return names


def _all_values(kb: KnowledgeBase, facet: Facet) -> list[str]:
    if facet is Facet.CATEGORY:
        return [c.value for c in Category]
    if facet is Facet.ANTIBODY:
        return list(_antibody_names(kb))
    return [v.value for v in _VOCAB[facet]]


# Questions.


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
    explanation: str  # the card's own detail text

    @property
    def letter(self) -> str:
        return LETTERS[self.answer]

    @property
    def right(self) -> Option:
        return self.options[self.answer]


Builder = Callable[[random.Random], Question]


class QuestionBank:
    """Every question the cards allow, worked out once per topic: each click rebuilds its quiz from the seed."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.values = {(c.key, f): frozenset(facet_values(c, f)) for c in kb.conditions for f in Facet}
        self.antibodies = _antibody_names(kb)
        self._by_topic: dict[Topic, tuple[Builder, ...]] = {}

    def quiz(self, seed: int, count: int, topic: Topic = EVERYTHING) -> tuple[Question, ...]:
        """Up to `count` different questions on the topic (fewer when it has fewer), the same for the same seed and
        content."""
        if topic not in self._by_topic:  # at most 1 + categories + cards topics
            self._by_topic[topic] = tuple(self._builders(topic))
        rng = random.Random(seed)
        builders = list(self._by_topic[topic])
        rng.shuffle(builders)
        return tuple(build(rng) for build in builders[:count])

    def _builders(self, topic: Topic) -> Iterator[Builder]:
        """One builder per possible question, in a fixed order; each has at least one clearly wrong option."""
        for facet in Facet:
            for value in _all_values(self.kb, facet):
                if value in UNSETTLED:
                    continue
                wrong = {
                    c.key: self.wrong_cards(facet, value, c)
                    for c in self.kb.conditions
                    if topic.includes(c) and value in self.values[(c.key, facet)] and self.settled(c, facet)
                }
                if any(wrong.values()):
                    yield self.card_question(facet, value, {k: w for k, w in wrong.items() if w})
            if facet not in _REVERSE:
                continue
            for card in self.kb.conditions:
                if topic.includes(card) and self.settled(card, facet):
                    answers = sorted(self.values[(card.key, facet)] - UNSETTLED)
                    wrong_values = self.wrong_values(facet, card)
                    if answers and wrong_values:
                        yield self.value_question(facet, card, answers, wrong_values)

    def settled(self, card: Condition, facet: Facet) -> bool:
        """Whether the card commits to this facet: a card whose value varies may fit any option."""
        return "varies" not in self.values[(card.key, facet)]

    def clearly_without(self, card: Condition, facet: Facet, value: str) -> bool:
        """Whether the card clearly does not have the value: it commits to the facet, has nothing close to the value
        and, for what is attacked and antibodies, does not name the value in its own words."""
        if not self.settled(card, facet) or close_to(facet, value) & self.values[(card.key, facet)]:
            return False
        if facet is Facet.CATEGORY:
            return not any(_mentions(card.attacks, word) for word in _CATEGORY_WORDS[value])
        if facet is Facet.ANTIBODY:
            return not _mentions(card.antibodies.detail, value) and not _mentions(
                card.antibodies.detail, self.antibodies[value]
            )
        return True

    def wrong_cards(self, facet: Facet, value: str, right: Condition) -> list[Condition]:
        return [
            c
            for c in self.kb.conditions
            if c.key != right.key
            and self.clearly_without(c, facet, value)
            and not _too_close_to_contrast(facet, right, c)
        ]

    def wrong_values(self, facet: Facet, card: Condition) -> list[str]:
        """Values the card clearly does not have (never `varies` or `not_typical`)."""
        candidates = _all_values(self.kb, facet)
        if facet is Facet.ANTIBODY:
            others = [c for c in self.kb.conditions if not _too_close_to_contrast(facet, card, c)]
            candidates = list(dict.fromkeys(v for c in others for v in facet_values(c, facet)))
        return [v for v in candidates if v not in UNSETTLED and self.clearly_without(card, facet, v)]

    def card_question(self, facet: Facet, value: str, wrong_by_right: dict[str, list[Condition]]) -> Builder:
        if facet is Facet.ANTIBODY:
            prompt = _ANTIBODY_FORWARD.format(antibody=self.antibodies[value])
        else:
            prompt = _FORWARD[(facet, value)]

        def build(rng: random.Random) -> Question:
            card = self.kb.by_key[rng.choice(list(wrong_by_right))]
            wrong = wrong_by_right[card.key]
            picked = [card, *rng.sample(wrong, min(len(wrong), MAX_OPTIONS - 1))]
            rng.shuffle(picked)
            return Question(
                facet=facet,
                about_cards=True,
                value=value,
                card=card.key,
                prompt=prompt,
                options=tuple(Option(c.key, choice_label(c)) for c in picked),
                answer=picked.index(card),
                explanation=explanation(card, facet),
            )

        return build

    def value_question(self, facet: Facet, card: Condition, answers: list[str], wrong: list[str]) -> Builder:
        def build(rng: random.Random) -> Question:
            value = rng.choice(answers)
            picked = [value, *rng.sample(wrong, min(len(wrong), MAX_OPTIONS - 1))]
            rng.shuffle(picked)
            return Question(
                facet=facet,
                about_cards=False,
                value=value,
                card=card.key,
                prompt=_REVERSE[facet].format(name=choice_label(card)),
                options=tuple(Option(v, value_label(self.kb, facet, v)) for v in picked),
                answer=picked.index(value),
                explanation=explanation(card, facet),
            )

        return build


def fact_about(kb: KnowledgeBase, card: Condition, facet: Facet) -> str:
    """What a card says on a facet, in a few words: shown to someone who picked that card wrongly."""
    values = facet_values(card, facet)
    if facet is Facet.ANTIBODY:
        return f"typical antibodies: {', '.join(card.antibodies.typical)}" if values else "no antibody is typical"
    labels = " / ".join(value_label(kb, facet, v) for v in values).lower()
    prefix = {
        Facet.CATEGORY: "mainly attacks",
        Facet.ONSET: "usually comes on",
        Facet.COURSE: "usual course",
        Facet.REFLEXES: "reflexes",
        Facet.SENSATION: "feeling (sensation)",
        Facet.FATIGABILITY: "weakness with use",
    }[facet]
    return f"{prefix}: {labels}"
