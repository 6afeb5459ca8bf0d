"""The deck's decisions against a real SQLite database: what a member is told, and what is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.deck import replies
from bot.deck.ids import AnswerRef, parse_answer
from bot.deck.items import Item
from bot.deck.schedule import new_memory
from bot.knowledge.base import KnowledgeBase
from bot.quiz.ids import question_digest
from bot.quiz.questions import QuestionBank
from bot.storage.database import Database
from bot.storage.keyed import member_hash
from bot.storage.shared import SharedStore

DAY = dt.date(2026, 12, 4)
SAM = 123456789012345678


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SharedStore]:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield SharedStore(database, lambda user_id: member_hash(b"k" * 32, user_id))
    finally:
        await database.close()


@pytest.fixture
def bank(kb: KnowledgeBase) -> QuestionBank:
    return QuestionBank(kb)


def first_answer(answer: replies.DeckAnswer) -> AnswerRef:
    assert answer.post is not None
    ref = parse_answer(answer.post.buttons[0].custom_id)
    assert ref is not None
    return ref


async def test_without_the_database_every_answer_says_so_and_nothing_is_written(bank: QuestionBank) -> None:
    assert await replies.add_card(bank, None, SAM, "gbs", DAY) == replies.UNAVAILABLE
    assert (await replies.study(bank, None, SAM, DAY, 1)).content == replies.UNAVAILABLE
    assert (await replies.status(bank, None, SAM, DAY)).content == replies.UNAVAILABLE
    assert (await replies.delete(None, SAM)).content == replies.UNAVAILABLE


async def test_the_whole_deck_of_every_card_fits_and_nothing_more_is_stored(
    bank: QuestionBank, store: SharedStore, kb: KnowledgeBase
) -> None:
    for card in kb.conditions:
        await replies.add_card(bank, store, SAM, card.key, DAY)
    stored = await store.backend.deck(store.member(SAM))
    assert len(stored) == sum(len(bank.facets_of(c.key)) for c in kb.conditions) <= replies.MAX_ITEMS
    assert all(key.split("/")[1] in bank.facets_of(key.split("/")[0]) for key in stored)


async def test_a_full_deck_says_so(bank: QuestionBank, store: SharedStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replies, "MAX_ITEMS", 3)
    said = await replies.add_card(bank, store, SAM, "mg", DAY)
    assert said.startswith("Added 3 facts on Myasthenia gravis (MG)") and "did not fit" in said
    assert "is full" in await replies.add_card(bank, store, SAM, "gbs", DAY)
    assert len(await store.backend.deck(store.member(SAM))) == 3


async def test_an_item_the_cards_no_longer_ask_about_is_skipped_and_a_broken_schedule_starts_over(
    bank: QuestionBank, store: SharedStore
) -> None:
    member = store.member(SAM)
    items = {"gone-card/onset": new_memory(DAY).encode(), "gbs/onset": "not a schedule"}
    await store.backend.add_to_deck(member, items, expires_at=2e9, limit=200)
    asked = await replies.study(bank, store, SAM, DAY, seed=7)
    ref = first_answer(asked)
    assert ref.item == Item("gbs", "onset") and ref.reviews == 0  # read as new, asked
    assert asked.post is not None and asked.post.embed.title == "Your deck: 1 fact due"
    status = await replies.status(bank, store, SAM, DAY)
    assert status.post is not None and "gone-card (1, no longer a card)" in (status.post.embed.description or "")


async def test_an_answer_is_scored_once_and_schedules_the_item_again(bank: QuestionBank, store: SharedStore) -> None:
    await replies.add_card(bank, store, SAM, "gbs", DAY)
    ref = first_answer(await replies.study(bank, store, SAM, DAY, seed=3))
    question = bank.about(ref.item.card, ref.item.facet, ref.seed)
    assert question is not None and question_digest(question) == ref.digest
    right = AnswerRef(ref.item, ref.seed, ref.reviews, ref.digest, question.answer)
    answered = await replies.answer(bank, store, SAM, right.custom_id, DAY)
    assert answered.edit and answered.post is not None
    assert "✅ **Right!**" in (answered.post.embed.description or "")
    again = await replies.answer(bank, store, SAM, right.custom_id, DAY)
    assert again.content == replies.ALREADY
    stored = await store.backend.deck(store.member(SAM))
    assert '"n":1' in stored[ref.item.key] and '"due":"2026-12-0' in stored[ref.item.key]
    someone_else = await replies.answer(bank, store, SAM + 1, right.custom_id, DAY)
    assert someone_else.content == replies.GONE  # a button on another member's deck does nothing to theirs


async def test_status_and_delete(bank: QuestionBank, store: SharedStore) -> None:
    assert (await replies.status(bank, store, SAM, DAY)).content == replies.EMPTY
    await replies.add_card(bank, store, SAM, "ms", DAY)
    shown = await replies.status(bank, store, SAM, DAY)
    assert shown.post is not None and replies.HOW_IT_IS_KEPT in (shown.post.embed.description or "")
    assert (await replies.remove_card(bank, store, SAM, "gbs")).startswith("Your deck has nothing on")
    deleted = await replies.delete(store, SAM)
    assert (
        deleted.edit and deleted.post is not None and "Nothing of it is kept" in (deleted.post.embed.description or "")
    )
    assert await store.backend.deck(store.member(SAM)) == {}


async def test_a_deck_whose_facts_can_no_longer_be_asked_says_so(bank: QuestionBank, store: SharedStore) -> None:
    await store.backend.add_to_deck(
        store.member(SAM), {"gone-card/onset": new_memory(DAY).encode()}, expires_at=2e9, limit=200
    )
    assert (await replies.study(bank, store, SAM, DAY, seed=1)).content == replies.NOTHING_ASKABLE
