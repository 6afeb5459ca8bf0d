"""Every card, every section and every comparison of the real content fits Discord's limits."""

from __future__ import annotations

import pytest

from bot.cards.compare import compare_embeds
from bot.cards.fit import all_comparisons
from bot.cards.render import card_embeds
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.render.limits import message_problems


def test_there_is_content_to_check(kb: KnowledgeBase) -> None:
    assert len(kb) >= 5


@pytest.mark.parametrize("section", [None, *Section], ids=lambda s: s or "whole")
def test_every_card_and_section_fits(kb: KnowledgeBase, section: Section | None) -> None:
    for condition in kb.conditions:
        embeds = [e.to_dict() for e in card_embeds(condition, kb, section)]
        assert message_problems(None, embeds) == [], condition.key
        assert embeds[-1]["footer"]["text"].startswith("Educational only, not medical advice.")


def test_every_pair_and_triple_comparison_fits(kb: KnowledgeBase) -> None:
    groups = list(all_comparisons(kb))
    n = len(kb)
    assert len(groups) == n * (n - 1) // 2 + n * (n - 1) * (n - 2) // 6
    for group in groups:
        embeds = [e.to_dict() for e in compare_embeds([kb.by_key[k] for k in group])]
        assert message_problems(None, embeds) == [], group
