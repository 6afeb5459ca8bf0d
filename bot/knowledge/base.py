"""The immutable knowledge base the whole bot reads from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.knowledge.glossary import GlossaryTerm
from bot.knowledge.models import Condition
from bot.knowledge.other_causes import OtherCause
from bot.knowledge.translations import CardTranslation


@dataclass(frozen=True)
class KnowledgeBase:
    conditions: tuple[Condition, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    other_causes: tuple[OtherCause, ...] = ()  # recognised, not covered: see bot.knowledge.other_causes
    # (language, card key) -> the card's translation (bot.knowledge.translations), whatever its review status
    translations: Mapping[tuple[str, str], CardTranslation] = field(default_factory=dict)
    by_key: Mapping[str, Condition] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.conditions, key=lambda c: c.name.casefold()))
        object.__setattr__(self, "conditions", ordered)
        object.__setattr__(self, "by_key", MappingProxyType({c.key: c for c in ordered}))

    def __len__(self) -> int:
        return len(self.conditions)

    def get(self, key: str) -> Condition | None:
        return self.by_key.get(key)

    def translation(self, language: str | None, key: str) -> CardTranslation | None:
        return self.translations.get((language, key)) if language else None

    @property
    def last_reviewed(self) -> dt.date | None:
        """The most recent review across the reviewed cards; None while every card is a draft."""
        return max((c.review.reviewed_on for c in self.conditions if c.review.reviewed_on), default=None)
