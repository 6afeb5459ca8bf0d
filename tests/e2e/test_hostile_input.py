"""Hostile text in every text option, through the real bot and the local Discord (which checks every body).

One bot serves all the examples of a test (that is the point: it must keep answering), so hypothesis's
function-scoped-fixture health check is switched off deliberately.
"""

from __future__ import annotations

import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bot.cards.replies
import bot.glossary.render
import bot.glossary.replies
import bot.interactions.public_posts
import bot.moderation.settings_render
import bot.quiz.replies
import bot.render.common
import bot.search.render
import bot.search.replies
from bot.cards.replies import SECTION_TEMPLATE, SHARE_TEMPLATE, STALE_BUTTON
from bot.content import load_content
from bot.interactions.cooldowns import wait_message
from bot.knowledge.lookup import choice_label
from bot.quiz.topics import topic_matcher
from bot.render.limits import message_problems
from local_discord import LocalDiscord

HOSTILE = st.one_of(
    st.text(min_size=1, max_size=100),
    st.sampled_from(
        [
            "@everyone",
            "@here",
            "<@123456789012345678>",
            "<@&123456789012345678>",
            "**bold** __under__ ||spoiler|| `code` [link](https://evil.example)",
            "\u200b\u200d\u2060",  # zero-width characters only
            "\u202emoc.live\u202c",  # right-to-left override
            "Ꮃultiple ѕclerosis",  # look-alike letters
            "x" * 100,
            "gbs\x00",
            "' OR 1=1; --",
        ]
    ),
)
NAME = HOSTILE.filter(lambda s: s.strip() != "")
EXAMPLES = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MENTION = re.compile(r"<@[!&]?\d+>|@everyone|@here")


def assert_safe(reply, typed: str, *, echo_check: bool = True) -> None:
    """Answered, privately or as a card, within limits, pinging no one, never echoing the input."""
    assert reply.messages, "no answer"
    for message in reply.messages:
        assert message.allowed_mentions in ({"parse": []}, {"parse": [], "users": []})
        assert message_problems(message.content, message.embeds) == []
        assert not MENTION.search(message.content)
        # Text that is part of the bot's own words ("id y" is in "Did you mean") proves no echo.
        if echo_check and len(typed.strip()) >= 4 and typed.strip() not in our_own_words():
            assert typed.strip() not in message.content


@functools.cache
def our_own_words() -> str:
    """Everything a miss or refusal can say: the bot's message constants and every name it suggests."""
    kb = load_content()
    modules = (
        bot.cards.replies,
        bot.glossary.replies,
        bot.glossary.render,
        bot.search.replies,
        bot.quiz.replies,
        bot.render.common,
        bot.search.render,
    )
    texts = [v for module in modules for v in vars(module).values() if isinstance(v, str)]
    texts += [
        bot.moderation.settings_render.BAD_NUMBER,
        bot.interactions.public_posts.CANNOT_POST_HERE,
        wait_message(1),
        "Did you mean:",
    ]
    topics = topic_matcher(kb)
    for condition in kb.conditions:
        texts += [choice_label(condition), condition.name, condition.short_name, f"`/condition {condition.key}`"]
    texts += [topics.display(entry.key) for entry in topics.rank("", 1000)]
    texts += [term.term for term in kb.glossary]
    return "\n".join(texts)


@EXAMPLES
@given(custom_id=st.from_regex(SECTION_TEMPLATE, fullmatch=True))
async def test_forged_or_stale_section_buttons_get_a_clean_answer(online: LocalDiscord, custom_id: str) -> None:
    # Every id shaped like a section button reaches the bot's handler: unknown cards and sections alike.
    private = await online.slash("condition", name="ms")
    private.message.components[1]["components"][0]["custom_id"] = custom_id
    reply = await private.click(custom_id)
    assert_safe(reply, "")
    assert reply.ephemeral and (reply.embeds or reply.content.startswith(STALE_BUTTON))


@EXAMPLES
@given(typed=NAME)
async def test_condition_name(online: LocalDiscord, typed: str) -> None:
    assert_safe(await online.slash("condition", name=typed), typed)


@EXAMPLES
@given(first=NAME, second=NAME)
async def test_compare_names(online: LocalDiscord, first: str, second: str) -> None:
    assert_safe(await online.slash("compare", first=first, second=second), first + second)


@EXAMPLES
@given(typed=st.text(max_size=100))
async def test_autocomplete_keystrokes(online: LocalDiscord, typed: str) -> None:
    choices = await online.autocomplete("condition", "name", typed)
    assert len(choices) <= 25 and all(1 <= len(c["name"]) <= 100 for c in choices)


@EXAMPLES
@given(custom_id=st.from_regex(SHARE_TEMPLATE, fullmatch=True))
async def test_forged_or_stale_share_buttons_get_a_clean_answer(online: LocalDiscord, custom_id: str) -> None:
    # Every id shaped like a Share button reaches the bot's handler: unknown cards, bad sections, too many keys.
    private = await online.slash("condition", name="ms")
    private.message.components[0]["components"][0]["custom_id"] = custom_id
    reply = await private.click(custom_id)
    assert_safe(reply, "")
    # A real card, the stale-button note, or (after a few real ones) the public-post cooldown.
    assert reply.embeds or reply.content.startswith((STALE_BUTTON, wait_message(1).split(" Please")[0]))


@EXAMPLES
@given(typed=NAME)
async def test_glossary_term(online: LocalDiscord, typed: str) -> None:
    assert_safe(await online.slash("glossary", term=typed), typed)


@EXAMPLES
@given(typed=NAME)
async def test_search_query(online: LocalDiscord, typed: str) -> None:
    # A real word from the cards may come back inside our own snippet; that is our text, not an echo.
    assert_safe(await online.slash("search", query=typed), typed, echo_check=False)


@EXAMPLES
@given(typed=NAME)
async def test_quiz_topic(online: LocalDiscord, typed: str) -> None:
    assert_safe(await online.slash("quiz", dm=True, questions=1, topic=typed), typed)


@EXAMPLES
@given(typed=NAME)
async def test_card_condition_and_settings_number(online: LocalDiscord, typed: str) -> None:
    assert_safe(await online.slash("card", member="mo", condition=typed), typed)
    assert_safe(await online.slash("settings", member="ada", emergency_number=typed[:40]), typed[:40])


@EXAMPLES
@given(tail=st.text(max_size=90))
async def test_forged_which_and_quiz_ids_get_a_clean_answer(online: LocalDiscord, tail: str) -> None:
    # The quiz starts in a DM: a public one would meet the public-post limit after a few examples.
    for command, prefix, label in (("which", "which:", "Clear"), ("quiz", "quiz:", "A")):
        reply = await online.slash(command, dm=command == "quiz", options={"questions": 1} if command == "quiz" else {})
        button = next(
            c for row in reply.message.components for c in row.get("components", []) if c.get("label") == label
        )
        button["custom_id"], button["disabled"] = prefix + tail, False  # a forging client ignores "disabled"
        assert_safe(await reply.click(prefix + tail), tail, echo_check=False)
