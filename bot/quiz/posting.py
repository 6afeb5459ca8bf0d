"""Sending a QuizPost (a quiz, a review, a deck's question) with its buttons.

The buttons are plain ones: every click reaches its handler through the custom_id templates registered as
DynamicItems (cogs.quiz, cogs.deck), never through the view, so the view is finished before it is sent and
discord.py keeps neither it nor its 15-minute timer in memory.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.interactions.errors import send_private
from bot.quiz.render import QuizPost

NO_MENTIONS = discord.AllowedMentions.none()


def post_view(post: QuizPost) -> discord.ui.View | None:
    """The post's buttons as a finished view; None when it has none."""
    if not post.buttons:
        return None
    view = discord.ui.View(timeout=None)
    for spec in post.buttons:
        view.add_item(discord.ui.Button(label=spec.label, style=spec.style, custom_id=spec.custom_id, row=spec.row))
    view.stop()
    return view


async def answer_privately(
    interaction: discord.Interaction[Any], post: QuizPost | None, content: str | None, *, edit: bool
) -> None:
    """A private answer: the post replacing the message clicked (`edit`), or as a new ephemeral message; without a
    post, the line of `content`."""
    if post is None:
        await send_private(interaction, content or "")
    elif edit:
        await interaction.response.edit_message(embed=post.embed, view=post_view(post), allowed_mentions=NO_MENTIONS)
    else:
        await interaction.response.send_message(
            embed=post.embed,
            view=post_view(post) or discord.utils.MISSING,
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
