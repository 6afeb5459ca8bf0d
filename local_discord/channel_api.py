"""Plain channel messages (posting a card into a channel, pinning it) and opening DMs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from local_discord import limits
from local_discord.error_codes import EMPTY_MESSAGE, MISSING_PERMISSIONS, UNKNOWN_CHANNEL, UNKNOWN_MESSAGE, UNKNOWN_USER
from local_discord.http_json import json_response
from local_discord.member_messages import as_reply, reply_reference
from local_discord.messages import Message
from local_discord.rest import Rejection, Rest
from local_discord.urls import API_PREFIX
from local_discord.world import Actor, Channel, Perm

if TYPE_CHECKING:
    from local_discord.state import EmulatorState


class ChannelApi:
    def __init__(self, state: EmulatorState, rest: Rest) -> None:
        self.state = state
        self.rest = rest

    def routes(self) -> list[web.RouteDef]:
        channel = API_PREFIX + "/channels/{channel_id}"
        return [
            web.get(channel, self.get_channel),
            web.post(channel + "/messages", self.create_message),
            web.get(channel + "/messages/{message_id}", self.get_message),
            web.patch(channel + "/messages/{message_id}", self.edit_message),
            web.delete(channel + "/messages/{message_id}", self.delete_message),
            web.put(channel + "/messages/pins/{message_id}", self.pin),
            web.delete(channel + "/messages/pins/{message_id}", self.unpin),
            web.post(API_PREFIX + "/users/@me/channels", self.open_dm),
        ]

    def _channel(self, request: web.Request) -> Channel:
        self.rest.require_bot(request)
        channel = self.state.world.channel(request.match_info["channel_id"])
        if channel is None:
            raise Rejection(404, UNKNOWN_CHANNEL, "Unknown Channel")
        return channel

    def _message(self, request: web.Request, channel: Channel) -> Message:
        message = self.state.messages.get(request.match_info["message_id"])
        if message is None or message.deleted or message.channel_id != channel.id:
            raise Rejection(404, UNKNOWN_MESSAGE, "Unknown Message")
        return message

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(channel.payload() | ({"guild_id": channel.guild_id} if channel.guild_id else {}))

    async def create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, files = await self.rest.read_object(request)
        self.rest.validate(request, body, limits.message_issues(body))
        if limits.is_empty_message(body) and not files:
            raise Rejection(400, EMPTY_MESSAGE, "Cannot send an empty message")
        reference = reply_reference(self.state, channel.id, body)
        message = self.state.new_message(self._onlooker(channel), body, files)
        as_reply(message, reference)
        self.state.signal.notify()
        return json_response(message.payload())

    def _onlooker(self, channel: Channel) -> Actor:
        """Who clicks a channel message's buttons by default: the default user, or any member present."""
        world = self.state.world
        guild = world.guild_of(channel)
        if guild is None:
            assert channel.recipient is not None
            return Actor(channel.recipient, channel)
        humans = [member.user for member in guild.members if not member.user.bot]
        default = world.users[world.default_user_key]
        return Actor(default if default in humans else humans[0], channel, guild)

    async def get_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return json_response(self._message(request, channel).payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        body, files = await self.rest.read_object(request)
        self.rest.validate(request, body, limits.message_issues(body))
        message = self._message(request, channel)
        self.state.edit_message(message, body, files)
        self.state.signal.notify()
        return json_response(message.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        self._message(request, channel).deleted = True
        self.state.signal.notify()
        return web.Response(status=204)

    async def pin(self, request: web.Request) -> web.Response:
        return self._set_pinned(request, pinned=True)

    async def unpin(self, request: web.Request) -> web.Response:
        return self._set_pinned(request, pinned=False)

    def _set_pinned(self, request: web.Request, *, pinned: bool) -> web.Response:
        channel = self._channel(request)
        message = self._message(request, channel)
        guild = self.state.world.guild_of(channel)
        if guild is not None and not self.state.world.bot_permissions(guild) & Perm.MANAGE_MESSAGES:
            raise Rejection(403, MISSING_PERMISSIONS, "Missing Permissions")
        message.pinned = pinned
        self.state.signal.notify()
        return web.Response(status=204)

    async def open_dm(self, request: web.Request) -> web.Response:
        self.rest.require_bot(request)
        body, _ = await self.rest.read_object(request)
        recipient = str(body.get("recipient_id"))
        user = next((u for u in self.state.world.users.values() if u.id == recipient), None)
        if user is None:
            raise Rejection(404, UNKNOWN_USER, "Unknown User")
        return json_response(self.state.world.dm_channel(user, self.state.snowflakes).payload())
