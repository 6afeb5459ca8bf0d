"""From a verified interaction to the HTTP answer: the bot's own handlers answer it, within Discord's window.

An interaction is routed exactly as over the gateway (bot.http.discord_py_seam); the first answer a handler gives
becomes the HTTP response body. A handler that gives none within `deadline` gets what Discord gives a late answer
(404, 10062) when it finally tries, and the request is answered with an error, as Discord would show "This
interaction failed": slow work defers in time on its own (bot.interactions.responding).

Discord takes JSON as the answer; an answer with files (the /stats chart) is sent as a deferral of the same kind and
visibility, and the message itself, files and all, follows as an edit of @original once the HTTP answer is out.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import discord

from bot.http.discord_py_seam import EPHEMERAL, AnswerCapture, InitialResponse, dispatch_interaction, edit_original

# Seconds a handler has to give its first answer: inside Discord's 3 s, leaving time for the answer to travel.
ANSWER_DEADLINE = 2.5
_MESSAGE = discord.InteractionResponseType.channel_message.value
_UPDATE = discord.InteractionResponseType.message_update.value
_DEFER_FOR = {
    _MESSAGE: discord.InteractionResponseType.deferred_channel_message.value,
    _UPDATE: discord.InteractionResponseType.deferred_message_update.value,
}


class NotAnInteraction(ValueError):
    """The body verified, but is not an interaction discord.py can parse (nothing was run)."""


@dataclass(frozen=True)
class HttpAnswer:
    """The HTTP response body, and what to send once it is out (the files of an answer that had some)."""

    body: dict[str, Any]
    then: Callable[[], Awaitable[None]] | None = None


class InteractionAnswers:
    def __init__(self, client: discord.Client, *, deadline: float | None = None) -> None:
        self._client = client
        self._capture = AnswerCapture()
        self.deadline = ANSWER_DEADLINE if deadline is None else deadline

    async def answer(self, payload: dict[str, Any]) -> HttpAnswer | None:
        """The answer to this interaction, or None when no handler gave one within the deadline."""
        try:
            interaction_id = int(payload["id"])
            application_id, token = int(payload["application_id"]), str(payload["token"])
        except (KeyError, TypeError, ValueError) as exc:
            raise NotAnInteraction(type(exc).__name__) from None
        waiting = self._capture.expect(interaction_id)
        try:
            dispatch_interaction(self._client, payload, self._capture)
        except Exception as exc:  # discord.py could not parse it: a shape Discord does not send
            self._capture.give_up(interaction_id)
            raise NotAnInteraction(type(exc).__name__) from None
        try:
            response = await asyncio.wait_for(waiting, self.deadline)
        except TimeoutError:
            return None
        finally:
            self._capture.give_up(interaction_id)  # a no-op once answered
        if not response.files:
            return HttpAnswer(response.body)
        return self._deferred(response, application_id, token)

    def _deferred(self, response: InitialResponse, application_id: int, token: str) -> HttpAnswer:
        kind = int(response.body["type"])
        message = dict(response.body.get("data") or {})
        flags = int(message.pop("flags", 0) or 0)
        if flags & ~EPHEMERAL:  # visibility is the deferral's and cannot change in the edit; other flags stay
            message["flags"] = flags & ~EPHEMERAL
        deferral: dict[str, Any] = {"type": _DEFER_FOR.get(kind, kind)}
        if kind == _MESSAGE and flags & EPHEMERAL:
            deferral["data"] = {"flags": EPHEMERAL}

        async def send_the_message() -> None:
            await edit_original(self._capture, self._client, application_id, token, message, response)

        return HttpAnswer(deferral, send_the_message)
