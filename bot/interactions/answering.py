"""Running a button's or menu's handler: a failure gets a plain private answer, and the interaction is counted once,
by how it went, when the handler is done (bot.interactions.noted)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import discord

from bot.interactions.errors import log_failure, send_private, user_message
from bot.interactions.noted import note_failure


@asynccontextmanager
async def answering(interaction: discord.Interaction, command: str, where: str) -> AsyncIterator[None]:
    """`where` names the handler in the log ("Share button"); `command` is what its use is counted under."""
    try:
        yield
    except Exception as exc:
        log_failure(where, exc)
        note_failure(interaction, command)
        await send_private(interaction, user_message(exc))
    finally:
        finish = getattr(interaction.client, "finish_count", None)
        if finish is not None:
            finish(interaction)
