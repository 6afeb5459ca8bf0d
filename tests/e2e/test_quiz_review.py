""" "Review my mistakes" end to end: after a quiz, each member privately re-answers only what they got wrong."""

from __future__ import annotations

import io
import re

from bot.deck.render import ADD_LABEL
from bot.knowledge.base import KnowledgeBase
from bot.local_mode.console import Console
from bot.quiz.render import NEXT_LABEL, RESULTS_LABEL
from bot.quiz.review import NEXT_MISTAKE_LABEL, NONE_MISSED, NOT_KNOWN, REVIEW_LABEL
from bot.render.limits import message_problems
from local_discord import LocalDiscord
from local_discord.components import walk_components
from tests.e2e.test_quiz import shown_question, wrong_letter

NO_PINGS = {"parse": []}


def custom_ids(components: list) -> list[str]:
    return [c["custom_id"] for _, c in walk_components(components) if c.get("type") == 2]


async def test_each_member_reviews_only_their_own_mistakes_privately(online: LocalDiscord, kb: KnowledgeBase) -> None:
    start = await online.slash("quiz", member="olivia", questions=3)
    asked = []
    for n in range(3):
        question = shown_question(kb, start.message)
        asked.append(question)
        await start.click(wrong_letter(question) if n != 1 else question.letter, member="sam")  # sam: 1 and 3 wrong
        await start.click(question.letter, member="mo")  # mo: all right
        await start.click(RESULTS_LABEL if n == 2 else NEXT_LABEL, member="olivia")
    (results,) = online.messages_in("general")
    assert results.embeds[0]["title"] == "Quiz results"

    review = await online.click(results, REVIEW_LABEL, member="sam")
    assert review.ephemeral and review.message is not results  # private, and the results stay as they are
    assert review.embeds[0]["title"] == "Review: mistake 1 of 2"
    assert f"**{asked[0].prompt}**" in review.embeds[0]["description"]
    for ids in (custom_ids(review.components), custom_ids(results.components)):
        assert all(len(i) <= 100 for i in ids)
        assert not any(online.world.users[who].id in i for i in ids for who in ("sam", "mo", "olivia"))

    wrong_again = await review.click(wrong_letter(asked[0]))
    assert wrong_again.message is review.message  # the review message moves on in place
    assert (
        "❌ **Not quite.**" in review.embeds[0]["description"]
        and asked[0].explanation in review.embeds[0]["description"]
    )
    moved = await review.click(NEXT_MISTAKE_LABEL)
    assert moved.message is review.message and review.embeds[0]["title"] == "Review: mistake 2 of 2"
    assert f"**{asked[2].prompt}**" in review.embeds[0]["description"]  # question 2, answered right, is skipped
    await review.click(asked[2].letter)
    assert "✅ **Right this time!**" in review.embeds[0]["description"]
    assert "**Review done:** 1 of 2 right this time." in review.embeds[0]["description"]
    # The review is over: what is left is keeping the last question for later, in the member's own deck.
    assert [c.get("label") for _, c in walk_components(review.components) if c.get("type") == 2] == [ADD_LABEL]
    for message in (review.message, results):
        assert message.allowed_mentions == NO_PINGS and message_problems(message.content, message.embeds) == []

    perfect = await online.click(results, REVIEW_LABEL, member="mo")
    assert perfect.ephemeral and perfect.content.startswith(NONE_MISSED)
    absent = await online.click(results, REVIEW_LABEL, member="ada")  # never answered
    assert absent.ephemeral and absent.content.startswith(NOT_KNOWN)
    online.assert_no_violations()


async def test_a_review_after_a_restart_says_why_it_cannot_start(local: LocalDiscord, start_bot, kb) -> None:
    async with start_bot():
        start = await local.slash("quiz", member="olivia", questions=1)
        await start.click(wrong_letter(shown_question(kb, start.message)), member="sam")
        await start.click(RESULTS_LABEL, member="olivia")
    async with start_bot(expect_sync=False):
        (results,) = local.messages_in("general")
        reply = await local.click(results, REVIEW_LABEL, member="sam")
    assert reply.ephemeral and reply.content.startswith(NOT_KNOWN)


async def test_a_forged_review_button_gets_a_clean_answer(online: LocalDiscord, kb: KnowledgeBase) -> None:
    start = await online.slash("quiz", member="olivia", questions=1)
    await start.click(wrong_letter(shown_question(kb, start.message)), member="sam")
    await start.click(RESULTS_LABEL, member="olivia")
    (results,) = online.messages_in("general")
    review = await online.click(results, REVIEW_LABEL, member="sam")
    forged = review.message.components[0]["components"][0]
    forged["custom_id"] = re.sub(r":[0-9a-f]{6}:A$", ":000000:A", forged["custom_id"])  # another question's digest
    reply = await review.click("A")
    assert reply.ephemeral and reply.content.startswith("That review button is out of date")


async def test_reviewing_in_the_console(online: LocalDiscord, kb: KnowledgeBase) -> None:
    out = io.StringIO()
    console = Console(online, out=out)
    for line in ("/quiz questions:1", "click B", "click #1 See results", f"click {REVIEW_LABEL}"):
        assert await console.handle(line)
    text = out.getvalue()
    assert "--- #3 [See results] (updates #1) ---" in text and "[Review my mistakes]" in text
    # B was wrong or right: the review either asks again (privately) or says there is nothing to review.
    assert "--- #4 [Review my mistakes] ---\n(only you can see this)" in text
    assert "REVIEW: MISTAKE 1 OF 1" in text or NONE_MISSED.split(":")[0] in text
