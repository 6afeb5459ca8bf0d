"""The glossary schema: data/glossary/<term>.yaml, one term per file, holds the words a reader meets on the cards."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from bot.knowledge.models import HttpsUrl

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Plain = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400)]
Clinical = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


class GlossarySource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    publisher: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    url: HttpsUrl


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    term: Name
    aliases: tuple[Name, ...] = ()
    plain: Plain = Field(description="A plain definition, 'you' voice where it helps, short sentences.")
    clinical: Clinical | None = Field(default=None, description="Optional clinical note for students.")
    caution: Clinical | None = Field(
        default=None, description="Optional safety note shown first, e.g. never to stop a drug suddenly."
    )
    sources: tuple[GlossarySource, ...] = Field(
        default=(), max_length=3, description="Where the definition comes from."
    )


def term_file_stem(term: str) -> str:
    """The file a term lives in: 'anti-Ro/SSA' -> 'anti-ro-ssa' (accents folded, one dash between words)."""
    folded = unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
