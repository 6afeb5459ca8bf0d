"""Prove content renders within Discord's limits: run at start-up and by `python -m bot validate`."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from bot.cards.compare import compare_embeds
from bot.cards.render import card_embeds
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.loader import Problem
from bot.knowledge.translations import translated
from bot.render.limits import message_problems


def render_problems(kb: KnowledgeBase, *, comparisons: bool = False, only: set[str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    # Every card, and every translation of one as a reply would show it once reviewed.
    versions = [(c, f"data/conditions/{c.key}.yaml") for c in kb.conditions]
    versions += [
        (translated(kb.by_key[key], translation), f"data/{language}/conditions/{key}.yaml")
        for (language, key), translation in sorted(kb.translations.items())
    ]
    for condition, file in versions:
        if only is not None and condition.key not in only:
            continue
        for section in (None, *Section):
            embeds = [e.to_dict() for e in card_embeds(condition, kb, section)]
            where = f"{condition.key}: {'whole card' if section is None else section.value + ' section'}"
            problems += [Problem(file, where, f"too long for Discord: {p}") for p in message_problems(None, embeds)]
    if comparisons:
        for group in all_comparisons(kb):
            embeds = [e.to_dict() for e in compare_embeds([kb.by_key[k] for k in group])]
            problems += [
                Problem("data/conditions", f"/compare {' '.join(group)}", f"too long for Discord: {p}")
                for p in message_problems(None, embeds)
            ]
    return problems


def all_comparisons(kb: KnowledgeBase) -> Iterator[tuple[str, ...]]:
    keys = [c.key for c in kb.conditions]
    yield from combinations(keys, 2)
    yield from combinations(keys, 3)
