"""The endpoint over real HTTP: signatures checked before anything is read, Discord's PING, size caps, /healthz."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from nacl.signing import SigningKey

from bot.http.answers import HttpAnswer, NotAnInteraction
from bot.http.endpoint import MAX_BODY_BYTES, InteractionsEndpoint
from bot.http.signature import MAX_SKEW_SECONDS, SignatureCheck

DISCORD_KEY = SigningKey.generate()


class StubAnswers:
    """Stands in for the bot: records what reached it and answers as told."""

    def __init__(self) -> None:
        self.seen: list[dict[str, Any]] = []
        self.answer_with: HttpAnswer | type[Exception] | None = HttpAnswer({"type": 4, "data": {"content": "hi"}})

    async def answer(self, payload: dict[str, Any]) -> HttpAnswer | None:
        self.seen.append(payload)
        if isinstance(self.answer_with, type):
            raise self.answer_with("no")
        return self.answer_with


class Rig:
    def __init__(self) -> None:
        self.answers = StubAnswers()
        self.ready = True
        check = SignatureCheck(DISCORD_KEY.verify_key.encode().hex())
        self.endpoint = InteractionsEndpoint(self.answers, check, ready=lambda: self.ready)  # type: ignore[arg-type]


def signed(body: bytes, key: SigningKey = DISCORD_KEY, at: float | None = None) -> dict[str, str]:
    timestamp = str(int(time.time() if at is None else at))
    signature = key.sign(timestamp.encode() + body).signature.hex()
    return {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": timestamp, "Content-Type": "application/json"}


@pytest.fixture
async def rig() -> AsyncIterator[tuple[Rig, aiohttp.ClientSession, str]]:
    made = Rig()
    server = TestServer(made.endpoint.application())
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield made, session, str(server.make_url(""))
    await server.close()


PING = json.dumps({"id": "1", "application_id": "2", "type": 1, "token": "t", "version": 1}).encode()
COMMAND = json.dumps({"id": "1", "application_id": "2", "type": 2, "token": "t", "version": 1}).encode()


async def test_a_signed_ping_gets_a_pong_as_exactly_application_json(rig) -> None:
    made, session, base = rig
    async with session.post(base + "/interactions", data=PING, headers=signed(PING)) as response:
        assert response.status == 200 and await response.json() == {"type": 1}
        assert response.headers["Content-Type"] == "application/json"
    assert made.answers.seen == []  # a PING never reaches the bot


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(lambda body: {}, id="no-headers"),
        pytest.param(lambda body: signed(body, key=SigningKey.generate()), id="another-key"),
        pytest.param(lambda body: signed(body + b" "), id="another-body"),
        pytest.param(lambda body: signed(body, at=time.time() - MAX_SKEW_SECONDS - 60), id="stale"),
        pytest.param(lambda body: signed(body, at=time.time() + MAX_SKEW_SECONDS + 60), id="future"),
        pytest.param(lambda body: {**signed(body), "X-Signature-Ed25519": ""}, id="empty-signature"),
        pytest.param(lambda body: {k: v for k, v in signed(body).items() if "Timestamp" not in k}, id="no-timestamp"),
    ],
)
@pytest.mark.parametrize("body", [PING, COMMAND, b"not json"], ids=["ping", "command", "not-json"])
async def test_anything_not_signed_by_discord_just_now_is_401_and_never_read(rig, headers, body: bytes) -> None:
    made, session, base = rig
    async with session.post(base + "/interactions", data=body, headers=headers(body)) as response:
        assert response.status == 401
        assert response.headers["Content-Type"] == "application/json"
    assert made.answers.seen == []


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"'])
async def test_a_signed_body_that_is_not_an_interaction_is_400(rig, body: bytes) -> None:
    made, session, base = rig
    async with session.post(base + "/interactions", data=body, headers=signed(body)) as response:
        assert response.status == 400
    assert made.answers.seen == []


async def test_a_signed_interaction_is_answered_with_the_bots_answer(rig) -> None:
    made, session, base = rig
    async with session.post(base + "/interactions", data=COMMAND, headers=signed(COMMAND)) as response:
        assert response.status == 200 and await response.json() == {"type": 4, "data": {"content": "hi"}}
    assert made.answers.seen == [json.loads(COMMAND)]


async def test_what_follows_an_answer_starts_once_the_answer_is_out(rig) -> None:
    made, session, base = rig
    followed = asyncio.Event()

    async def then() -> None:
        followed.set()

    made.answers.answer_with = HttpAnswer({"type": 5}, then)
    async with session.post(base + "/interactions", data=COMMAND, headers=signed(COMMAND)) as response:
        assert await response.json() == {"type": 5}
    await asyncio.wait_for(followed.wait(), 10)
    await made.endpoint.finish()


async def test_no_answer_in_time_is_a_server_error_and_an_unparsable_one_a_400(rig) -> None:
    made, session, base = rig
    made.answers.answer_with = None
    async with session.post(base + "/interactions", data=COMMAND, headers=signed(COMMAND)) as response:
        assert response.status == 500
    made.answers.answer_with = NotAnInteraction
    async with session.post(base + "/interactions", data=COMMAND, headers=signed(COMMAND)) as response:
        assert response.status == 400


async def test_a_body_over_the_cap_is_413_with_or_without_a_length(rig) -> None:
    made, session, base = rig
    big = b"x" * (MAX_BODY_BYTES + 1)
    async with session.post(base + "/interactions", data=big, headers=signed(big)) as response:
        assert response.status == 413

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b"x" * (MAX_BODY_BYTES // 4)

    async with session.post(base + "/interactions", data=chunks(), headers=signed(b"")) as response:
        assert response.status == 413
    assert made.answers.seen == []


async def test_healthz_is_ok_only_while_the_replica_can_answer(rig) -> None:
    made, session, base = rig
    for ready, stopping, status, word in ((True, False, 200, "ok"), (False, False, 503, "starting")):
        made.ready, made.endpoint.stopping = ready, stopping
        async with session.get(base + "/healthz") as response:
            assert response.status == status and (await response.json())["status"] == word
    made.ready, made.endpoint.stopping = True, True
    async with session.get(base + "/healthz") as response:
        assert response.status == 503 and (await response.json())["status"] == "stopping"
