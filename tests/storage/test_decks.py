"""Members' study decks, held to the same behaviour on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import asyncio

from bot.storage.backend import Backend
from bot.storage.target import Target
from tests.storage.test_backends import close_all, opened

M, N = "m" * 64, "n" * 64
LATER = 2_000_000_000.0


async def test_items_are_added_once_and_only_up_to_the_limit(backend: Backend) -> None:
    assert await backend.deck(M) == {}
    assert await backend.add_to_deck(M, {"gbs/onset": "a", "gbs/reflexes": "b"}, expires_at=LATER, limit=3) == 2
    more = {"gbs/onset": "changed", "ms/onset": "c", "mg/onset": "d"}
    assert await backend.add_to_deck(M, more, expires_at=LATER, limit=3) == 1
    deck = await backend.deck(M)
    assert len(deck) == 3 and deck["gbs/onset"] == "a"  # an item already there keeps its memory
    assert await backend.deck(N) == {}  # another member's deck is another deck


async def test_a_memory_is_replaced_only_if_it_is_still_the_one_the_click_saw(backend: Backend) -> None:
    await backend.add_to_deck(M, {"gbs/onset": "first"}, expires_at=LATER, limit=200)
    assert await backend.save_deck_item(M, "gbs/onset", "second", was="first", expires_at=LATER)
    assert not await backend.save_deck_item(M, "gbs/onset", "third", was="first", expires_at=LATER)  # a double click
    assert not await backend.save_deck_item(M, "ms/onset", "x", was="first", expires_at=LATER)  # not in the deck
    assert await backend.deck(M) == {"gbs/onset": "second"}


async def test_a_double_click_answered_by_two_processes_at_once_counts_once(target: Target) -> None:
    first, second = await opened(target, 2)
    try:
        await first.add_to_deck(M, {"gbs/onset": "seen"}, expires_at=LATER, limit=200)
        saved = await asyncio.gather(
            first.save_deck_item(M, "gbs/onset", "by-first", was="seen", expires_at=LATER),
            second.save_deck_item(M, "gbs/onset", "by-second", was="seen", expires_at=LATER),
        )
        assert sorted(saved) == [False, True]
        assert (await second.deck(M))["gbs/onset"] == ("by-first" if saved[0] else "by-second")
    finally:
        await close_all([first, second])


async def test_removing_and_deleting_touch_only_that_member(backend: Backend) -> None:
    await backend.add_to_deck(M, {"gbs/onset": "a", "gbs/reflexes": "b", "ms/onset": "c"}, expires_at=LATER, limit=200)
    await backend.add_to_deck(N, {"gbs/onset": "z"}, expires_at=LATER, limit=200)
    assert await backend.remove_from_deck(M, ["gbs/onset", "gbs/reflexes", "not/there"]) == 2
    assert await backend.deck(M) == {"ms/onset": "c"}
    assert await backend.delete_deck(M) == 1
    assert await backend.deck(M) == {}
    assert await backend.deck(N) == {"gbs/onset": "z"}


async def test_a_deck_expires_whole_after_its_member_last_used_it(backend: Backend) -> None:
    await backend.add_to_deck(M, {"gbs/onset": "a"}, expires_at=100.0, limit=200)
    await backend.add_to_deck(M, {"ms/onset": "b"}, expires_at=300.0, limit=200)  # renews every row of the member
    await backend.add_to_deck(N, {"gbs/onset": "z"}, expires_at=150.0, limit=200)
    assert await backend.sweep_expired(200.0) == 1  # N's deck only
    assert await backend.deck(N) == {}
    assert await backend.save_deck_item(M, "gbs/onset", "a2", was="a", expires_at=500.0)
    assert await backend.sweep_expired(400.0) == 0  # studying renewed it
    assert await backend.deck(M) == {"gbs/onset": "a2", "ms/onset": "b"}
    assert await backend.sweep_expired(600.0) == 2
    assert await backend.all_deck_rows() == []
