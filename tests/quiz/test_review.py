"""Review my mistakes, without Discord: who missed what is known only until the quiz is forgotten; after that
first click, everything travels in the custom_ids."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.base import KnowledgeBase
from bot.quiz.ids import QuizRef
from bot.quiz.questions import QuestionBank
from bot.quiz.review import (
    NEXT_MISTAKE_LABEL,
    NONE_MISSED,
    NOT_KNOWN,
    STALE,
    ReviewRef,
    Step,
    missed_indexes,
    parse_review,
    review_click,
    start_button,
)
from bot.quiz.session import QuizSessions
from tests.quiz.test_questions import real_ids


def finished(answers: dict[int, list[bool]], count: int = 3, clock=lambda: 0.0) -> QuizSessions:
    """A quiz of `count` questions that each person (by id) answered right or wrong, then finished."""
    sessions = QuizSessions(clock=clock)
    key = QuizRef(42, "-", count).key
    sessions.start(key, 99)
    for index in range(count):
        for person, right in answers.items():
            sessions.answer(key, index, person, right=right[index])
        if index + 1 < count:
            sessions.move_on(key, index)
    assert sessions.finish(key, count - 1, count) is not None
    return sessions


def test_the_sessions_know_who_missed_what_only_once_the_quiz_is_over_and_until_it_is_forgotten() -> None:
    now = [0.0]
    sessions = finished({1: [False, True, False], 2: [True, True, True]}, clock=lambda: now[0])
    key = QuizRef(42, "-", 3).key
    assert sessions.missed(key, 1) == 0b101 and sessions.missed(key, 2) == 0 and sessions.missed(key, 3) is None
    now[0] = 2 * 60 * 60  # past the idle limit
    assert sessions.missed(key, 1) is None
    sessions.sweep()
    assert len(sessions) == 0


def test_a_running_quiz_has_nothing_to_review_yet() -> None:
    sessions = QuizSessions()
    key = QuizRef(42, "-", 3).key
    sessions.start(key, 99)
    sessions.answer(key, 0, 1, right=False)
    assert sessions.missed(key, 1) is None


def test_a_review_asks_each_missed_question_then_scores_itself(kb: KnowledgeBase) -> None:
    quiz, questions = real_ids(kb)
    sessions = finished({1: [False, True, False], 2: [True, True, True], 3: [False, False, False]})
    bank = QuestionBank(kb)
    assert review_click(bank, sessions, start_button(quiz).custom_id, 2).content == NONE_MISSED
    assert review_click(bank, sessions, start_button(quiz).custom_id, 4).content == NOT_KNOWN

    first = review_click(bank, sessions, start_button(quiz).custom_id, 1)
    assert first.post is not None and not first.edit  # a new private message
    assert first.post.embed.title == "Review: mistake 1 of 2"
    assert questions[0].prompt in (first.post.embed.description or "")
    right_letter = next(b for b in first.post.buttons if b.label == questions[0].letter)
    # Everything after the first click travels in the custom_id: another person's click, or none, changes nothing.
    answered = review_click(bank, QuizSessions(), right_letter.custom_id, 12345)
    assert answered.edit and answered.post is not None
    assert "✅ **Right this time!**" in (answered.post.embed.description or "")
    (move_on,) = answered.post.buttons
    assert move_on.label == NEXT_MISTAKE_LABEL
    second = review_click(bank, QuizSessions(), move_on.custom_id, 1)
    assert second.post is not None and second.post.embed.title == "Review: mistake 2 of 2"
    assert questions[2].prompt in (second.post.embed.description or "")  # the one answered right is skipped
    wrong = (questions[2].answer + 1) % len(questions[2].options)
    last = next(b for b in second.post.buttons if b.label == "ABCD"[wrong])
    done = review_click(bank, QuizSessions(), last.custom_id, 1)
    assert done.post is not None and not done.post.buttons
    assert "**Review done:** 1 of 2 right this time." in (done.post.embed.description or "")

    everything = review_click(bank, sessions, start_button(quiz).custom_id, 3)
    assert everything.post is not None and everything.post.embed.title == "Review: mistake 1 of 3"


def test_custom_ids_fit_discord_and_carry_no_user_id(kb: KnowledgeBase) -> None:
    widest = QuizRef(2**48 - 1, "cat.neuromuscular_junction", 10)
    ref = ReviewRef(widest, Step.ANSWER, 0b1111111111, 9, 9, "abcdef", 3)
    assert len(ref.custom_id) <= 100 and parse_review(ref.custom_id) == ref
    assert parse_review(start_button(widest).custom_id) == ReviewRef(widest, Step.START)


def test_forged_or_stale_review_buttons_are_answered_cleanly(kb: KnowledgeBase) -> None:
    bank, sessions = QuestionBank(kb), QuizSessions()
    for forged in [
        "review:garbage",
        "review:a:00000000002a:-:3:5:0:0:abcdef",  # an answer without a letter
        "review:n:00000000002a:-:3:5:2:0:abcdef",  # position 2 of only 2 missed
        "review:n:00000000002a:-:3:5:1:2:abcdef",  # more right than asked
        "review:n:00000000002a:nope:3:5:0:0:abcdef",  # no such topic
        "review:n:00000000002a:-:3:1:0:0:000000",  # the content changed (another digest)
        "review:s:00000000002a:-:3:1:0:0:abcdef",
    ]:
        assert review_click(bank, sessions, forged, 1).content == STALE, forged


@given(st.integers(min_value=1, max_value=2**10 - 1), st.integers(min_value=1, max_value=10))
def test_missed_bits_name_questions_in_order(missed: int, count: int) -> None:
    indexes = missed_indexes(missed, count)
    assert indexes == sorted(indexes) and all(0 <= n < count for n in indexes)
