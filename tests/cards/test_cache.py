"""The render cache answers exactly what rendering afresh would, and keeps what it rendered."""

from __future__ import annotations

from itertools import permutations

import discord

from bot.cards.cache import RenderCache
from bot.cards.compare import compare_embeds
from bot.cards.render import card_embeds
from bot.cards.replies import compare_reply, condition_reply
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.matcher import Matcher


def dicts(embeds: list[discord.Embed]) -> list[dict]:
    return [e.to_dict() for e in embeds]


def test_every_card_section_and_number_is_what_rendering_gives(kb: KnowledgeBase) -> None:
    cache = RenderCache(kb)
    for condition in kb.conditions:
        for section in (None, *Section):
            for number in (None, "000", "999 or 112"):
                fresh = card_embeds(condition, kb, section, emergency_number=number)
                assert dicts(cache.card(condition.key, section, number)) == dicts(fresh)
                assert dicts(cache.card(condition.key, section, number)) == dicts(fresh)  # and again, from the cache


def test_comparisons_are_what_rendering_gives_in_the_order_asked(kb: KnowledgeBase) -> None:
    cache = RenderCache(kb)
    keys = [c.key for c in kb.conditions[:4]]
    for group in [*permutations(keys, 2), *permutations(keys[:3], 3)]:
        fresh = compare_embeds([kb.by_key[k] for k in group])
        assert dicts(cache.comparison(group)) == dicts(fresh)
        assert dicts(cache.comparison(list(group))) == dicts(fresh)


def test_a_card_is_rendered_once_and_each_caller_gets_its_own_list(kb: KnowledgeBase) -> None:
    cache = RenderCache(kb)
    key = kb.conditions[0].key
    first, second = cache.card(key, None), cache.card(key, None)
    assert first is not second and all(a is b for a, b in zip(first, second, strict=True))
    first.append(discord.Embed(title="added by a caller"))
    assert len(cache.card(key, None)) == len(second)


def test_the_cache_is_bounded_least_recently_used_first_out(kb: KnowledgeBase) -> None:
    cache = RenderCache(kb, size=2)
    a, b, c = (cond.key for cond in kb.conditions[:3])
    kept = cache.card(a, None)[0]
    cache.card(b, None)
    cache.card(a, None)  # a is now the most recently used
    cache.card(c, None)  # so b goes
    assert cache.card(a, None)[0] is kept
    renders = cache._card.cache_info().misses
    cache.card(b, None)
    assert cache._card.cache_info().misses == renders + 1


def test_replies_with_and_without_the_cache_are_the_same(kb: KnowledgeBase, matcher: Matcher) -> None:
    cache = RenderCache(kb)
    for typed, section, number in [("gbs", None, None), ("Guillain–Barré", Section.RED_FLAGS, "000"), ("ms", None, "")]:
        plain = condition_reply(kb, matcher, typed, section, emergency_number=number)
        cached = condition_reply(kb, matcher, typed, section, emergency_number=number, cache=cache)
        assert (cached.outcome, cached.cards, cached.share_id) == (plain.outcome, plain.cards, plain.share_id)
        assert dicts(cached.embeds) == dicts(plain.embeds)
    for names in (["gbs", "ms"], ["mg", "lems", "ms"], ["gbs", "gbs"], ["gbs", "no such thing"]):
        plain, cached = compare_reply(kb, matcher, names), compare_reply(kb, matcher, names, cache=cache)
        assert (cached.outcome, cached.cards, cached.content) == (plain.outcome, plain.cards, plain.content)
        assert dicts(cached.embeds) == dicts(plain.embeds)


def test_a_cache_of_another_knowledge_base_is_not_used(kb: KnowledgeBase, matcher: Matcher) -> None:
    other = KnowledgeBase(tuple(c.model_copy(update={"summary": "A different summary."}) for c in kb.conditions))
    reply = condition_reply(kb, matcher, "gbs", None, cache=RenderCache(other))
    assert dicts(reply.embeds) == dicts(card_embeds(kb.by_key["gbs"], kb))
