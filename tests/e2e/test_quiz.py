"""/quiz and its buttons, end to end through the local Discord: several members, restarts and forged buttons."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path

import pytest

from bot.config import Settings
from bot.interactions.cooldowns import PUBLIC_POSTS
from bot.knowledge.base import KnowledgeBase
from bot.quiz.ids import Kind, parse_button
from bot.quiz.questions import LETTERS, Question, QuestionBank
from bot.quiz.render import NEXT_LABEL, RESULTS_LABEL, RESUMED
from bot.quiz.replies import STALE_BUTTON
from bot.quiz.topics import parse_topic
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems
from local_discord import LocalDiscord
from local_discord.components import walk_components
from local_discord.messages import Message
from tests.e2e.checks import NO_PINGS, assert_sendable
from tests.storage.stored import usage_rows


def shown_question(kb: KnowledgeBase, message: Message) -> Question:
    """The question on the quiz message, rebuilt from its "Next" button the way the bot does."""
    custom_ids = [c["custom_id"] for _, c in walk_components(message.components) if c.get("type") == 2]
    ref = next(r for r in map(parse_button, custom_ids) if r is not None and r.kind is Kind.NEXT)
    topic = parse_topic(kb, ref.quiz.topic)
    assert topic is not None
    return QuestionBank(kb).quiz(ref.quiz.seed, ref.quiz.count, topic)[ref.index]


def wrong_letter(question: Question) -> str:
    return LETTERS[(question.answer + 1) % len(question.options)]


async def test_members_answer_privately_first_answer_counts_then_next_and_results(
    online: LocalDiscord, kb: KnowledgeBase
) -> None:
    start = await online.slash("quiz", member="olivia", questions=2)
    assert not start.ephemeral and not start.deferred  # a group activity: everyone in the channel sees it
    assert start.embeds[0]["title"] == "Quiz: question 1 of 2"
    assert start.embeds[0]["author"]["name"] == "All conditions"
    assert start.embeds[0]["footer"]["text"].endswith(DISCLAIMER)
    first = shown_question(kb, start.message)
    assert f"**{first.prompt}**" in start.embeds[0]["description"]
    assert "[A]" in start.text() and f"[{NEXT_LABEL}]" in start.text()
    assert_sendable(start)

    mo = await start.click(first.letter, member="mo")
    assert mo.ephemeral and mo.content.startswith("✅ **Right!**")
    assert first.explanation in mo.content and f"`/condition {first.card}`" in mo.content
    assert mo.content.endswith(f"-# {DISCLAIMER}")
    sam = await start.click(wrong_letter(first), member="sam")
    assert sam.ephemeral and sam.content.startswith("❌ **Not quite.**")
    again = await start.click(wrong_letter(first), member="mo")
    assert again.ephemeral and again.content.startswith("You already answered question 1")
    for reply in (mo, sam, again):
        assert_sendable(reply)

    moved = await start.click(NEXT_LABEL, member="sam")
    assert moved.message is start.message and not moved.ephemeral  # the same public message moves on
    assert start.embeds[0]["title"] == "Quiz: question 2 of 2" and f"[{RESULTS_LABEL}]" in start.text()
    second = shown_question(kb, start.message)
    await start.click(second.letter, member="ada")

    await start.click(RESULTS_LABEL, member="olivia")
    (public,) = online.messages_in("general")
    summary = public.embeds[0]
    assert summary["title"] == "Quiz results"
    assert [c["label"] for _, c in walk_components(public.components) if c.get("type") == 2] == ["Review my mistakes"]
    assert summary["description"].startswith("3 people answered.")
    assert "1 of 2 right" in summary["description"] and "1 of 1 right" in summary["description"]
    assert summary["footer"]["text"] == DISCLAIMER
    assert public.allowed_mentions == NO_PINGS and message_problems(public.content, public.embeds) == []


async def test_a_quiz_in_a_dm_is_private(online: LocalDiscord, kb: KnowledgeBase) -> None:
    start = await online.slash("quiz", dm=True, questions=1)
    assert start.ephemeral
    question = shown_question(kb, start.message)
    answer = await start.click(question.letter)
    assert answer.ephemeral and answer.content.startswith("✅")
    await start.click(RESULTS_LABEL)
    assert start.embeds[0]["description"].startswith("1 person answered.")


async def test_topic_autocomplete_and_topics(online: LocalDiscord) -> None:
    choices = await online.autocomplete("quiz", "topic", "musc")
    assert choices[0] == {"name": "Category: Muscle", "value": "cat.muscle"}
    everything = await online.autocomplete("quiz", "topic", "")
    assert 1 <= len(everything) <= 25 and all(1 <= len(c["name"]) <= 100 for c in everything)
    category = await online.slash("quiz", member="olivia", topic="cat.muscle")
    assert category.embeds[0]["author"]["name"] == "Category: Muscle"
    card = await online.slash("quiz", member="mo", topic="neurosarcoidosis", questions=10)
    assert card.embeds[0]["author"]["name"] == "Condition: Neurosarcoidosis"
    assert "fewer than the 10 asked for" in card.embeds[0]["description"]  # one card has fewer questions
    for reply in (category, card):
        assert_sendable(reply)


async def test_unknown_topic_is_private_and_never_echoed(online: LocalDiscord) -> None:
    reply = await online.slash("quiz", topic="@everyone zzqqxx")
    assert reply.ephemeral and not reply.embeds and not reply.components
    assert reply.content.startswith("I don't have a category or card matching a term you typed.")
    assert "@everyone" not in reply.content and "zzqqxx" not in reply.content
    assert online.messages_in("general") == []


async def test_a_restart_mid_quiz_keeps_the_buttons_working(local: LocalDiscord, start_bot, kb: KnowledgeBase) -> None:
    async with start_bot():
        start = await local.slash("quiz", member="olivia", questions=2)
        question = shown_question(kb, start.message)
        before = await start.click(question.letter, member="mo")
        assert RESUMED not in before.content
    async with start_bot(expect_sync=False):  # a new process: per-person scores are gone, the quiz is not
        after = await start.click(question.letter, member="sam")
        assert after.content.startswith("✅") and RESUMED in after.content
        await start.click(NEXT_LABEL, member="sam")
        await start.click(RESULTS_LABEL, member="sam")
    summary = start.embeds[0]["description"]
    assert summary.startswith(f"1 person answered.\n-# {RESUMED}")
    assert local.commands.sync_count == 1
    local.assert_no_violations()


def forged(message: Message, custom_id: str) -> Message:
    """The quiz message as a modified client would present it: the same message, a button the bot never made."""
    fake = copy.copy(message)
    fake.components = [{"type": 1, "components": [{"type": 2, "style": 2, "label": "X", "custom_id": custom_id}]}]
    return fake


@pytest.mark.parametrize(
    "custom_id",
    [
        "quiz:nonsense",
        "quiz:a:00000000002a:nosuchcard:3:0:abcdef:A",
        "quiz:a:00000000002a:-:3:0:000000:A",
        "quiz:n:00000000002a:-:3:7:000000",
        "quiz:a:00000000002a:-:3:0:abcdef:A:" + "x" * 60,
    ],
)
async def test_forged_buttons_get_a_clean_private_answer(online: LocalDiscord, custom_id: str) -> None:
    start = await online.slash("quiz", member="olivia", questions=3)
    before = copy.deepcopy(start.embeds)
    reply = await online.click(forged(start.message, custom_id), "X", member="sam")
    assert reply.ephemeral and reply.content.startswith(STALE_BUTTON)
    assert start.embeds == before  # the quiz itself is untouched


async def test_usage_counts_the_cards_asked_and_nothing_about_who(
    local: LocalDiscord, start_bot, settings: Settings, kb: KnowledgeBase
) -> None:
    async with start_bot():
        start = await local.slash("quiz", member="olivia", topic="gbs", questions=1)
        await start.click(shown_question(kb, start.message).letter, member="mo")
        await start.click(RESULTS_LABEL, member="mo")
        await local.slash("quiz", topic="my private words zzqqxx")
    rows = usage_rows(settings.usage_db_path)
    assert rows == {("quiz", "gbs", "-", "ok", 1), ("quiz", "_unmatched", "-", "unknown", 1)}
    raw = b"".join(p.read_bytes() for p in Path(settings.usage_db_path).parent.glob("bot.sqlite3*"))
    for who in ("olivia", "mo"):
        actor = local.actor(member=who)
        for secret in [actor.user.id, actor.user.username, actor.guild.id, actor.channel.id]:
            assert str(secret).encode() not in raw
    assert b"zzqqxx" not in raw


async def test_public_quizzes_share_the_public_post_limit(online: LocalDiscord) -> None:
    for _ in range(PUBLIC_POSTS):
        assert not (await online.slash("quiz", member="sam", questions=1)).ephemeral
    refused = await online.slash("quiz", member="sam", questions=1)
    assert refused.ephemeral and "Please wait" in refused.content
    assert len(online.messages_in("general")) == PUBLIC_POSTS


def view_timers() -> int:
    return sum("timeout_task" in t.get_coro().__qualname__ for t in asyncio.all_tasks() if not t.done())


async def test_quizzes_leave_no_view_timers_behind(online: LocalDiscord, kb: KnowledgeBase) -> None:
    start = await online.slash("quiz", member="olivia", questions=2)
    await start.click(NEXT_LABEL, member="mo")
    dm = await online.slash("quiz", dm=True, questions=2)
    await dm.click(NEXT_LABEL)
    assert view_timers() == 0
