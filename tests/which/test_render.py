"""The /which message: red-flag box first, results with what matched, menus that carry the state, within limits."""

from __future__ import annotations

import re
from typing import Any

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Clue
from bot.render import limits
from bot.render.common import DISCLAIMER, INTERNATIONAL_EMERGENCY
from bot.which.menus import CLEAR, COMES_AND_GOES, OPTIONS, OPTIONS_BY_MENU, Choices, Menu, next_choices
from bot.which.ranking import rank, shared_emergency_signs
from bot.which.render import (
    CLEAR_LABEL,
    MAX_DETAILED,
    NO_MATCH,
    PLACEHOLDERS,
    START,
    which_embeds,
    which_items,
)
from tests.helpers import card_data


def render(conditions, choices: Choices, number: str | None = None) -> list[dict[str, Any]]:
    ranking = rank(conditions, choices)
    embeds = which_embeds(ranking, choices, conditions, shared_emergency_signs(conditions), emergency_number=number)
    return [e.to_dict() for e in embeds]


def components(choices: Choices) -> list[dict[str, Any]]:
    view = discord.ui.View(timeout=None)
    for item in which_items(choices):
        view.add_item(item)
    view.stop()
    return view.to_components()


def text(embeds: list[dict[str, Any]]) -> str:
    parts = []
    for e in embeds:
        parts += [e.get("title", ""), e.get("description", ""), e.get("footer", {}).get("text", "")]
        parts += [f"{f['name']}\n{f['value']}" for f in e.get("fields", ())]
    return "\n".join(parts)


def assert_sendable(embeds: list[dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    assert limits.message_problems(None, embeds) == []
    assert len(rows) <= limits.COMPONENT_ROWS
    ids = [c["custom_id"] for row in rows for c in row["components"]]
    assert len(ids) == len(set(ids)) and all(len(i) <= limits.CUSTOM_ID for i in ids)
    for row in rows:
        for c in row["components"]:
            if c["type"] == 3:
                assert 1 <= len(c["options"]) <= 25 and len(c["placeholder"]) <= 150
                assert all(len(o["label"]) <= 100 and len(o["value"]) <= 100 for o in c["options"])
                assert 0 <= c["min_values"] <= c["max_values"] <= len(c["options"])


def one(menu: Menu, value: str):
    return next(o for o in OPTIONS_BY_MENU[menu] if o.value == value)


def make(key: str, **overrides) -> Condition:
    return Condition.model_validate(card_data(key, **overrides))


def test_the_red_flag_box_comes_first_with_signs_from_the_cards(kb: KnowledgeBase) -> None:
    box, results = render(kb.conditions, Choices())
    assert box["title"] == f"🚨 Get emergency help now: call {INTERNATIONAL_EMERGENCY} if:"
    for sign in shared_emergency_signs(kb.conditions):
        assert f"• {sign}\n" in box["description"]
    assert results["footer"]["text"] == DISCLAIMER


def test_the_servers_emergency_number_is_used(kb: KnowledgeBase) -> None:
    box, _ = render(kb.conditions, Choices((one(Menu.SPEED, "hours_to_days"),)), number="000")
    assert box["title"] == "🚨 Get emergency help now: call 000 if:"


def test_without_shared_signs_the_box_still_points_to_each_cards_own() -> None:
    cards = [make("aa"), make("bb", red_flags={"emergency": ["Something else"], "soon": ["Later"]})]
    box, _ = render(cards, Choices())
    assert box["description"].startswith("Each condition's own list")


def test_the_starting_message_lists_every_card_and_the_legend(kb: KnowledgeBase) -> None:
    _, results = render(kb.conditions, Choices())
    assert START in results["description"] and "*varies*" in results["description"]
    assert "ranks below an exact match" in results["description"]
    (field,) = results["fields"]
    assert field["name"] == f"All {len(kb)} cards"


def test_results_show_what_matched_by_label_and_never_a_number(kb: KnowledgeBase) -> None:
    choices = Choices((one(Menu.SPEED, "hours_to_days"), one(Menu.EXAM, "reflexes.reduced_or_absent")))
    _, results = render(kb.conditions, choices)
    assert "**Your choices:** Onset: hours to days; Reflexes: reduced or absent" in results["description"]
    top = rank(kb.conditions, choices).matches[0]
    first = results["fields"][0]
    assert first["name"].startswith("1. ") and top.condition.name in first["name"]
    assert "Matches: " + " · ".join(top.matched) in first["value"]
    assert f"`/condition {top.condition.key}`" in first["value"]
    everything = text(render(kb.conditions, choices))
    assert "%" not in everything and not re.search(r"probab|likel|chance", everything, re.IGNORECASE)


def test_cards_that_only_vary_say_so() -> None:
    cards = [make("aa", reflexes={"pattern": "varies", "detail": "x"})]
    _, results = render(cards, Choices((one(Menu.EXAM, "reflexes.brisk"),)))
    assert results["fields"][0]["value"] == "Varies on this card: Reflexes\n`/condition aa`"


def test_compare_hint_names_the_top_two(kb: KnowledgeBase) -> None:
    choices = Choices((one(Menu.WHERE, "proximal"),))
    top = rank(kb.conditions, choices).top()
    _, results = render(kb.conditions, choices)
    hint = next(f for f in results["fields"] if f["name"] == "Compare top matches")
    assert hint["value"] == f"`/compare {top[0]} {top[1]}`"


def test_a_single_match_has_no_compare_hint() -> None:
    cards = [make("aa", clues=["rash"]), make("bb", clues=[])]
    _, results = render(cards, Choices((one(Menu.CLUES, "rash"),)))
    assert [f["name"] for f in results["fields"]] == ["1. Example aa"]


def test_many_matches_list_the_rest_by_name() -> None:
    cards = [make(f"c{n:02}") for n in range(MAX_DETAILED + 4)]
    _, results = render(cards, Choices((one(Menu.CLUES, "breathing"),)))
    names = [f["name"] for f in results["fields"]]
    assert names[MAX_DETAILED] == "Also matching (4)" and names[-1] == "Compare top matches"
    assert "`c08`" in results["fields"][MAX_DETAILED]["value"]


def test_no_match_explains_and_shows_the_closest(kb: KnowledgeBase) -> None:
    # Every clue at once: no card lists them all.
    choices = Choices(tuple(OPTIONS_BY_MENU[Menu.CLUES]))
    _, results = render(kb.conditions, choices)
    assert results["fields"][0]["value"].startswith(NO_MATCH)


def test_menus_carry_the_choices_and_preselect_them() -> None:
    choices = Choices((one(Menu.SPEED, "comes_and_goes"), one(Menu.CLUES, "rash"), one(Menu.CLUES, "vision")))
    rows = components(choices)
    selects = [row["components"][0] for row in rows[:4]]
    assert [s["placeholder"] for s in selects] == [PLACEHOLDERS[m] for m in Menu]
    assert [s["max_values"] for s in selects] == [1, 1, len(OPTIONS_BY_MENU[Menu.EXAM]), len(Clue)]
    for select, menu in zip(selects, Menu, strict=True):
        assert next_choices(select["custom_id"], []) == choices.with_menu(menu, [])
    chosen = {o["value"] for s in selects for o in s["options"] if o.get("default")}
    assert chosen == {"comes_and_goes", "rash", "vision"}
    exam = {o["label"] for o in selects[2]["options"]}
    assert "Reflexes: brisk" in exam and "Fatigability: worse with use, better with rest" in exam
    (clear,) = rows[4]["components"]
    assert clear["label"] == CLEAR_LABEL and not clear.get("disabled")
    assert clear["custom_id"] == choices.custom_id(CLEAR)


def test_clear_is_disabled_when_there_is_nothing_to_clear() -> None:
    (clear,) = components(Choices())[4]["components"]
    assert clear["disabled"] is True


def test_every_single_choice_fits(kb: KnowledgeBase) -> None:
    for o in (None, *OPTIONS):
        choices = Choices((o,) if o else ())
        assert_sendable(render(kb.conditions, choices, number="999 or 112"), components(choices))


@settings(max_examples=150, deadline=None)
@given(st.sets(st.sampled_from(OPTIONS)))
def test_any_choices_fit(kb: KnowledgeBase, picked: set) -> None:
    # Keep at most one option in each pick-one menu, as Discord would.
    choices = Choices(())
    for menu in Menu:
        in_menu = [o for o in picked if o.menu is menu][: menu.max_values]
        choices = choices.with_menu(menu, in_menu)
    assert_sendable(render(kb.conditions, choices, number="+1 (555) 0100"), components(choices))


@pytest.mark.parametrize("closest", [False, True], ids=["matching", "closest"])
def test_the_longest_possible_results_fit(closest: bool) -> None:
    """Many cards with the longest names and keys, meeting every choice with every value: the budgets hold."""
    long_name = "N" * 79
    everything = {
        "onset": {"speed": ["hours_to_days"], "course": ["relapsing", "fluctuating"], "detail": "x"},
        "weakness": {"pattern": ["ascending", "proximal", "patchy", "one_side", "generalized"], "detail": "x"},
        "clues": [c.value for c in OPTIONS_BY_MENU[Menu.CLUES]],
    }
    cards = [
        make(f"k{'x' * 29}{n:02}", name=long_name + str(n % 10), aliases=[f"ABCDEF{n:02}"], **everything)
        for n in range(60)
    ]
    choices = Choices(OPTIONS)
    choices = choices.with_menu(Menu.SPEED, [COMES_AND_GOES]).with_menu(Menu.WHERE, [one(Menu.WHERE, "patchy")])
    if closest:  # a choice no card lists, so every card misses exactly one
        cards = [c.model_copy(update={"clues": c.clues[1:]}) for c in cards]
    embeds = render(cards, choices, number="+1 (555) 0100")
    assert bool(rank(cards, choices).closest) is closest
    assert_sendable(embeds, components(choices))
