"""Multiple-choice questions generated from the cards' controlled values. Pure: no Discord, no I/O.

A question is asked in one of two directions:
- about cards: "Which of these typically has brisk reflexes?", the options being conditions;
- about values: "What are the reflexes usually like in GBS?", the options being controlled values.
Cautions are asked about both ways too: "Which of these can make myasthenia gravis worse?" sets the card's own
cautions against its own treatments, so a wrong option is something the card treats with, never merely something
it does not mention.

Every question has exactly four options, one correct according to the controlled values and three clearly wrong:
`varies` and `not_typical` are never an answer; a card whose value varies is never a wrong option (it may fit);
values too close to tell apart (adjacent onset speeds, relapsing vs fluctuating, the two fatigability patterns) are
never set against each other; whole-body diseases are never contrasted on what is attacked or on their shared
autoantibodies; and a target or antibody a card names in its own words is never a wrong answer about that card.
A quiz is a function of (knowledge base, seed, count, topic), so it can be rebuilt from a button; it spreads over
the topic, asking about different cards and different facets before it repeats one.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import (
    ANTIBODIES,
    CATEGORY,
    CAUTIONS,
    COURSE,
    FATIGABILITY,
    ONSET,
    QUIZZED,
    REFLEXES,
    SENSATION,
    Facet,
)
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Agent, Category, CautionKind, Course, Fatigability, OnsetSpeed, Reflexes, Sensation
from bot.quiz.topics import EVERYTHING, Topic

MIN_QUESTIONS, MAX_QUESTIONS, DEFAULT_QUESTIONS = 1, 10, 5
OPTIONS = 4
LETTERS = "ABCD"


def facet_values(card: Condition, facet: Facet) -> frozenset[str]:
    """The card's controlled values for a facet, as plain strings."""
    return frozenset(str(v) for v in facet.values(card))


# Values too close for a fair "which one" (a learner could defend either), so never set against each other.
_CLOSE_PAIRS: dict[str, tuple[tuple[str, str], ...]] = {
    ONSET.key: (
        (OnsetSpeed.HOURS_TO_DAYS, OnsetSpeed.DAYS_TO_WEEKS),
        (OnsetSpeed.DAYS_TO_WEEKS, OnsetSpeed.WEEKS_TO_MONTHS),
        (OnsetSpeed.WEEKS_TO_MONTHS, OnsetSpeed.MONTHS_TO_YEARS),
    ),
    COURSE.key: ((Course.RELAPSING, Course.FLUCTUATING), (Course.PROGRESSIVE, Course.STEPWISE)),
    # Muscles also tire with use in LEMS, whose hallmark is brief improvement with use (see its card).
    FATIGABILITY.key: ((Fatigability.FATIGABLE, Fatigability.IMPROVES_WITH_USE),),
    # A whole-body disease can reach any of the other targets, and several of those conditions reach beyond them.
    CATEGORY.key: tuple((Category.SYSTEMIC, c) for c in Category if c is not Category.SYSTEMIC),
}
# A card whose `attacks` text names another category's target may be defended as attacking it too.
_CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    Category.CENTRAL_NERVOUS_SYSTEM: ("brain", "brainstem", "spinal cord"),
    Category.PERIPHERAL_NERVES: ("peripheral nerve", "peripheral nerves"),
    Category.NEUROMUSCULAR_JUNCTION: ("nerve-muscle junction", "neuromuscular junction"),
    Category.MUSCLE: ("muscle", "muscles"),
    Category.SYSTEMIC: (),
}


@functools.cache
def close_to(facet_key: str, value: str) -> frozenset[str]:
    """The value itself and every value too close to it to be a wrong option."""
    near = {value}
    for a, b in _CLOSE_PAIRS.get(facet_key, ()):
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
    return facet is ANTIBODIES and a.category is b.category is Category.SYSTEMIC


# Wording. Forward prompts ask which card has a value; reverse prompts ask which value a card has.
_CATEGORY_TARGETS: dict[Category, str] = {
    Category.CENTRAL_NERVOUS_SYSTEM: "The brain and spinal cord",
    Category.PERIPHERAL_NERVES: "The peripheral nerves",
    Category.NEUROMUSCULAR_JUNCTION: "The nerve-muscle junction",
    Category.MUSCLE: "The muscles",
    Category.SYSTEMIC: "Many parts of the body (a whole-body autoimmune disease)",
}
_FORWARD: dict[tuple[str, str], str] = {
    **{
        (CATEGORY.key, c.value): f"In which of these does the immune system mainly attack {t[0].lower() + t[1:]}?"
        for c, t in _CATEGORY_TARGETS.items()
    },
    **{
        (ONSET.key, s.value): f"Which of these usually comes on over {s.label}?"
        for s in OnsetSpeed
        if s is not OnsetSpeed.VARIES
    },
    (COURSE.key, Course.MONOPHASIC): "Which of these is usually one episode, followed by recovery?",
    (COURSE.key, Course.RELAPSING): "Which of these usually comes and goes in relapses?",
    (COURSE.key, Course.PROGRESSIVE): "Which of these usually keeps getting worse over time?",
    (COURSE.key, Course.FLUCTUATING): "In which of these do symptoms usually change from hour to hour or day to day?",
    (COURSE.key, Course.STEPWISE): "Which of these typically worsens in steps rather than steadily?",
    (REFLEXES.key, Reflexes.REDUCED_OR_ABSENT): "Which of these typically has reduced or absent reflexes?",
    (REFLEXES.key, Reflexes.BRISK): "Which of these typically has brisk reflexes?",
    (REFLEXES.key, Reflexes.NORMAL): "Which of these usually has normal reflexes?",
    (SENSATION.key, Sensation.AFFECTED): "In which of these is feeling (sensation) often affected?",
    (SENSATION.key, Sensation.SPARED): "In which of these is feeling (sensation) usually spared?",
    (FATIGABILITY.key, Fatigability.FATIGABLE): (
        "Which condition's weakness typically gets worse with use and better with rest?"
    ),
    (FATIGABILITY.key, Fatigability.IMPROVES_WITH_USE): (
        "In which of these does weakness typically get briefly better with use?"
    ),
}
_ANTIBODY_FORWARD = "In which of these is {antibody} a typical antibody?"
# No reverse fatigability question: the only two answers are too close to set against each other.
_REVERSE: dict[str, str] = {
    CATEGORY.key: "What does the immune system mainly attack in {name}?",
    ONSET.key: "Which of these fits how fast {name} usually comes on?",
    COURSE.key: "Which of these fits the usual course of {name}?",
    REFLEXES.key: "What are the reflexes usually like in {name}?",
    SENSATION.key: "What usually happens to feeling (sensation) in {name}?",
    ANTIBODIES.key: "Which of these antibodies is typical of {name}?",
}
# The caution kinds a quiz asks about: both are facts a learner can be asked to recall; "risk" is context.
_CAUTION_REVERSE: dict[CautionKind, str] = {
    CautionKind.WORSENS: "Which of these can make {name} worse?",
    CautionKind.NO_BENEFIT: "Which of these does not help in {name}, although it treats similar conditions?",
}
_CAUTION_FORWARD: dict[CautionKind, str] = {
    CautionKind.WORSENS: "In which of these conditions can this make things worse: {agent}?",
    CautionKind.NO_BENEFIT: (
        "In which of these conditions does this not help, although it treats similar ones: {agent}?"
    ),
}


def value_label(facet: Facet, value: str) -> str:
    """How a controlled value reads as an answer option."""
    if facet is CATEGORY:
        return _CATEGORY_TARGETS[Category(value)]
    if facet is CAUTIONS:
        return _capital(Agent(value).label)
    assert facet.vocabulary is not None  # every quizzed facet has one
    label = facet.vocabulary(value).label
    if facet is ANTIBODIES:
        return label  # "anti-GQ1b", as written
    return ("Over " + label) if facet is ONSET else _capital(label)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text and not text[:2].isupper() else text


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
    explanation: str  # the card's own words

    @property
    def letter(self) -> str:
        return LETTERS[self.answer]

    @property
    def right(self) -> Option:
        return self.options[self.answer]


@dataclass(frozen=True)
class Builder:
    """One possible question, built with the quiz's random numbers; `cards` are those it may turn on."""

    facet: Facet
    cards: tuple[str, ...]
    build: Callable[[random.Random], Question]


class QuestionBank:
    """Every question the cards allow, worked out once per topic: each click rebuilds its quiz from the seed."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.values = {(c.key, f.key): facet_values(c, f) for c in kb.conditions for f in QUIZZED}
        self._by_topic: dict[Topic, tuple[Builder, ...]] = {}

    def quiz(self, seed: int, count: int, topic: Topic = EVERYTHING) -> tuple[Question, ...]:
        """Up to `count` different questions on the topic (fewer when it has fewer), the same for the same seed and
        content, spread over the topic's cards and facets."""
        if topic not in self._by_topic:  # at most 1 + categories + cards topics
            self._by_topic[topic] = tuple(self._builders(topic))
        rng = random.Random(seed)
        builders = list(self._by_topic[topic])
        rng.shuffle(builders)
        return tuple(build.build(rng) for build in _spread(builders, count))

    def _builders(self, topic: Topic) -> Iterator[Builder]:
        """One builder per possible question, in a fixed order; each has three clearly wrong options."""
        for facet in QUIZZED:
            yield from self._forward(facet, topic)
            if facet.key in _REVERSE:
                yield from self._reverse(facet, topic)
        yield from self._caution_questions(topic)

    def _forward(self, facet: Facet, topic: Topic) -> Iterator[Builder]:
        for value in _all_values(self.kb, facet):
            if value in facet.unsettled:
                continue
            wrong = {
                c.key: self.wrong_cards(facet, value, c)
                for c in self.kb.conditions
                if topic.includes(c) and value in self.values[(c.key, facet.key)] and facet.settled(c)
            }
            playable = {k: w for k, w in wrong.items() if len(w) >= OPTIONS - 1}
            if playable:
                yield self.card_question(facet, value, playable)

    def _reverse(self, facet: Facet, topic: Topic) -> Iterator[Builder]:
        for card in self.kb.conditions:
            if topic.includes(card) and facet.settled(card):
                answers = sorted(self.values[(card.key, facet.key)] - facet.unsettled)
                wrong_values = self.wrong_values(facet, card)
                if answers and len(wrong_values) >= OPTIONS - 1:
                    yield self.value_question(facet, card, answers, wrong_values)

    def clearly_without(self, card: Condition, facet: Facet, value: str) -> bool:
        """Whether the card clearly does not have the value: it commits to the facet, has nothing close to the value
        and, for what is attacked and antibodies, does not name the value in its own words."""
        if not facet.settled(card) or close_to(facet.key, value) & self.values[(card.key, facet.key)]:
            return False
        if facet is CATEGORY:
            return not any(_mentions(card.attacks.text, word) for word in _CATEGORY_WORDS[value])
        if facet is ANTIBODIES:
            label = value_label(facet, value)
            return not _mentions(card.antibodies.detail, label) and not _mentions(card.antibodies.detail, value)
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
        if facet is ANTIBODIES:
            others = [c for c in self.kb.conditions if not _too_close_to_contrast(facet, card, c)]
            candidates = list(dict.fromkeys(v for c in others for v in sorted(facet_values(c, facet))))
        return [v for v in candidates if v not in facet.unsettled and self.clearly_without(card, facet, v)]

    def card_question(self, facet: Facet, value: str, wrong_by_right: dict[str, list[Condition]]) -> Builder:
        if facet is ANTIBODIES:
            prompt = _ANTIBODY_FORWARD.format(antibody=value_label(facet, value))
        else:
            prompt = _FORWARD[(facet.key, value)]

        def build(rng: random.Random) -> Question:
            card = self.kb.by_key[rng.choice(list(wrong_by_right))]
            return _card_options(rng, facet, value, prompt, card, wrong_by_right[card.key], facet.text(card))

        return Builder(facet, tuple(wrong_by_right), build)

    def value_question(self, facet: Facet, card: Condition, answers: list[str], wrong: list[str]) -> Builder:
        def build(rng: random.Random) -> Question:
            value = rng.choice(answers)
            prompt = _REVERSE[facet.key].format(name=choice_label(card))
            return _value_options(rng, facet, value, prompt, card, wrong, facet.text(card))

        return Builder(facet, (card.key,), build)

    def _caution_questions(self, topic: Topic) -> Iterator[Builder]:
        """A card's cautions set against its own treatments, and cards that treat with what another cautions."""
        for kind in _CAUTION_REVERSE:
            for card in self.kb.conditions:
                if not topic.includes(card):
                    continue
                answers = sorted(_cautioned(card, kind) - _treated(card))
                wrong = [a for a in sorted(_treated(card)) if a not in _cautioned_any(card)]
                if answers and len(wrong) >= OPTIONS - 1:
                    yield self._caution_value_question(kind, card, answers, wrong)
            for agent in sorted({a for c in self.kb.conditions for a in _cautioned(c, kind)}):
                wrong_by_right = {
                    c.key: [
                        other
                        for other in self.kb.conditions
                        if agent in _treated(other) and agent not in _cautioned_any(other) and other.key != c.key
                    ]
                    for c in self.kb.conditions
                    if topic.includes(c) and agent in _cautioned(c, kind) - _treated(c)
                }
                playable = {k: w for k, w in wrong_by_right.items() if len(w) >= OPTIONS - 1}
                if playable:
                    yield self._caution_card_question(kind, agent, playable)

    def _caution_value_question(
        self, kind: CautionKind, card: Condition, answers: list[str], wrong: list[str]
    ) -> Builder:
        def build(rng: random.Random) -> Question:
            agent = rng.choice(answers)
            prompt = _CAUTION_REVERSE[kind].format(name=choice_label(card))
            return _value_options(rng, CAUTIONS, agent, prompt, card, wrong, _caution_text(card, kind, agent))

        return Builder(CAUTIONS, (card.key,), build)

    def _caution_card_question(
        self, kind: CautionKind, agent: str, wrong_by_right: dict[str, list[Condition]]
    ) -> Builder:
        prompt = _CAUTION_FORWARD[kind].format(agent=Agent(agent).label)

        def build(rng: random.Random) -> Question:
            card = self.kb.by_key[rng.choice(list(wrong_by_right))]
            explanation = _caution_text(card, kind, agent)
            return _card_options(rng, CAUTIONS, agent, prompt, card, wrong_by_right[card.key], explanation)

        return Builder(CAUTIONS, tuple(wrong_by_right), build)


def _card_options(
    rng: random.Random, facet: Facet, value: str, prompt: str, card: Condition, wrong: list[Condition], why: str
) -> Question:
    picked = [card, *rng.sample(wrong, OPTIONS - 1)]
    rng.shuffle(picked)
    options = tuple(Option(c.key, choice_label(c)) for c in picked)
    return Question(facet, True, value, card.key, prompt, options, picked.index(card), why)


def _value_options(
    rng: random.Random, facet: Facet, value: str, prompt: str, card: Condition, wrong: list[str], why: str
) -> Question:
    picked = [value, *rng.sample(wrong, OPTIONS - 1)]
    rng.shuffle(picked)
    options = tuple(Option(v, value_label(facet, v)) for v in picked)
    return Question(facet, False, value, card.key, prompt, options, picked.index(value), why)


def _spread(builders: Sequence[Builder], count: int) -> list[Builder]:
    """`count` builders in their (shuffled) order, preferring cards and then facets not yet asked about."""
    chosen: list[Builder] = []
    cards: set[str] = set()
    facets: set[str] = set()
    left = list(builders)
    while left and len(chosen) < count:
        best = min(range(len(left)), key=lambda n: _repeats(left[n], cards, facets))
        pick = left.pop(best)
        chosen.append(pick)
        cards.update(pick.cards)
        facets.add(pick.facet.key)
    return chosen


def _repeats(builder: Builder, cards: set[str], facets: set[str]) -> tuple[bool, bool]:
    """(every card it may turn on was asked about already, its facet was): lower is fresher."""
    return all(c in cards for c in builder.cards), builder.facet.key in facets


def _all_values(kb: KnowledgeBase, facet: Facet) -> list[str]:
    if facet is ANTIBODIES:
        return sorted({v for c in kb.conditions for v in facet_values(c, facet)})
    assert facet.vocabulary is not None
    return [v.value for v in facet.vocabulary]


def _cautioned(card: Condition, kind: CautionKind) -> set[str]:
    return {str(a) for caution in card.cautions if caution.kind is kind for a in caution.agents}


def _cautioned_any(card: Condition) -> set[str]:
    return {str(a) for caution in card.cautions for a in caution.agents}


def _treated(card: Condition) -> set[str]:
    return {str(a) for treatment in card.treatments for a in treatment.agents}


def _caution_text(card: Condition, kind: CautionKind, agent: str) -> str:
    return next(c.text for c in card.cautions if c.kind is kind and agent in {str(a) for a in c.agents})


def fact_about(card: Condition, question: Question) -> str:
    """What a card says on the question's facet, in a few words: shown to someone who picked that card wrongly."""
    if question.facet is CAUTIONS:
        return f"it is treated with {Agent(question.value).label}"
    facet = question.facet
    values = facet.values(card)
    if facet is ANTIBODIES:
        return f"typical antibodies: {_names(facet, values)}" if values else "no antibody is typical"
    labels = _names(facet, values).lower()
    prefix = {
        CATEGORY.key: "mainly attacks",
        ONSET.key: "usually comes on",
        COURSE.key: "usual course",
        REFLEXES.key: "reflexes",
        SENSATION.key: "feeling (sensation)",
        FATIGABILITY.key: "weakness with use",
    }[facet.key]
    return f"{prefix}: {labels}"


def _names(facet: Facet, values: Iterable[object]) -> str:
    separator = ", " if facet is ANTIBODIES else " / "
    return separator.join(value_label(facet, str(v)) for v in values)
