"""Every option checked against its declaration: types, ranges, lengths and choices, never echoing the value."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from discord import AppCommandOptionType as Kind
from discord import app_commands
from hypothesis import given
from hypothesis import strategies as st

from bot.interactions.option_check import STALE_COMMAND, OptionProblem, given_options, option_problem


@dataclass(frozen=True)
class Option:
    display_name: str
    type: Kind
    required: bool = False
    choices: list[Any] = field(default_factory=list)
    min_value: int | float | None = None
    max_value: int | float | None = None


QUESTIONS = Option("questions", Kind.integer, min_value=1, max_value=10)
NAME = Option("name", Kind.string, required=True, min_value=1, max_value=100)
SECTION = Option("section", Kind.string, choices=[app_commands.Choice(name="Symptoms", value="symptoms")])
STALE = OptionProblem(STALE_COMMAND, stale=True)


@given(st.integers())
def test_an_integer_is_accepted_exactly_when_it_is_in_range(value: int) -> None:
    problem = option_problem([QUESTIONS], {"questions": value})
    if 1 <= value <= 10:
        assert problem is None
    else:
        assert problem == OptionProblem("`questions` must be a whole number from 1 to 10.")


@given(st.text(max_size=150))
def test_text_is_accepted_exactly_when_its_length_is_in_range(value: str) -> None:
    problem = option_problem([NAME], {"name": value})
    assert (problem is None) == (1 <= len(value) <= 100)
    assert problem is None or value not in problem.message or len(value) < 2


def test_a_value_outside_the_choices_is_refused() -> None:
    assert option_problem([SECTION], {"section": "symptoms"}) is None
    assert option_problem([SECTION], {"section": "bones"}) == OptionProblem(
        "`section` must be one of the choices in its list."
    )


def test_unknown_missing_or_mistyped_options_mean_the_command_is_out_of_date() -> None:
    assert option_problem([NAME], {"name": "ms", "colour": "red"}) == STALE
    assert option_problem([NAME, QUESTIONS], {"questions": 3}) == STALE
    assert option_problem([QUESTIONS], {"questions": "3"}) == STALE
    assert option_problem([QUESTIONS], {"questions": True}) == STALE
    assert option_problem([Option("x", Kind.number)], {"x": float("nan")}) == STALE
    assert option_problem([Option("who", Kind.user)], {"who": "@everyone"}) == STALE
    assert option_problem([Option("who", Kind.user)], {"who": "1198765432109876543"}) is None


def test_options_are_found_inside_subcommands() -> None:
    data = {"options": [{"type": 1, "name": "start", "options": [{"type": 4, "name": "questions", "value": 3}]}]}
    assert given_options(data) == {"questions": 3}
    assert given_options({}) == {}
