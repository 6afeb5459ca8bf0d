"""Interaction callbacks, followups and @original/followup message routes, with Discord's timing rules."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any

from aiohttp import web

from local_discord import limits
from local_discord.error_codes import (
    EMPTY_MESSAGE,
    INVALID_WEBHOOK_TOKEN,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
)
from local_discord.http_json import json_response
from local_discord.initial_response import accept_initial_response, callback_issues
from local_discord.kinds import WebhookType
from local_discord.messages import Message
from local_discord.replies import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    PONG,
    UPDATE_MESSAGE,
    Reply,
)
from local_discord.rest import Rejection, Rest
from local_discord.urls import API_PREFIX

if TYPE_CHECKING:
    from local_discord.state import EmulatorState


_MESSAGE_CALLBACKS = (CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE)
_MESSAGE_RESOURCES = (CHANNEL_MESSAGE, UPDATE_MESSAGE)


class InteractionApi:
    def __init__(self, state: EmulatorState, rest: Rest) -> None:
        self.state = state
        self.rest = rest

    def routes(self) -> list[web.RouteDef]:
        api = API_PREFIX
        message = api + "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
        webhook = api + "/webhooks/{webhook_id}/{webhook_token}"
        return [
            web.post(api + "/interactions/{interaction_id}/{interaction_token}/callback", self.callback),
            web.get(webhook, self.get_webhook),
            web.post(webhook, self.create_followup),
            web.get(message, self.get_message),
            web.patch(message, self.edit_message),
            web.delete(message, self.delete_message),
        ]

    async def callback(self, request: web.Request) -> web.Response:
        body, files = await self.rest.read_object(request)
        reply = self.state.replies.get(request.match_info["interaction_id"])
        if reply is not None and not hmac.compare_digest(reply.token, request.match_info["interaction_token"]):
            reply = None
        self.rest.validate(request, body, callback_issues(body), reply=reply)
        accept_initial_response(self.state, reply, body, files)
        assert reply is not None  # accepted, so the interaction exists
        kind = body.get("type")
        reply.bodies.append(body)
        self.state.signal.notify()
        if kind in (PONG, AUTOCOMPLETE_RESULT) or request.query.get("with_response") not in ("1", "true", "True"):
            return web.Response(status=204)
        return json_response(_callback_result(reply, int(kind or 0)))

    def _webhook_reply(self, request: web.Request) -> Reply:
        if request.match_info["webhook_id"] != self.state.application_id:
            raise Rejection(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        reply = self.state.reply_for_token(request.match_info["webhook_token"])
        if reply is None or self.state.now() - reply.created_at > self.state.token_lifetime:
            raise Rejection(401, INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token", reply=reply)
        return reply

    async def get_webhook(self, request: web.Request) -> web.Response:
        """An interaction token names the application's webhook (type 3), in the interaction's channel."""
        reply = self._webhook_reply(request)
        actor = reply.actor
        return json_response(
            {
                "id": self.state.application_id,
                "type": WebhookType.APPLICATION,
                "name": self.state.world.bot.username,
                "avatar": None,
                "channel_id": actor.channel.id,
                "guild_id": actor.guild.id if actor.guild else None,
                "application_id": self.state.application_id,
            }
        )

    async def create_followup(self, request: web.Request) -> web.Response:
        reply = self._webhook_reply(request)
        body, files = await self.rest.read_object(request)
        self.rest.validate(request, body, limits.message_issues(body), reply=reply)
        if reply.response_type is None:  # a followup needs an acknowledged interaction
            raise Rejection(404, UNKNOWN_WEBHOOK, "Unknown Webhook", reply=reply)
        if limits.is_empty_message(body) and not files:
            raise Rejection(400, EMPTY_MESSAGE, "Cannot send an empty message", reply=reply)
        if reply.message is not None and reply.message.loading:
            # After a "thinking" defer, Discord turns the first followup into the deferred message itself.
            message = reply.message
            self.state.edit_message(message, body, files)
        else:
            message = self.state.new_message(reply.actor, body, files, reply=reply)
            reply.followups.append(message)
        reply.bodies.append(body)
        self.state.signal.notify()
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message.payload())
        return web.Response(status=204)

    def _message(self, request: web.Request, reply: Reply) -> Message:
        message_id = request.match_info["message_id"]
        if message_id == "@original":
            message = reply.message
        else:
            message = next((m for m in [reply.message, *reply.followups] if m is not None and m.id == message_id), None)
        if message is None or message.deleted:
            raise Rejection(404, UNKNOWN_MESSAGE, "Unknown Message", reply=reply)
        return message

    async def get_message(self, request: web.Request) -> web.Response:
        reply = self._webhook_reply(request)
        return json_response(self._message(request, reply).payload())

    async def edit_message(self, request: web.Request) -> web.Response:
        reply = self._webhook_reply(request)
        body, files = await self.rest.read_object(request)
        self.rest.validate(request, body, limits.message_issues(body), reply=reply)
        message = self._message(request, reply)
        self.state.edit_message(message, body, files)
        reply.bodies.append(body)
        self.state.signal.notify()
        return json_response(message.payload())

    async def delete_message(self, request: web.Request) -> web.Response:
        reply = self._webhook_reply(request)
        self._message(request, reply).deleted = True
        self.state.signal.notify()
        return web.Response(status=204)


def _callback_result(reply: Reply, kind: int) -> dict[str, Any]:
    """The `with_response=1` answer: discord.py keeps views under response_message_id."""
    interaction: dict[str, Any] = {"id": reply.interaction_id, "type": reply.interaction_type}
    result: dict[str, Any] = {"interaction": interaction}
    message = reply.message
    if message is not None and kind in _MESSAGE_CALLBACKS:
        interaction |= {
            "response_message_id": message.id,
            "response_message_loading": message.loading,
            "response_message_ephemeral": message.ephemeral,
        }
        if kind in _MESSAGE_RESOURCES:  # the spec gives a deferred response no resource
            result["resource"] = {"type": kind, "message": message.payload()}
    return result
