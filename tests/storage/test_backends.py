"""The storage interface, held to the same behaviour on SQLite and on a real PostgreSQL server (parametrized).

Several backends opened on one database stand for several bot processes: each has its own connections, so what
one writes the others see only through the database, as across processes.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.storage.backend import Backend
from bot.storage.opening import open_backend, schema_status
from bot.storage.target import Target
from bot.storage.weeks import Tally, UsageKey, WeekKey

A, B, C = "a" * 64, "b" * 64, "c" * 64
W48, W49 = "2026-W48", "2026-W49"


def key(week: str, server: str, cards: str = "ms") -> UsageKey:
    return UsageKey(week, server, "condition", cards, "-", "ok")


async def opened(target: Target, count: int) -> list[Backend]:
    return list(await asyncio.gather(*(open_backend(target) for _ in range(count))))


async def close_all(backends: list[Backend]) -> None:
    await asyncio.gather(*(b.close() for b in backends))


async def test_processes_starting_together_migrate_once_and_agree_on_the_schema(target: Target) -> None:
    backends = await opened(target, 4)  # four at once: one migrates, the others wait for it
    await close_all(backends)
    status = await schema_status(target)
    assert status.current == status.latest and status.pending == 0 and status.backend == target.kind


async def test_counts_add_up_per_server_and_a_closed_week_folds_without_them(backend: Backend) -> None:
    await backend.add_counts({key(W48, A): 3, key(W48, B): 1}, current_week=W48)
    await backend.add_counts({key(W48, A): 2, key(W48, C): 2}, current_week=W48)
    assert await backend.weekly_counts("2026-W40", W48) == {}  # the open week is never shown
    expected = {WeekKey(W48, "condition", "ms", "-", "ok"): Tally(count=8, top=5)}
    assert await backend.weekly_counts("2026-W40", W49) == expected  # folded on the fly, before anything folded it
    await backend.add_counts({key(W49, A): 1}, current_week=W49)  # the next week's first write folds it
    assert await backend.weekly_counts("2026-W40", W49) == expected
    assert await backend.open_counts() == {key(W49, A): 1}  # no server left in the closed week


async def test_many_processes_adding_at_once_never_lose_or_double_a_count(target: Target) -> None:
    backends = await opened(target, 4)
    batch = {key(W48, A): 1, key(W48, B): 2, key(W48, A, "gbs"): 3}

    async def writer(b: Backend) -> None:
        for _ in range(25):
            await b.add_counts(batch, current_week=W48)

    await asyncio.gather(*(writer(b) for b in backends))
    assert await backends[0].open_counts() == {k: n * 100 for k, n in batch.items()}
    # The week turns while all of them write: every count lands once, folded once.
    await asyncio.gather(*(b.add_counts({key(W49, C): 1}, current_week=W49) for b in backends))
    folded = await backends[0].weekly_counts(W48, W49)
    await close_all(backends)
    assert folded == {
        WeekKey(W48, "condition", "ms", "-", "ok"): Tally(300, 200),
        WeekKey(W48, "condition", "gbs", "-", "ok"): Tally(300, 300),
    }


async def test_meta_round_trip_and_delete(backend: Backend) -> None:
    assert await backend.get_meta("x") is None
    await backend.set_meta("x", "1")
    await backend.set_meta("x", "2")
    assert await backend.get_meta("x") == "2"
    await backend.delete_meta("x")
    assert await backend.get_meta("x") is None


async def test_every_settings_change_moves_the_version_other_processes_watch(target: Target) -> None:
    first, second = await opened(target, 2)
    before = await second.settings_version()
    await first.save_guild_settings(A, False, "000", True)
    saved = await second.settings_version()
    assert saved != before and await second.guild_settings() == [(A, 0, "000", 1)]
    await first.delete_guild_settings([A])
    assert await second.settings_version() != saved and await second.guild_settings() == []
    await first.save_guild_settings(B, True, None, False)
    assert await first.delete_all_guild_settings() == 1
    await close_all([first, second])


async def test_postgresql_tells_other_processes_of_a_change_at_once_and_sqlite_says_it_cannot(
    target: Target,
) -> None:
    first, second = await opened(target, 2)
    changed = asyncio.Event()
    listening = await second.listen_settings(changed.set)
    assert listening == (target.kind == "postgresql")
    await first.save_guild_settings(A, False, None, True)
    if listening:
        await asyncio.wait_for(changed.wait(), 10)  # a NOTIFY from the other process's transaction
    await close_all([first, second])


async def test_a_quiz_counts_each_members_first_answer_once_across_processes(target: Target) -> None:
    first, second = await opened(target, 2)
    now, idle = 1000.0, 3600.0
    assert await first.open_quiz("q1", resumed=False, now=now, idle=idle) is False
    answers = await asyncio.gather(
        first.answer_quiz("q1", 0, A, right=True, now=now, idle=idle),
        second.answer_quiz("q1", 0, A, right=False, now=now, idle=idle),
        second.answer_quiz("q1", 0, B, right=False, now=now, idle=idle),
    )
    assert sorted(answers) == ["first", "first", "repeat"]
    moves = await asyncio.gather(*(b.move_quiz_on("q1", 0, now=now, idle=idle) for b in (first, second, first)))
    assert sorted(moves) == [False, False, True]  # someone moved it on; the others are told
    assert await second.answer_quiz("q1", 0, C, right=True, now=now, idle=idle) == "closed"
    assert await second.answer_quiz("q1", 1, C, right=True, now=now, idle=idle) == "first"
    results = await asyncio.gather(*(b.finish_quiz("q1", 1, now=now, idle=idle) for b in (first, second)))
    (done,) = [r for r in results if r is not None]
    assert done.resumed is False and done.people == 3
    assert done.tallies[1] == (1, 1) and sum(done.tallies[0]) in (2, 3)  # 2 answered; 1 right if A's first won
    assert await first.answer_quiz("q1", 1, A, right=True, now=now, idle=idle) == "closed"
    await close_all([first, second])


async def test_a_quiz_idle_past_its_limit_starts_afresh_marked_resumed(backend: Backend) -> None:
    await backend.open_quiz("q2", resumed=False, now=0.0, idle=10.0)
    assert await backend.answer_quiz("q2", 0, A, right=True, now=5.0, idle=10.0) == "first"
    # Clicked after the limit: a fresh tally (who answered went with the old one), marked as begun by a click.
    assert await backend.answer_quiz("q2", 0, A, right=True, now=100.0, idle=10.0) == "first"
    assert await backend.open_quiz("q2", resumed=False, now=100.0, idle=10.0) is True


async def test_the_public_post_limit_holds_across_processes(target: Target) -> None:
    backends = await opened(target, 3)
    waits = await asyncio.gather(*(b.take_post(A, now=100.0, window=60.0, rate=3) for b in backends * 3))
    assert sorted(w == 0.0 for w in waits) == [False] * 6 + [True] * 3
    assert await backends[0].take_post(B, now=100.0, window=60.0, rate=3) == 0.0  # per member
    assert await backends[1].take_post(A, now=161.0, window=60.0, rate=3) == 0.0  # the window moved on
    await close_all(backends)


async def test_expired_member_rows_are_swept(backend: Backend) -> None:
    await backend.take_post(A, now=0.0, window=60.0, rate=3)
    await backend.open_quiz("q3", resumed=False, now=0.0, idle=10.0)
    await backend.answer_quiz("q3", 0, B, right=True, now=0.0, idle=10.0)
    assert await backend.sweep_expired(5.0) == 0
    assert await backend.sweep_expired(100.0) == 3  # the post times, the quiz, and who answered it
    assert await backend.sweep_expired(100.0) == 0


@pytest.mark.parametrize("kind", ["postgresql"])
async def test_location_names_no_password(kind: str, postgres_url: str) -> None:
    from bot.storage.target import parse_database_url

    with_password = postgres_url.replace("bot@", "bot:hunter2@")
    found = parse_database_url(with_password, None)  # type: ignore[arg-type]
    assert "hunter2" not in found.location and "hunter2" not in repr(found)
