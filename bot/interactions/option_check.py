"""Every option of a slash command checked against the command's own declaration, before the command runs.

Discord's client keeps people to the declared ranges, choices and lengths, but an interaction can carry anything
(a modified client, or a command Discord still has in an older shape), and discord.py checks the range of a number
nowhere: `questions: 10**30` would reach the command. Pure: the tree calls `option_problem` and answers with it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from discord import AppCommandOptionType

_NESTED = (AppCommandOptionType.subcommand.value, AppCommandOptionType.subcommand_group.value)
_SNOWFLAKE_OPTIONS = {
    AppCommandOptionType.user,
    AppCommandOptionType.channel,
    AppCommandOptionType.role,
    AppCommandOptionType.mentionable,
    AppCommandOptionType.attachment,
}


class Declared(Protocol):
    """What the check needs of a declared option (discord.py's app_commands.Parameter has it)."""

    @property
    def display_name(self) -> str: ...
    @property
    def type(self) -> AppCommandOptionType: ...
    @property
    def required(self) -> bool: ...
    @property
    def choices(self) -> Sequence[Any]: ...
    @property
    def min_value(self) -> int | float | None: ...
    @property
    def max_value(self) -> int | float | None: ...


@dataclass(frozen=True)
class OptionProblem:
    message: str  # for the person, naming the option and what it accepts, never the value given
    stale: bool = False  # the options do not fit this version of the command at all: it is out of date


def given_options(data: Mapping[str, Any]) -> dict[str, Any]:
    """The options an interaction carries, by name, from inside any subcommand."""
    options: Iterable[Mapping[str, Any]] = data.get("options") or []
    found: dict[str, Any] = {}
    while options:
        nested: list[Mapping[str, Any]] = []
        for option in options:
            if option.get("type") in _NESTED:
                nested += option.get("options") or []
            else:
                found[str(option.get("name"))] = option.get("value")
        options = nested
    return found


def option_problem(declared: Sequence[Declared], given: Mapping[str, Any]) -> OptionProblem | None:
    """What is wrong with the options given, or None when every one fits its declaration."""
    by_name = {option.display_name: option for option in declared}
    if set(given) - set(by_name) or any(o.required and o.display_name not in given for o in declared):
        return OptionProblem(STALE_COMMAND, stale=True)
    for name, value in given.items():
        option = by_name[name]
        if not _right_type(option.type, value):
            return OptionProblem(STALE_COMMAND, stale=True)
        problem = _out_of_bounds(option, value)
        if problem:
            return OptionProblem(problem)
    return None


STALE_COMMAND = (
    "This command is out of date: Discord sent a version of it that this bot no longer has. Please try again in a "
    "minute, or reload Discord (Ctrl+R) to get the current commands."
)


def _right_type(kind: AppCommandOptionType, value: Any) -> bool:
    if kind is AppCommandOptionType.string:
        return isinstance(value, str)
    if kind is AppCommandOptionType.boolean:
        return isinstance(value, bool)
    if kind is AppCommandOptionType.integer:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is AppCommandOptionType.number:
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind in _SNOWFLAKE_OPTIONS:
        return isinstance(value, str) and value.isdigit()
    return False


def _out_of_bounds(option: Declared, value: Any) -> str | None:
    name = f"`{option.display_name}`"
    if option.choices and value not in [choice.value for choice in option.choices]:
        return f"{name} must be one of the choices in its list."
    low, high = option.min_value, option.max_value
    if option.type is AppCommandOptionType.string:
        if not _within(len(value), low, high):
            return f"{name} must be {_span(low, high)} characters long."
    elif option.type in (AppCommandOptionType.integer, AppCommandOptionType.number) and not _within(value, low, high):
        kind = "a whole number" if option.type is AppCommandOptionType.integer else "a number"
        return f"{name} must be {kind} {_span(low, high, 'from')}."
    return None


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _span(low: float | None, high: float | None, lead: str = "") -> str:
    prefix = f"{lead} " if lead else ""
    if low is not None and high is not None:
        return f"{prefix}{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"
