"""Runtime checks for slash commands, enforced by the bot itself whatever Discord's settings say."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

T = TypeVar("T", bound=Callable[..., Any])


def in_server() -> Callable[[T], T]:
    """Refuse outside a server. (app_commands.guild_only only tells Discord where to offer the command.)"""

    def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        return True

    return app_commands.check(predicate)
