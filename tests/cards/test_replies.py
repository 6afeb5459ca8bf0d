from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cards.not_covered import not_covered_message
from bot.cards.replies import (
    HINT,
    STALE_BUTTON,
    compare_reply,
    condition_reply,
    not_covered,
    parse_share_id,
    share_custom_id,
    share_reply,
)
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import Section
from bot.knowledge.lookup import choice_label
from bot.knowledge.matcher import Matcher
from bot.storage.recorder import Outcome


def test_known_condition_gives_card_and_share_button(kb: KnowledgeBase, matcher: Matcher) -> None:
    reply = condition_reply(kb, matcher, "Guillain–Barré", Section.SYMPTOMS)
    assert reply.outcome is Outcome.OK and reply.cards == ("gbs",)
    assert reply.share_id == "share:gbs:symptoms"
    assert reply.embeds[0].title.endswith(": Symptoms")


def test_unknown_name_gets_suggestions_and_never_echoes_input(kb: KnowledgeBase, matcher: Matcher) -> None:
    typed = "@everyone multiple sclerosiss **bold**"
    reply = condition_reply(kb, matcher, typed, None)
    assert reply.outcome is Outcome.UNKNOWN and reply.cards == (None,)
    assert "Did you mean" in reply.content and "`/condition ms`" in reply.content
    assert "@everyone" not in reply.content and "**bold**" not in reply.content


def test_nothing_close_gets_a_how_to_hint(kb: KnowledgeBase, matcher: Matcher) -> None:
    reply = condition_reply(kb, matcher, "qqqqqqqq", None)
    assert "Did you mean" not in reply.content and "abbreviation" in reply.content


def test_compare_two_and_three(kb: KnowledgeBase, matcher: Matcher) -> None:
    two = compare_reply(kb, matcher, ["gbs", "multiple sclerosis"])
    assert two.outcome is Outcome.OK and two.cards == ("gbs", "ms") and two.share_id == "share:gbs,ms:-"
    three = compare_reply(kb, matcher, ["gbs", "ms", "myasthenia"])
    assert three.cards == ("gbs", "ms", "mg") and three.embeds[0].title == "Compare: GBS vs MS vs MG"


def test_compare_same_condition_twice_is_explained(kb: KnowledgeBase, matcher: Matcher) -> None:
    reply = compare_reply(kb, matcher, ["gbs", "Guillain-Barre syndrome"])
    assert reply.outcome is Outcome.INVALID and not reply.embeds
    assert "more than once" in reply.content and "/condition gbs" in reply.content


def test_compare_with_an_unknown_name(kb: KnowledgeBase, matcher: Matcher) -> None:
    reply = compare_reply(kb, matcher, ["gbs", "nonsense-name"])
    assert reply.outcome is Outcome.UNKNOWN and reply.cards == ("gbs", None)
    assert reply.content.startswith("I don't have a card matching a name you typed.")


def test_share_id_round_trip_and_public_copy(kb: KnowledgeBase) -> None:
    custom_id = share_custom_id(["ms"], Section.TREATMENT)
    assert parse_share_id(custom_id) == (("ms",), Section.TREATMENT)
    reply = share_reply(kb, custom_id)
    assert reply.outcome is Outcome.OK and reply.embeds[0].title.endswith(": Treatment")
    assert len(share_reply(kb, "share:gbs,ms:-").embeds) == 1


@pytest.mark.parametrize(
    "custom_id", ["share:nosuchcard:-", "share:ms,gbs:symptoms", "share:ms:nosection", "share:", "other:ms:-"]
)
def test_forged_or_stale_share_ids_get_a_clean_answer(kb: KnowledgeBase, custom_id: str) -> None:
    reply = share_reply(kb, custom_id)
    assert reply.outcome is Outcome.UNKNOWN and reply.content == STALE_BUTTON and not reply.embeds


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_typed_name_gets_an_answer(kb: KnowledgeBase, matcher: Matcher, typed: str) -> None:
    reply = condition_reply(kb, matcher, typed, None)
    if reply.outcome is Outcome.OK:
        assert reply.embeds and reply.cards[0] in kb.by_key
        return
    # A miss is built only from fixed wording and our own names: the user's text never comes back.
    first, *rest = reply.content.split("\n")
    other = not_covered(kb, typed)
    if other is not None:  # a cause the bot does not cover: said plainly, in our own words
        assert reply.content == not_covered_message(other)
        return
    assert first == "I don't have a card matching a name you typed."
    allowed = {"Did you mean:", HINT} | {f"• {choice_label(c)}: `/condition {c.key}`" for c in kb.conditions}
    assert set(rest) <= allowed and 1 <= len(rest) <= 4
