"""The only discord.py internals HTTP mode uses, all here (discord.py >=2.7,<2.8, pinned in pyproject.toml).

discord.py has no HTTP-interactions mode, but it parses an interaction the same way whichever way it came: the
gateway hands INTERACTION_CREATE's payload to `ConnectionState.parse_interaction_create`, which builds the
`Interaction` and routes it to the command tree (commands, autocomplete) or the view store (buttons, menus, modals,
DynamicItems). HTTP mode calls that same method with the verified POST body, so every check, handler, error path and
count is the gateway's own.

The one difference is where the first answer goes. Every `InteractionResponse` method sends it through the webhook
adapter in the `async_context` context variable (`create_interaction_response`, a POST to /callback). Here the
interaction is parsed in a context whose adapter hands that answer to the HTTP request waiting for it instead, and
passes every other request (follow-ups, @original edits) on to Discord unchanged. Tasks discord.py starts for the
handlers copy the context, so they carry the adapter along.

tests/http/test_discord_py_contract.py checks each of these against the installed discord.py, so an upgrade that
changes them fails there, loudly, instead of misrouting answers.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp
import discord
from discord.http import MultipartParameters
from discord.webhook.async_ import AsyncWebhookAdapter, async_context

EPHEMERAL = 64  # message flag
_THINKING = discord.InteractionResponseType.deferred_channel_message.value
UNKNOWN_INTERACTION = 10062  # Discord's code for an answer after the window (or to an interaction it does not know)


@dataclass(frozen=True)
class InitialResponse:
    """An interaction's first answer as discord.py built it: the JSON body (type and data), and any files."""

    body: dict[str, Any]
    files: Sequence[discord.File] = ()
    multipart: Sequence[Mapping[str, Any]] = ()  # discord.py's form fields for the files (payload_json first)


class _TooLate:
    """Stands in for the aiohttp response discord.py's HTTPException reads its status from."""

    status = 404
    reason = "Not Found"


class AnswerCapture(AsyncWebhookAdapter):
    """discord.py's webhook adapter, except that an awaited interaction's first answer goes to its HTTP request."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # discord.py leaves it unannotated
        self._waiting: dict[int, asyncio.Future[InitialResponse]] = {}

    def expect(self, interaction_id: int) -> asyncio.Future[InitialResponse]:
        """The first answer to this interaction, when a handler gives it."""
        waiting = asyncio.get_running_loop().create_future()
        self._waiting[interaction_id] = waiting
        return waiting

    def give_up(self, interaction_id: int) -> None:
        """The HTTP request stopped waiting: an answer from now on is refused as Discord refuses a late one."""
        waiting = self._waiting.pop(interaction_id, None)
        if waiting is not None:
            waiting.cancel()

    async def create_interaction_response(  # type: ignore[override]  # async where discord.py returns a coroutine
        self,
        interaction_id: int,
        token: str,
        *,
        session: aiohttp.ClientSession,
        proxy: str | None = None,
        proxy_auth: aiohttp.BasicAuth | None = None,
        params: MultipartParameters,
    ) -> dict[str, Any]:
        waiting = self._waiting.pop(interaction_id, None)
        if waiting is None or waiting.done():
            raise discord.NotFound(_TooLate(), {"code": UNKNOWN_INTERACTION, "message": "Unknown interaction"})
        response = _initial_response(params)
        waiting.set_result(response)
        kind, data = response.body.get("type"), response.body.get("data") or {}
        # What Discord's callback answers with (without `resource`: the message does not exist yet); discord.py
        # reads the interaction's id and these flags, and keeps a view under a message id only for a view that is
        # still listening (the bot's never are: clicks reach DynamicItems by custom_id).
        return {
            "interaction": {
                "id": str(interaction_id),
                "type": kind,
                "response_message_loading": kind == _THINKING,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & EPHEMERAL),
            }
        }


def _initial_response(params: MultipartParameters) -> InitialResponse:
    if params.payload is not None:
        return InitialResponse(dict(params.payload))
    # With files, discord.py puts the JSON body in the first form field, payload_json.
    fields = list(params.multipart or [])
    body = json.loads(fields[0]["value"])
    return InitialResponse(body, list(params.files or []), fields)


def dispatch_interaction(client: discord.Client, payload: dict[str, Any], capture: AnswerCapture) -> None:
    """Parse and route the interaction as the gateway does, its answers going through `capture`."""
    context = contextvars.copy_context()
    context.run(_dispatch_with, client, payload, capture)


def _dispatch_with(client: discord.Client, payload: dict[str, Any], capture: AnswerCapture) -> None:
    async_context.set(capture)
    client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]


def http_session(client: discord.Client) -> aiohttp.ClientSession:
    """The aiohttp session discord.py's REST client holds (the one interactions use for their webhook requests)."""
    session: aiohttp.ClientSession = client.http._HTTPClient__session  # type: ignore[attr-defined]
    return session


async def edit_original(
    capture: AnswerCapture,
    client: discord.Client,
    application_id: int,
    token: str,
    message: Mapping[str, Any],
    response: InitialResponse,
) -> None:
    """PATCH the deferred answer into the message discord.py meant to send first, files and all."""
    multipart = [{"name": "payload_json", "value": json.dumps(dict(message))}, *response.multipart[1:]]
    await capture.edit_original_interaction_response(
        application_id,
        token,
        session=http_session(client),
        proxy=client.http.proxy,
        proxy_auth=client.http.proxy_auth,
        multipart=[dict(field) for field in multipart],
        files=list(response.files),
    )
