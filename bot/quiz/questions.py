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

import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import ANTIBODIES, CATEGORY, CAUTIONS, QUIZZED, Facet
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Agent, CautionKind
from bot.quiz._contrast import (
    CATEGORY_WORDS,
    all_values,
    caution_text,
    cautioned,
    cautioned_any,
    close_to,
    facet_values,
    mentions,
    too_close_to_contrast,
    treated,
)
from bot.quiz._wording import (
    ANTIBODYFORWARD,
    CAUTIONFORWARD,
    CAUTIONREVERSE,
    FORWARD,
    REVERSE,
    fact_about,
    value_label,
)
from bot.quiz.question import DEFAULT_QUESTIONS, LETTERS, MAX_QUESTIONS, MIN_QUESTIONS, OPTIONS, Option, Question
from bot.quiz.topics import EVERYTHING, Topic

__all__ = [
    "DEFAULT_QUESTIONS",
    "LETTERS",
    "MAX_QUESTIONS",
    "MIN_QUESTIONS",
    "OPTIONS",
    "Option",
    "Question",
    "QuestionBank",
    "fact_about",
]


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
        rng = random.Random(seed)
        builders = list(self._topic_builders(topic))
        rng.shuffle(builders)
        return tuple(build.build(rng) for build in _spread(builders, count))

    def facets_of(self, card: str) -> tuple[str, ...]:
        """The facets a question can be asked about for one card (a spaced-repetition deck's items), in order."""
        return tuple(dict.fromkeys(b.facet.key for b in self._topic_builders(Topic(card=card))))

    def about(self, card: str, facet: str, seed: int) -> Question | None:
        """One question on one facet of one card, the same for the same seed and content; None when the cards no
        longer allow one (the card or the facet's question went)."""
        if card not in self.kb.by_key:
            return None
        builders = [b for b in self._topic_builders(Topic(card=card)) if b.facet.key == facet]
        if not builders:
            return None
        rng = random.Random(seed)
        return rng.choice(builders).build(rng)

    def _topic_builders(self, topic: Topic) -> tuple[Builder, ...]:
        if topic not in self._by_topic:  # at most 1 + categories + cards topics
            self._by_topic[topic] = tuple(self._builders(topic))
        return self._by_topic[topic]

    def _builders(self, topic: Topic) -> Iterator[Builder]:
        """One builder per possible question, in a fixed order; each has three clearly wrong options."""
        for facet in QUIZZED:
            yield from self._forward(facet, topic)
            if facet.key in REVERSE:
                yield from self._reverse(facet, topic)
        yield from self._caution_questions(topic)

    def _forward(self, facet: Facet, topic: Topic) -> Iterator[Builder]:
        for value in all_values(self.kb, facet):
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
            return not any(mentions(card.attacks.text, word) for word in CATEGORY_WORDS[value])
        if facet is ANTIBODIES:
            label = value_label(facet, value)
            return not mentions(card.antibodies.detail, label) and not mentions(card.antibodies.detail, value)
        return True

    def wrong_cards(self, facet: Facet, value: str, right: Condition) -> list[Condition]:
        return [
            c
            for c in self.kb.conditions
            if c.key != right.key
            and self.clearly_without(c, facet, value)
            and not too_close_to_contrast(facet, right, c)
        ]

    def wrong_values(self, facet: Facet, card: Condition) -> list[str]:
        """Values the card clearly does not have (never `varies` or `not_typical`)."""
        candidates = all_values(self.kb, facet)
        if facet is ANTIBODIES:
            others = [c for c in self.kb.conditions if not too_close_to_contrast(facet, card, c)]
            candidates = list(dict.fromkeys(v for c in others for v in sorted(facet_values(c, facet))))
        return [v for v in candidates if v not in facet.unsettled and self.clearly_without(card, facet, v)]

    def card_question(self, facet: Facet, value: str, wrong_by_right: dict[str, list[Condition]]) -> Builder:
        if facet is ANTIBODIES:
            prompt = ANTIBODYFORWARD.format(antibody=value_label(facet, value))
        else:
            prompt = FORWARD[(facet.key, value)]

        def build(rng: random.Random) -> Question:
            card = self.kb.by_key[rng.choice(list(wrong_by_right))]
            return _card_options(rng, facet, value, prompt, card, wrong_by_right[card.key], facet.text(card))

        return Builder(facet, tuple(wrong_by_right), build)

    def value_question(self, facet: Facet, card: Condition, answers: list[str], wrong: list[str]) -> Builder:
        def build(rng: random.Random) -> Question:
            value = rng.choice(answers)
            prompt = REVERSE[facet.key].format(name=choice_label(card))
            return _value_options(rng, facet, value, prompt, card, wrong, facet.text(card))

        return Builder(facet, (card.key,), build)

    def _caution_questions(self, topic: Topic) -> Iterator[Builder]:
        """A card's cautions set against its own treatments, and cards that treat with what another cautions."""
        for kind in CAUTIONREVERSE:
            for card in self.kb.conditions:
                if not topic.includes(card):
                    continue
                answers = sorted(cautioned(card, kind) - treated(card))
                wrong = [a for a in sorted(treated(card)) if a not in cautioned_any(card)]
                if answers and len(wrong) >= OPTIONS - 1:
                    yield self._caution_value_question(kind, card, answers, wrong)
            for agent in sorted({a for c in self.kb.conditions for a in cautioned(c, kind)}):
                wrong_by_right = {
                    c.key: [
                        other
                        for other in self.kb.conditions
                        if agent in treated(other) and agent not in cautioned_any(other) and other.key != c.key
                    ]
                    for c in self.kb.conditions
                    if topic.includes(c) and agent in cautioned(c, kind) - treated(c)
                }
                playable = {k: w for k, w in wrong_by_right.items() if len(w) >= OPTIONS - 1}
                if playable:
                    yield self._caution_card_question(kind, agent, playable)

    def _caution_value_question(
        self, kind: CautionKind, card: Condition, answers: list[str], wrong: list[str]
    ) -> Builder:
        def build(rng: random.Random) -> Question:
            agent = rng.choice(answers)
            prompt = CAUTIONREVERSE[kind].format(name=choice_label(card))
            return _value_options(rng, CAUTIONS, agent, prompt, card, wrong, caution_text(card, kind, agent))

        return Builder(CAUTIONS, (card.key,), build)

    def _caution_card_question(
        self, kind: CautionKind, agent: str, wrong_by_right: dict[str, list[Condition]]
    ) -> Builder:
        prompt = CAUTIONFORWARD[kind].format(agent=Agent(agent).label)

        def build(rng: random.Random) -> Question:
            card = self.kb.by_key[rng.choice(list(wrong_by_right))]
            explanation = caution_text(card, kind, agent)
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
