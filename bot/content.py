"""Load the content the bot serves: valid and sendable, or not at all."""

from __future__ import annotations

from pathlib import Path

from bot.cards.fit import render_problems
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import ContentError, load_knowledge
from bot.paths import content_dir


def load_content(data_dir: Path | None = None, *, comparisons: bool = False) -> KnowledgeBase:
    """The knowledge base, after every schema, cross-file and Discord-limit check; ContentError otherwise."""
    kb = load_knowledge(data_dir or content_dir())
    problems = render_problems(kb, comparisons=comparisons)
    if problems:
        raise ContentError(problems)
    return kb
