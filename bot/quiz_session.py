"""Per-quiz scoring, in memory only.

Who answered is held only to make each person's first answer the one that counts: a set of user ids per running
quiz, never written anywhere or logged, dropped when the quiz ends and forgotten with the quiz after an idle limit.
What remains after the end is numbers (how many answered, how many were right). After a restart, or once a quiz
sat idle past the limit, a click starts a fresh tally marked `resumed`, so the results can say so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

IDLE_LIMIT_SECONDS = 60 * 60
MAX_QUIZZES = 500  # forged buttons cannot grow memory without bound: the least recently used quiz goes first


class Counted(StrEnum):
    FIRST = "first"  # counted
    REPEAT = "repeat"  # this person already answered this question
    CLOSED = "closed"  # the quiz had moved past this question or finished


@dataclass
class _Tally:
    who: set[int] = field(default_factory=set)
    answered: int = 0
    right: int = 0


@dataclass
class _Quiz:
    resumed: bool
    last_active: float
    current: int = 0
    finished: bool = False
    people: set[int] = field(default_factory=set)
    tallies: dict[int, _Tally] = field(default_factory=dict)


@dataclass(frozen=True)
class Results:
    resumed: bool  # the tally started after the quiz did (restart or idle limit)
    people: int
    answered: tuple[int, ...]  # per question
    right: tuple[int, ...]


class QuizSessions:
    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        idle_limit: float = IDLE_LIMIT_SECONDS,
        max_quizzes: int = MAX_QUIZZES,
    ) -> None:
        self._clock, self._idle_limit, self._max = clock, idle_limit, max_quizzes
        self._quizzes: dict[str, _Quiz] = {}

    def __len__(self) -> int:
        return len(self._quizzes)

    def start(self, key: str) -> None:
        self._quizzes[key] = _Quiz(resumed=False, last_active=self._clock())
        self._trim()

    def is_resumed(self, key: str) -> bool:
        return self._quiz(key).resumed

    def answer(self, key: str, index: int, user_id: int, *, right: bool) -> Counted:
        quiz = self._quiz(key)
        if quiz.finished or index < quiz.current:
            return Counted.CLOSED
        quiz.current = index  # a resumed tally learns where the quiz is from its buttons
        tally = quiz.tallies.setdefault(index, _Tally())
        if user_id in tally.who:
            return Counted.REPEAT
        tally.who.add(user_id)
        quiz.people.add(user_id)
        tally.answered += 1
        tally.right += right
        return Counted.FIRST

    def move_on(self, key: str, index: int) -> bool:
        """Leave question `index` for the next one; False when someone already did."""
        quiz = self._quiz(key)
        if quiz.finished or index < quiz.current:
            return False
        quiz.current = index + 1
        return True

    def finish(self, key: str, index: int, questions: int) -> Results | None:
        """End the quiz after its last question `index`; None when someone already did. Drops who answered."""
        quiz = self._quiz(key)
        if quiz.finished or index < quiz.current:
            return None
        quiz.finished, quiz.current = True, index + 1
        tallies = [quiz.tallies.get(n, _Tally()) for n in range(questions)]
        results = Results(
            resumed=quiz.resumed,
            people=len(quiz.people),
            answered=tuple(t.answered for t in tallies),
            right=tuple(t.right for t in tallies),
        )
        quiz.people.clear()
        for tally in quiz.tallies.values():
            tally.who.clear()
        return results

    def _quiz(self, key: str) -> _Quiz:
        """The quiz's tally, started afresh (and marked resumed) if this process has none."""
        now = self._clock()
        self._quizzes = {k: q for k, q in self._quizzes.items() if now - q.last_active <= self._idle_limit}
        quiz = self._quizzes.pop(key, None) or _Quiz(resumed=True, last_active=now)
        quiz.last_active = now
        self._quizzes[key] = quiz  # re-inserted last: the dict's order is least recently used first
        self._trim()
        return quiz

    def _trim(self) -> None:
        while len(self._quizzes) > self._max:
            del self._quizzes[next(iter(self._quizzes))]
