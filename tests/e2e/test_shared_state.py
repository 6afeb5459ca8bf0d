"""SHARED_STATE=store: quiz tallies and the public-post limit live in the database, so another process (here: the
same bot restarted, as a replica or a cluster taking over would be) carries on where the first left off. The
default keeps them in memory, and a restart starts them afresh (tests/e2e/test_quiz.py)."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.base import KnowledgeBase
from bot.quiz.render import NEXT_LABEL, RESULTS_LABEL, RESUMED
from local_discord import LocalDiscord
from tests.e2e.test_quiz import shown_question


async def test_a_quiz_and_the_post_limit_carry_on_across_processes(
    local: LocalDiscord, start_bot, kb: KnowledgeBase, tmp_path: Path
) -> None:
    async with start_bot(shared_state_in_store=True):
        start = await local.slash("quiz", member="olivia", questions=2)
        first = shown_question(kb, start.message)
        answered = await start.click(first.letter, member="mo")
        assert answered.content.startswith("✅") and RESUMED not in answered.content
        shared = [
            await (await local.slash("condition", member="sam", name=n)).click("Share here") for n in ("ms", "lupus")
        ]
    async with start_bot(expect_sync=False, shared_state_in_store=True):  # a new process: nothing in its memory
        again = await start.click(first.letter, member="mo")
        assert again.content.startswith("You already answered question 1")  # known from the store
        await start.click(NEXT_LABEL, member="sam")
        await start.click(shown_question(kb, start.message).letter, member="sam")
        await start.click(RESULTS_LABEL, member="olivia")
        summary = start.embeds[0]["description"]  # the quiz message now shows the results
        assert summary.startswith("2 people answered.") and RESUMED not in summary  # the tally was never lost
        # sam shared twice before the restart (the quiz counts for olivia): one more post, then the limit.
        third = await (await local.slash("condition", member="sam", name="gbs")).click("Share here")
        fourth = await (await local.slash("condition", member="sam", name="mg")).click("Share here")
    assert all(s.embeds for s in [*shared, third]) and "Please wait" in fourth.content
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    for user in ("mo", "sam", "olivia"):  # members are kept as keyed hashes only
        assert local.world.user(user).id.encode() not in stored
    local.assert_no_violations()
