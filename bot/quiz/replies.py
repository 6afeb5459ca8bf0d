"""What to answer for /quiz and its buttons, decided without Discord (the cog sends it).

Nothing here repeats what the user typed: an unknown topic is answered with suggestions from the knowledge base.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.matcher import Matcher
from bot.quiz.ids import Kind, QuizRef, parse_button, question_digest
from bot.quiz.questions import Question, QuestionBank
from bot.quiz.render import QuizPost, answer_text, question_post, results_post
from bot.quiz.review import start_button
from bot.quiz.scoring import QuizScoring
from bot.quiz.topics import Topic, parse_topic, resolve_topic
from bot.render.common import did_you_mean
from bot.storage.recorder import Outcome

UNKNOWN_TOPIC = "I don't have a category or card matching a term you typed."
TOPIC_HINT = "Start typing and pick a topic from the list, or leave the topic out for a quiz on every card."
NO_QUESTIONS = "I can't make questions on that topic yet. Try a category, or leave the topic out."
STALE_BUTTON = (
    "That quiz button is out of date: the cards changed since the quiz was posted, or it isn't a button I made. "
    "Start a new quiz with `/quiz`."
)
ALREADY_MOVED_ON = "Someone already moved the quiz on."
ALREADY_FINISHED = "This quiz has already finished."


@dataclass(frozen=True)
class QuizStart:
    outcome: Outcome
    cards: tuple[str | None, ...] = ()  # the cards the questions are about, for usage counts
    post: QuizPost | None = None
    quiz: QuizRef | None = None
    content: str | None = None  # a private message instead of a quiz


@dataclass(frozen=True)
class QuizClick:
    post: QuizPost | None = None  # the quiz message's new state (the next question, or the results)
    content: str | None = None  # otherwise a private message to the person who clicked


def start_quiz(bank: QuestionBank, matcher: Matcher, typed_topic: str | None, count: int, seed: int) -> QuizStart:
    kb = bank.kb
    topic = resolve_topic(kb, matcher, typed_topic)
    if topic is None:
        return QuizStart(Outcome.UNKNOWN, (None,), content=_unknown_topic(matcher, typed_topic or ""))
    questions = bank.quiz(seed, count, topic)
    if not questions:
        return QuizStart(Outcome.INVALID, (topic.card,), content=NO_QUESTIONS)
    quiz = QuizRef(seed, topic.token, count)
    return QuizStart(
        Outcome.OK,
        tuple(dict.fromkeys(q.card for q in questions)),
        post=question_post(quiz, topic.label(kb), questions, 0),
        quiz=quiz,
    )


async def click_quiz(bank: QuestionBank, sessions: QuizScoring, custom_id: str, user_id: int) -> QuizClick:
    """An answer or a "Next" click, rebuilt from the button's custom_id alone; `user_id` stays in `sessions`."""
    kb = bank.kb
    ref = parse_button(custom_id)
    topic = parse_topic(kb, ref.quiz.topic) if ref else None
    if ref is None or topic is None:
        return QuizClick(content=STALE_BUTTON)
    questions = bank.quiz(ref.quiz.seed, ref.quiz.count, topic)
    if ref.index >= len(questions) or question_digest(questions[ref.index]) != ref.digest:
        return QuizClick(content=STALE_BUTTON)
    question, key = questions[ref.index], ref.quiz.key
    if ref.kind is Kind.ANSWER:
        if ref.choice is None or ref.choice >= len(question.options):
            return QuizClick(content=STALE_BUTTON)
        counted = await sessions.answer(key, ref.index, user_id, right=ref.choice == question.answer)
        resumed = await sessions.is_resumed(key)
        text = answer_text(kb, question, ref.index + 1, ref.choice, counted, resumed=resumed)
        return QuizClick(content=text)
    return await _move_on(kb, sessions, ref.quiz, topic, questions, ref.index)


async def _move_on(
    kb: KnowledgeBase, sessions: QuizScoring, quiz: QuizRef, topic: Topic, questions: tuple[Question, ...], index: int
) -> QuizClick:
    if index + 1 < len(questions):
        if not await sessions.move_on(quiz.key, index):
            return QuizClick(content=ALREADY_MOVED_ON)
        return QuizClick(post=question_post(quiz, topic.label(kb), questions, index + 1))
    results = await sessions.finish(quiz.key, index, len(questions))
    if results is None:
        return QuizClick(content=ALREADY_FINISHED)
    # Each person reviews their own mistakes, where this process's memory kept them (not with a shared store).
    review = (start_button(quiz),) if results.people and sessions.keeps_mistakes else ()
    return QuizClick(post=results_post(topic.label(kb), questions, results, review))


def _unknown_topic(matcher: Matcher, typed: str) -> str:
    return did_you_mean(UNKNOWN_TOPIC, [matcher.display(key) for key in matcher.suggest(typed, 3)], TOPIC_HINT)
