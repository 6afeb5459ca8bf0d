from __future__ import annotations

import pytest

from bot.content import load_content
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real, bundled content: loaded once, the way the bot loads it."""
    return load_content()


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return condition_matcher(kb)
