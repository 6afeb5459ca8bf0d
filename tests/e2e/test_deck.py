"""/deck end to end: a member's private spaced-repetition deck, through the local Discord and a real database."""

from __future__ import annotations

import copy
import io
import re
import sqlite3
from pathlib import Path

from bot.deck.ids import parse_answer
from bot.deck.render import ADD_LABEL, NEXT_LABEL
from bot.deck.replies import ALREADY, DELETE_LABEL, EMPTY, HOW_IT_IS_KEPT, UNAVAILABLE
from bot.knowledge.base import KnowledgeBase
from bot.local_mode.console import Console
from bot.quiz.questions import LETTERS, QuestionBank
from bot.quiz.render import RESULTS_LABEL
from bot.quiz.review import REVIEW_LABEL
from bot.render.limits import message_problems
from local_discord import LocalDiscord
from local_discord.components import walk_components
from tests.e2e.test_quiz import shown_question, wrong_letter
from tests.storage.lock_holder import lock_held

NO_PINGS = {"parse": []}


def answer_ids(components: list) -> list[str]:
    return [c["custom_id"] for _, c in walk_components(components) if c.get("custom_id", "").startswith("deck:a:")]


def right_letter(kb: KnowledgeBase, components: list) -> str:
    """The right answer to the deck question shown, rebuilt from its buttons the way the bot does."""
    ref = parse_answer(answer_ids(components)[0])
    assert ref is not None
    question = QuestionBank(kb).about(ref.item.card, ref.item.facet, ref.seed)
    assert question is not None
    return question.letter


def deck_rows(path: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT member, item, schedule FROM deck_items ORDER BY item").fetchall()


async def test_a_member_adds_studies_and_each_card_comes_back_later(
    online: LocalDiscord, kb: KnowledgeBase, tmp_path: Path
) -> None:
    empty = await online.slash("deck study", member="sam")
    assert empty.ephemeral and empty.content.startswith(EMPTY)

    added = await online.slash("deck add", member="sam", condition="myasthenia")
    facets = QuestionBank(kb).facets_of("mg")
    assert added.ephemeral and f"Added {len(facets)} facts on Myasthenia gravis (MG)" in added.content
    assert HOW_IT_IS_KEPT in added.content  # the first time, it says what is kept and how to delete it
    again = await online.slash("deck add", member="sam", condition="mg")
    assert "already in your deck" in again.content and HOW_IT_IS_KEPT not in again.content

    study = await online.slash("deck study", member="sam")
    assert study.ephemeral and study.embeds[0]["title"] == f"Your deck: {len(facets)} facts due"
    for n in range(len(facets)):
        components = study.message.components
        assert len(answer_ids(components)) == 4
        letter = right_letter(kb, components)
        chosen = letter if n % 2 == 0 else LETTERS[(LETTERS.index(letter) + 1) % 4]
        answered = await study.click(chosen)
        assert answered.message is study.message  # the private message moves on in place
        description = study.embeds[0]["description"]
        assert ("✅ **Right!**" if chosen == letter else "❌ **Not quite.**") in description
        assert re.search(r"This fact comes back (tomorrow|in \d+ days)", description)
        assert message_problems(study.message.content, study.embeds) == []
        assert study.message.allowed_mentions == NO_PINGS
        if n + 1 < len(facets):
            await study.click(NEXT_LABEL)
    assert "That's everything due today." in study.embeds[0]["description"] and not study.message.components

    done = await online.slash("deck study", member="sam")
    assert done.content.startswith("Nothing is due today. Your next fact is due tomorrow")  # the missed ones
    status = await online.slash("deck status", member="sam")
    assert f"**{len(facets)} fact(s)**, 0 due today." in status.embeds[0]["description"]
    assert "Myasthenia gravis (MG)" in status.embeds[0]["description"]
    assert (await online.slash("deck study", member="mo")).content.startswith(EMPTY)  # one member's deck is theirs

    rows = deck_rows(tmp_path / "bot.sqlite3")
    assert len(rows) == len(facets) and {item for _, item, _ in rows} == {f"mg/{f}" for f in facets}
    sam = str(online.world.users["sam"].id)
    assert all(sam not in member and re.fullmatch(r"[0-9a-f]{64}", member) for member, _, _ in rows)
    assert all(re.fullmatch(r'\{"due":"[0-9-]{10}",.*\}', memory) and "T" not in memory for _, _, memory in rows)
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    assert sam.encode() not in raw  # the user ID is nowhere in the files, not even in the write-ahead log


async def test_a_second_click_on_the_same_question_counts_once(online: LocalDiscord, kb: KnowledgeBase) -> None:
    await online.slash("deck add", member="sam", condition="gbs")
    study = await online.slash("deck study", member="sam")
    asked = copy.deepcopy(study.message.components)  # as a second client still shows it
    letter = right_letter(kb, asked)
    await study.click(letter)
    study.message.components = asked
    replay = await study.click(letter)
    assert replay.ephemeral and replay.content.startswith(ALREADY)


async def test_add_to_my_deck_under_a_quiz_review(online: LocalDiscord, kb: KnowledgeBase) -> None:
    start = await online.slash("quiz", member="olivia", questions=1)
    question = shown_question(kb, start.message)
    await start.click(wrong_letter(question), member="sam")
    await start.click(RESULTS_LABEL, member="olivia")
    (results,) = online.messages_in("general")
    review = await online.click(results, REVIEW_LABEL, member="sam")
    await review.click(question.letter)
    kept = await review.click(ADD_LABEL)
    assert kept.ephemeral and kept.content.startswith("Added 1 fact on ")
    status = await online.slash("deck status", member="sam")
    assert "**1 fact(s)**, 1 due today." in status.embeds[0]["description"]


async def test_delete_asks_first_then_removes_everything(
    online: LocalDiscord, kb: KnowledgeBase, tmp_path: Path
) -> None:
    await online.slash("deck add", member="sam", condition="ms")
    await online.slash("deck add", member="mo", condition="ms")
    ask = await online.slash("deck delete", member="sam")
    assert ask.ephemeral and ask.embeds[0]["title"] == "Delete your deck?"
    assert len(deck_rows(tmp_path / "bot.sqlite3")) == 2 * len(QuestionBank(kb).facets_of("ms"))
    await ask.click(DELETE_LABEL)
    assert ask.embeds[0]["description"].startswith("Deleted your deck (")
    remaining = deck_rows(tmp_path / "bot.sqlite3")
    assert remaining and len({member for member, _, _ in remaining}) == 1  # mo's deck is untouched
    assert (await online.slash("deck status", member="sam")).content.startswith(EMPTY)


async def test_a_forged_deck_button_and_an_unknown_condition_get_clean_answers(online: LocalDiscord) -> None:
    unknown = await online.slash("deck add", member="sam", condition="diabetes")
    assert unknown.ephemeral and "I don't know a condition by that name" in unknown.content
    await online.slash("deck add", member="sam", condition="gbs")
    study = await online.slash("deck study", member="sam")
    button = study.message.components[0]["components"][0]
    button["custom_id"] = button["custom_id"].replace("deck:a:gbs/", "deck:a:nope/")
    reply = await study.click("A")
    assert reply.ephemeral and "out of date" in reply.content


async def test_studying_in_the_console(online: LocalDiscord) -> None:
    out = io.StringIO()
    console = Console(online, out=out)
    for line in ("/deck add condition:mg", "/deck study", "click A", "/deck status"):
        assert await console.handle(line)
    text = out.getvalue()
    assert "Added " in text and "facts on Myasthenia gravis (MG)" in text
    assert "YOUR DECK" in text.upper() and ("Right!" in text or "Not quite." in text)
    assert "Traceback" not in text


async def test_a_locked_database_gets_a_plain_try_again_and_nothing_half_written(
    online: LocalDiscord, tmp_path: Path
) -> None:
    async with lock_held(tmp_path / "bot.sqlite3"):  # another process holds the write lock past SQLite's 2 s wait
        refused = await online.slash("deck add", member="sam", condition="gbs")
    assert refused.ephemeral and refused.content.startswith(UNAVAILABLE)
    assert deck_rows(tmp_path / "bot.sqlite3") == []
    added = await online.slash("deck add", member="sam", condition="gbs")  # the lock gone: it works at once
    assert added.content.startswith("Added ")
