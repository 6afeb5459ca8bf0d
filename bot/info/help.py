"""/help, generated from the commands the bot has actually registered, so it cannot go stale.

A small table adds example values for the commands we know; an example only ever fills options the command really
has, and a command missing from the table still gets a line from its own description.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands

from bot.render import limits
from bot.render.common import DISCLAIMER, NEUTRAL_COLOUR, add_packed_fields, clip

# Option values for each command's example, by qualified command name; the order is the order /help lists them.
EXAMPLES: Mapping[str, Mapping[str, str]] = {
    "condition": {"name": "ms"},
    "compare": {"first": "gbs", "second": "ms"},
    "which": {},
    "search": {"query": "double vision"},
    "glossary": {"term": "areflexia"},
    "quiz": {"topic": "gbs"},
    "deck add": {"condition": "mg"},
    "deck study": {},
    "deck status": {},
    "deck remove": {"condition": "mg"},
    "deck delete": {},
    "card": {"condition": "gbs"},
    "settings": {"emergency_number": "000"},
    "stats": {"weeks": "4"},
    "privacy": {},
    "help": {},
    "about": {},
}
MODERATORS = "(moderators)"
INTRO = (
    "Every command this bot has, with an example. Type `/` in Discord to see each command's options; "
    "commands marked {moderators} are offered only to members with the right server permission."
)
FIELD_NAME = "Commands"
_ORDER = {name: n for n, name in enumerate(EXAMPLES)}

SlashCommand = app_commands.Command[Any, ..., Any]
AnyCommand = SlashCommand | app_commands.Group


@dataclass(frozen=True)
class HelpLine:
    example: str  # "/compare first:gbs second:ms"
    description: str
    moderators_only: bool

    def render(self) -> str:
        said = MODERATORS in self.description  # some descriptions say so already
        marker = f" {MODERATORS}" if self.moderators_only and not said else ""
        return f"`{self.example}` {self.description}{marker}"


def help_lines(commands: Iterable[AnyCommand | app_commands.ContextMenu]) -> list[HelpLine]:
    """One line per slash command (each subcommand of a group), known commands first in their usual order.
    Context-menu commands have no slash form to show, so they are left to the text around the list."""
    found: list[SlashCommand] = []
    for command in commands:
        if isinstance(command, app_commands.Group):
            found += [c for c in command.walk_commands() if isinstance(c, app_commands.Command)]
        elif isinstance(command, app_commands.Command):  # a message's Apps menu entry is no slash command
            found.append(command)
    found.sort(key=lambda c: (_ORDER.get(c.qualified_name, _ORDER.get(_root(c).name, len(_ORDER))), c.qualified_name))
    return [HelpLine(_example(c), c.description, _moderators_only(c)) for c in found]


def help_embed(lines: list[HelpLine]) -> discord.Embed:
    embed = discord.Embed(title="How to use this bot", description=INTRO.format(moderators=MODERATORS))
    embed.colour = NEUTRAL_COLOUR
    embed.set_footer(text=DISCLAIMER)
    budget = limits.EMBEDS_TOTAL - limits.embed_length(embed.to_dict()) - 200  # room for field names and "more"
    rendered = [clip(line.render(), limits.FIELD_VALUE) for line in lines]
    shown: list[str] = []
    for line in rendered:
        if sum(len(s) + 1 for s in shown) + len(line) > budget:
            break
        shown.append(line)
    if len(shown) < len(rendered):
        shown.append(f"…and {len(rendered) - len(shown)} more: type `/` in Discord to see them all.")
    add_packed_fields(embed, FIELD_NAME, shown)
    return embed


def _example(command: SlashCommand) -> str:
    values = EXAMPLES.get(command.qualified_name, {})
    parts = [f"/{command.qualified_name}"]
    for parameter in command.parameters:
        value = values.get(parameter.name)
        if value is None and parameter.required:
            value = f"<{parameter.display_name}>"
        if value is not None:
            parts.append(f"{parameter.display_name}:{value}")
    return " ".join(parts)


def _moderators_only(command: SlashCommand) -> bool:
    # Discord takes default permissions from the top-level command only.
    return _root(command).default_permissions is not None


def _root(command: SlashCommand) -> AnyCommand:
    return command.root_parent or command
