"""/glossary and /search answers: right outcome, counted cards, within Discord's limits, never echoing the user."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings

from bot.cards.replies import Reply
from bot.glossary.lookup import GlossaryLookup
from bot.glossary.replies import glossary_reply
from bot.knowledge.base import KnowledgeBase
from bot.render.limits import message_problems
from bot.search.index import SearchIndex
from bot.search.render import NO_RESULTS, NOTHING_TO_SEARCH
from bot.search.replies import search_reply
from bot.storage.recorder import Outcome
from tests.typed_text import typed_text

SENTINEL = "Qzxvk"  # in no card and no glossary entry, so any copy in a reply is an echo


@pytest.fixture(scope="module")
def glossary(kb: KnowledgeBase) -> GlossaryLookup:
    return GlossaryLookup(kb)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase):
    built = SearchIndex.build(kb)
    yield built
    built.close()


def everything(reply: Reply) -> str:
    return "\n".join([reply.content or "", *(str(e.to_dict()) for e in reply.embeds)])


def assert_sendable(reply: Reply) -> None:
    assert bool(reply.content) != bool(reply.embeds)  # one or the other, never an empty message
    assert message_problems(reply.content, [e.to_dict() for e in reply.embeds]) == []


def test_a_known_term_counts_the_cards_it_shows(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    reply = glossary_reply(kb, glossary, "Myelin sheath")
    assert reply.outcome is Outcome.OK and reply.embeds[0].title == "myelin"
    assert set(reply.cards) == {"cidp", "gbs", "mogad", "ms"}


def test_an_unknown_term_gets_suggestions_without_echo(kb: KnowledgeBase, glossary: GlossaryLookup) -> None:
    reply = glossary_reply(kb, glossary, "@everyone myelinitis **bold**")
    assert reply.outcome is Outcome.UNKNOWN and reply.cards == () and not reply.embeds
    assert "Did you mean" in reply.content
    assert "@everyone" not in reply.content and "**bold**" not in reply.content


def test_search_counts_each_card_shown_once(index: SearchIndex) -> None:
    reply = search_reply(index, "double vision")
    assert reply.outcome is Outcome.OK
    shown = re.findall(r"`/condition ([a-z0-9-]+) ", str(reply.embeds[0].to_dict()))
    assert len(shown) > len(set(shown)) >= 2  # a card can appear twice in the results, but is counted once
    assert reply.cards == tuple(dict.fromkeys(shown))  # glossary entries are not cards


def test_search_misses_are_explained(index: SearchIndex) -> None:
    assert search_reply(index, "zzqqxx") == Reply(Outcome.UNKNOWN, content=NO_RESULTS)
    assert search_reply(index, '"" *** ()') == Reply(Outcome.INVALID, content=NOTHING_TO_SEARCH)


@settings(max_examples=300, deadline=None)
@given(typed_text(SENTINEL))
def test_any_glossary_text_is_answered_within_limits_without_echo(
    kb: KnowledgeBase, glossary: GlossaryLookup, text: str
) -> None:
    reply = glossary_reply(kb, glossary, text)
    assert_sendable(reply)
    assert SENTINEL.casefold() not in everything(reply).casefold()


@settings(max_examples=300, deadline=None)
@given(typed_text(SENTINEL))
def test_any_search_text_is_answered_within_limits_without_echo(index: SearchIndex, text: str) -> None:
    reply = search_reply(index, text)
    assert_sendable(reply)
    assert reply.outcome in {Outcome.OK, Outcome.UNKNOWN, Outcome.INVALID}
    assert SENTINEL.casefold() not in everything(reply).casefold()
