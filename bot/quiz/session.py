"""Per-quiz scoring, in memory only.

Who answered is held only to make each person's first answer the one that counts: a set of user ids per running
quiz, never written anywhere or logged, dropped when the quiz ends and forgotten with the quiz after an idle limit
(the bot sweeps on a timer, see `sweep`). What remains after the end is numbers (how many answered, how many were
right). After a restart, or once a quiz sat idle past the limit, a click starts a fresh tally marked `resumed`, so
the results can say so.

For "Review my mistakes", the questions each person got wrong are kept with the quiz once it ends (one small
number per person, a bit per question), in memory only, and forgotten with the quiz after the same idle limit.
From there on the review carries its state in its buttons' custom_ids.

Memory is bounded without anyone being able to push out someone else's quiz: a person who starts more than
MAX_PER_PERSON quizzes (in DMs there is no post limit) loses their own oldest; when MAX_STARTED quizzes are running,
new ones are refused, never older ones dropped. Resumed tallies (which a forged button can create) live in a pool
of their own, so they can only push out each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

IDLE_LIMIT_SECONDS = 60 * 60
MAX_PER_PERSON = 5  # running quizzes one person has started
MAX_STARTED = 10_000  # running quizzes in all: new ones are refused beyond it, older ones never dropped
MAX_RESUMED = 1_000  # tallies begun by a click (after a restart, or a forged button): the least recent goes first


class Counted(StrEnum):
    FIRST = "first"  # counted
    REPEAT = "repeat"  # this person already answered this question
    CLOSED = "closed"  # the quiz had moved past this question or finished


@dataclass
class _Tally:
    who: set[int] = field(default_factory=set)
    wrong: set[int] = field(default_factory=set)  # who answered it wrong, until the quiz ends
    answered: int = 0
    right: int = 0


@dataclass
class _Quiz:
    resumed: bool
    last_active: float
    starter: int | None = None  # who started it with /quiz (None: resumed by a click)
    current: int = 0
    finished: bool = False
    people: set[int] = field(default_factory=set)
    tallies: dict[int, _Tally] = field(default_factory=dict)
    missed: dict[int, int] = field(default_factory=dict)  # once finished: person -> bit n set if question n was wrong


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
        per_person: int = MAX_PER_PERSON,
        max_started: int = MAX_STARTED,
        max_resumed: int = MAX_RESUMED,
    ) -> None:
        self._clock, self._idle_limit = clock, idle_limit
        self._per_person, self._max_started, self._max_resumed = per_person, max_started, max_resumed
        # Both least recently active first (dict order).
        self._started: dict[str, _Quiz] = {}
        self._resumed: dict[str, _Quiz] = {}

    def __len__(self) -> int:
        return len(self._started) + len(self._resumed)

    def start(self, key: str, starter: int) -> bool:
        """Keep a tally for a quiz `starter` just started; False (nothing kept) when too many are running."""
        self.sweep()
        own = [k for k, quiz in self._started.items() if quiz.starter == starter]
        if len(own) >= self._per_person:
            del self._started[own[0]]  # their own least recently active one, never someone else's
        elif len(self._started) >= self._max_started:
            return False
        self._started[key] = _Quiz(resumed=False, last_active=self._clock(), starter=starter)
        return True

    def sweep(self) -> None:
        """Forget every quiz idle past the limit, with everyone who answered it."""
        now = self._clock()
        for pool in (self._started, self._resumed):
            for key in [k for k, quiz in pool.items() if now - quiz.last_active > self._idle_limit]:
                del pool[key]

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
        if not right:
            tally.wrong.add(user_id)
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
        quiz.missed = {
            person: sum(1 << n for n, tally in quiz.tallies.items() if person in tally.wrong) for person in quiz.people
        }
        quiz.people.clear()
        for tally in quiz.tallies.values():
            tally.who.clear()
            tally.wrong.clear()
        return results

    def missed(self, key: str, user_id: int) -> int | None:
        """The questions this person got wrong in a finished quiz, as bits (0: none); None when this process does
        not know their answers (they answered none, the bot restarted, or the quiz was forgotten)."""
        quiz = self._started.get(key) or self._resumed.get(key)
        if quiz is None or not quiz.finished or self._clock() - quiz.last_active > self._idle_limit:
            return None
        return quiz.missed.get(user_id)

    def _quiz(self, key: str) -> _Quiz:
        """The quiz's tally, started afresh (and marked resumed) if this process has none, or had one that sat
        idle past the limit (the timer's sweep may not have come round to it yet)."""
        now = self._clock()
        for pool in (self._started, self._resumed):
            quiz = pool.pop(key, None)
            if quiz is not None and now - quiz.last_active <= self._idle_limit:
                quiz.last_active = now
                pool[key] = quiz  # re-inserted last: the dict's order is least recently active first
                return quiz
        quiz = _Quiz(resumed=True, last_active=now)
        self._resumed[key] = quiz
        while len(self._resumed) > self._max_resumed:
            del self._resumed[next(iter(self._resumed))]
        return quiz
