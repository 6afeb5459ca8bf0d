"""Every public post the bot makes for someone: only where they may post themself, never their own words or picks
unless they pressed Share, and all of them under one per-person limit."""

from __future__ import annotations

import pytest

import bot.app
from bot.interactions.cooldowns import PUBLIC_POSTS
from bot.interactions.errors import with_disclaimer
from bot.interactions.public_posts import CANNOT_POST_HERE
from cogs.quiz import TOO_MANY_QUIZZES
from local_discord import LocalDiscord
from local_discord.world import Perm
from tests.e2e.polling import poll_until
from tests.e2e.test_quiz import shown_question


async def test_public_lookups_cover_condition_and_compare_only(online: LocalDiscord) -> None:
    await online.slash("settings", member="ada", lookups="public")
    assert not (await online.slash("condition", name="ms")).ephemeral
    assert not (await online.slash("compare", first="gbs", second="ms")).ephemeral
    # What someone typed (search words, a term) or picked (/which) is never shown in the channel.
    for command, options in (("search", {"query": "double vision"}), ("glossary", {"term": "myelin"}), ("which", {})):
        reply = await online.slash(command, options=options)
        assert reply.ephemeral and reply.embeds, command
    assert len(online.messages_in("general")) == 2


@pytest.fixture
def members_cannot_send(online: LocalDiscord) -> LocalDiscord:
    """The study group made read-only for members: @everyone may use commands but not send messages."""
    online.world.guild("study").everyone.permissions &= ~Perm.SEND_MESSAGES
    return online


async def test_a_member_who_cannot_send_messages_cannot_make_the_bot_post_for_them(
    members_cannot_send: LocalDiscord,
) -> None:
    local = members_cannot_send
    card = await local.slash("condition", name="ms")
    shared = await card.click("Share here")
    assert shared.ephemeral and shared.content == with_disclaimer(CANNOT_POST_HERE)
    quiz = await local.slash("quiz", questions=1)
    assert quiz.ephemeral and quiz.content == with_disclaimer(CANNOT_POST_HERE)
    moderator = await local.slash("card", member="mo", condition="gbs")  # Manage Messages, but no Send Messages
    assert moderator.ephemeral and moderator.content == with_disclaimer(CANNOT_POST_HERE)
    assert local.messages_in("general") == []


async def test_in_a_public_lookups_server_they_get_the_card_privately(members_cannot_send: LocalDiscord) -> None:
    local = members_cannot_send
    await local.slash("settings", member="ada", lookups="public")
    reply = await local.slash("condition", name="ms")
    assert reply.ephemeral and reply.embeds and reply.content == f"Only you can see this. {CANNOT_POST_HERE}"
    assert local.messages_in("general") == []
    owner = await local.slash("condition", member="olivia", name="ms")  # the owner may send: public as chosen
    assert not owner.ephemeral


async def test_public_lookups_share_and_quizzes_count_towards_one_limit(online: LocalDiscord) -> None:
    await online.slash("settings", member="ada", lookups="public")
    for _ in range(PUBLIC_POSTS):
        assert not (await online.slash("condition", name="lupus")).ephemeral
    over = await online.slash("condition", name="ms")  # still answered, privately
    assert over.ephemeral and over.embeds and "Please wait" in over.content
    assert "Please wait" in (await over.click("Share here")).content
    assert "Please wait" in (await online.slash("quiz", questions=1)).content
    assert len(online.messages_in("general")) == PUBLIC_POSTS
    assert not (await online.slash("condition", member="olivia", name="ms")).ephemeral  # others are not limited


async def test_five_hundred_dm_quizzes_do_not_push_out_a_quiz_running_in_a_server(online: LocalDiscord, kb) -> None:
    server_quiz = await online.slash("quiz", member="olivia", questions=1)
    await server_quiz.click(shown_question(kb, server_quiz.message).letter, member="mo")
    for _ in range(501):  # no post limit in DMs
        assert (await online.slash("quiz", member="sam", dm=True, questions=1)).embeds
    again = await server_quiz.click(shown_question(kb, server_quiz.message).letter, member="mo")
    assert again.content.startswith("You already answered question 1")  # Mo's answer is still remembered
    assert TOO_MANY_QUIZZES not in again.content


async def test_user_ids_are_forgotten_on_a_timer_without_anyone_using_the_bot(
    local: LocalDiscord, start_bot, kb, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.app, "HOUSEKEEPING_SECONDS", 0.05)
    async with start_bot() as started:
        quiz = await local.slash("quiz", member="olivia", questions=1)
        await quiz.click(shown_question(kb, quiz.message).letter, member="mo")
        sessions = started.get_cog("Quiz").sessions
        assert len(started.public_posts) == 1 and len(sessions) == 1
        # The bot's own clocks move on (the local Discord cannot move them): past the window and the idle limit.
        later = started.public_posts._clock() + 3600 + 1
        monkeypatch.setattr(started.public_posts, "_clock", lambda: later)
        monkeypatch.setattr(sessions, "_clock", lambda: later)
        await poll_until(
            lambda: len(started.public_posts) == 0 and len(sessions) == 0,
            "the timer to forget who posted and who answered",
            timeout=5.0,
            every=0.02,
        )
