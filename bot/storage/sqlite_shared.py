"""The SQLite backend's shared state: quiz tallies and public-post limits (bot.storage.backend), for processes that
share one database file. Each call is one transaction under SQLite's write lock (BEGIN IMMEDIATE), so what it reads
cannot change before it writes, whichever process asks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import aiosqlite

from bot.storage import post_window
from bot.storage.backend import QuizResults

_EXPIRE_QUIZ = "DELETE FROM quiz_progress WHERE quiz = ? AND expires_at < ?"
_ORPHAN_ANSWERS = "DELETE FROM quiz_answers WHERE quiz NOT IN (SELECT quiz FROM quiz_progress)"
_PROGRESS = """
    INSERT INTO quiz_progress (quiz, resumed, current, finished, expires_at) VALUES (?, ?, 0, 0, ?)
    ON CONFLICT (quiz) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)
    RETURNING resumed, current, finished
"""


class SqliteSharedState:
    _conn: aiosqlite.Connection

    async def _transaction(self, statements: Callable[[], Awaitable[object]]) -> None:
        raise NotImplementedError  # Database's: commits, or rolls back on any failure

    async def _locked(self, work: Callable[[], Awaitable[Any]]) -> Any:
        """Run `work` in one write transaction taken before its first read; return what it returned."""
        result: list[Any] = []

        async def run() -> None:
            await self._conn.execute("BEGIN IMMEDIATE")
            result.append(await work())

        await self._transaction(run)
        return result[0]

    async def _progress(self, quiz: str, now: float, idle: float, *, resumed: bool) -> tuple[bool, int, bool]:
        if (await self._conn.execute(_EXPIRE_QUIZ, (quiz, now))).rowcount:
            await self._conn.execute("DELETE FROM quiz_answers WHERE quiz = ?", (quiz,))  # its answers with it
        async with self._conn.execute(_PROGRESS, (quiz, int(resumed), now + idle)) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        return bool(row[0]), int(row[1]), bool(row[2])

    async def open_quiz(self, quiz: str, *, resumed: bool, now: float, idle: float) -> bool:
        async def work() -> bool:
            return (await self._progress(quiz, now, idle, resumed=resumed))[0]

        return bool(await self._locked(work))

    async def answer_quiz(self, quiz: str, question: int, member: str, *, right: bool, now: float, idle: float) -> str:
        async def work() -> str:
            _, current, finished = await self._progress(quiz, now, idle, resumed=True)
            if finished or question < current:
                return "closed"
            await self._conn.execute("UPDATE quiz_progress SET current = ? WHERE quiz = ?", (question, quiz))
            cursor = await self._conn.execute(
                "INSERT INTO quiz_answers (quiz, question, member, correct) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (quiz, question, member, int(right)),
            )
            return "first" if cursor.rowcount == 1 else "repeat"

        return str(await self._locked(work))

    async def move_quiz_on(self, quiz: str, question: int, *, now: float, idle: float) -> bool:
        async def work() -> bool:
            _, current, finished = await self._progress(quiz, now, idle, resumed=True)
            if finished or question < current:
                return False
            await self._conn.execute("UPDATE quiz_progress SET current = ? WHERE quiz = ?", (question + 1, quiz))
            return True

        return bool(await self._locked(work))

    async def finish_quiz(self, quiz: str, question: int, *, now: float, idle: float) -> QuizResults | None:
        async def work() -> QuizResults | None:
            resumed, current, finished = await self._progress(quiz, now, idle, resumed=True)
            if finished or question < current:
                return None
            await self._conn.execute(
                "UPDATE quiz_progress SET current = ?, finished = 1 WHERE quiz = ?", (question + 1, quiz)
            )
            rows = await self._conn.execute_fetchall(
                "SELECT question, COUNT(*), SUM(correct) FROM quiz_answers WHERE quiz = ? GROUP BY question", (quiz,)
            )
            people = await self._conn.execute_fetchall(
                "SELECT COUNT(DISTINCT member) FROM quiz_answers WHERE quiz = ?", (quiz,)
            )
            await self._conn.execute("DELETE FROM quiz_answers WHERE quiz = ?", (quiz,))
            tallies = {int(q): (int(n), int(r)) for q, n, r in rows}
            return QuizResults(resumed=resumed, people=int(next(iter(people))[0]), tallies=tallies)

        found = await self._locked(work)
        return found if isinstance(found, QuizResults) else None

    async def take_post(self, member: str, *, now: float, window: float, rate: int) -> float:
        async def work() -> float:
            async with self._conn.execute("SELECT times FROM post_limits WHERE member = ?", (member,)) as cursor:
                row = await cursor.fetchone()
            times, wait = post_window.take_post(
                post_window.decode(row[0]) if row else (), now, window=window, rate=rate
            )
            await self._conn.execute(
                "INSERT INTO post_limits (member, times, expires_at) VALUES (?, ?, ?) ON CONFLICT (member) "
                "DO UPDATE SET times = excluded.times, expires_at = excluded.expires_at",
                (member, post_window.encode(times), max(times) + window),
            )
            return wait

        return float(await self._locked(work))

    async def sweep_expired(self, now: float) -> int:
        async def work() -> int:
            gone = 0
            for sql in (
                "DELETE FROM quiz_progress WHERE expires_at < ?",
                "DELETE FROM post_limits WHERE expires_at < ?",
                "DELETE FROM deck_items WHERE expires_at < ?",
            ):
                gone += (await self._conn.execute(sql, (now,))).rowcount
            gone += (await self._conn.execute(_ORPHAN_ANSWERS)).rowcount
            return gone

        return int(await self._locked(work))
