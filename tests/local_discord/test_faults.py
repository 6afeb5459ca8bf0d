"""Injected faults: the real discord.py client recovers, and every answer arrives exactly once."""

import pytest

from bench.bare_bot import HELLO, BareBot
from local_discord import LocalDiscord

from .conftest import MakeLocal

CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"


def statuses(local: LocalDiscord, route: str) -> list[int]:
    return [record.status for record in local.requests if f"{record.method} {record.route}" == route]


@pytest.mark.parametrize("close_code", [4000, None], ids=["close-frame", "cut-connection"])
async def test_dropped_gateway_resumes_and_replays_missed_events(online: LocalDiscord, close_code: int | None) -> None:
    await online.faults.drop_gateway(close_code)
    reply = await online.slash("hello")  # dispatched while the bot is disconnected: replayed on RESUME

    assert reply.content == HELLO
    assert (online.gateway.identify_count, online.gateway.resume_count) == (1, 1)


async def test_reconnect_request_makes_the_client_resume(online: LocalDiscord) -> None:
    await online.faults.send_reconnect()
    await online.wait_until(lambda: online.gateway.resume_count == 1, what="a RESUME")

    assert (await online.slash("hello")).content == HELLO
    assert online.gateway.identify_count == 1


async def test_invalid_session_makes_the_client_identify_again(online: LocalDiscord) -> None:
    await online.faults.send_invalid_session(resumable=False)
    # discord.py waits 5 seconds before a non-initial IDENTIFY.
    await online.wait_until(
        lambda: online.gateway.identify_count == 2 and online.gateway.connected, timeout=15, what="a second IDENTIFY"
    )

    assert (await online.slash("hello")).content == HELLO


async def test_silent_gateway_is_detected_and_resumed(make_local: MakeLocal) -> None:
    local = await make_local(heartbeat_interval=0.2, response_window=15.0)
    async with local.run_bot(BareBot(heartbeat_timeout=1.0)):
        local.faults.go_silent()
        reply = await local.slash("hello", timeout=15)

    assert reply.content == HELLO
    assert local.gateway.resume_count >= 1
    local.assert_no_violations()


@pytest.mark.parametrize("is_global", [False, True], ids=["route", "global"])
async def test_rate_limited_callback_is_retried_and_answers_once(online: LocalDiscord, is_global: bool) -> None:
    online.faults.rate_limit("/callback", retry_after=0.05, is_global=is_global)

    reply = await online.slash("hello")

    assert reply.content == HELLO
    assert len(reply.bodies) == 1
    assert statuses(online, CALLBACK) == [429, 200]
    assert online.faults.injected == [f"rate_limit {CALLBACK}"]


async def test_server_errors_are_retried(make_local: MakeLocal) -> None:
    local = await make_local()
    local.faults.server_error("PUT /applications", status=502)
    local.faults.server_error("/callback", status=500)
    async with local.run_bot(BareBot()):
        reply = await local.slash("hello")

    assert reply.content == HELLO
    assert statuses(local, "PUT /applications/{application_id}/commands") == [502, 200]
    assert statuses(local, CALLBACK) == [500, 200]
    assert local.faults.pending == 0


async def test_delayed_response_still_delivers(online: LocalDiscord) -> None:
    online.faults.delay("/callback", seconds=0.2)

    reply = await online.slash("hello")

    assert reply.content == HELLO
    assert online.faults.injected == [f"delay {CALLBACK}"]
