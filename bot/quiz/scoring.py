"""Keeping a quiz's score, in this process's memory (the default: bot.quiz.session) or in the shared store
(SHARED_STATE=store: bot.storage.backend.QuizTallies), behind one interface, so that clicks reaching different
processes (HTTP replicas, a cluster that took over) count each person's first answer once.

The stored kind keeps only keyed hashes of the members who answered, forgets them when the quiz ends or an hour
after its last click (IDLE_LIMIT_SECONDS), like the in-memory one. While the store cannot be used, the in-memory
tally is used for that click, so a quiz never stops answering because a database is down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from bot.quiz.session import IDLE_LIMIT_SECONDS, Counted, QuizSessions, Results
from bot.storage.shared import SharedStore

log = logging.getLogger(__name__)
T = TypeVar("T")


class QuizScoring(Protocol):
    # Whether "Review my mistakes" can be offered: only this process's memory keeps who missed which question.
    keeps_mistakes: bool

    async def start(self, key: str, starter: int) -> bool: ...

    async def answer(self, key: str, index: int, user_id: int, *, right: bool) -> Counted: ...

    async def is_resumed(self, key: str) -> bool: ...

    async def move_on(self, key: str, index: int) -> bool: ...

    async def finish(self, key: str, index: int, questions: int) -> Results | None: ...


class MemoryScoring:
    """QuizSessions as the async interface: one process's memory."""

    keeps_mistakes = True

    def __init__(self, sessions: QuizSessions) -> None:
        self.sessions = sessions

    async def start(self, key: str, starter: int) -> bool:
        return self.sessions.start(key, starter)

    async def answer(self, key: str, index: int, user_id: int, *, right: bool) -> Counted:
        return self.sessions.answer(key, index, user_id, right=right)

    async def is_resumed(self, key: str) -> bool:
        return self.sessions.is_resumed(key)

    async def move_on(self, key: str, index: int) -> bool:
        return self.sessions.move_on(key, index)

    async def finish(self, key: str, index: int, questions: int) -> Results | None:
        return self.sessions.finish(key, index, questions)


class StoredScoring:
    """The shared store's tallies when `store()` gives one; the in-memory ones otherwise."""

    keeps_mistakes = False  # the store keeps counts and hashed first answers, never who got what wrong

    def __init__(
        self,
        store: Callable[[], SharedStore | None],
        memory: MemoryScoring,
        *,
        idle: float = IDLE_LIMIT_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store, self._memory, self._idle, self._clock = store, memory, idle, clock
        self._failing = False

    async def _either(self, stored: Callable[[SharedStore], Awaitable[T]], fallback: Callable[[], Awaitable[T]]) -> T:
        store = self._store()
        if store is None:
            return await fallback()
        try:
            result = await stored(store)
        except Exception as exc:
            if not self._failing:
                log.warning("Quiz tallies could not be kept in the shared store (%s); keeping them here.", _kind(exc))
            self._failing = True
            return await fallback()
        self._failing = False
        return result

    async def start(self, key: str, starter: int) -> bool:
        async def stored(s: SharedStore) -> bool:
            await s.backend.open_quiz(key, resumed=False, now=self._clock(), idle=self._idle)
            return True

        return await self._either(stored, lambda: self._memory.start(key, starter))

    async def answer(self, key: str, index: int, user_id: int, *, right: bool) -> Counted:
        async def stored(s: SharedStore) -> Counted:
            found = await s.backend.answer_quiz(
                key, index, s.member(user_id), right=right, now=self._clock(), idle=self._idle
            )
            return Counted(found)

        return await self._either(stored, lambda: self._memory.answer(key, index, user_id, right=right))

    async def is_resumed(self, key: str) -> bool:
        async def stored(s: SharedStore) -> bool:
            return await s.backend.open_quiz(key, resumed=True, now=self._clock(), idle=self._idle)

        return await self._either(stored, lambda: self._memory.is_resumed(key))

    async def move_on(self, key: str, index: int) -> bool:
        async def stored(s: SharedStore) -> bool:
            return await s.backend.move_quiz_on(key, index, now=self._clock(), idle=self._idle)

        return await self._either(stored, lambda: self._memory.move_on(key, index))

    async def finish(self, key: str, index: int, questions: int) -> Results | None:
        async def stored(s: SharedStore) -> Results | None:
            found = await s.backend.finish_quiz(key, index, now=self._clock(), idle=self._idle)
            if found is None:
                return None
            tallies = [found.tallies.get(n, (0, 0)) for n in range(questions)]
            return Results(
                resumed=found.resumed,
                people=found.people,
                answered=tuple(t[0] for t in tallies),
                right=tuple(t[1] for t in tallies),
            )

        return await self._either(stored, lambda: self._memory.finish(key, index, questions))


def _kind(exc: BaseException) -> str:
    return type(exc).__name__
