"""Each interaction is counted once, by how it finally went.

Handlers note what they answered (`note`); the count is taken once the interaction is over (`take`): when the
command has returned (discord.py's app_command_completion), when a button's or menu's handler is done, or in the
error handler, which notes an error first. So an answer Discord never took is one error, not an `ok` and then an
`error`, and an answer that failed after the handler noted it is not an `ok` at all.

The note lives on the interaction object itself (discord.py's `Interaction.extras`), in memory, for the few
milliseconds the interaction is being answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import discord
from discord import app_commands

from bot.storage.recorder import Outcome

_KEY = "usage"


@dataclass(frozen=True)
class Noted:
    command: str
    cards: tuple[str | None, ...] = ()
    section: str | None = None
    outcome: Outcome = Outcome.OK


def note(
    interaction: discord.Interaction,
    command: str,
    cards: Iterable[str | None] = (),
    *,
    section: str | None = None,
    outcome: Outcome = Outcome.OK,
) -> None:
    """What this interaction will be counted as (the last note wins)."""
    interaction.extras[_KEY] = Noted(command, tuple(cards), section, outcome)


def note_failure(interaction: discord.Interaction, command: str | None = None) -> None:
    """The answer did not get through (or the handler failed): counted as an error of its command."""
    previous = interaction.extras.get(_KEY)
    name = command or (previous.command if isinstance(previous, Noted) else None)
    if name is not None:
        interaction.extras[_KEY] = Noted(name, outcome=Outcome.ERROR)


def take(interaction: discord.Interaction) -> Noted | None:
    """The final note, once; None when there is nothing (more) to count. A slash command that noted nothing is
    counted as a plain use of itself, so a command with no cards to report needs no note at all."""
    found = interaction.extras.get(_KEY)
    interaction.extras[_KEY] = _TAKEN  # a second take() finds nothing
    if isinstance(found, Noted):
        return found
    command = interaction.command
    if found is None and isinstance(command, app_commands.Command) and interaction.type is APPLICATION_COMMAND:
        return Noted(command.qualified_name)
    return None


APPLICATION_COMMAND = discord.InteractionType.application_command
_TAKEN = object()
