"""Failures in plain words: the user gets a plain, private answer; the log gets the failure without the user's input
(exception messages can quote it, so only the type and the stack are logged) or the token. The tree-wide handler
that uses these is in bot.tree."""

from __future__ import annotations

import logging
import traceback

import discord
from discord import app_commands

from bot.interactions.noted import note_failure
from bot.render.common import DISCLAIMER

log = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on our side and I couldn't answer that. "
    "Please try again in a moment. The problem has been logged (without anything you typed)."
)
BAD_INPUT = "I couldn't read one of the options you gave. Please pick a value from the list and try again."


class InvalidOption(app_commands.CheckFailure):
    """An option outside what the command declares; the message says which option and what it accepts."""


def user_message(error: Exception) -> str:
    """Plain words for the user, chosen by the kind of failure."""
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Please wait {error.retry_after:.0f} seconds before using that again."
    if isinstance(error, app_commands.MissingPermissions):
        return "You need the right server permissions to use that command here."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command only works inside a server."
    if isinstance(error, InvalidOption):
        return str(error)
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    if isinstance(error, app_commands.TransformerError):
        return BAD_INPUT
    return SOMETHING_WENT_WRONG


def log_failure(where: str, error: BaseException) -> None:
    """Log the failure's type and stack, never its message (which can quote user input)."""
    cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    stack = "".join(traceback.TracebackException.from_exception(cause).stack.format())
    log.error("%s failed with %s\n%s", where, type(cause).__name__, stack.rstrip())


def with_disclaimer(message: str) -> str:
    """Every reply carries the disclaimer; text replies get it as Discord's small subtext line."""
    return f"{message}\n-# {DISCLAIMER}"


async def send_private(interaction: discord.Interaction, message: str) -> None:
    """Answer ephemerally, whether or not the interaction was already acknowledged."""
    message = with_disclaimer(message)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none())
        else:
            await interaction.response.send_message(
                message, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
            )
    except discord.HTTPException as exc:
        note_failure(interaction)  # the person saw nothing: counted as an error, not as what was meant
        log.warning("Could not send a private reply (%s %s)", exc.status, type(exc).__name__)
