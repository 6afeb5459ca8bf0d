"""Every comparable feature of a card, declared once: its label, where the card shows it, how to read its controlled
values and its text, and what "varies" means for it.

The card, /compare, /search, /which and /quiz all derive what they show from this table, so a new facet (such as
cautions) is one entry here rather than an edit in five places.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.knowledge.models import Condition, Statement
from bot.knowledge.vocab import (
    Antibody,
    Category,
    Clue,
    Course,
    Distribution,
    Fatigability,
    OnsetSpeed,
    Reflexes,
    Sensation,
    Vocab,
)


class Section(StrEnum):
    """The parts of a card, in the order the card shows them."""

    OVERVIEW = "overview"
    SYMPTOMS = "symptoms"
    DIAGNOSIS = "diagnosis"
    TREATMENT = "treatment"
    RED_FLAGS = "red_flags"
    SOURCES = "sources"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Facet:
    key: str  # stable: used in quiz custom_ids and counters, never renamed
    label: str  # "Reflexes"
    section: Section  # where the card shows it in full
    text: Callable[[Condition], str]  # the card's own words on it
    values: Callable[[Condition], Sequence[Vocab]] = lambda _: ()  # controlled values; () for free-text facets
    vocabulary: type[Vocab] | None = None
    varies: Vocab | None = None  # the value that means "it differs from person to person"
    unsettled: frozenset[str] = frozenset()  # values that never answer a quiz question (varies, not typical)
    none_label: str = "none listed"  # what a comparison shows when a card has no value

    def labels(self, card: Condition) -> list[str]:
        return [v.label for v in self.values(card)]

    def settled(self, card: Condition) -> bool:
        """Whether the card commits to a value: one that varies may fit any option, so it is never a wrong one.
        ("Not typical" is settled: a card whose weakness is not fatigable is clearly not fatigable.)"""
        return self.varies is None or self.varies not in self.values(card)


def _joined(items: Sequence[Statement]) -> str:
    return " ".join(item.text for item in items)


ATTACKS = Facet("attacks", "What is attacked", Section.OVERVIEW, lambda c: c.attacks.text)
CATEGORY = Facet(
    "category", "Where", Section.OVERVIEW, lambda c: c.attacks.text, lambda c: (c.category,), vocabulary=Category
)
ONSET = Facet(
    "onset", "How fast it comes on", Section.OVERVIEW, lambda c: c.onset.detail, lambda c: c.onset.speed,
    vocabulary=OnsetSpeed, varies=OnsetSpeed.VARIES, unsettled=frozenset({"varies"}),
)  # fmt: skip
COURSE = Facet(
    "course", "Course", Section.OVERVIEW, lambda c: c.onset.detail, lambda c: c.onset.course,
    vocabulary=Course, varies=Course.VARIES, unsettled=frozenset({"varies"}),
)  # fmt: skip
WEAKNESS = Facet(
    "weakness", "Leg weakness", Section.SYMPTOMS, lambda c: c.weakness.detail, lambda c: c.weakness.pattern,
    vocabulary=Distribution, unsettled=frozenset({"not_typical"}),
)  # fmt: skip
REFLEXES = Facet(
    "reflexes", "Reflexes", Section.SYMPTOMS, lambda c: c.reflexes.detail, lambda c: (c.reflexes.pattern,),
    vocabulary=Reflexes, varies=Reflexes.VARIES, unsettled=frozenset({"varies"}),
)  # fmt: skip
SENSATION = Facet(
    "sensation", "Sensation", Section.SYMPTOMS, lambda c: c.sensation.detail, lambda c: (c.sensation.involvement,),
    vocabulary=Sensation, varies=Sensation.VARIES, unsettled=frozenset({"varies"}),
)  # fmt: skip
FATIGABILITY = Facet(
    "fatigability", "Fatigability", Section.SYMPTOMS, lambda c: c.fatigability.detail,
    lambda c: (c.fatigability.pattern,), vocabulary=Fatigability, unsettled=frozenset({"not_typical"}),
)  # fmt: skip
CLUES = Facet(
    "clues", "Other clues", Section.SYMPTOMS, lambda c: _joined(c.hallmarks), lambda c: c.clues, vocabulary=Clue,
)  # fmt: skip
ANTIBODIES = Facet(
    "antibodies", "Antibodies", Section.DIAGNOSIS, lambda c: c.antibodies.detail, lambda c: c.antibodies.typical,
    vocabulary=Antibody, none_label="none typical",
)  # fmt: skip
TESTS = Facet("tests", "Key tests", Section.DIAGNOSIS, lambda c: _joined(c.tests))
TREATMENTS = Facet("treatments", "Main treatments", Section.TREATMENT, lambda c: _joined(c.treatments))
CAUTIONS = Facet("cautions", "Cautions", Section.TREATMENT, lambda c: _joined(c.cautions))

# The rows of /compare, in order; a row lists controlled labels where the facet has them, else the statements.
COMPARED: tuple[Facet, ...] = (
    ATTACKS,
    CATEGORY,
    ONSET,
    COURSE,
    WEAKNESS,
    REFLEXES,
    SENSATION,
    FATIGABILITY,
    CLUES,
    ANTIBODIES,
    TESTS,
    TREATMENTS,
    CAUTIONS,
)
# The facets a quiz asks about by their controlled values.
QUIZZED: tuple[Facet, ...] = (CATEGORY, ONSET, COURSE, REFLEXES, SENSATION, FATIGABILITY, ANTIBODIES)
# "At a glance" on the whole card.
GLANCE: tuple[Facet, ...] = (ONSET, COURSE, WEAKNESS, REFLEXES, SENSATION, FATIGABILITY, ANTIBODIES)


def statements(card: Condition, facet: Facet) -> Sequence[Statement]:
    """The statements of a list facet (tests, treatments, cautions); () for the others."""
    lists: dict[str, Sequence[Statement]] = {
        "tests": card.tests,
        "treatments": card.treatments,
        "cautions": card.cautions,
    }
    return lists.get(facet.key, ())
