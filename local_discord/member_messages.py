"""Messages people write, and what a bot can do with one: a message command from its Apps menu (right-click), and
a reply that points at it (message_reference).

The local Discord has no message events (a bot with only the Guilds intent gets none on Discord either, and no
message content): a member's message exists so that a message command has a target and a reply a message to refer
to, as on Discord.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from local_discord.error_codes import INVALID_FORM_BODY, MISSING_PERMISSIONS
from local_discord.form_errors import Issue, nest_issues
from local_discord.kinds import CommandType, MessageType
from local_discord.messages import Message
from local_discord.rest import Rejection
from local_discord.world import Actor, Perm

if TYPE_CHECKING:
    from local_discord.state import EmulatorState

UNKNOWN_REPLY = Issue(("message_reference",), "REPLIES_UNKNOWN_MESSAGE", "Unknown message")


def member_message(state: EmulatorState, actor: Actor, content: str) -> Message:
    """A message `actor` wrote in their channel, as Discord stores it."""
    message = Message(
        id=state.snowflakes.next(),
        channel_id=actor.channel.id,
        guild_id=actor.guild.id if actor.guild else None,
        author=actor.user.payload(),
        actor=actor,
        content=content,
    )
    state.messages[message.id] = message
    state.signal.notify()
    return message


def message_command_data(command: dict[str, Any], target: Message) -> dict[str, Any]:
    """The data of a message command's interaction: the command, and the message it was used on, resolved."""
    data: dict[str, Any] = {
        "id": command["id"],
        "name": command["name"],
        "type": CommandType.MESSAGE,
        "target_id": target.id,
        "resolved": {"messages": {target.id: target.payload()}},
    }
    if "guild_id" in command:
        data["guild_id"] = command["guild_id"]
    return data


def reply_reference(state: EmulatorState, channel_id: str, body: dict[str, Any]) -> dict[str, Any] | None:
    """The message_reference a new message keeps, checked as Discord checks a reply: the message must exist in
    that channel (unless fail_if_not_exists is false: then it is posted as a plain message), and the bot needs
    Read Message History there."""
    asked = body.get("message_reference")
    if not isinstance(asked, dict):
        return None
    channel = state.world.channel(channel_id)
    guild = state.world.guild_of(channel) if channel else None
    if guild is not None and not state.world.bot_permissions(guild) & Perm.READ_MESSAGE_HISTORY:
        raise Rejection(403, MISSING_PERMISSIONS, "Missing Permissions")
    target = state.messages.get(str(asked.get("message_id")))
    in_channel = str(asked.get("channel_id") or channel_id) == channel_id
    if target is None or target.deleted or target.channel_id != channel_id or not in_channel:
        if asked.get("fail_if_not_exists") is False:
            return None
        raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues([UNKNOWN_REPLY]))
    reference = {"type": 0, "channel_id": channel_id, "message_id": target.id}
    return reference | ({"guild_id": guild.id} if guild else {})


def as_reply(message: Message, reference: dict[str, Any] | None) -> None:
    if reference is not None:
        message.reference = reference
        message.type = MessageType.REPLY
