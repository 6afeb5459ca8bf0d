"""The content schema: one Condition per YAML file under data/conditions/.

Lengths are capped so every card renders within Discord's embed limits; the caps are generous per field,
and the loader also checks the rendered total (see bot.knowledge.loader).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from bot.knowledge.vocab import (
    Category,
    Clue,
    Course,
    Distribution,
    Fatigability,
    OnsetSpeed,
    Reflexes,
    Sensation,
    Status,
)

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,31}$"


def _text(max_length: int, min_length: int = 1) -> type[str]:
    """A stripped, non-empty string of bounded length."""
    return Annotated[  # type: ignore[return-value]
        str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)
    ]


def _https(url: str) -> str:
    if not url.startswith("https://") or len(url) <= len("https://") or " " in url:
        raise ValueError("must be a full https:// address with no spaces")
    return url


Key = Annotated[str, StringConstraints(pattern=KEY_PATTERN)]
Short = _text(120)
Detail = _text(350)
HttpsUrl = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_https)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Onset(Strict):
    speed: tuple[OnsetSpeed, ...] = Field(min_length=1, description="How fast weakness comes on.")
    course: tuple[Course, ...] = Field(min_length=1, description="How it behaves over time.")
    detail: Detail


class Weakness(Strict):
    pattern: tuple[Distribution, ...] = Field(min_length=1, description="Where the weakness is.")
    detail: Detail


class ReflexFacet(Strict):
    pattern: Reflexes
    detail: Detail


class SensationFacet(Strict):
    involvement: Sensation
    detail: Detail


class FatigabilityFacet(Strict):
    pattern: Fatigability
    detail: Detail


class Antibodies(Strict):
    typical: tuple[_text(40), ...] = Field(
        default=(), max_length=6, description="Short antibody names, e.g. 'AChR'. Empty when none is typical."
    )
    detail: Detail


class RedFlags(Strict):
    emergency: tuple[_text(160), ...] = Field(min_length=1, max_length=6, description="Get emergency help now if…")
    soon: tuple[_text(160), ...] = Field(min_length=1, max_length=6, description="See a doctor soon if…")


class Source(Strict):
    title: _text(150)
    publisher: _text(80)
    url: HttpsUrl


class Condition(Strict):
    key: Key = Field(description="Short lowercase id used in commands and buttons, e.g. 'gbs'.")
    name: _text(80)
    aliases: tuple[_text(60), ...] = Field(default=(), max_length=15)
    category: Category
    status: Status
    last_reviewed: dt.date
    summary: _text(700, min_length=80) = Field(description="Plain language, 'you' voice, short sentences.")
    clinical: _text(900, min_length=80) = Field(description="Clinical detail for students.")
    attacks: _text(250) = Field(description="What the immune system attacks.")
    onset: Onset
    weakness: Weakness
    reflexes: ReflexFacet
    sensation: SensationFacet
    fatigability: FatigabilityFacet
    clues: tuple[Clue, ...] = Field(default=(), description="Other clues, used to narrow /which.")
    hallmarks: tuple[Short, ...] = Field(min_length=1, max_length=8, description="Other hallmark symptoms.")
    antibodies: Antibodies
    tests: tuple[Short, ...] = Field(min_length=1, max_length=8)
    treatments: tuple[Short, ...] = Field(min_length=1, max_length=8)
    red_flags: RedFlags
    related: tuple[Key, ...] = Field(default=(), max_length=6, description="Keys of cards often confused with it.")
    glossary: tuple[_text(60), ...] = Field(default=(), description="Glossary terms this card uses.")
    sources: tuple[Source, ...] = Field(min_length=2, max_length=6)

    @property
    def is_draft(self) -> bool:
        return self.status is Status.DRAFT

    @property
    def short_name(self) -> str:
        """The name to use where space is tight: the first short all-caps alias (MS, GBS) or the name."""
        for alias in self.aliases:
            if alias.isupper() and len(alias) <= 8:
                return alias
        return self.name
