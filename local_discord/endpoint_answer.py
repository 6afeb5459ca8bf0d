"""An Interactions Endpoint's HTTP answer, judged as Discord judges it. The answer's body is the interaction's
initial response, so it gets every check the REST callback route gives the same body (the spec, Discord's extra
rules, initial_response.py's: once, in time, a type that suits the interaction), plus what only an HTTP answer can
get wrong: a status that is not 2xx, a Content-Type that is not JSON (Discord asks for a valid one), a body that
does not parse or is not an object."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from local_discord.error_codes import GENERAL, INVALID_FORM_BODY, INVALID_JSON
from local_discord.form_errors import Issue, nest_issues
from local_discord.initial_response import accept_initial_response, callback_issues
from local_discord.rest import Rejection

if TYPE_CHECKING:
    from local_discord.replies import Reply
    from local_discord.spec_check import SpecChecker
    from local_discord.state import EmulatorState

JSON_MEDIA_TYPE = "application/json"


@dataclass(frozen=True)
class Answer:
    """What an endpoint sent back: status, media type (without parameters) and the raw body."""

    status: int
    content_type: str
    raw: bytes


def parse_answer(answer: Answer) -> dict[str, Any]:
    """The answer's body as a JSON object, or the Rejection Discord's callback route would give the same bytes."""
    if not 200 <= answer.status < 300:
        raise Rejection(answer.status, GENERAL, f"The endpoint answered HTTP {answer.status}")
    if answer.content_type != JSON_MEDIA_TYPE:
        shown = answer.content_type or "missing"
        raise Rejection(answer.status, GENERAL, f"The answer's Content-Type is {shown}, not {JSON_MEDIA_TYPE}")
    try:
        body = json.loads(answer.raw)
    except ValueError:
        raise Rejection(400, INVALID_JSON, "The request body contains invalid JSON.") from None
    if not isinstance(body, dict):
        issue = Issue((), "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
        raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues([issue]))
    return body


def accept_answer(state: EmulatorState, spec: SpecChecker, reply: Reply, body: dict[str, Any]) -> None:
    """Apply a parsed answer as the interaction's initial response, exactly as the REST callback would."""
    callback_path = f"/interactions/{reply.interaction_id}/{reply.token}/callback"
    issues = spec.check("POST", callback_path, body) + callback_issues(body)
    if issues:
        raise Rejection(400, INVALID_FORM_BODY, "Invalid Form Body", nest_issues(issues), reply=reply)
    accept_initial_response(state, reply, body, [])
    reply.bodies.append(body)
    state.signal.notify()
