"""An interaction's initial response, by Discord's rules: once, within the window, of a type that suits the
interaction, not empty; then what it does to the conversation (a message, a deferral, an update, choices, a
modal). The REST callback route uses it; so can any other way an answer arrives (an HTTP endpoint's reply)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from local_discord import limits
from local_discord.error_codes import ALREADY_ACKNOWLEDGED, EMPTY_MESSAGE, INVALID_FORM_BODY, UNKNOWN_INTERACTION
from local_discord.flags import EPHEMERAL, LOADING
from local_discord.form_errors import Issue, nest_issues, prefixed
from local_discord.messages import CHAT_INPUT_COMMAND, DEFAULT
from local_discord.replies import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    PING,
    PONG,
    UPDATE_MESSAGE,
    Reply,
)
from local_discord.rest import Rejection

if TYPE_CHECKING:
    from local_discord.state import EmulatorState

# Which callback types Discord accepts for each interaction type.
ALLOWED_CALLBACKS: dict[int, set[int]] = {
    PING: {PONG},
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL},
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}


def accept_initial_response(
    state: EmulatorState, reply: Reply | None, body: dict[str, Any], files: list[dict[str, Any]]
) -> None:
    """Apply `body` as the interaction's initial response, or raise the Rejection Discord would answer with."""
    if reply is None:
        raise Rejection(404, UNKNOWN_INTERACTION, "Unknown interaction")
    if reply.response_type is not None:
        raise Rejection(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.", reply=reply)
    if state.now() - reply.created_at > state.response_window:
        raise Rejection(404, UNKNOWN_INTERACTION, "Unknown interaction", reply=reply)
    kind, data = body.get("type"), body.get("data") or {}
    if kind not in ALLOWED_CALLBACKS[reply.interaction_type]:
        issue = Issue(
            ("type",),
            "INTERACTION_CALLBACK_TYPE_INVALID",
            f"Callback type {kind} is not valid for interaction type {reply.interaction_type}",
        )
        raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues([issue]), reply=reply)
    if kind == CHANNEL_MESSAGE and limits.is_empty_message(data) and not files:
        raise Rejection(400, EMPTY_MESSAGE, "Cannot send an empty message", reply=reply)
    _apply(state, reply, kind, data, files)


def _apply(state: EmulatorState, reply: Reply, kind: int, data: dict[str, Any], files: list[dict[str, Any]]) -> None:
    message_type = CHAT_INPUT_COMMAND if reply.interaction_type == APPLICATION_COMMAND else DEFAULT
    if kind == CHANNEL_MESSAGE:
        reply.message = state.new_message(reply.actor, data, files, reply=reply, message_type=message_type)
    elif kind == DEFERRED_CHANNEL_MESSAGE:
        flags = {"flags": int(data.get("flags") or 0) & EPHEMERAL}
        reply.message = state.new_message(reply.actor, flags, [], reply=reply, message_type=message_type)
        reply.message.flags |= LOADING
    elif kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):
        reply.message = reply.source_message
        if kind == UPDATE_MESSAGE and reply.message is not None:
            state.edit_message(reply.message, data, files)
    elif kind == AUTOCOMPLETE_RESULT:
        reply.choices = list(data.get("choices") or [])
    elif kind == MODAL:
        reply.modal = data
    reply.response_type = kind


def callback_issues(body: dict[str, Any]) -> list[Issue]:
    if not isinstance(body.get("data"), dict):
        return []
    if body.get("type") in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
        return prefixed(("data",), limits.message_issues(body["data"]))
    if body.get("type") == AUTOCOMPLETE_RESULT:
        return prefixed(("data",), limits.autocomplete_issues(body["data"]))
    return []
