"""Answering inside Discord's 3-second window when the work behind an answer can be slow.

Discord refuses a first response that comes more than 3 seconds after the interaction (the person sees "This
interaction failed", the late response gets 10062). `answer_in_time` runs a command's work and, if the answer is not
ready within BUDGET, defers first ("thinking", with the answer's own visibility), then delivers the answer by editing
that deferred response. A quick answer is the usual single response, exactly as if this module were not there.

The late answer is an edit of the original response, not a followup: a PATCH that discord.py retries after a 5xx or
a rate limit edits the same message again, while a retried POST that had in fact reached Discord would post the
answer twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from typing import Any

import discord

# Seconds of work before deferring. The rest of Discord's 3 s is for the defer to get there, including one retry
# after a 5xx (discord.py waits 1 s before it).
BUDGET = 1.5
NO_MENTIONS = discord.AllowedMentions.none()


@dataclass(frozen=True)
class Answer:
    """One message, sendable as the interaction's response or as the edit that replaces "thinking"."""

    content: str | None = None
    embed: discord.Embed | None = None
    files: Sequence[discord.File] = ()


def budget_left(interaction: discord.Interaction, budget: float) -> float:
    """The budget minus the interaction's age: it may have waited in a busy event loop or been replayed after a
    reconnect. Never more than the budget, whatever the clocks say (a clock ahead only makes us defer sooner)."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    return min(budget, max(0.0, budget - age))


async def answer_in_time(interaction: discord.Interaction, work: Awaitable[Answer], *, ephemeral: bool) -> None:
    """Run `work` and send its answer (`ephemeral` or not, never pinging), deferring first if it is slow.

    Work that blocks the event loop cannot be timed out: slow synchronous parts belong in asyncio.to_thread.
    An exception from the work propagates (to the tree's error handler), after the defer if there was one.
    """
    task = asyncio.ensure_future(work)
    try:
        done, _ = await asyncio.wait({task}, timeout=budget_left(interaction, BUDGET))
        if not done:
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
        answer = await task
    finally:
        task.cancel()  # a no-op once done; otherwise nobody will see the answer (the defer failed, or we are closing)
    if interaction.response.is_done():
        await interaction.edit_original_response(**_fields(answer, files_as="attachments"))
    else:
        await interaction.response.send_message(**_fields(answer, files_as="files"), ephemeral=ephemeral)


def _fields(answer: Answer, *, files_as: str) -> dict[str, Any]:
    """Only what the answer has, so a quick answer's request is the same as a plain send_message's."""
    fields: dict[str, Any] = {"allowed_mentions": NO_MENTIONS}
    if answer.content is not None:
        fields["content"] = answer.content
    if answer.embed is not None:
        fields["embed"] = answer.embed
    if answer.files:
        fields[files_as] = list(answer.files)
    return fields
