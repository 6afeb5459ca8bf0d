"""What a deck holds: items, each one facet of one card ("gbs/reflexes"), asked as a quiz question
(bot.quiz.questions.QuestionBank.about) with a fresh seed each time it comes due."""

from __future__ import annotations

import re
from dataclasses import dataclass

ITEM_PATTERN = r"(?P<card>[a-z0-9][a-z0-9-]{0,31})/(?P<facet>[a-z_]{1,20})"
_ITEM = re.compile(f"^{ITEM_PATTERN}$")


@dataclass(frozen=True, order=True)
class Item:
    card: str
    facet: str

    @property
    def key(self) -> str:
        return f"{self.card}/{self.facet}"


def parse_item(key: str) -> Item | None:
    match = _ITEM.match(key)
    return Item(match["card"], match["facet"]) if match else None
