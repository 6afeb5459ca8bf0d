"""An interaction's count is noted while it is answered and taken once, by its last note."""

from __future__ import annotations

from types import SimpleNamespace

import discord
from discord import app_commands

from bot.interactions.noted import Noted, note, note_failure, take
from bot.storage.recorder import Outcome


def interaction(command: object = None) -> SimpleNamespace:
    return SimpleNamespace(extras={}, command=command, type=discord.InteractionType.application_command)


async def _about(interaction: discord.Interaction) -> None:
    """A command with nothing to report."""


def test_a_command_that_noted_nothing_is_counted_as_a_plain_use_of_itself_once() -> None:
    used = interaction(app_commands.Command(name="about", description="About.", callback=_about))
    assert take(used) == Noted("about")
    assert take(used) is None
    assert take(interaction()) is None  # no command (a button that noted nothing): nothing to count


def test_the_last_note_is_taken_once() -> None:
    used = interaction()
    note(used, "condition", ["ms"], section="symptoms")
    assert take(used) == Noted("condition", ("ms",), "symptoms", Outcome.OK)
    assert take(used) is None  # never twice


def test_a_failure_replaces_what_was_noted_with_an_error_of_the_same_command() -> None:
    used = interaction()
    note(used, "share", ["ms"])
    note_failure(used)
    assert take(used) == Noted("share", outcome=Outcome.ERROR)
    note_failure(used)  # nothing noted and no command given: nothing to count
    assert take(used) is None
    note_failure(used, "quiz")
    assert take(used) == Noted("quiz", outcome=Outcome.ERROR)
