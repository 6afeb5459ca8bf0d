"""Whether the bot may post publicly for the person asking, decided the same way for every kind of public post
(a public lookup, Share, /card, a quiz in a server).

The bot posts through the interaction, which Discord allows whatever the person's own permissions, so without this
check a member who may not send messages in a channel could have the bot post there for them. And every public
post counts towards one per-person limit, so no kind of post can be used to flood a channel. In a DM with the bot
nobody else sees the post: neither applies.
"""

from __future__ import annotations

import discord

from bot.interactions.cooldowns import PostLimit, wait_message

CANNOT_POST_HERE = (
    "You can't send messages in this channel, so I won't post there for you. Try a channel where you can post, or "
    "ask me in a DM."
)
_THREADS = {discord.ChannelType.public_thread, discord.ChannelType.private_thread, discord.ChannelType.news_thread}


def may_send_here(permissions: discord.Permissions, *, in_thread: bool) -> bool:
    """Whether a member with these channel permissions may post there themself."""
    return permissions.send_messages_in_threads if in_thread else permissions.send_messages


async def public_post_refusal(interaction: discord.Interaction, limit: PostLimit) -> str | None:
    """Why the bot won't post publicly for this person here (None: it will, and the post counts to their limit)."""
    if interaction.context.dm_channel:
        return None
    if interaction.guild_id is not None:
        in_thread = getattr(interaction.channel, "type", None) in _THREADS
        if not may_send_here(interaction.permissions, in_thread=in_thread):
            return CANNOT_POST_HERE
    wait = await limit.wait_before_posting(interaction.user.id)
    return wait_message(wait) if wait else None
