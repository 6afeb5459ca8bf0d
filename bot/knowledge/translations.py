"""Card content in other languages: the plain summary and the red flags first, the parts a reader must be able to read.

Each translation is a file of its own beside the English cards (`data/<language>/conditions/<key>.yaml`), validated
like them, carrying the fingerprint of the English it was translated from and its own review status. A reply shows
a translation only once a second contributor who reads the language reviewed it, and only while the English is the
version it was translated from; otherwise the card stays in English and one line in the reader's language says why
(bot.cards.translation_notice). Localized names and abbreviations (SGB, EM) find cards whatever the review status:
they only lead to a card, they say nothing about it.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints

from bot.knowledge.models import (
    Condition,
    Key,
    RedFlag,
    RedFlags,
    Review,
    Strict,
    Summary,
    Text60,
    Text120,
)
from bot.knowledge.vocab import Status

# Content languages, as folder names under data/, and the Discord locales that read each.
LANGUAGES: dict[str, tuple[str, ...]] = {"es": ("es-ES", "es-419"), "fr": ("fr",)}
TIERS = ("emergency", "today", "soon")
Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{12}$")]
# Spanish and French run about a sixth longer than English: a translation gets that much more room than the card's
# own caps (700 for a summary, 160 for a red flag), still well inside what fits in Discord (checked by validate).
TranslatedSummary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=80, max_length=820)]
TranslatedFlag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=190)]


class TranslatedRedFlags(Strict):
    emergency: tuple[TranslatedFlag, ...] = Field(min_length=1, max_length=8)
    today: tuple[TranslatedFlag, ...] = Field(min_length=1, max_length=6)
    soon: tuple[TranslatedFlag, ...] = Field(min_length=1, max_length=6)


class CardTranslation(Strict):
    key: Key
    translated_from: Fingerprint = Field(description="fingerprint of the English summary and red flags translated")
    review: Review
    name: Text120
    aliases: tuple[Text60, ...] = ()
    summary: TranslatedSummary
    red_flags: TranslatedRedFlags


class State(StrEnum):
    CURRENT = "current"  # reviewed, and translated from the English as it is: shown
    DRAFT = "draft"  # not reviewed yet: the card stays in English
    STALE = "stale"  # the English changed since: the card stays in English until the translation is updated
    MISSING = "missing"  # no translation into the reader's language


def fingerprint(condition: Condition) -> str:
    """What a translation was made from: the English summary and red flags, tier by tier, hashed."""
    parts = [condition.summary.text]
    parts += [f"{tier}:{flag.text}" for tier in TIERS for flag in getattr(condition.red_flags, tier)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def language_of(locale: str | None) -> str | None:
    """The content language a Discord locale reads ("es-419" -> "es"); None for English and languages without one."""
    return next((language for language, locales in LANGUAGES.items() if locale in locales), None)


def state_of(translation: CardTranslation | None, condition: Condition) -> State:
    if translation is None:
        return State.MISSING
    if translation.translated_from != fingerprint(condition):
        return State.STALE
    return State.CURRENT if translation.review.status is Status.REVIEWED else State.DRAFT


def shape_problems(translation: CardTranslation, condition: Condition) -> list[str]:
    """A translation must say what the English says, item for item: as many red flags in each tier."""
    problems = []
    for tier in TIERS:
        ours, theirs = len(getattr(translation.red_flags, tier)), len(getattr(condition.red_flags, tier))
        if ours != theirs:
            problems.append(f"red_flags.{tier} has {ours} item(s); the English card has {theirs}, in the same order")
    return problems


def translated(condition: Condition, translation: CardTranslation) -> Condition:
    """The card with its summary and red flags in the translation's words, each keeping the English citations.
    Built without the English caps (the translation was validated against its own, above)."""
    flags = {
        tier: tuple(
            RedFlag.model_construct(text=text, cite=english.cite)
            for text, english in zip(
                getattr(translation.red_flags, tier), getattr(condition.red_flags, tier), strict=True
            )
        )
        for tier in TIERS
    }
    return condition.model_copy(
        update={
            "summary": Summary.model_construct(text=translation.summary, cite=condition.summary.cite),
            "red_flags": RedFlags.model_construct(
                emergency=flags["emergency"], today=flags["today"], soon=flags["soon"]
            ),
        }
    )
