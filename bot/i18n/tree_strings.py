"""Every string of the command tree that Discord can show translated, keyed the same way at extraction and lookup.

Each string's gettext context (msgctxt) says where it appears, so a translator knows what they are translating and
the same English in two places can be translated differently. Choice names are the exception: discord.py hands the
translator only the Choice, not the option it belongs to, so a choice name has one context and its translator
comment lists every option that offers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from discord import app_commands
from discord.app_commands import TranslationContextLocation

CHOICE = "option choice"
# Discord's limits on what it shows: descriptions and choice names alike are 1 to 100 characters.
LIMIT = 100


@dataclass(frozen=True)
class TreeString:
    context: str  # the msgctxt
    text: str  # the English, the msgid
    where: tuple[str, ...]  # every place it is shown, for the translator comment

    @property
    def key(self) -> tuple[str, str]:
        return self.context, self.text


def command_context(qualified_name: str) -> str:
    return f"/{qualified_name}: command description"


def option_context(qualified_name: str, option: str) -> str:
    return f"/{qualified_name} {option}: option description"


def context_of(location: TranslationContextLocation, data: Any) -> str | None:
    """The msgctxt of what discord.py asks to translate; None for names, which stay English."""
    if location in (TranslationContextLocation.command_description, TranslationContextLocation.group_description):
        return command_context(data.qualified_name)
    if location is TranslationContextLocation.parameter_description:
        return option_context(data.command.qualified_name, data.name)
    if location is TranslationContextLocation.choice_name:
        return CHOICE
    return None


def tree_strings(tree: app_commands.CommandTree[Any]) -> list[TreeString]:
    """The descriptions and choice names of every slash command, group and subcommand, in the tree's order."""
    found: dict[tuple[str, str], list[str]] = {}

    def add(context: str, text: str, where: str) -> None:
        places = found.setdefault((context, text), [])
        if where not in places:
            places.append(where)

    for command in tree.walk_commands():
        name = f"/{command.qualified_name}"
        add(command_context(command.qualified_name), command.description, name)
        if isinstance(command, app_commands.Command):
            for param in command.parameters:
                add(option_context(command.qualified_name, param.name), param.description, f"{name} {param.name}")
                for choice in param.choices:
                    add(CHOICE, choice.name, f"{name} {param.name}")
    return [TreeString(context, text, tuple(where)) for (context, text), where in found.items()]
