"""Quiz generation, buttons, scoring and rendering, without Discord."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.interactions.errors import with_disclaimer
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import ANTIBODIES, CATEGORY, CAUTIONS, FATIGABILITY, ONSET, QUIZZED, REFLEXES, Facet
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Category, OnsetSpeed
from bot.quiz.ids import TEMPLATE, ButtonRef, Kind, QuizRef, answer_ref, next_ref, parse_button
from bot.quiz.questions import LETTERS, OPTIONS, Question, QuestionBank
from bot.quiz.render import RESUMED, answer_text, question_post, results_post
from bot.quiz.replies import (
    ALREADY_FINISHED,
    ALREADY_MOVED_ON,
    STALE_BUTTON,
    TOPIC_HINT,
    UNKNOWN_TOPIC,
    QuizClick,
    click_quiz,
    start_quiz,
)
from bot.quiz.scoring import MemoryScoring, QuizScoring
from bot.quiz.session import Counted, QuizSessions, Results
from bot.quiz.topics import EVERYTHING, Topic, parse_topic, resolve_topic, topic_matcher
from bot.render import limits
from bot.render.limits import message_problems
from bot.storage.recorder import Outcome
from tests.helpers import CITE, card_data, said

UNSETTLED = {"varies", "not_typical"}


@pytest.fixture(scope="module")
def bank(kb: KnowledgeBase) -> QuestionBank:
    return QuestionBank(kb)


def all_topics(kb: KnowledgeBase) -> list[Topic]:
    return [EVERYTHING, *(Topic(category=c) for c in Category), *(Topic(card=c.key) for c in kb.conditions)]


def every_question(kb: KnowledgeBase, topic: Topic, seed: int) -> tuple[Question, ...]:
    """The topic's whole pool of questions (a quiz longer than any pool)."""
    return QuestionBank(kb).quiz(seed, 10_000, topic)


# An oracle written apart from the generator: a card's controlled values for each facet.
def values(card: Condition, facet: Facet) -> set[str]:
    return {
        "category": lambda: {card.category.value},
        "onset": lambda: {s.value for s in card.onset.speed},
        "course": lambda: {c.value for c in card.onset.course},
        "reflexes": lambda: {card.reflexes.pattern.value},
        "sensation": lambda: {card.sensation.involvement.value},
        "fatigability": lambda: {card.fatigability.pattern.value},
        "antibodies": lambda: {a.value for a in card.antibodies.typical},
    }[facet.key]()


def treated_with(card: Condition) -> set[str]:
    return {a.value for t in card.treatments for a in t.agents}


def cautioned(card: Condition) -> set[str]:
    return {a.value for c in card.cautions for a in c.agents}


def assert_exactly_one_right(kb: KnowledgeBase, q: Question) -> None:
    keys = [o.key for o in q.options]
    assert len(keys) == OPTIONS and len(set(keys)) == len(keys), q
    if q.facet is CAUTIONS:
        assert_caution_question(kb, q, keys)
        return
    assert q.value not in UNSETTLED, q
    if q.about_cards:
        cards = [kb.by_key[k] for k in keys]
        right = [c.key for c in cards if q.value in values(c, q.facet)]
        assert right == [q.card] == [keys[q.answer]], q
        # A card whose value varies might fit too, so it is never offered as a wrong answer.
        assert all("varies" not in values(c, q.facet) for c in cards), q
    else:
        own = values(kb.by_key[q.card], q.facet)
        assert "varies" not in own and not UNSETTLED & set(keys), q
        assert [k for k in keys if k in own] == [q.value] == [keys[q.answer]], q
    assert q.explanation and q.right.label


def assert_caution_question(kb: KnowledgeBase, q: Question, keys: list[str]) -> None:
    """Right: a caution of the card; wrong: what the card (or the other cards) treats with and never cautions."""
    card = kb.by_key[q.card]
    assert q.value in cautioned(card) and q.value not in treated_with(card), q
    if q.about_cards:
        assert keys[q.answer] == q.card, q
        for other in (kb.by_key[k] for k in keys if k != q.card):
            assert q.value in treated_with(other) and q.value not in cautioned(other), q
    else:
        assert keys[q.answer] == q.value, q
        for wrong in (k for k in keys if k != q.value):
            assert wrong in treated_with(card) and wrong not in cautioned(card), q
    assert q.explanation in {c.text for c in card.cautions}, q


def assert_fits(content: str | None, embeds: list[dict]) -> None:
    assert message_problems(content, embeds) == []


@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**48 - 1), count=st.integers(1, 10), data=st.data())
def test_every_generated_question_has_exactly_one_right_answer_and_fits(
    bank: QuestionBank, seed: int, count: int, data: st.DataObject
) -> None:
    kb = bank.kb
    topic = data.draw(st.sampled_from(all_topics(kb)))
    questions = bank.quiz(seed, count, topic)
    assert 1 <= len(questions) <= count
    assert len({q.prompt for q in questions}) == len(questions)  # no question twice in one quiz
    quiz = QuizRef(seed, topic.token, count)
    for index, q in enumerate(questions):
        assert_exactly_one_right(kb, q)
        assert topic.includes(kb.by_key[q.card])
        post = question_post(quiz, topic.label(kb), questions, index)
        assert_fits(None, [post.embed.to_dict()])
        assert len(post.buttons) == len(q.options) + 1
        for button in post.buttons:
            assert len(button.custom_id) <= limits.CUSTOM_ID and TEMPLATE.fullmatch(button.custom_id)
            assert parse_button(button.custom_id) is not None
    results = Results(False, 3, tuple(3 for _ in questions), tuple(1 for _ in questions))
    assert_fits(None, [results_post(topic.label(kb), questions, results).embed.to_dict()])


@pytest.mark.parametrize("seed", [0, 1, 2**48 - 1])
def test_every_question_of_every_topic_renders_within_limits(kb: KnowledgeBase, seed: int) -> None:
    for topic in all_topics(kb):
        pool = every_question(kb, topic, seed)
        assert pool, topic
        for q in pool:
            assert_exactly_one_right(kb, q)
            for choice, counted, resumed in itertools.product(range(len(q.options)), Counted, (False, True)):
                text = with_disclaimer(answer_text(kb, q, 10, choice, counted, resumed=resumed))
                assert len(text) <= limits.CONTENT
                assert "@" not in text  # nothing in a result can ping
        for start in range(0, len(pool), 10):  # the results of every 10-question slice of the pool
            chunk = pool[start : start + 10]
            results = Results(True, 9999, tuple(9999 for _ in chunk), tuple(9999 for _ in chunk))
            assert_fits(None, [results_post(topic.label(kb), chunk, results).embed.to_dict()])


def test_a_quiz_is_reproducible_from_its_seed(kb: KnowledgeBase) -> None:
    assert QuestionBank(kb).quiz(1234, 10) == QuestionBank(kb).quiz(1234, 10)
    quizzes = {tuple(q.prompt for q in QuestionBank(kb).quiz(seed, 5)) for seed in range(20)}
    assert len(quizzes) > 15


def test_questions_come_from_many_facets_and_both_directions(kb: KnowledgeBase) -> None:
    pool = every_question(kb, EVERYTHING, 7)
    assert {q.facet for q in pool} == {*QUIZZED, CAUTIONS}
    assert {q.about_cards for q in pool} == {True, False}
    assert len(pool) >= 50


def test_the_brief_s_examples_are_asked(kb: KnowledgeBase) -> None:
    prompts = {q.prompt: q for q in every_question(kb, EVERYTHING, 3)}
    fatigable = prompts["Which condition's weakness typically gets worse with use and better with rest?"]
    assert fatigable.card == "mg"
    assert prompts["Which of these antibodies is typical of Neuromyelitis optica spectrum disorder (NMOSD)?"]
    assert prompts["Which of these typically has brisk reflexes?"].card in {"ms", "sps"}
    assert prompts["Which of these can make Myasthenia gravis (MG) worse?"].right.key in {
        a.value for c in kb.by_key["mg"].cautions for a in c.agents
    }
    assert "What does the immune system mainly attack in Guillain-Barré syndrome (GBS)?" in prompts


def test_values_too_close_to_tell_apart_are_never_set_against_each_other(kb: KnowledgeBase) -> None:
    order = list(OnsetSpeed)
    for q in every_question(kb, EVERYTHING, 11):
        if q.facet is ONSET:
            wrong = [o.key for o in q.options if o.key != q.right.key]
            # Forward: the asked value against the wrong cards'; reverse: every value of the card against the wrong.
            own = {q.value} if q.about_cards else values(kb.by_key[q.card], ONSET)
            spoken = wrong if not q.about_cards else [v for k in wrong for v in values(kb.by_key[k], ONSET)]
            for v, w in itertools.product(own, spoken):
                assert abs(order.index(OnsetSpeed(v)) - order.index(OnsetSpeed(w))) > 1, q
        if q.facet is FATIGABILITY:
            # LEMS muscles also tire with use, and MG is not "briefly better with use": never each other's foil.
            assert {"mg", "lems"} - {o.key for o in q.options}, q
        if q.facet is CATEGORY:
            # Whole-body diseases reach any target, so they are never asked about or offered.
            assert "systemic" not in {q.value, *(o.key for o in q.options)}
            assert not any(kb.by_key[o.key].category is Category.SYSTEMIC for o in q.options if q.about_cards)


def test_what_a_card_names_in_its_own_words_is_never_a_wrong_answer_about_it(kb: KnowledgeBase) -> None:
    # Neurosarcoidosis granulomas can form in peripheral nerves; MG's attack is on "the muscle side"; NMOSD's
    # antibody detail says some people have MOG-IgG instead; ATM's says AQP4-IgG is checked.
    named = {
        ("neurosarcoidosis", CATEGORY): "peripheral_nerves",
        ("mg", CATEGORY): "muscle",
        ("nmosd", ANTIBODIES): "mog",
        ("atm", ANTIBODIES): "aqp4",
    }
    seen = set()
    for seed in range(5):
        for q in every_question(kb, EVERYTHING, seed):
            for (card, facet), value in named.items():
                if q.facet is not facet:
                    continue
                if q.about_cards and q.value == value:
                    assert card not in {o.key for o in q.options}, q
                    seen.add((card, facet))
                if not q.about_cards and q.card == card:
                    assert value not in {o.key for o in q.options}, q
                    seen.add((card, facet))
    assert len(seen) >= 3  # the rule was exercised, not skipped


def test_shared_antibodies_of_whole_body_diseases_are_not_used_against_each_other(kb: KnowledgeBase) -> None:
    for q in every_question(kb, Topic(category=Category.SYSTEMIC), 9):
        if q.facet is ANTIBODIES:
            cards = [kb.by_key[o.key] for o in q.options] if q.about_cards else []
            assert sum(c.category is Category.SYSTEMIC for c in cards) <= 1
            if not q.about_cards:
                other = "sjogrens" if q.card == "sle" else "sle"
                wrong = {o.key for o in q.options} - {q.value}
                assert not wrong & values(kb.by_key[other], ANTIBODIES)


def synthetic_kb(*cards: dict) -> KnowledgeBase:
    return KnowledgeBase(tuple(Condition.model_validate(c) for c in cards))


def reflexes(pattern: str) -> dict:
    return {"pattern": pattern, "detail": "Reflexes as they are in this example.", "cite": CITE}


def test_with_fewer_than_four_cards_only_questions_about_values_are_asked() -> None:
    kb = synthetic_kb(card_data("aa", reflexes=reflexes("brisk")), card_data("bb", category="muscle"))
    pool = every_question(kb, EVERYTHING, 1)
    assert pool and not any(q.about_cards for q in pool)
    assert all(len(q.options) == OPTIONS for q in pool)


def test_every_question_has_four_options_and_a_quiz_spreads_over_its_cards() -> None:
    cards = [card_data("aa", reflexes=reflexes("brisk"))]
    cards += [card_data(k, category="muscle", reflexes=reflexes("normal")) for k in ("bb", "cc", "dd", "ee")]
    kb = synthetic_kb(*cards)
    pool = every_question(kb, EVERYTHING, 1)
    assert pool and all(len(q.options) == OPTIONS for q in pool)
    for q in pool:
        assert_exactly_one_right(kb, q)
    quiz = QuestionBank(kb).quiz(5, 2, EVERYTHING)
    assert len({q.card for q in quiz}) == 2  # two questions, two different cards


def test_a_card_whose_values_vary_is_never_a_wrong_option() -> None:
    cards = [card_data("aa", reflexes=reflexes("brisk")), card_data("bb", reflexes=reflexes("varies"))]
    cards += [card_data(k, reflexes=reflexes("normal")) for k in ("cc", "dd", "ee")]
    kb = synthetic_kb(*cards)
    asked = [q for q in every_question(kb, EVERYTHING, 1) if q.facet is REFLEXES]
    assert asked and all("bb" not in {o.key for o in q.options} for q in asked)


def caution_card(key: str, *, treats: list[str], worsens: list[str] = ()) -> dict:
    treatments = [said(f"Treated with {a}", agents=[a]) for a in treats]
    cautions = [said(f"{a} can make it worse", kind="worsens", agents=[a]) for a in worsens] or [
        said("Nothing special", kind="risk")
    ]
    return card_data(key, treatments=treatments, cautions=cautions)


def test_cautions_are_set_against_the_card_s_own_treatments_and_other_cards_treating_with_them() -> None:
    kb = synthetic_kb(
        caution_card("mg", treats=["pyridostigmine", "ivig", "plasma_exchange", "fcrn"], worsens=["aminoglycosides"]),
        *(caution_card(k, treats=["aminoglycosides", "ivig"]) for k in ("aa", "bb", "cc")),
    )
    cautions = [q for q in every_question(kb, EVERYTHING, 2) if q.facet is CAUTIONS]
    assert {q.about_cards for q in cautions} == {True, False}
    for q in cautions:
        assert_exactly_one_right(kb, q)
    reverse = next(q for q in cautions if not q.about_cards)
    assert reverse.prompt == "Which of these can make Example mg worse?"
    assert reverse.right.key == "aminoglycosides"
    assert {o.key for o in reverse.options} - {"aminoglycosides"} <= {
        "pyridostigmine",
        "ivig",
        "plasma_exchange",
        "fcrn",
    }
    forward = next(q for q in cautions if q.about_cards)
    assert forward.right.key == "mg" and {o.key for o in forward.options} == {"mg", "aa", "bb", "cc"}


def test_an_agent_a_card_both_treats_with_and_cautions_about_is_never_asked() -> None:
    both = caution_card("mg", treats=["corticosteroids", "ivig", "fcrn", "pyridostigmine"], worsens=["corticosteroids"])
    kb = synthetic_kb(both, *(caution_card(k, treats=["corticosteroids", "ivig"]) for k in ("aa", "bb", "cc")))
    assert not [q for q in every_question(kb, EVERYTHING, 2) if q.facet is CAUTIONS]


def test_topics_resolve_from_labels_tokens_and_card_names(kb: KnowledgeBase) -> None:
    matcher = topic_matcher(kb)
    assert resolve_topic(kb, matcher, None) == EVERYTHING == resolve_topic(kb, matcher, "  ")
    assert resolve_topic(kb, matcher, "Muscle") == Topic(category=Category.MUSCLE)
    assert resolve_topic(kb, matcher, "cat.muscle") == Topic(category=Category.MUSCLE)
    assert resolve_topic(kb, matcher, "Nerve-muscle junction") == Topic(category=Category.NEUROMUSCULAR_JUNCTION)
    assert resolve_topic(kb, matcher, "Whole-body") == Topic(category=Category.SYSTEMIC)
    assert resolve_topic(kb, matcher, "Guillain–Barré") == Topic(card="gbs")
    assert resolve_topic(kb, matcher, "zzzzzz") is None
    for topic in all_topics(kb):
        assert parse_topic(kb, topic.token) == topic
    assert parse_topic(kb, "cat.nothing") is None and parse_topic(kb, "nosuchcard") is None


def test_topic_autocomplete_lists_categories_first_within_limits(kb: KnowledgeBase) -> None:
    choices = topic_matcher(kb).choices("")
    assert choices[0] == ("Category: Brain and spinal cord", "cat.central_nervous_system")
    assert 1 <= len(choices) <= 25 and all(1 <= len(n) <= 100 and len(v) <= 100 for n, v in choices)
    assert topic_matcher(kb).choices("nmo")[0][1] == "nmosd"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=100))
def test_any_typed_topic_gets_a_quiz_or_suggestions_without_echo(bank: QuestionBank, typed: str) -> None:
    kb = bank.kb
    start = start_quiz(bank, topic_matcher(kb), typed, 5, 99)
    if start.outcome is Outcome.OK:
        assert start.post is not None and start.quiz is not None and all(c in kb.by_key for c in start.cards)
        return
    first, *rest = (start.content or "").split("\n")
    assert first == UNKNOWN_TOPIC and start.cards == (None,)
    displays = {f"• {n}" for n, _ in topic_matcher(kb).choices("", 100)}
    assert set(rest) <= {"Did you mean:", TOPIC_HINT} | displays


def test_start_counts_the_cards_asked_about(kb: KnowledgeBase) -> None:
    start = start_quiz(QuestionBank(kb), topic_matcher(kb), "Nerve-muscle junction", 10, 5)
    assert start.outcome is Outcome.OK and set(start.cards) == {"mg", "lems"}
    assert start.quiz == QuizRef(5, "cat.neuromuscular_junction", 10)


def test_button_ids_round_trip(kb: KnowledgeBase) -> None:
    quiz = QuizRef(2**48 - 1, "vasculitic-neuropathy", 10)
    (question, *_) = QuestionBank(kb).quiz(quiz.seed, 10, Topic(card="vasculitic-neuropathy"))
    answer, move_on = answer_ref(quiz, 9, question, 3), next_ref(quiz, 9, question)
    assert parse_button(answer.custom_id) == answer and parse_button(move_on.custom_id) == move_on
    assert len(answer.custom_id) <= limits.CUSTOM_ID


@pytest.mark.parametrize(
    "custom_id",
    [
        "quiz:",
        "quiz:x:00000000002a:-:5:0:abcdef",
        "quiz:a:00000000002a:-:5:0:abcdef",  # an answer without a letter
        "quiz:n:00000000002a:-:5:0:abcdef:A",  # "next" with a letter
        "quiz:a:00000000002a:-:5:5:abcdef:A",  # question 6 of 5
        "quiz:a:00000000002a:-:11:0:abcdef:A",
        "quiz:a:00000000002a:-:0:0:abcdef:A",
        "quiz:a:2a:-:5:0:abcdef:A",
        "quiz:a:00000000002a:UPPER:5:0:abcdef:A",
        "quiz:a:00000000002a:-:5:0:abcdef:E",
        "quiz:a:00000000002a:-:5:0:abcdef:A:extra",
    ],
)
def test_malformed_button_ids_are_refused(custom_id: str) -> None:
    assert parse_button(custom_id) is None


def real_ids(kb: KnowledgeBase, seed: int = 42, topic: str = "-", count: int = 3) -> tuple[QuizRef, list[Question]]:
    quiz = QuizRef(seed, topic, count)
    parsed = parse_topic(kb, topic)
    assert parsed is not None
    return quiz, list(QuestionBank(kb).quiz(seed, count, parsed))


def forged_ids(kb: KnowledgeBase) -> list[str]:
    quiz, questions = real_ids(kb)
    q = questions[0]
    digest = answer_ref(quiz, 0, q, 0).digest
    return [
        "quiz:garbage",
        "quiz:a:00000000002a:nosuchcard:3:0:abcdef:A",  # a card that does not exist (or no longer does)
        "quiz:a:00000000002a:cat.nothing:3:0:abcdef:A",
        "quiz:a:00000000002a:-:3:0:000000:A",  # the question's digest does not match: content changed
        f"quiz:a:00000000002a:-:3:0:{digest}:{LETTERS[len(q.options)]}" if len(q.options) < 4 else "quiz:bad",
        ButtonRef(QuizRef(42, "sle", 10), Kind.NEXT, 9, "abcdef").custom_id,  # SLE has fewer than 10 questions
    ]


async def press(sessions: QuizScoring, kb: KnowledgeBase, custom_id: str, user_id: int) -> QuizClick:
    return await click_quiz(QuestionBank(kb), sessions, custom_id, user_id)


async def test_forged_or_stale_buttons_get_a_clean_private_answer(kb: KnowledgeBase) -> None:
    memory = QuizSessions()
    sessions = MemoryScoring(memory)
    for custom_id in forged_ids(kb):
        click = await press(sessions, kb, custom_id, 1)
        assert click.post is None and click.content == STALE_BUTTON, custom_id
    assert len(memory) == 0  # nothing was kept for a forged button


async def test_changed_content_makes_old_buttons_stale_rather_than_wrongly_scored(kb: KnowledgeBase) -> None:
    quiz, questions = real_ids(kb, seed=8, count=5)
    button = answer_ref(quiz, 2, questions[2], 0).custom_id
    smaller = KnowledgeBase(tuple(c for c in kb.conditions if c.key != questions[2].card))
    assert (await click_quiz(QuestionBank(smaller), MemoryScoring(QuizSessions()), button, 1)).content == STALE_BUTTON
    assert (await click_quiz(QuestionBank(kb), MemoryScoring(QuizSessions()), button, 1)).content != STALE_BUTTON


async def test_a_whole_quiz_first_answers_count_then_results(kb: KnowledgeBase, scoring: QuizScoring) -> None:
    sessions = scoring  # in memory, or in the shared store on SQLite and on PostgreSQL: the same answers
    quiz, questions = real_ids(kb, count=2)
    assert await sessions.start(quiz.key, 1)
    q0 = questions[0]
    wrong0 = (q0.answer + 1) % len(q0.options)
    right = (await press(sessions, kb, answer_ref(quiz, 0, q0, q0.answer).custom_id, 1)).content or ""
    assert right.startswith("✅ **Right!**") and q0.explanation in right and f"`/condition {q0.card}`" in right
    assert RESUMED not in right
    wrong = (await press(sessions, kb, answer_ref(quiz, 0, q0, wrong0).custom_id, 2)).content or ""
    assert wrong.startswith(f"❌ **Not quite.** The answer is **{q0.letter}. {q0.right.label}**")
    again = (await press(sessions, kb, answer_ref(quiz, 0, q0, wrong0).custom_id, 1)).content or ""
    assert again.startswith("You already answered question 1")
    moved = await press(sessions, kb, next_ref(quiz, 0, q0).custom_id, 2)
    assert moved.post is not None and moved.post.embed.title == "Quiz: question 2 of 2"
    assert (await press(sessions, kb, next_ref(quiz, 0, q0).custom_id, 1)).content == ALREADY_MOVED_ON
    late = (await press(sessions, kb, answer_ref(quiz, 0, q0, q0.answer).custom_id, 3)).content or ""
    assert "wasn't counted" in late
    q1 = questions[1]
    await press(sessions, kb, answer_ref(quiz, 1, q1, q1.answer).custom_id, 3)
    done = await press(sessions, kb, next_ref(quiz, 1, q1).custom_id, 1)
    review = ["Review my mistakes"] if sessions.keeps_mistakes else []  # the shared store never keeps who missed what
    assert done.post is not None and [b.label for b in done.post.buttons] == review
    summary = done.post.embed.description or ""
    assert summary.startswith("3 people answered.")
    assert "1 of 2 right" in summary and "1 of 1 right" in summary
    assert (await press(sessions, kb, next_ref(quiz, 1, q1).custom_id, 1)).content == ALREADY_FINISHED


async def test_a_quiz_the_bot_does_not_remember_still_answers_and_says_scoring_restarted(
    kb: KnowledgeBase, scoring: QuizScoring
) -> None:
    sessions = scoring  # as after a restart: /quiz was answered by another process
    quiz, questions = real_ids(kb, count=3)
    q1 = questions[1]
    text = (await press(sessions, kb, answer_ref(quiz, 1, q1, q1.answer).custom_id, 7)).content or ""
    assert text.startswith("✅") and RESUMED in text
    done = await press(sessions, kb, next_ref(quiz, 2, questions[2]).custom_id, 7)
    assert done.post is not None
    assert (done.post.embed.description or "").startswith(f"1 person answered.\n-# {RESUMED}")


def test_forward_wrong_picks_say_what_the_picked_card_has(kb: KnowledgeBase) -> None:
    brisk = next(q for q in every_question(kb, EVERYTHING, 1) if q.prompt.endswith("brisk reflexes?"))
    wrong = next(n for n in range(len(brisk.options)) if n != brisk.answer)
    text = answer_text(kb, brisk, 1, wrong, Counted.FIRST, resumed=False)
    assert f"You picked {brisk.options[wrong].label}: reflexes: " in text
