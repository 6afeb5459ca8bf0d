"""What HTTP mode relies on in discord.py (bot/http/discord_py_seam.py), checked against the installed version.

If an upgrade moves or reshapes any of these, this fails by name, before an answer goes astray in production.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import io
import json
import tomllib
from pathlib import Path

import discord
from discord.http import HTTPClient, MultipartParameters
from discord.state import ConnectionState
from discord.webhook import async_ as webhook_async
from packaging.requirements import Requirement

from bot.http.discord_py_seam import AnswerCapture

ROOT = Path(__file__).resolve().parents[2]


def parameters(function: object) -> list[str]:
    return list(inspect.signature(function).parameters)  # type: ignore[arg-type]


def test_the_discord_py_version_is_pinned_to_the_minor_release_this_was_checked_against() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (pin,) = [Requirement(d) for d in project["dependencies"] if d.startswith("discord.py")]
    assert str(pin.specifier) in ("<2.8,>=2.7", ">=2.7,<2.8")
    assert pin.specifier.contains(discord.__version__)


def test_interaction_answers_go_through_the_webhook_adapter_in_a_context_variable() -> None:
    variable = webhook_async.async_context
    assert isinstance(variable, contextvars.ContextVar)
    assert isinstance(variable.get(), webhook_async.AsyncWebhookAdapter)
    for method in ("send_message", "defer", "edit_message", "send_modal", "autocomplete"):
        source = inspect.getsource(getattr(discord.InteractionResponse, method))
        assert "async_context.get()" in source and "create_interaction_response(" in source, method


def test_the_adapter_methods_the_seam_overrides_and_calls_keep_their_signatures() -> None:
    adapter = webhook_async.AsyncWebhookAdapter
    expected = ["self", "interaction_id", "token", "session", "proxy", "proxy_auth", "params"]
    assert parameters(adapter.create_interaction_response) == expected
    assert parameters(AnswerCapture.create_interaction_response) == expected
    assert parameters(adapter.edit_original_interaction_response) == [
        "self", "application_id", "token", "session", "proxy", "proxy_auth", "payload", "multipart", "files"
    ]  # fmt: skip


def test_the_gateway_hands_interactions_to_parse_interaction_create() -> None:
    assert parameters(ConnectionState.parse_interaction_create) == ["self", "data"]
    source = inspect.getsource(ConnectionState.parse_interaction_create)
    for route in ("_command_tree._from_interaction", "_view_store.dispatch_view", "_view_store.dispatch_modal"):
        assert route in source


def test_the_rest_client_keeps_its_session_under_the_mangled_name_interactions_read() -> None:
    client = HTTPClient(asyncio.new_event_loop())
    assert "_HTTPClient__session" in vars(client)
    assert "state.http._HTTPClient__session" in inspect.getsource(discord.Interaction.__init__)


def test_an_answer_with_files_puts_its_json_body_first_as_payload_json() -> None:
    params = webhook_async.interaction_message_response_params(
        type=4, content="chart", files=[discord.File(io.BytesIO(b"png"), filename="chart.png")]
    )
    assert isinstance(params, MultipartParameters) and params.payload is None and params.files
    assert params.multipart is not None and params.multipart[0]["name"] == "payload_json"
    body = json.loads(params.multipart[0]["value"])
    assert body["type"] == 4 and body["data"]["content"] == "chart"
    assert body["data"]["attachments"] == [{"id": 0, "filename": "chart.png"}]
    assert params.multipart[1]["name"] == "files[0]"


def test_discord_py_reads_only_the_interaction_id_and_flags_of_the_callback_answer() -> None:
    source = inspect.getsource(discord.InteractionCallbackResponse._update)
    assert "data['interaction']" in source and "data.get('resource')" in source
