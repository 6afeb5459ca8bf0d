"""Quiz tallies in memory: first answers count, nothing outlives the quiz, and nobody can push out another's quiz."""

from __future__ import annotations

from bot.quiz.session import Counted, QuizSessions, Results

OLIVIA, SAM, MO = 1, 2, 3


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_sessions_count_first_answers_and_drop_who_answered_at_the_end() -> None:
    sessions = QuizSessions()
    assert sessions.start("q", OLIVIA)
    assert sessions.answer("q", 0, 1, right=True) is Counted.FIRST
    assert sessions.answer("q", 0, 1, right=False) is Counted.REPEAT
    assert sessions.answer("q", 0, 2, right=False) is Counted.FIRST
    assert sessions.move_on("q", 0) and not sessions.move_on("q", 0)
    assert sessions.answer("q", 0, 3, right=True) is Counted.CLOSED
    results = sessions.finish("q", 1, 2)
    assert results == Results(resumed=False, people=2, answered=(2, 0), right=(1, 0))
    assert sessions.finish("q", 1, 2) is None
    quiz = sessions._quiz("q")
    assert not quiz.people and all(not t.who for t in quiz.tallies.values())  # no user id outlives the quiz


def test_an_idle_quiz_is_forgotten_by_the_timers_sweep_without_anyone_clicking() -> None:
    clock = FakeClock()
    sessions = QuizSessions(clock=clock, idle_limit=60)
    sessions.start("a", OLIVIA)
    sessions.answer("a", 0, SAM, right=True)
    sessions.answer("forged", 0, MO, right=True)  # a resumed tally
    clock.now = 61
    sessions.sweep()
    assert len(sessions) == 0  # every user id gone, though nobody clicked since
    assert sessions.is_resumed("a")  # a later click starts afresh, marked resumed


def test_an_idle_quiz_is_fresh_on_its_next_click_even_before_the_sweep() -> None:
    clock = FakeClock()
    sessions = QuizSessions(clock=clock, idle_limit=60)
    sessions.start("a", OLIVIA)
    sessions.answer("a", 0, SAM, right=True)
    clock.now = 61
    assert sessions.answer("a", 0, SAM, right=True) is Counted.FIRST and sessions.is_resumed("a")


def test_starting_many_quizzes_only_ever_drops_ones_own() -> None:
    sessions = QuizSessions(per_person=3, max_started=10)
    assert sessions.start("server-quiz", OLIVIA)
    sessions.answer("server-quiz", 0, MO, right=True)
    for n in range(500):  # in DMs, where there is no post limit
        assert sessions.start(f"dm-{n}", SAM)
    assert not sessions.is_resumed("server-quiz")  # still there, with Mo's answer
    assert sessions.answer("server-quiz", 0, MO, right=True) is Counted.REPEAT
    assert len(sessions) == 1 + 3


def test_when_everything_is_full_a_new_quiz_is_refused_and_no_running_one_is_dropped() -> None:
    sessions = QuizSessions(per_person=1, max_started=3)
    for person in (OLIVIA, SAM, MO):
        assert sessions.start(f"quiz-{person}", person)
    assert not sessions.start("one-more", 99)
    assert all(not sessions.is_resumed(f"quiz-{person}") for person in (OLIVIA, SAM, MO))


def test_resumed_tallies_push_out_only_each_other() -> None:
    sessions = QuizSessions(max_resumed=2)
    sessions.start("started", OLIVIA)
    for n in range(10):  # forged or pre-restart buttons
        sessions.answer(f"resumed-{n}", 0, SAM, right=True)
    assert len(sessions) == 3 and not sessions.is_resumed("started")
