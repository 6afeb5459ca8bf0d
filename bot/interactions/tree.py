"""The bot's command tree: one place that checks every interaction before a command runs, and handles every failure.

- Autocomplete is answered here, never by discord.py's default path (see bot.interactions.autocomplete).
- A command this version does not have (Discord still lists an old one, or an old shape of one) is answered "out
  of date" with one log line, not as a failure with a stack.
- Every option is checked against the command's declaration (bot.interactions.option_check) before the command sees it.
- Failures get a plain private answer; unexpected ones are logged without the user's input and counted as errors.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands

from bot.interactions.autocomplete import answer_autocomplete
from bot.interactions.errors import InvalidOption, log_failure, send_private, user_message
from bot.interactions.noted import note_failure, take
from bot.interactions.option_check import STALE_COMMAND, given_options, option_problem

log = logging.getLogger(__name__)
_COMMAND_NAME = re.compile(r"^[-_a-z0-9]{1,32}$")  # Discord's rule; anything else is not logged


class BotTree(app_commands.CommandTree):
    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.type is discord.InteractionType.autocomplete:
            await answer_autocomplete(interaction)
            return False  # answered: discord.py's own autocomplete handling is not needed
        command = interaction.command
        if isinstance(command, app_commands.ContextMenu):
            return True  # a message's Apps menu: no options to check, only the message it was used on
        if not isinstance(command, app_commands.Command):
            await _answer_stale(interaction)
            return False
        problem = option_problem(command.parameters, given_options(interaction.data or {}))
        if problem is not None and problem.stale:
            await _answer_stale(interaction)
            return False
        if problem is not None:
            raise InvalidOption(problem.message)
        return True

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
            await _answer_stale(interaction)
            return
        command = interaction.command.qualified_name if interaction.command else "unknown command"
        expected = isinstance(error, app_commands.CheckFailure | app_commands.TransformerError)
        if expected:
            take(interaction)  # refused before the command did anything: not a use
        else:
            log_failure(f"/{command}", error)
            note_failure(interaction, command.split(" ")[0])  # whatever the command noted, it did not get through
        await send_private(interaction, user_message(error))
        finish = getattr(interaction.client, "finish_count", None)  # the bot's counter honours a server's opt-out
        if finish is not None:
            finish(interaction)


async def _answer_stale(interaction: discord.Interaction) -> None:
    """One line in the log (which command, never its options), and a plain answer."""
    data: dict[str, Any] = dict(interaction.data or {})
    name = str(data.get("name", ""))
    log.warning(
        "Discord sent /%s in a shape this version of the bot does not have; answered 'out of date'. "
        "If this keeps happening, sync the commands: python -m bot sync",
        name if _COMMAND_NAME.match(name) else "(an unknown command)",
    )
    await send_private(interaction, STALE_COMMAND)
