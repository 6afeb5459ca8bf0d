"""Autocomplete, answered by the bot's own command tree instead of discord.py's default path.

discord.py answers autocomplete itself and logs any failure, our code's or Discord refusing a late answer (common:
autocomplete fires on every keystroke), as "Ignoring exception in autocomplete ... (Guild: <id>, User: <id>)".
BotTree answers every autocomplete interaction in its interaction_check, before that path can run, and handles
each failure with one line of its own. Cogs declare what to suggest with `@suggests(command, option, ...)` on a
method `(self, current) -> [(name, value), ...]`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import discord
from discord import app_commands

from bot.interactions.errors import log_failure

log = logging.getLogger(__name__)
SUGGEST = "suggest"  # key in a command's `extras`: option name -> the cog method that suggests values for it
MAX_CHOICES = 25  # Discord's limit
Suggest = Callable[[Any, str], Iterable[tuple[str, str]]]


def suggests(command: app_commands.Command[Any, ..., Any], *options: str) -> Callable[[Suggest], Suggest]:
    """Make a cog method the autocomplete of these options of `command`."""

    def decorate(method: Suggest) -> Suggest:
        table = command.extras.setdefault(SUGGEST, {})
        for option in options:
            table[option] = method
            command.autocomplete(option)(_through_discord_py)  # tells Discord the option autocompletes
        return method

    return decorate


async def _through_discord_py(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    # Only reached if BotTree ever stopped answering autocomplete itself; gives the same answer.
    focused = focused_option(interaction.data or {})
    return choices(interaction.command, focused[0] if focused else "", current)


def focused_option(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """The option being typed in, and what has been typed so far."""
    options: list[Mapping[str, Any]] = list(data.get("options") or [])
    while options:
        option = options.pop()
        if option.get("focused"):
            return str(option.get("name")), str(option.get("value") or "")
        options += option.get("options") or []
    return None


def choices(command: Any, option: str, current: str) -> list[app_commands.Choice[str]]:
    """The suggestions for `option` of `command`; raises LookupError when the bot has no such autocomplete."""
    suggest = getattr(command, "extras", {}).get(SUGGEST, {}).get(option)
    if suggest is None:
        raise LookupError("no autocomplete for that option")
    found = suggest(command.binding, current)
    return [app_commands.Choice(name=name, value=value) for name, value in found][:MAX_CHOICES]


async def answer_autocomplete(interaction: discord.Interaction) -> None:
    """Answer an autocomplete interaction; never raises, never logs an identifier."""
    command = interaction.command
    where = f"Autocomplete for /{command.qualified_name}" if command else "Autocomplete for an unknown command"
    focused = focused_option(interaction.data or {})
    try:
        found = choices(command, focused[0] if focused else "", focused[1] if focused else "")
    except LookupError:
        log.warning("%s: Discord asked for an option this version does not autocomplete (out of date).", where)
        found = []
    except Exception as exc:  # our own code failed: nothing to suggest, and the failure logged like any other
        log_failure(where, exc)
        found = []
    try:
        await interaction.response.autocomplete(found)
    except discord.HTTPException as exc:  # too late (Discord's 3 seconds), or refused
        log.info("%s was not delivered (%s %s).", where, exc.status, type(exc).__name__)
    except Exception as exc:  # the connection to Discord failed
        log.warning("%s was not delivered (%s).", where, type(exc).__name__)
