"""The glossary schema: data/glossary.yaml holds the terms a reader meets on the cards."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    aliases: tuple[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)], ...] = ()
    plain: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400)] = Field(
        description="A plain definition, 'you' voice where it helps, short sentences."
    )
    clinical: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None = Field(
        default=None, description="Optional clinical note for students."
    )


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)
