"""Causes of leg weakness the bot does not cover: recognised, answered plainly, never a wrong card."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.cards.replies import compare_reply, condition_reply
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import read_knowledge
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.models import Condition
from bot.knowledge.other_causes import OtherCause
from bot.storage.recorder import Outcome
from tests.helpers import card_data, write_content

MND = {
    "key": "mnd",
    "name": "Motor neurone disease (ALS)",
    "aliases": ["ALS", "MND", "amyotrophic lateral sclerosis"],
    "what": "A condition in which the nerves that control muscles stop working over time.",
    "see": {"title": "Motor neurone disease", "publisher": "NHS", "url": "https://www.nhs.uk/conditions/mnd/"},
}
STROKE = {
    "key": "stroke",
    "name": "Stroke",
    "what": "Blood supply to part of the brain is cut off.",
    "urgent": "Face drooping, arm weakness or slurred speech",
    "see": {"title": "Stroke", "publisher": "NHS", "url": "https://www.nhs.uk/conditions/stroke/"},
}


def kb_with_others() -> KnowledgeBase:
    cards = (Condition.model_validate(card_data("gbs", aliases=["GBS"])),)
    others = tuple(OtherCause.model_validate(o) for o in (MND, STROKE))
    return KnowledgeBase(cards, other_causes=others)


def test_a_cause_the_bot_does_not_cover_is_named_with_where_to_look_never_a_card() -> None:
    kb = kb_with_others()
    for typed in ("als", "ALS", "amyotrophic lateral sclerosis", "Motor neurone disease"):
        reply = condition_reply(kb, condition_matcher(kb), typed, None)
        assert reply.outcome is Outcome.UNKNOWN and not reply.embeds and reply.cards == (None,)
        assert reply.content.startswith("This bot covers only immune-mediated (autoimmune) causes of leg weakness")
        assert "**Motor neurone disease (ALS)**" in reply.content and "Did you mean" not in reply.content
        assert "[Motor neurone disease](https://www.nhs.uk/conditions/mnd/) (NHS)" in reply.content
        assert "Call" not in reply.content  # not an emergency condition


def test_an_emergency_one_says_when_to_call_with_the_server_s_number() -> None:
    kb = kb_with_others()
    reply = condition_reply(kb, condition_matcher(kb), "stroke", None, emergency_number="000")
    assert "🚨 **Call 000 now if:** Face drooping, arm weakness or slurred speech" in reply.content
    default = condition_reply(kb, condition_matcher(kb), "stroke", None)
    assert "your local emergency number (such as 911, 999 or 112)" in default.content


def test_compare_with_a_cause_the_bot_does_not_cover_says_so() -> None:
    kb = kb_with_others()
    reply = compare_reply(kb, condition_matcher(kb), ["gbs", "als"])
    assert reply.outcome is Outcome.UNKNOWN and "**Motor neurone disease (ALS)**" in reply.content


def test_names_the_bot_does_not_cover_may_not_take_a_card_s_name(tmp_path: Path) -> None:
    data = write_content(tmp_path, [card_data("aa", aliases=["ALS"])])
    (data / "not_covered.yaml").write_text(yaml.safe_dump({"conditions": [MND]}), encoding="utf-8")
    _, problems = read_knowledge(data)
    assert [str(p) for p in problems] == ["data/not_covered.yaml: mnd: 'ALS' is already used by 'aa'"]


def test_the_bundled_list_loads_and_names_no_card(kb: KnowledgeBase) -> None:
    assert kb.other_causes, "data/not_covered.yaml is missing or empty"
    matcher = condition_matcher(kb)
    for other in kb.other_causes:
        for name in (other.name, *other.aliases):
            assert matcher.resolve(name) is None, name
