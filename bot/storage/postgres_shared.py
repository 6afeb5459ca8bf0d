"""The PostgreSQL backend's shared state: quiz tallies and public-post limits (bot.storage.backend). Each call is
one transaction; the quiz's progress row, or the member's limit row, is locked by its upsert (or FOR UPDATE) before
anything is read, so processes asking at the same moment take turns on that row only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import asyncpg

from bot.storage import post_window
from bot.storage.backend import QuizResults

if TYPE_CHECKING:
    from bot.storage.postgres_schema import Conn

_PROGRESS = """
    INSERT INTO quiz_progress (quiz, resumed, current, finished, expires_at) VALUES ($1, $2, 0, false, $3)
    ON CONFLICT (quiz) DO UPDATE SET expires_at = GREATEST(quiz_progress.expires_at, EXCLUDED.expires_at)
    RETURNING resumed, current, finished
"""


def affected(status: str) -> int:
    """How many rows a command touched, from its status ("DELETE 3", "INSERT 0 1")."""
    return int(status.split()[-1])


class PostgresSharedState:
    _pool: asyncpg.Pool

    @staticmethod
    async def _progress(conn: Conn, quiz: str, now: float, idle: float, *, resumed: bool) -> tuple[bool, int, bool]:
        if affected(await conn.execute("DELETE FROM quiz_progress WHERE quiz = $1 AND expires_at < $2", quiz, now)):
            await conn.execute("DELETE FROM quiz_answers WHERE quiz = $1", quiz)  # its answers with it
        row = await conn.fetchrow(_PROGRESS, quiz, resumed, now + idle)
        assert row is not None
        return bool(row[0]), int(row[1]), bool(row[2])

    async def open_quiz(self, quiz: str, *, resumed: bool, now: float, idle: float) -> bool:
        async with self._pool.acquire() as conn, conn.transaction():
            return (await self._progress(conn, quiz, now, idle, resumed=resumed))[0]

    async def answer_quiz(self, quiz: str, question: int, member: str, *, right: bool, now: float, idle: float) -> str:
        async with self._pool.acquire() as conn, conn.transaction():
            _, current, finished = await self._progress(conn, quiz, now, idle, resumed=True)
            if finished or question < current:
                return "closed"
            await conn.execute("UPDATE quiz_progress SET current = $2 WHERE quiz = $1", quiz, question)
            status = await conn.execute(
                "INSERT INTO quiz_answers (quiz, question, member, correct) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT DO NOTHING",
                quiz,
                question,
                member,
                right,
            )
            return "first" if affected(status) == 1 else "repeat"

    async def move_quiz_on(self, quiz: str, question: int, *, now: float, idle: float) -> bool:
        async with self._pool.acquire() as conn, conn.transaction():
            _, current, finished = await self._progress(conn, quiz, now, idle, resumed=True)
            if finished or question < current:
                return False
            await conn.execute("UPDATE quiz_progress SET current = $2 WHERE quiz = $1", quiz, question + 1)
            return True

    async def finish_quiz(self, quiz: str, question: int, *, now: float, idle: float) -> QuizResults | None:
        async with self._pool.acquire() as conn, conn.transaction():
            resumed, current, finished = await self._progress(conn, quiz, now, idle, resumed=True)
            if finished or question < current:
                return None
            await conn.execute(
                "UPDATE quiz_progress SET current = $2, finished = true WHERE quiz = $1", quiz, question + 1
            )
            rows = await conn.fetch(
                "SELECT question, COUNT(*), COUNT(*) FILTER (WHERE correct) FROM quiz_answers WHERE quiz = $1 "
                "GROUP BY question",
                quiz,
            )
            people = await conn.fetchval("SELECT COUNT(DISTINCT member) FROM quiz_answers WHERE quiz = $1", quiz)
            await conn.execute("DELETE FROM quiz_answers WHERE quiz = $1", quiz)
        tallies = {int(r[0]): (int(r[1]), int(r[2])) for r in rows}
        return QuizResults(resumed=resumed, people=int(people), tallies=tallies)

    async def take_post(self, member: str, *, now: float, window: float, rate: int) -> float:
        async with self._pool.acquire() as conn, conn.transaction():
            await conn.execute(
                "INSERT INTO post_limits (member, times, expires_at) VALUES ($1, '', $2) ON CONFLICT DO NOTHING",
                member,
                now + window,
            )
            found = await conn.fetchval("SELECT times FROM post_limits WHERE member = $1 FOR UPDATE", member)
            times, wait = post_window.take_post(post_window.decode(str(found or "")), now, window=window, rate=rate)
            await conn.execute(
                "UPDATE post_limits SET times = $2, expires_at = $3 WHERE member = $1",
                member,
                post_window.encode(times),
                max(times) + window,
            )
        return wait

    async def sweep_expired(self, now: float) -> int:
        async with self._pool.acquire() as conn, conn.transaction():
            gone = affected(await conn.execute("DELETE FROM quiz_progress WHERE expires_at < $1", now))
            gone += affected(await conn.execute("DELETE FROM post_limits WHERE expires_at < $1", now))
            gone += affected(await conn.execute("DELETE FROM deck_items WHERE expires_at < $1", now))
            gone += affected(
                await conn.execute(
                    "DELETE FROM quiz_answers a WHERE NOT EXISTS (SELECT 1 FROM quiz_progress p WHERE p.quiz = a.quiz)"
                )
            )
        return gone
