"""The cards and the glossary as searchable documents, in the cards' own words. Pure.

A list section (treatments, tests, cautions, red flags, ...) is one document per statement, remembering its place
in the list: a card lists first what is central (first-line treatment first), so a match early in a list ranks above
a passing mention further down. Prose and facet sections are one document each.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import (
    ANTIBODIES,
    CAUTIONS,
    COURSE,
    FATIGABILITY,
    ONSET,
    REFLEXES,
    SENSATION,
    TESTS,
    TREATMENTS,
    WEAKNESS,
    Section,
)
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition, Statement

GLOSSARY_SECTION = "Glossary"


@dataclass(frozen=True)
class Document:
    card: str | None  # the card's key; None for a glossary entry
    title: str  # the card's label, or the glossary term
    section: str  # the section's name as the card shows it, or GLOSSARY_SECTION
    open_command: str  # how to open it: "/condition gbs section:diagnosis" or "/glossary myelin"
    body: str
    other_names: tuple[str, ...] = ()  # aliases, searchable with the title
    position: int = 0  # the statement's place in its list (0 = first, the most central)
    treats: frozenset[str] = frozenset()  # the agents a treatment statement is about (Agent values)
    cautions: frozenset[str] = frozenset()  # the agents a caution statement is about
    absent: bool = False  # a facet saying the feature is not there ("sensation usually spared")


def documents(kb: KnowledgeBase) -> Iterator[Document]:
    """Every searchable part of every card, then every glossary entry."""
    for c in kb.conditions:
        for part in card_parts(c):
            command = f"/condition {c.key} section:{part.section.value}"
            yield Document(
                c.key,
                choice_label(c),
                part.name,
                command,
                part.body,
                c.aliases,
                part.position,
                treats=part.treats,
                cautions=part.cautions,
                absent=part.absent,
            )
    for t in kb.glossary:
        body = " ".join(part for part in (t.caution, t.plain, t.clinical) if part)
        yield Document(None, t.term, GLOSSARY_SECTION, f"/glossary {t.term}", body, t.aliases)


@dataclass(frozen=True)
class Part:
    """One searchable piece of a card."""

    section: Section  # the card section to open
    name: str  # the part's name as the card shows it
    body: str
    position: int = 0
    treats: frozenset[str] = frozenset()
    cautions: frozenset[str] = frozenset()
    absent: bool = False


# Facet values that say a feature is not there: a weak answer to a question about that feature.
ABSENT = frozenset({"spared", "normal", "not_typical"})


def card_parts(c: Condition) -> Iterator[Part]:
    """Every searchable piece of a card, in the wording the card uses."""
    yield Part(Section.OVERVIEW, "Summary", c.summary.text)
    yield Part(Section.OVERVIEW, "What the immune system attacks", c.attacks.text)
    onset, course = " / ".join(ONSET.labels(c)), " / ".join(COURSE.labels(c))
    yield Part(Section.OVERVIEW, "Onset and course", f"{onset}; {course}. {c.onset.detail}")
    yield Part(Section.OVERVIEW, "Clinical detail (for students)", c.clinical.text)
    for facet in (WEAKNESS, REFLEXES, SENSATION, FATIGABILITY):
        absent = all(str(v) in ABSENT for v in facet.values(c))
        yield Part(facet.section, facet.label, f"{' / '.join(facet.labels(c))}. {facet.text(c)}", absent=absent)
    yield from _each(Section.SYMPTOMS, "Other hallmarks", c.hallmarks)
    yield from _each(Section.DIAGNOSIS, "Criteria and guidelines", c.criteria)
    names = ", ".join(ANTIBODIES.labels(c)) or "None typical"
    yield Part(Section.DIAGNOSIS, "Antibodies", f"{names}. {c.antibodies.detail}")
    yield from _each(TESTS.section, TESTS.label, c.tests)
    for n, treatment in enumerate(c.treatments):
        yield Part(TREATMENTS.section, TREATMENTS.label, treatment.text, n, treats=_values(treatment.agents))
    for n, caution in enumerate(c.cautions):  # "can make it worse: ...", as the card shows it
        body = f"{caution.kind.label}: {caution.text}"
        yield Part(CAUTIONS.section, CAUTIONS.label, body, n, cautions=_values(caution.agents))
    yield from _each(Section.RED_FLAGS, "Get emergency help now", c.red_flags.emergency)
    yield from _each(Section.RED_FLAGS, "Get medical help today", c.red_flags.today)
    yield from _each(Section.RED_FLAGS, "See a doctor soon", c.red_flags.soon)


def _each(section: Section, name: str, items: Sequence[Statement]) -> Iterator[Part]:
    for position, item in enumerate(items):
        yield Part(section, name, item.text, position)


def _values(agents: Sequence[object]) -> frozenset[str]:
    return frozenset(str(a) for a in agents)
