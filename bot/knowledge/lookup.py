"""Matchers built from the knowledge base."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.matcher import Entry, Matcher
from bot.knowledge.models import Condition


def choice_label(condition: Condition) -> str:
    """'Guillain-Barré syndrome (GBS)': the name plus its short form where it has one."""
    short = condition.short_name
    return condition.name if short == condition.name else f"{condition.name} ({short})"


def condition_matcher(kb: KnowledgeBase) -> Matcher:
    """Every card by its key, name and aliases, and by its names in the languages it is translated into (SGB, EM)."""
    local: dict[str, list[str]] = {}
    for (_, key), translation in sorted(kb.translations.items()):
        local.setdefault(key, []).extend((translation.name, *translation.aliases))
    return Matcher(
        Entry(key=c.key, display=choice_label(c), names=(c.key, c.name, *c.aliases, *local.get(c.key, ())))
        for c in kb.conditions
    )
