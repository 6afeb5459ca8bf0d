"""/which's pure core: the options, the custom_id codec, filtering and ranking, and the shared emergency signs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Clue, Distribution, Fatigability, OnsetSpeed, Reflexes, Sensation
from bot.render.limits import CUSTOM_ID
from bot.storage.recorder import Outcome
from bot.which.menus import (
    CLEAR,
    COMES_AND_GOES,
    OPTIONS,
    OPTIONS_BY_MENU,
    Choices,
    Menu,
    next_choices,
    parse_custom_id,
)
from bot.which.ranking import rank, shared_emergency_signs, shared_signs_of
from tests.helpers import card_data

# Custom_ids of messages already sent depend on these letters: changing one changes what old menus mean.
FROZEN_CODES = {
    Menu.SPEED: {"hours_to_days": "h", "days_to_weeks": "d", "weeks_to_months": "w", "months_to_years": "m",
                 "comes_and_goes": "r"},
    Menu.WHERE: {"ascending": "a", "proximal": "p", "distal": "d", "patchy": "o", "generalized": "g", "both_legs": "b"},
    Menu.EXAM: {"reflexes.reduced_or_absent": "r", "reflexes.brisk": "b", "reflexes.normal": "n",
                "sensation.affected": "s", "sensation.spared": "u", "fatigability.fatigable": "f",
                "fatigability.improves_with_use": "i", "fatigability.not_typical": "t"},
    Menu.CLUES: {"vision": "v", "eyelids_double_vision": "e", "face_weakness": "f", "swallowing_speech": "s",
                 "breathing": "b", "rash": "r", "dry_eyes_mouth": "d", "bladder_bowel": "u", "joint_pain": "j",
                 "stiffness_spasms": "k", "autonomic": "a", "nerve_pain": "p", "constitutional": "w",
                 "unsteady_walking": "t"},
}  # fmt: skip


def option(menu: Menu, value: str):
    return next(o for o in OPTIONS_BY_MENU[menu] if o.value == value)


def make(key: str, **overrides) -> Condition:
    return Condition.model_validate(card_data(key, **overrides))


# The options


def test_codes_never_change() -> None:
    assert {m: {o.value: o.code for o in OPTIONS_BY_MENU[m]} for m in Menu} == FROZEN_CODES


def test_every_telling_vocabulary_value_is_offered() -> None:
    offered = {v for o in OPTIONS for v in o.wanted}
    expected = {
        *(set(OnsetSpeed) - {OnsetSpeed.VARIES}),
        *(set(Distribution) - {Distribution.NOT_TYPICAL}),  # one_side comes with "one limb or patchy"
        *(set(Reflexes) - {Reflexes.VARIES}),
        *(set(Sensation) - {Sensation.VARIES}),
        *Fatigability,
        *Clue,
    }
    assert expected <= offered
    assert option(Menu.WHERE, "patchy").label == "one limb or patchy"
    assert COMES_AND_GOES.label == "comes and goes"


def test_labels_come_from_the_vocabulary() -> None:
    for o in OPTIONS:
        if o is not COMES_AND_GOES:
            assert o.label in {v.label for v in o.wanted}, o


# The custom_id codec

choices_strategy = st.builds(
    lambda speed, where, exam, clues: Choices((*speed, *where, *exam, *clues)),
    st.lists(st.sampled_from(OPTIONS_BY_MENU[Menu.SPEED]), max_size=1),
    st.lists(st.sampled_from(OPTIONS_BY_MENU[Menu.WHERE]), max_size=1),
    st.sets(st.sampled_from(OPTIONS_BY_MENU[Menu.EXAM])),
    st.sets(st.sampled_from(OPTIONS_BY_MENU[Menu.CLUES])),
)
controls = st.sampled_from([*Menu, CLEAR])


@given(choices_strategy, controls)
def test_custom_ids_round_trip_within_discords_limit(choices: Choices, control: str) -> None:
    custom_id = choices.custom_id(control)
    assert len(custom_id) <= CUSTOM_ID
    assert parse_custom_id(custom_id) == (control, choices)


def test_the_longest_custom_id_is_short() -> None:
    one_each = (OPTIONS_BY_MENU[Menu.SPEED][0], OPTIONS_BY_MENU[Menu.WHERE][0])
    everything = Choices((*one_each, *OPTIONS_BY_MENU[Menu.EXAM], *OPTIONS_BY_MENU[Menu.CLUES]))
    assert len(everything.custom_id(Menu.CLUES)) <= 40


def test_choices_are_kept_in_one_order() -> None:
    rash, vision = option(Menu.CLUES, "rash"), option(Menu.CLUES, "vision")
    assert Choices((rash, vision)) == Choices((vision, rash, rash))
    assert Choices((rash, vision)).custom_id("c") == "which:c:...vr"


@pytest.mark.parametrize(
    "custom_id",
    [
        "which:q:h...",  # no such control
        "which:s:z...",  # no such option
        "which:s:hd...",  # two answers to a pick-one menu
        "which:c:...rv",  # out of order: not an id this bot makes
        "which:c:...vv",  # repeated
        "which:s:h..",  # a part missing
        "which:s:h....",  # a part too many
        "which:s:H...",
        "which:s:h...\n",
        "share:gbs:-",
        "",
    ],
)
def test_forged_or_stale_ids_are_refused(custom_id: str) -> None:
    assert parse_custom_id(custom_id) is None
    assert next_choices(custom_id, []) is None
    assert next_choices(custom_id, None) is None


@given(st.text(max_size=120))
def test_any_id_is_refused_or_is_exactly_one_we_make(custom_id: str) -> None:
    parsed = parse_custom_id(custom_id)
    if parsed is not None:
        control, choices = parsed
        assert choices.custom_id(control) == custom_id


@given(st.one_of(st.text(max_size=100), st.just("which:s:...")), st.none() | st.lists(st.text(max_size=30)))
def test_any_interaction_data_is_answered_without_raising(custom_id: str, values: list[str] | None) -> None:
    next_choices(custom_id, values)


def test_a_menu_replaces_its_own_choices_and_keeps_the_others() -> None:
    start = Choices((option(Menu.SPEED, "hours_to_days"), option(Menu.CLUES, "rash")))
    after = next_choices(start.custom_id(Menu.SPEED), ["comes_and_goes"])
    assert after == Choices((COMES_AND_GOES, option(Menu.CLUES, "rash")))
    emptied = next_choices(start.custom_id(Menu.CLUES), [])
    assert emptied == Choices((option(Menu.SPEED, "hours_to_days"),))
    both = next_choices(start.custom_id(Menu.EXAM), ["sensation.spared", "reflexes.brisk"])
    assert both is not None and {o.value for o in both.in_menu(Menu.EXAM)} == {"sensation.spared", "reflexes.brisk"}


def test_clear_empties_everything() -> None:
    start = Choices((option(Menu.SPEED, "hours_to_days"),))
    assert next_choices(start.custom_id(CLEAR), None) == Choices()


@pytest.mark.parametrize(
    ("control", "values"),
    [
        (CLEAR, []),  # a menu claiming to be the Clear button
        (Menu.SPEED, None),  # a button claiming to be a menu
        (Menu.SPEED, ["hours_to_days", "days_to_weeks"]),  # two answers to a pick-one menu
        (Menu.SPEED, ["rash"]),  # another menu's option
        (Menu.CLUES, ["rash", "rash"]),
        (Menu.CLUES, ["@everyone"]),
    ],
)
def test_values_that_menu_never_offered_are_refused(control: str, values: list[str] | None) -> None:
    assert next_choices(Choices().custom_id(control), values) is None


# Filtering and ranking


def test_exact_matches_rank_above_varies_and_misses_are_left_out() -> None:
    exact = make("exact", onset={"speed": ["hours_to_days"], "course": ["monophasic"], "detail": "x"})
    varies = make("varies", onset={"speed": ["varies"], "course": ["monophasic"], "detail": "x"})
    miss = make("miss", onset={"speed": ["months_to_years"], "course": ["monophasic"], "detail": "x"})
    ranking = rank([varies, miss, exact], Choices((option(Menu.SPEED, "hours_to_days"),)))
    assert [m.condition.key for m in ranking.matches] == ["exact", "varies"]
    assert ranking.matches[0].matched == ("Onset: hours to days",) and not ranking.matches[0].varies
    assert ranking.matches[1].varies == ("Onset",) and not ranking.matches[1].matched
    assert ranking.top() == ("exact", "varies") and ranking.outcome is Outcome.OK


def test_comes_and_goes_reads_the_course() -> None:
    def course(key: str, *values: str) -> Condition:
        return make(key, onset={"speed": ["days_to_weeks"], "course": list(values), "detail": "x"})

    cards = [course("once", "monophasic"), course("vary", "varies"), course("relapse", "relapsing", "progressive"),
             course("fluct", "fluctuating")]  # fmt: skip
    ranking = rank(cards, Choices((COMES_AND_GOES,)))
    assert [m.condition.key for m in ranking.matches] == ["relapse", "fluct", "vary"]
    assert ranking.matches[0].matched == ("Course: comes and goes (relapses)",)


def test_one_limb_or_patchy_includes_one_side() -> None:
    side = make("side", weakness={"pattern": ["one_side"], "detail": "x"})
    legs = make("legs", weakness={"pattern": ["both_legs"], "detail": "x"})
    ranking = rank([side, legs], Choices((option(Menu.WHERE, "patchy"),)))
    assert [m.condition.key for m in ranking.matches] == ["side"]
    assert ranking.matches[0].matched == ("Weakness: one side of the body",)


def test_two_picks_for_one_finding_are_alternatives_but_clues_add_up() -> None:
    brisk = make("brisk", reflexes={"pattern": "brisk", "detail": "x"}, clues=["rash", "vision"])
    lost = make("lost", clues=["rash"])
    either = Choices((option(Menu.EXAM, "reflexes.brisk"), option(Menu.EXAM, "reflexes.reduced_or_absent")))
    assert {m.condition.key for m in rank([brisk, lost], either).matches} == {"brisk", "lost"}
    both_clues = Choices((option(Menu.CLUES, "rash"), option(Menu.CLUES, "vision")))
    ranking = rank([brisk, lost], both_clues)
    assert [m.condition.key for m in ranking.matches] == ["brisk"]
    assert ranking.matches[0].matched == ("Clue: vision loss or eye pain", "Clue: skin rash")


def test_no_full_match_offers_the_cards_missing_one_choice() -> None:
    a = make("aa", clues=["rash"])
    b = make("bb", clues=["vision"])
    c = make("cc", clues=[])
    picked = Choices((option(Menu.CLUES, "rash"), option(Menu.CLUES, "vision")))
    ranking = rank([a, b, c], picked)
    assert ranking.matches == () and ranking.top() == () and ranking.outcome is Outcome.UNKNOWN
    assert [(m.condition.key, m.missed) for m in ranking.closest] == [
        ("aa", ("Clue: vision loss or eye pain",)),
        ("bb", ("Clue: skin rash",)),
    ]


def test_no_choice_lists_every_card_in_order(kb: KnowledgeBase) -> None:
    ranking = rank(kb.conditions, Choices())
    assert [m.condition for m in ranking.matches] == list(kb.conditions)


def test_real_cards_every_single_choice(kb: KnowledgeBase) -> None:
    """Each option keeps exactly the cards whose own values meet it, and says why."""
    for o in OPTIONS:
        ranking = rank(kb.conditions, Choices((o,)))
        for match in ranking.matches:
            assert match.matched or match.varies, (o.value, match.condition.key)
        kept = {m.condition.key for m in ranking.matches}
        assert kept == {c.key for c in kb.conditions if o.fit(c)[1]}, o.value


# The emergency signs the cards share


def flags(key: str, *emergency: str) -> Condition:
    return make(key, red_flags={"emergency": list(emergency), "soon": ["Later"]})


def test_shared_signs_are_card_lines_given_by_two_or_more_cards() -> None:
    cards = [
        flags("aa", "Trouble breathing", "A seizure"),
        flags("bb", "Shortness of breath or trouble breathing", "Trouble swallowing"),
        flags("cc", "Trouble breathing, or short of breath at rest", "Sudden or severe trouble swallowing"),
        flags("dd", "Trouble breathing, or short of breath at rest", "Only this card says this"),
    ]
    assert shared_emergency_signs(cards) == ("Trouble breathing", "Trouble swallowing")


def test_shared_signs_are_capped_and_most_shared_first() -> None:
    cards = [flags(f"c{n}", *[f"Sign {i}" for i in range(n % 3, 6)]) for n in range(6)]
    signs = shared_emergency_signs(cards, limit=3)
    assert signs == ("Sign 2", "Sign 3", "Sign 4")


def test_no_shared_sign_gives_an_empty_list() -> None:
    assert shared_emergency_signs([flags("aa", "One thing"), flags("bb", "Another thing")]) == ()


def test_real_shared_signs_are_word_for_word_from_the_cards(kb: KnowledgeBase) -> None:
    signs = shared_emergency_signs(kb.conditions)
    assert signs, "the cards share no emergency sign: the /which box would only point to the cards"
    every_line = {line.text for c in kb.conditions for line in c.red_flags.emergency}
    assert set(signs) <= every_line


def test_the_shared_signs_of_the_cards_are_worked_out_once(kb: KnowledgeBase) -> None:
    assert shared_signs_of(kb.conditions) == shared_emergency_signs(kb.conditions)
    assert shared_signs_of(kb.conditions) is shared_signs_of(kb.conditions)
