"""The content schema: one Condition per YAML file under data/conditions/.

Everything a reader sees is a cited statement: its text plus the ids of the card's own sources that support it, so
a reviewer can check a card claim by claim (`python -m bot preview <name> --evidence`). The rules that span fields
(every cite resolves, every source is cited, a guideline among the sources, no text that talks about the sources)
live in bot.knowledge.policy; lengths are capped here so every section renders within Discord's limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.knowledge.vocab import (
    Agent,
    Antibody,
    Category,
    CautionKind,
    Clue,
    Course,
    Distribution,
    Fatigability,
    OnsetSpeed,
    Reflexes,
    Sensation,
    SourceKind,
    Status,
)

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}$"
FIRST_SOURCE_YEAR = 1980


def _https(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or " " in url:
        raise ValueError("must be a full https:// address with no spaces")
    if parts.path.strip("/") == "" and not parts.query:
        raise ValueError("must point to a specific page, not a site's home page")
    return url


def _bounded(max_length: int, min_length: int = 1) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)


# Stripped, non-empty text of bounded length, named by its cap.
Text60 = Annotated[str, _bounded(60)]
Text80 = Annotated[str, _bounded(80)]
Text120 = Annotated[str, _bounded(120)]
Text140 = Annotated[str, _bounded(140)]
Text160 = Annotated[str, _bounded(160)]
Text200 = Annotated[str, _bounded(200)]
Text240 = Annotated[str, _bounded(240)]
Text250 = Annotated[str, _bounded(250)]
Text350 = Annotated[str, _bounded(350)]
Text600 = Annotated[str, _bounded(600)]
SummaryText = Annotated[str, _bounded(700, min_length=80)]
ClinicalText = Annotated[str, _bounded(900, min_length=80)]

Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
SourceId = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_https)]
Cites = Annotated[tuple[SourceId, ...], Field(min_length=1, description="Ids of this card's sources that say it.")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Statement(Strict):
    """Something the card says, with the sources that support it."""

    text: str
    cite: Cites


class Summary(Statement):
    text: SummaryText


class Clinical(Statement):
    text: ClinicalText


class Attacks(Statement):
    text: Text250


class Criterion(Statement):
    text: Text250


class Hallmark(Statement):
    text: Text140


class Test(Statement):
    text: Text160


class RedFlag(Statement):
    text: Text160


class Treatment(Statement):
    text: Text160
    agents: tuple[Agent, ...] = Field(default=(), description="What the statement is about, for /quiz.")


class Caution(Statement):
    text: Text160
    kind: CautionKind = Field(description="worsens, no_benefit or risk.")
    agents: tuple[Agent, ...] = Field(default=(), description="What the caution is about, for /quiz.")


class Facet(Strict):
    """A controlled value (or values) with the card's own words on it, and where that comes from."""

    detail: Text350
    cite: Cites


class Onset(Facet):
    speed: tuple[OnsetSpeed, ...] = Field(min_length=1, description="How fast weakness comes on.")
    course: tuple[Course, ...] = Field(min_length=1, description="How it behaves over time.")


class Weakness(Facet):
    pattern: tuple[Distribution, ...] = Field(min_length=1, description="Where the weakness is.")


class ReflexFacet(Facet):
    pattern: Reflexes


class SensationFacet(Facet):
    involvement: Sensation


class FatigabilityFacet(Facet):
    pattern: Fatigability


class Antibodies(Facet):
    typical: tuple[Antibody, ...] = Field(
        default=(), max_length=8, description="Controlled antibody names; empty when none is typical."
    )


class RedFlags(Strict):
    emergency: tuple[RedFlag, ...] = Field(min_length=1, max_length=8, description="Call emergency services now if…")
    today: tuple[RedFlag, ...] = Field(min_length=1, max_length=6, description="Get medical help today if…")
    soon: tuple[RedFlag, ...] = Field(min_length=1, max_length=6, description="See a doctor soon if…")


class Source(Strict):
    id: SourceId = Field(description="Short id that statements cite, e.g. 'ean-pns-2023'.")
    kind: SourceKind
    title: Text200
    publisher: Text80
    year: int = Field(ge=FIRST_SOURCE_YEAR, le=2100)
    url: HttpsUrl


class Review(Strict):
    status: Status
    drafted_on: dt.date
    reviewed_by: Text120 | None = None
    reviewed_on: dt.date | None = None
    notes: Text600 | None = None

    @model_validator(mode="after")
    def _reviewed_means_who_and_when(self) -> Review:
        if self.status is Status.REVIEWED and (self.reviewed_by is None or self.reviewed_on is None):
            raise ValueError("a reviewed card needs reviewed_by and reviewed_on")
        if self.status is Status.DRAFT and self.reviewed_on is not None:
            raise ValueError("a draft card has no reviewed_on: set status to reviewed, or remove the date")
        if self.reviewed_on is not None and self.reviewed_on < self.drafted_on:
            raise ValueError("reviewed_on is before drafted_on")
        return self


class Condition(Strict):
    key: Key = Field(description="Short lowercase id used in commands and buttons, e.g. 'gbs'.")
    name: Text80
    aliases: tuple[Text60, ...] = Field(default=(), max_length=15)
    category: Category
    review: Review
    sources: tuple[Source, ...] = Field(min_length=2, max_length=16)
    summary: Summary = Field(description="Plain language, 'you' voice, short sentences.")
    clinical: Clinical = Field(description="Clinical detail for students.")
    attacks: Attacks = Field(description="What the immune system attacks.")
    criteria: tuple[Criterion, ...] = Field(
        min_length=1, max_length=4, description="The criteria and guidelines that define and treat it."
    )
    onset: Onset
    weakness: Weakness
    reflexes: ReflexFacet
    sensation: SensationFacet
    fatigability: FatigabilityFacet
    clues: tuple[Clue, ...] = Field(default=(), description="Other clues, used to narrow /which.")
    hallmarks: tuple[Hallmark, ...] = Field(min_length=1, max_length=8, description="Other hallmark symptoms.")
    antibodies: Antibodies
    tests: tuple[Test, ...] = Field(min_length=1, max_length=8)
    treatments: tuple[Treatment, ...] = Field(min_length=1, max_length=10)
    cautions: tuple[Caution, ...] = Field(
        min_length=1, max_length=8, description="What does not help or can harm here, and what makes it worse."
    )
    red_flags: RedFlags
    related: tuple[Key, ...] = Field(default=(), max_length=6, description="Keys of cards often confused with it.")
    glossary: tuple[Text60, ...] = Field(default=(), description="Glossary terms this card uses.")

    @property
    def is_draft(self) -> bool:
        return self.review.status is Status.DRAFT

    @property
    def short_name(self) -> str:
        """The name to use where space is tight: the first short all-caps alias (MS, GBS) or the name."""
        for alias in self.aliases:
            if alias.isupper() and len(alias) <= 8:
                return alias
        return self.name

    @property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def statements(self) -> Iterator[tuple[str, str, tuple[str, ...]]]:
        """Every cited statement as (field path, text, cite), in card order: what a reviewer checks."""
        yield "summary", self.summary.text, self.summary.cite
        yield "clinical", self.clinical.text, self.clinical.cite
        yield "attacks", self.attacks.text, self.attacks.cite
        yield from _each("criteria", self.criteria)
        for name in ("onset", "weakness", "reflexes", "sensation", "fatigability", "antibodies"):
            facet: Facet = getattr(self, name)
            yield name, f"{_facet_values(facet)}: {facet.detail}", facet.cite
        yield from _each("hallmarks", self.hallmarks)
        yield from _each("tests", self.tests)
        yield from _each("treatments", self.treatments)
        yield from _each("cautions", self.cautions)
        for tier in ("emergency", "today", "soon"):
            yield from _each(f"red_flags.{tier}", getattr(self.red_flags, tier))


def _each(path: str, items: tuple[Statement, ...]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    for n, item in enumerate(items):
        yield f"{path}[{n}]", item.text, item.cite


def _facet_values(facet: Facet) -> str:
    values = [v for name, v in facet if name not in ("detail", "cite")]
    flat = [x for v in values for x in (v if isinstance(v, tuple) else (v,))]
    return " / ".join(x.label for x in flat) or "none typical"
