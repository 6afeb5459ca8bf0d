"""What may be set against what in a question: the values a card has, values too close to tell apart, and the
agents a card treats with or cautions about. Private to the quiz: these rules exist to keep exactly one answer right."""

from __future__ import annotations

import functools
import re

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import ANTIBODIES, CATEGORY, COURSE, FATIGABILITY, ONSET, Facet
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Category, CautionKind, Course, Fatigability, OnsetSpeed


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
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
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


def mentions(text: str, words: str) -> bool:
    """Whether the text names these words (whole words, any case): 'AQP4-IgG' names 'aqp4', 'MOGAD' does not."""
    return _whole_words(words).search(text) is not None


@functools.cache
def _whole_words(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![0-9a-z]){re.escape(words)}(?![0-9a-z])", re.IGNORECASE)


def too_close_to_contrast(facet: Facet, a: Condition, b: Condition) -> bool:
    # Whole-body autoimmune diseases share autoantibodies (ANA, anti-Ro, RF...), so one card's list missing an
    # antibody another lists does not make it a clearly wrong answer.
    return facet is ANTIBODIES and a.category is b.category is Category.SYSTEMIC


def all_values(kb: KnowledgeBase, facet: Facet) -> list[str]:
    if facet is ANTIBODIES:
        return sorted({v for c in kb.conditions for v in facet_values(c, facet)})
    assert facet.vocabulary is not None
    return [v.value for v in facet.vocabulary]


def cautioned(card: Condition, kind: CautionKind) -> set[str]:
    return {str(a) for caution in card.cautions if caution.kind is kind for a in caution.agents}


def cautioned_any(card: Condition) -> set[str]:
    return {str(a) for caution in card.cautions for a in caution.agents}


def treated(card: Condition) -> set[str]:
    return {str(a) for treatment in card.treatments for a in treatment.agents}


def caution_text(card: Condition, kind: CautionKind, agent: str) -> str:
    return next(c.text for c in card.cautions if c.kind is kind and agent in {str(a) for a in c.agents})
