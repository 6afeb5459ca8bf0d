"""REST as Discord answers it: authorization, JSON errors for unknown routes, rate-limit headers and 429s,
single-command routes and command caps, the interaction webhook, and no token in the emulator's own records."""

from __future__ import annotations

import gc
import weakref
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from local_discord import LocalDiscord

from .conftest import TOKEN, MakeLocal

BOT = {"Authorization": f"Bot {TOKEN}"}
RATE_LIMIT_HEADERS = {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After"}


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession, method: str, url: str, *, headers: dict[str, str] | None = BOT, json: Any = None
) -> tuple[int, Any, dict[str, str]]:
    async with http.request(method, url, headers=headers, json=json) as response:
        body = await response.json(content_type=None) if response.status != 204 else None
        return response.status, body, dict(response.headers)


@pytest.mark.parametrize("authorization", [TOKEN, f"Bearer {TOKEN}", "Bot wrong", None])
async def test_only_bot_and_the_token_authorize(
    local: LocalDiscord, http: aiohttp.ClientSession, authorization
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    status, body, _ = await call(http, "GET", f"{local.api_base_url}/users/@me", headers=headers)

    assert (status, body) == (401, {"message": "401: Unauthorized", "code": 0})


@pytest.mark.parametrize(
    ("method", "path", "status", "message"),
    [
        ("GET", "/api/v10/no/such/route", 404, "404: Not Found"),
        ("GET", "/api/v9/users/@me", 404, "404: Not Found"),
        ("GET", "/favicon.ico", 404, "404: Not Found"),
        ("DELETE", "/api/v10/users/@me", 405, "405: Method Not Allowed"),
    ],
)
async def test_unknown_routes_and_methods_answer_in_json(
    local: LocalDiscord, http: aiohttp.ClientSession, method: str, path: str, status: int, message: str
) -> None:
    got, body, headers = await call(http, method, local.api_base_url.removesuffix("/api/v10") + path)

    assert (got, body) == (status, {"message": message, "code": 0})
    assert headers["Content-Type"] == "application/json"


async def test_an_unknown_route_with_a_token_in_it_is_recorded_without_the_token(
    local: LocalDiscord, http: aiohttp.ClientSession
) -> None:
    secret = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpTRUNSRVQ" * 2
    await call(http, "POST", f"{local.api_base_url}/interactions/1234/{secret}/callbackz", json={"type": 1})

    (violation,) = local.violations
    assert violation.route == "/interactions/1234/{redacted}/callbackz"
    assert all(secret not in record.route for record in local.requests)
    local.violations.clear()


async def test_ordinary_answers_carry_rate_limit_headers(local: LocalDiscord, http: aiohttp.ClientSession) -> None:
    status, _, headers = await call(http, "GET", f"{local.api_base_url}/users/@me")

    assert status == 200
    assert RATE_LIMIT_HEADERS | {"X-RateLimit-Bucket"} <= set(headers)


async def test_a_spent_bucket_answers_429_with_discords_body(local: LocalDiscord, http: aiohttp.ClientSession) -> None:
    local.server.limiter.clock = lambda: 0.0  # time stands still: the bucket cannot refill mid-test
    channel = local.world.guilds[0].channels[0].id
    url = f"{local.api_base_url}/channels/{channel}/messages"
    statuses = [(await call(http, "POST", url, json={"content": f"n{n}"}))[0] for n in range(5)]
    status, body, headers = await call(http, "POST", url, json={"content": "one too many"})

    assert statuses == [200] * 5
    assert status == 429
    assert body == {"message": "You are being rate limited.", "retry_after": 5.0, "global": False, "code": 0}
    assert headers["X-RateLimit-Remaining"] == "0" and headers["Retry-After"] == "5"
    assert headers["X-RateLimit-Scope"] == "user"
    local.assert_no_violations()  # a 429 is Discord's answer, not a refusal of what was sent


async def test_rate_limits_can_be_switched_off(make_local: MakeLocal, http: aiohttp.ClientSession) -> None:
    local = await make_local(rate_limits=False)
    _, _, headers = await call(http, "GET", f"{local.api_base_url}/users/@me")

    assert not RATE_LIMIT_HEADERS & set(headers)


@pytest.mark.parametrize("guild", [False, True], ids=["global", "guild"])
async def test_single_command_routes(local: LocalDiscord, http: aiohttp.ClientSession, guild: bool) -> None:
    scope = f"/guilds/{local.world.guilds[0].id}" if guild else ""
    commands = f"{local.api_base_url}/applications/{local.application_id}{scope}/commands"
    command = {"name": "hello", "description": "Say hello.", "type": 1}

    created, first, _ = await call(http, "POST", commands, json=command)
    again, second, _ = await call(http, "POST", commands, json=command | {"description": "Say hi."})
    one = f"{commands}/{first['id']}"
    edited, patched, _ = await call(http, "PATCH", one, json={"description": "Hello!"})
    fetched, got, _ = await call(http, "GET", one)
    deleted, _, _ = await call(http, "DELETE", one)
    gone, missing, _ = await call(http, "GET", one)

    assert (created, again, edited, fetched, deleted, gone) == (201, 200, 200, 200, 204, 404)
    assert second["id"] == first["id"] and second["description"] == "Say hi."
    assert (patched["name"], patched["description"]) == ("hello", "Hello!")
    assert got == patched
    assert missing == {"message": "Unknown application command", "code": 10063}
    assert local.commands.sync_count == 4  # every write counts towards readiness
    local.violations.clear()


async def test_more_than_100_chat_input_commands_are_refused(local: LocalDiscord, http: aiohttp.ClientSession) -> None:
    commands = f"{local.api_base_url}/applications/{local.application_id}/commands"
    many = [{"name": f"c{n}", "description": "x"} for n in range(101)]

    bulk, body, _ = await call(http, "PUT", commands, json=many)
    full, _, _ = await call(http, "PUT", commands, json=many[:100])
    one_more, refused, _ = await call(http, "POST", commands, json={"name": "c100", "description": "x"})

    assert (bulk, body["code"]) == (400, 30032)
    assert full == 200
    assert (one_more, refused["code"]) == (400, 30032)
    local.violations.clear()


async def test_a_command_over_8000_characters_is_refused(local: LocalDiscord, http: aiohttp.ClientSession) -> None:
    choices = [{"name": f"choice {n}", "value": "v" * 100} for n in range(25)]
    options = [{"type": 3, "name": f"o{n}", "description": "d" * 100, "choices": choices} for n in range(4)]
    url = f"{local.api_base_url}/applications/{local.application_id}/commands"

    status, body, _ = await call(http, "POST", url, json={"name": "big", "description": "x", "options": options})

    assert (status, body["code"]) == (400, 50035)
    assert body["errors"]["_errors"][0]["code"] == "APPLICATION_COMMAND_TOO_LARGE"
    local.violations.clear()


async def test_an_interaction_token_names_the_applications_webhook(
    online: LocalDiscord, http: aiohttp.ClientSession
) -> None:
    reply = await online.slash("hello")
    url = f"{online.api_base_url}/webhooks/{online.application_id}/{reply.token}"

    status, webhook, _ = await call(http, "GET", url, headers=None)

    assert status == 200
    assert (webhook["type"], webhook["application_id"], webhook["channel_id"]) == (
        3,
        online.application_id,
        reply.actor.channel.id,
    )


async def test_a_closed_local_discord_is_not_kept_alive(local: LocalDiscord, http: aiohttp.ClientSession) -> None:
    """aiohttp caches every app's middleware-wrapped handlers module-wide; a closed server's app (its routes hold
    the whole emulator) must not stay in that cache, or a test session keeps hundreds of them alive and a full
    garbage collection takes seconds, long enough to miss an interaction's 3-second window."""
    status, _, _ = await call(http, "GET", f"{local.api_base_url}/users/@me")
    assert status == 200
    runner = local.server._runner
    assert runner is not None
    app = weakref.ref(runner.app)
    del runner
    await local.close()
    gc.collect()
    assert app() is None
