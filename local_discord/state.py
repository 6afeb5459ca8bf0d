"""What the local Discord knows: the world, registered commands, interactions, messages, and its own records.

The REST routes and the gateway both read and change this; neither knows about the other or about the server
that hosts them.
"""

from __future__ import annotations

import asyncio
import hmac
from typing import TYPE_CHECKING, Any

from local_discord.commands import CommandRegistry
from local_discord.messages import DEFAULT, Message
from local_discord.session_starts import SessionStartLimit
from local_discord.signals import Signal
from local_discord.snowflakes import SnowflakeFactory
from local_discord.violations import OutputIssue, RequestRecord, Violation
from local_discord.world import Actor, World

if TYPE_CHECKING:
    from local_discord.replies import Reply

RESPONSE_WINDOW = 3.0  # seconds Discord waits for the initial response
TOKEN_LIFETIME = 15 * 60.0  # seconds an interaction token works for followups


class EmulatorState:
    def __init__(
        self,
        *,
        token: str,
        world: World,
        snowflakes: SnowflakeFactory,
        response_window: float = RESPONSE_WINDOW,
        token_lifetime: float = TOKEN_LIFETIME,
    ) -> None:
        self._token = token  # compared only; never logged, stored elsewhere or echoed
        self.token_reset = False  # Discord resets a token that spends its session starts: it matches nothing after
        self.snowflakes = snowflakes
        self.world = world
        self.application_id = world.application_id
        self.response_window = response_window
        self.token_lifetime = token_lifetime
        self.commands = CommandRegistry(self.application_id, snowflakes)
        self.signal = Signal()
        self.base_url = ""  # http://127.0.0.1:PORT once the server listens
        self.replies: dict[str, Reply] = {}  # by interaction id
        self._replies_by_token: dict[str, Reply] = {}
        self.messages: dict[str, Message] = {}
        self.violations: list[Violation] = []
        self.requests: list[RequestRecord] = []
        self.in_flight = 0  # API requests being handled right now
        self.session_starts = SessionStartLimit(clock=self.now)  # GET /gateway/bot's, enforced by the gateway
        self.recommended_shards: int | None = None  # GET /gateway/bot's `shards`; None: enough for the guilds
        self.output_issues: list[OutputIssue] = []  # what the local Discord sent that Discord would not

    def token_matches(self, presented: Any) -> bool:
        if self.token_reset or not isinstance(presented, str):
            return False
        return hmac.compare_digest(presented.encode(), self._token.encode())

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

    def forget_history(self) -> None:
        """Drop the replies, messages and request records kept for inspection (long benchmark runs)."""
        self.replies.clear()
        self._replies_by_token.clear()
        self.messages.clear()
        self.requests.clear()

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
            url = f"{self.base_url}/attachments/{message.channel_id}/{attachment_id}/{file['filename']}"
            attachments.append(
                {"id": attachment_id, "filename": file["filename"], "size": file["size"], "url": url, "proxy_url": url}
            )
            if "content" in file:
                message.uploads[attachment_id] = file["content"]  # what a person would see by opening it
        return attachments
