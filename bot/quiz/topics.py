"""What a quiz is about: every card, one category or one card; written as a token in buttons and autocomplete."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import choice_label
from bot.knowledge.matcher import Entry, Matcher
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Category

CATEGORY_TOKEN = "cat."
ALL_TOKEN = "-"
_CATEGORY_NAMES: dict[Category, tuple[str, ...]] = {
    Category.CENTRAL_NERVOUS_SYSTEM: ("central nervous system", "CNS", "brain", "spinal cord"),
    Category.PERIPHERAL_NERVES: ("peripheral nervous system", "nerves"),
    Category.NEUROMUSCULAR_JUNCTION: ("neuromuscular junction", "NMJ"),
    Category.MUSCLE: ("muscles", "muscle disease"),
    Category.SYSTEMIC: ("whole-body", "systemic", "whole body"),
}


@dataclass(frozen=True)
class Topic:
    category: Category | None = None
    card: str | None = None

    @property
    def token(self) -> str:
        """How the topic is written in a custom_id and an autocomplete value."""
        if self.category is not None:
            return CATEGORY_TOKEN + self.category.value
        return self.card or ALL_TOKEN

    def includes(self, card: Condition) -> bool:
        if self.category is not None:
            return card.category is self.category
        return self.card is None or card.key == self.card

    def label(self, kb: KnowledgeBase) -> str:
        if self.category is not None:
            return f"Category: {self.category.label}"
        if self.card is not None:
            return f"Condition: {choice_label(kb.by_key[self.card])}"
        return "All conditions"


EVERYTHING = Topic()


def parse_topic(kb: KnowledgeBase, token: str) -> Topic | None:
    """The topic a token names, or None if it names nothing the knowledge base has."""
    if token == ALL_TOKEN:
        return EVERYTHING
    if token.startswith(CATEGORY_TOKEN):
        value = token.removeprefix(CATEGORY_TOKEN)
        return Topic(category=Category(value)) if value in Category._value2member_map_ else None
    return Topic(card=token) if token in kb.by_key else None


def topic_matcher(kb: KnowledgeBase) -> Matcher:
    """Categories first, then cards: one matcher for the topic's autocomplete and for resolving what was typed."""
    categories = [
        Entry(
            key=CATEGORY_TOKEN + c.value,
            display=f"Category: {c.label}",
            names=(CATEGORY_TOKEN + c.value, c.label, *_CATEGORY_NAMES[c]),
        )
        for c in Category
    ]
    cards = [Entry(key=c.key, display=choice_label(c), names=(c.key, c.name, *c.aliases)) for c in kb.conditions]
    return Matcher([*categories, *cards])


def resolve_topic(kb: KnowledgeBase, matcher: Matcher, typed: str | None) -> Topic | None:
    if typed is None or not typed.strip():
        return EVERYTHING
    token = matcher.resolve(typed)
    return parse_topic(kb, token) if token else None
