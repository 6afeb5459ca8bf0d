"""Cards and comparisons rendered once and kept, so answering the same card again costs a dictionary lookup.

The knowledge base is immutable, so a card rendered for (key, section, emergency number) is the same for as long as
the bot runs. The embeds are shared between replies: they are only read (discord.py serializes them when sending),
never changed. Each kind is bounded, least recently used first out, because emergency numbers come from servers'
settings and the ordered comparisons of two or three cards number in the thousands.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import discord

from bot.cards.compare import compare_embeds
from bot.cards.render import card_embeds
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.translations import translated

SIZE = 256  # per kind: a full card's embeds take about 10 KB, so a few MB at most


class RenderCache:
    def __init__(self, kb: KnowledgeBase, *, size: int = SIZE) -> None:
        self.kb = kb
        self._card = lru_cache(maxsize=size)(self._render_card)
        self._comparison = lru_cache(maxsize=size)(self._render_comparison)

    def card(
        self, key: str, section: Section | None, emergency_number: str | None = None, language: str | None = None
    ) -> list[discord.Embed]:
        """card_embeds() of this card (in `language`'s translation, when given); a new list each time, holding the
        shared embeds."""
        return list(self._card(key, section, emergency_number, language))

    def comparison(self, keys: Sequence[str]) -> list[discord.Embed]:
        """compare_embeds() of these cards, in this order."""
        return list(self._comparison(tuple(keys)))

    def _render_card(
        self, key: str, section: Section | None, emergency_number: str | None, language: str | None
    ) -> list[discord.Embed]:
        card = self.kb.by_key[key]
        translation = self.kb.translation(language, key)
        if translation is not None:
            card = translated(card, translation)
        return card_embeds(card, self.kb, section, emergency_number=emergency_number)

    def _render_comparison(self, keys: tuple[str, ...]) -> list[discord.Embed]:
        return compare_embeds([self.kb.by_key[k] for k in keys])
