"""Interactions over HTTP (outgoing webhooks), as Discord delivers them to an Interactions Endpoint URL: signed with
the application's key, the HTTP answer taken as the initial response with the REST callback's checks and its
3-second deadline, follow-ups and edits over REST, round-robin over several endpoints, and the probe Discord runs
when the URL is saved. The endpoint is a real aiohttp app that verifies signatures with PyNaCl (signed_endpoint.py).
"""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from local_discord import HarnessError, InteractionFailed, LocalDiscord
from local_discord.interactions_endpoint import ANSWER

from .conftest import TOKEN, MakeLocal
from .gateway_client import gateway
from .signed_endpoint import PROCESS_ANSWER, Answer, SignedEndpoint, serving

REPO = Path(__file__).resolve().parents[2]
BOT = {"Authorization": f"Bot {TOKEN}"}
CHANNEL_MESSAGE, DEFERRED, UPDATE, CHOICES, MODAL = 4, 5, 7, 8, 9
COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
COMMANDS = [
    {"name": "hello", "description": "Say hello.", "type": 1},
    {"name": "slow", "description": "Think first.", "type": 1},
    {"name": "ask", "description": "Open a form.", "type": 1},
    {
        "name": "pick",
        "description": "Pick a fruit.",
        "type": 1,
        "options": [{"type": 3, "name": "fruit", "description": "Which fruit.", "autocomplete": True}],
    },
]
AGAIN = {"type": 1, "components": [{"type": 2, "style": 1, "label": "Again", "custom_id": "again"}]}
FORM = {
    "custom_id": "form",
    "title": "Ask",
    "components": [{"type": 1, "components": [{"type": 4, "custom_id": "question", "label": "Question", "style": 1}]}],
}


def message(content: str, **extra: Any) -> web.Response:
    return web.json_response({"type": CHANNEL_MESSAGE, "data": {"content": content, **extra}})


class App:
    """What the endpoints answer: the interactions a small app would, through the REST API where Discord wants it."""

    def __init__(self, local: LocalDiscord) -> None:
        self.local = local
        self.background: set[asyncio.Task[None]] = set()

    async def answer(self, interaction: dict[str, Any]) -> web.StreamResponse:
        kind, data = interaction["type"], interaction.get("data", {})
        if kind == COMPONENT:
            return web.json_response({"type": UPDATE, "data": {"content": "Updated.", "components": []}})
        if kind == AUTOCOMPLETE:
            return web.json_response({"type": CHOICES, "data": {"choices": [{"name": "Berry", "value": "berry"}]}})
        if kind == MODAL_SUBMIT:
            typed = data["components"][0]["components"][0]["value"]
            return message(f"You asked: {typed}")
        if data["name"] == "slow":
            task = asyncio.create_task(self._edit_original(interaction["token"], "Done thinking."))
            self.background.add(task)
            task.add_done_callback(self.background.discard)
            return web.json_response({"type": DEFERRED})
        if data["name"] == "ask":
            return web.json_response({"type": MODAL, "data": FORM})
        return message("Hello over HTTP.", components=[AGAIN])

    async def _edit_original(self, token: str, content: str) -> None:
        url = f"{self.local.api_base_url}/webhooks/{self.local.application_id}/{token}/messages/@original"
        async with aiohttp.ClientSession() as http, http.patch(url, json={"content": content}) as answer:
            assert answer.status == 200


async def register_commands(local: LocalDiscord) -> LocalDiscord:
    """What an HTTP-interactions app does at start: register its commands through the REST API (no gateway)."""
    url = f"{local.api_base_url}/applications/{local.application_id}/commands"
    async with aiohttp.ClientSession() as http, http.put(url, json=COMMANDS, headers=BOT) as answer:
        assert answer.status == 200
    return local


@pytest.fixture
async def registered(local: LocalDiscord) -> LocalDiscord:
    return await register_commands(local)


class Endpoints:
    """Signed endpoints started by a test, each stoppable on its own; all stopped after the test."""

    def __init__(self, local: LocalDiscord) -> None:
        self._local = local
        self._running: dict[str, AsyncExitStack] = {}

    async def start(self, answer: Answer | None = None, **options: Any) -> tuple[SignedEndpoint, str]:
        """An endpoint answering with `answer` (default: App's); returns it and its URL."""
        endpoint = SignedEndpoint(self._local.public_key, answer or App(self._local).answer, **options)
        stack = AsyncExitStack()
        url = await stack.enter_async_context(serving(endpoint))
        self._running[url] = stack
        return endpoint, url

    async def stop(self, url: str) -> None:
        await self._running.pop(url).aclose()

    async def stop_all(self) -> None:
        for url in list(self._running):
            await self.stop(url)


@pytest.fixture
async def endpoints(local: LocalDiscord) -> AsyncIterator[Endpoints]:
    started = Endpoints(local)
    yield started
    await started.stop_all()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refusals(local: LocalDiscord) -> list[tuple[str, str, int, int]]:
    return [(v.method, v.route, v.status, v.code) for v in local.violations]


async def test_the_application_shows_its_public_key_and_endpoint(
    registered: LocalDiscord, endpoints: Endpoints
) -> None:
    local = registered
    _, url = await endpoints.start()
    await local.use_interactions_endpoints(url)

    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{local.api_base_url}/oauth2/applications/@me", headers=BOT) as answer,
    ):
        application = await answer.json()

    assert application["verify_key"] == local.public_key
    assert len(bytes.fromhex(local.public_key)) == 32  # an Ed25519 public key
    assert application["interactions_endpoint_url"] == url
    assert local.state.output_issues == []


async def test_a_signed_interaction_is_posted_and_the_answer_is_the_reply(
    registered: LocalDiscord, endpoints: Endpoints
) -> None:
    local = registered
    endpoint, url = await endpoints.start()
    await local.use_interactions_endpoints(url)

    reply = await local.slash("hello", guild="support", member="lucia")  # no gateway session exists at all

    assert reply.content == "Hello over HTTP."
    assert [i["type"] for i in endpoint.received] == [COMMAND]
    assert endpoint.received[0]["id"] == reply.interaction_id
    assert endpoint.received[0]["member"]["user"]["id"] == local.world.user("lucia").id
    assert local.messages_in("bienvenida", guild="support") == [reply.message]
    assert [(d.url, d.status, d.accepted) for d in local.endpoints.deliveries] == [(url, 200, True)]
    assert "POST interactions endpoint" in local.server.output_check.checked  # checked like INTERACTION_CREATE
    local.assert_no_violations()


async def test_clicks_edits_autocomplete_and_modals_work_as_over_the_gateway(
    registered: LocalDiscord, endpoints: Endpoints
) -> None:
    local = registered
    endpoint, url = await endpoints.start()
    await local.use_interactions_endpoints(url)

    card = await local.slash("hello")
    clicked = await card.click("Again")
    thought = await local.slash("slow")
    choices = await local.autocomplete("pick", "fruit", "be")
    form = await local.slash("ask")
    answered = await form.submit_modal({"question": "Why?"})

    assert clicked.message is card.message and card.message.content == "Updated."
    assert thought.deferred and thought.content == "Done thinking."  # the @original edit came over REST
    assert choices == [{"name": "Berry", "value": "berry"}]
    assert form.modal is not None and answered.content == "You asked: Why?"
    assert [i["type"] for i in endpoint.received] == [COMMAND, COMPONENT, COMMAND, AUTOCOMPLETE, COMMAND, MODAL_SUBMIT]
    local.assert_no_violations()


async def test_several_endpoints_take_turns(registered: LocalDiscord, endpoints: Endpoints) -> None:
    local = registered
    (first, one), (second, two) = await endpoints.start(), await endpoints.start()
    await local.use_interactions_endpoints(one, two)

    for _ in range(4):
        assert (await local.slash("hello")).content == "Hello over HTTP."

    assert [delivery.url for delivery in local.endpoints.deliveries] == [one, two, one, two]
    assert (len(first.received), len(second.received)) == (2, 2)
    local.assert_no_violations()


async def test_an_endpoint_that_stopped_is_passed_over(registered: LocalDiscord, endpoints: Endpoints) -> None:
    local = registered
    (_, one), (_, two) = await endpoints.start(), await endpoints.start()
    await local.use_interactions_endpoints(one, two)
    await endpoints.stop(two)

    for _ in range(3):
        assert (await local.slash("hello")).content == "Hello over HTTP."

    assert {delivery.url for delivery in local.endpoints.deliveries} == {one}
    local.assert_no_violations()


async def test_no_reachable_endpoint_fails_the_interaction(registered: LocalDiscord) -> None:
    local = registered
    nowhere = f"http://127.0.0.1:{free_port()}/interactions"
    await local.use_interactions_endpoints(nowhere, verify=False)

    with pytest.raises(InteractionFailed, match="No interactions endpoint is reachable"):
        await local.slash("hello")

    assert refusals(local) == [(ANSWER, "(no endpoint)", 0, 0)]


async def test_an_endpoint_that_drops_the_request_fails_the_interaction(
    registered: LocalDiscord, endpoints: Endpoints
) -> None:
    local = registered
    dying, url = await endpoints.start()
    _, spare = await endpoints.start()
    await local.use_interactions_endpoints(url, spare)
    dying.drop_requests = True  # the replica goes away with the request in hand

    with pytest.raises(InteractionFailed, match="closed the connection without answering"):
        await local.slash("hello")

    assert refusals(local) == [(ANSWER, url, 0, 0)]
    assert [delivery.url for delivery in local.endpoints.deliveries] == [url]  # not sent again to the spare


async def test_an_answer_not_within_the_window_fails_like_a_late_callback(make_local: MakeLocal) -> None:
    local = await register_commands(await make_local(response_window=0.2))  # a short window, not a measured time
    endpoints = Endpoints(local)
    hold = asyncio.Event()

    async def never_in_time(interaction: dict[str, Any]) -> web.StreamResponse:
        await hold.wait()
        return message("Too late.")

    _, url = await endpoints.start(never_in_time)
    await local.use_interactions_endpoints(url)
    try:
        with pytest.raises(InteractionFailed, match=r"no answer within the 0\.2s window") as failed:
            await local.slash("hello")
    finally:
        hold.set()
        await endpoints.stop_all()

    assert refusals(local) == [(ANSWER, url, 0, 10062)]  # 10062, as a callback after the window gets
    assert failed.value.rejections == local.violations
    assert failed.value.rejections[0] in local.replies[local.endpoints.deliveries[0].interaction_id].rejections


@pytest.mark.parametrize(
    ("answer", "status", "code"),
    [
        pytest.param(lambda: web.Response(status=500, text="oops"), 500, 0, id="http-500"),
        pytest.param(lambda: web.Response(status=204), 204, 0, id="no-content"),
        pytest.param(
            lambda: web.Response(text="no json here", content_type="application/json"), 200, 50109, id="nojson"
        ),
        pytest.param(lambda: web.Response(text='{"type": 4}', content_type="text/plain"), 200, 0, id="text-plain"),
        pytest.param(lambda: web.json_response([CHANNEL_MESSAGE]), 200, 50035, id="not-an-object"),
        pytest.param(lambda: web.json_response({"type": 4, "data": {"content": 5}}), 200, 50035, id="spec"),
        pytest.param(lambda: web.json_response({"type": CHOICES, "data": {"choices": []}}), 200, 50035, id="type"),
        pytest.param(lambda: web.json_response({"type": CHANNEL_MESSAGE, "data": {}}), 200, 50006, id="empty"),
    ],
)
async def test_a_bad_answer_fails_the_interaction_at_once(
    registered: LocalDiscord, endpoints: Endpoints, answer: Callable[[], web.Response], status: int, code: int
) -> None:
    local = registered

    async def bad(interaction: dict[str, Any]) -> web.StreamResponse:
        return answer()

    _, url = await endpoints.start(bad)
    await local.use_interactions_endpoints(url)

    with pytest.raises(InteractionFailed, match="This interaction failed") as failed:
        await local.slash("hello")

    assert refusals(local) == [(ANSWER, url, status, code)]
    assert failed.value.rejections == local.violations
    assert [delivery.accepted for delivery in local.endpoints.deliveries] == [False]


async def test_the_probe_passes_an_endpoint_that_checks_signatures(local: LocalDiscord, endpoints: Endpoints) -> None:
    endpoint, url = await endpoints.start()

    report = await local.verify_interactions_endpoint(url)

    assert report.ok, report.problems
    assert (report.signed_status, report.forged_status) == (200, 401)
    assert endpoint.refused == 1  # the forged PING


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        pytest.param({"check_signatures": False}, "bad signature got HTTP 200, not 401", id="accepts-forgeries"),
        pytest.param({"pong": False}, "not a PONG", id="no-pong"),
    ],
)
async def test_the_probe_fails_an_endpoint_discord_would_not_save(
    local: LocalDiscord, endpoints: Endpoints, options: dict[str, Any], problem: str
) -> None:
    _, url = await endpoints.start(**options)

    report = await local.verify_interactions_endpoint(url)

    assert not report.ok and problem in " ".join(report.problems)
    with pytest.raises(HarnessError, match="Discord would not save"):
        await local.use_interactions_endpoints(url)
    assert local.endpoints.urls == []  # still delivering over the gateway


async def test_the_probe_reports_an_endpoint_nothing_listens_on(local: LocalDiscord) -> None:
    report = await local.verify_interactions_endpoint(f"http://127.0.0.1:{free_port()}/interactions")

    assert not report.reachable and not report.ok
    assert (report.signed_status, report.forged_status) == (0, 0)


async def test_gateway_too_sends_interaction_create_as_well(registered: LocalDiscord, endpoints: Endpoints) -> None:
    local = registered
    _, url = await endpoints.start()
    await local.use_interactions_endpoints(url, gateway_too=True)
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        await client.receive_dispatch("READY")

        reply = await local.slash("hello")
        dispatched = await client.receive_dispatch("INTERACTION_CREATE")

    assert dispatched["d"]["id"] == reply.interaction_id
    assert reply.content == "Hello over HTTP."

    local.use_gateway_for_interactions()
    assert local.endpoints.urls == [] and local.world.interactions_endpoint_url is None


async def test_an_http_bot_process_gets_the_public_key(registered: LocalDiscord, tmp_path: Path) -> None:
    local, port = registered, free_port()
    argv = [sys.executable, "-m", "tests.local_discord.signed_endpoint"]
    env = {"PYTHONPATH": str(REPO), "PORT": str(port)}
    async with local.run_process(argv, log=tmp_path / "bot.log", env=env, gateway=False, commands=False):
        await local.use_interactions_endpoints(f"http://127.0.0.1:{port}/interactions", timeout=30)
        reply = await local.slash("hello")

    assert reply.content == PROCESS_ANSWER
    local.assert_no_violations()
