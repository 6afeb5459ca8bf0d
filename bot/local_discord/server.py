"""The local Discord server: REST under /api/v10 and the gateway websocket, on 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import hmac
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from aiohttp import web

from bot.local_discord.channel_api import ChannelApi
from bot.local_discord.commands import CommandRegistry
from bot.local_discord.faults import Faults
from bot.local_discord.gateway import Gateway
from bot.local_discord.interaction_api import InteractionApi
from bot.local_discord.messages import DEFAULT, Message
from bot.local_discord.rest import API_PREFIX, RequestRecord, Rest
from bot.local_discord.signals import Signal
from bot.local_discord.snowflakes import SnowflakeFactory
from bot.local_discord.spec_check import SpecChecker
from bot.local_discord.violations import Violation
from bot.local_discord.world import Actor, World, default_world

if TYPE_CHECKING:
    from bot.local_discord.replies import Reply

HOST = "127.0.0.1"
GATEWAY_PATH = "/gateway"
RESPONSE_WINDOW = 3.0  # seconds Discord waits for the initial response
TOKEN_LIFETIME = 15 * 60.0  # seconds an interaction token works for followups
HEARTBEAT_INTERVAL = 41.25  # seconds, Discord's usual value


class EmulatorServer:
    """Discord's side of the conversation. See `LocalDiscord` for the test-facing API built on it."""

    def __init__(
        self,
        *,
        token: str,
        spec_path: str | Path | None = None,
        application_id: str | None = None,
        world: World | None = None,
        port: int = 0,
        response_window: float = RESPONSE_WINDOW,
        token_lifetime: float = TOKEN_LIFETIME,
        heartbeat_interval: float = HEARTBEAT_INTERVAL,
    ) -> None:
        self._token = token  # compared only; never logged, stored elsewhere or echoed
        self._port = port
        self.snowflakes = SnowflakeFactory()
        self.world = world or default_world(self.snowflakes, application_id=application_id)
        self.application_id = self.world.application_id
        self.response_window = response_window
        self.token_lifetime = token_lifetime
        self.heartbeat_interval = heartbeat_interval
        self.spec = SpecChecker(spec_path)
        self.commands = CommandRegistry(self.application_id, self.snowflakes)
        self.signal = Signal()
        self.gateway = Gateway(self)
        self.faults = Faults(self.gateway)
        self.replies: dict[str, Reply] = {}  # by interaction id
        self._replies_by_token: dict[str, Reply] = {}
        self.messages: dict[str, Message] = {}
        self.violations: list[Violation] = []
        self.requests: list[RequestRecord] = []
        self.in_flight = 0  # API requests being handled right now
        self._runner: web.AppRunner | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.api_base_url if self._runner else 'not started'}>"

    # Lifecycle

    async def start(self) -> None:
        rest = Rest(self)
        app = web.Application(middlewares=[rest.middleware])
        app.add_routes(rest.routes())
        app.add_routes(InteractionApi(self, rest).routes())
        app.add_routes(ChannelApi(self, rest).routes())
        app.add_routes([web.get(GATEWAY_PATH, self.gateway.handle)])
        self.spec.available  # noqa: B018 - load (or report the missing spec) now, not mid-test
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, HOST, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def close(self) -> None:
        if self._runner is not None:
            await self.gateway.close()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # Addresses

    @property
    def port(self) -> int:
        return self._port

    @property
    def api_base_url(self) -> str:
        return f"http://{HOST}:{self._port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{HOST}:{self._port}{GATEWAY_PATH}"

    # Shared by the REST and gateway handlers

    def token_matches(self, presented: Any) -> bool:
        return isinstance(presented, str) and hmac.compare_digest(presented.encode(), self._token.encode())

    def issued_identifiers(self) -> set[str]:
        """Every identifier this Discord handed out (guild, channel, user, role, message, interaction and command
        ids, interaction tokens) and the bot token: none of them may appear in the bot's logs."""
        return {*self.snowflakes.issued, *self._replies_by_token, self._token}

    def now(self) -> float:
        return asyncio.get_running_loop().time()

    def record_violation(self, violation: Violation) -> None:
        self.violations.append(violation)
        self.signal.notify()

    def register_reply(self, reply: Reply) -> None:
        self.replies[reply.interaction_id] = reply
        self._replies_by_token[reply.token] = reply

    def reply_for_token(self, token: str) -> Reply | None:
        return self._replies_by_token.get(token)

    def new_message(
        self,
        actor: Actor,
        body: dict[str, Any],
        files: list[dict[str, Any]],
        *,
        reply: Reply | None = None,
        message_type: int = DEFAULT,
    ) -> Message:
        """A message the bot posts in the actor's channel (an interaction response if `reply` is given)."""
        message = Message(
            id=self.snowflakes.next(),
            channel_id=actor.channel.id,
            guild_id=actor.guild.id if actor.guild else None,
            author=self.world.bot.payload(),
            actor=actor,
            type=message_type,
            application_id=self.application_id if reply is not None else None,
            interaction_id=reply.interaction_id if reply is not None else None,
        )
        message.apply(body, edit=False)
        message.attachments = self._uploaded(message, files)  # its uploads, not the body's descriptions of them
        self.messages[message.id] = message
        return message

    def edit_message(self, message: Message, body: dict[str, Any], files: list[dict[str, Any]]) -> None:
        """Apply an edit as Discord does. A body's `attachments` lists everything the message keeps afterwards:
        existing attachments by their id, new uploads by their index among the request's files. Without it, the
        message keeps its attachments and gains the uploads."""
        kept = {str(attachment["id"]): attachment for attachment in message.attachments}
        message.apply(body, edit=True)
        uploads = self._uploaded(message, files)
        if "attachments" not in body:
            message.attachments = [*kept.values(), *uploads]
            return
        message.attachments = []
        for entry in body["attachments"] or []:
            ref = str(entry.get("id")) if isinstance(entry, dict) else ""
            if ref in kept:
                message.attachments.append(kept[ref])
            elif ref.isdigit() and int(ref) < len(uploads):
                message.attachments.append(uploads[int(ref)])

    def _uploaded(self, message: Message, files: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Attachments for the files uploaded with a request, in upload order."""
        attachments = []
        for file in files:
            attachment_id = self.snowflakes.next()
            url = f"http://{HOST}:{self._port}/attachments/{message.channel_id}/{attachment_id}/{file['filename']}"
            attachments.append(
                {"id": attachment_id, "filename": file["filename"], "size": file["size"], "url": url, "proxy_url": url}
            )
        return attachments
