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
    return Matcher(Entry(key=c.key, display=choice_label(c), names=(c.key, c.name, *c.aliases)) for c in kb.conditions)
