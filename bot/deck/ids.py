"""A deck's buttons carry what they act on in their custom_id; the member is whoever clicks (never in the id).

    deck:a:<card>/<facet>:<seed>:<reviews>:<digest>:<letter>   an answer to the item's question
    deck:n                                                     the next item due
    deck:+:<card>/<facet>                                      add an item (under a quiz review's answer)
    deck:x                                                     delete the whole deck (after /deck delete asks)

An answer names how many reviews the item had when it was asked, so a second click on the same question (or a click
on an old message) is recognised and not scored again; the digest catches a question the content has changed since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.deck.items import ITEM_PATTERN, Item, parse_item
from bot.quiz.questions import LETTERS

# discord.py routes every custom_id starting with the prefix here, so forged ones get a clean answer too.
TEMPLATE = re.compile(r"deck:.{0,95}", re.DOTALL)
NEXT_ID, DELETE_ID, ADD_PREFIX = "deck:n", "deck:x", "deck:+:"
_ANSWER = re.compile(
    rf"^deck:a:{ITEM_PATTERN}:(?P<seed>[0-9a-f]{{8}}):(?P<reviews>[0-9]{{1,5}}):(?P<digest>[0-9a-f]{{6}}):"
    r"(?P<letter>[A-D])$"
)


@dataclass(frozen=True)
class AnswerRef:
    item: Item
    seed: int
    reviews: int  # the item's reviews when it was asked
    digest: str
    choice: int

    @property
    def custom_id(self) -> str:
        return f"deck:a:{self.item.key}:{self.seed:08x}:{self.reviews}:{self.digest}:{LETTERS[self.choice]}"


def parse_answer(custom_id: str) -> AnswerRef | None:
    match = _ANSWER.match(custom_id)
    if not match:
        return None
    item = Item(match["card"], match["facet"])
    return AnswerRef(
        item, int(match["seed"], 16), int(match["reviews"]), match["digest"], LETTERS.index(match["letter"])
    )


def add_id(item: Item) -> str:
    return f"{ADD_PREFIX}{item.key}"


def parse_add(custom_id: str) -> Item | None:
    return parse_item(custom_id.removeprefix(ADD_PREFIX)) if custom_id.startswith(ADD_PREFIX) else None
