"""Starting sessions as Discord rules it across processes: GET /gateway/bot's shards and session_start_limit,
identify buckets (shard_id % max_concurrency, one start a bucket per interval, a faster one gets op 9), the
session-start limit (spent: every session terminated, the token reset), and which shards have live sessions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from local_discord import LocalDiscord
from local_discord.shards import shard_of

from .conftest import MakeLocal
from .gateway_client import TOKEN, RawGateway, gateway

IDENTIFY, RESUME, INVALID_SESSION = 2, 6, 9
NOT_RESUMABLE = {"op": INVALID_SESSION, "d": False, "s": None, "t": None}
BOT = {"Authorization": f"Bot {TOKEN}"}
DAY_MS = 24 * 60 * 60 * 1000


class FakeClock:
    """The session-start rules' clock, moved by the test instead of by waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(local: LocalDiscord) -> FakeClock:
    fake = FakeClock()
    local.session_starts.clock = fake
    return fake


async def gateway_bot(local: LocalDiscord) -> dict[str, Any]:
    async with aiohttp.ClientSession() as http, http.get(f"{local.api_base_url}/gateway/bot", headers=BOT) as answer:
        assert answer.status == 200
        return await answer.json()


async def identify(client: RawGateway, shard: list[int] | None = None, *, fresh: bool = True) -> dict[str, Any]:
    """IDENTIFY (on a fresh connection: after its HELLO) and the first frame that answers it."""
    if fresh:
        await client.receive()
    await client.identify(**({"shard": shard} if shard is not None else {}))
    return await client.receive()


@pytest.fixture
async def two_clients(local: LocalDiscord) -> AsyncIterator[tuple[RawGateway, RawGateway]]:
    async with gateway(local) as first, gateway(local) as second:
        yield first, second


async def test_gateway_bot_reports_discords_defaults_and_counts_sessions_started(local: LocalDiscord) -> None:
    before = await gateway_bot(local)
    async with gateway(local) as client:
        assert (await identify(client))["t"] == "READY"
        after = await gateway_bot(local)

    assert before["shards"] == 1
    discords_defaults = {"total": 1000, "remaining": 1000, "reset_after": DAY_MS, "max_concurrency": 1}
    assert before["session_start_limit"] == discords_defaults
    assert after["session_start_limit"]["remaining"] == 999
    assert 0 < after["session_start_limit"]["reset_after"] <= DAY_MS


async def test_what_gateway_bot_reports_is_configurable(make_local: MakeLocal) -> None:
    local = await make_local(recommended_shards=4, max_concurrency=2)
    local.session_starts.configure(total=2000, remaining=7, reset_after=60)

    reported = await gateway_bot(local)

    assert reported["shards"] == 4
    limit = reported["session_start_limit"]
    assert (limit["total"], limit["remaining"], limit["max_concurrency"]) == (2000, 7, 2)
    assert 0 < limit["reset_after"] <= 60_000
    assert local.state.output_issues == []  # the answer fits the spec's GatewayBotResponse


async def test_a_second_start_in_the_same_bucket_too_soon_gets_invalid_session(
    local: LocalDiscord, clock: FakeClock, two_clients: tuple[RawGateway, RawGateway]
) -> None:
    first, second = two_clients
    assert (await identify(first, [0, 2]))["t"] == "READY"

    assert await identify(second, [1, 2]) == NOT_RESUMABLE  # max_concurrency 1: shards 0 and 1 share bucket 0
    assert local.gateway.identified_too_fast == [(1, 2)]
    assert local.session_starts.remaining == 999  # a refused IDENTIFY starts no session
    assert local.gateway.live_shards() == {(0, 2): 1}

    clock.advance(local.session_starts.identify_interval)
    assert (await identify(second, [1, 2], fresh=False))["t"] == "READY"  # the same connection may try again
    assert local.gateway.live_shards() == {(0, 2): 1, (1, 2): 1}


async def test_shards_in_different_buckets_start_together(make_local: MakeLocal) -> None:
    local = await make_local(max_concurrency=2)
    local.session_starts.clock = FakeClock()
    async with gateway(local) as zero, gateway(local) as one, gateway(local) as two:
        assert (await identify(zero, [0, 4]))["t"] == "READY"  # bucket 0
        assert (await identify(one, [1, 4]))["t"] == "READY"  # bucket 1
        assert await identify(two, [2, 4]) == NOT_RESUMABLE  # 2 % 2: bucket 0 again, too soon

    assert local.gateway.identified_too_fast == [(2, 4)]
    assert local.session_starts.rate_limit_key(3) == 1


async def test_a_resume_is_no_session_start(local: LocalDiscord, clock: FakeClock) -> None:
    async with gateway(local) as client:
        assert (await identify(client))["t"] == "READY"
        await client.drop()  # leaves the session resumable
    session = local.gateway.sessions[0]
    async with gateway(local) as client:
        await client.receive()
        await client.send(RESUME, {"token": TOKEN, "session_id": session.id, "seq": session.seq})
        assert (await client.receive_dispatch("RESUMED"))["t"] == "RESUMED"

    assert local.session_starts.remaining == 999
    assert local.gateway.identified_too_fast == []


async def test_an_identify_past_the_limit_ends_every_session_and_resets_the_token(
    local: LocalDiscord, clock: FakeClock, two_clients: tuple[RawGateway, RawGateway]
) -> None:
    running, late = two_clients
    assert (await identify(running))["t"] == "READY"
    local.session_starts.configure(remaining=0)
    clock.advance(local.session_starts.identify_interval)

    await late.receive()
    await late.identify()

    assert await late.closed_with() == 4004
    assert await running.closed_with() == 4004  # the session already running is terminated too
    assert local.gateway.sessions == []
    assert [(v.route, v.code) for v in local.violations] == [("IDENTIFY", 4004)]
    async with aiohttp.ClientSession() as http, http.get(f"{local.api_base_url}/users/@me", headers=BOT) as answer:
        assert answer.status == 401  # the reset token no longer works anywhere
    async with gateway(local) as again:
        await again.receive()
        await again.identify()
        assert await again.closed_with() == 4004


async def test_the_allowance_comes_back_after_reset_after(local: LocalDiscord, clock: FakeClock) -> None:
    local.session_starts.configure(remaining=0, reset_after=30)
    assert (await gateway_bot(local))["session_start_limit"]["remaining"] == 0

    clock.advance(30)

    assert (await gateway_bot(local))["session_start_limit"]["remaining"] == 1000
    async with gateway(local) as client:
        assert (await identify(client))["t"] == "READY"
    assert local.violations == []


async def test_live_shards_count_sessions_per_shard_and_remember_the_peak(make_local: MakeLocal) -> None:
    local = await make_local(identify_interval=0)
    async with gateway(local) as zero, gateway(local) as one:
        assert (await identify(zero, [0, 2]))["t"] == "READY"
        assert (await identify(one, [1, 2]))["t"] == "READY"
        await local.wait_until_shards_connected(2)
        async with gateway(local) as duplicate:
            assert (await identify(duplicate, [1, 2]))["t"] == "READY"
            assert local.gateway.live_shards() == {(0, 2): 1, (1, 2): 2}
            await duplicate.ws.close(code=1000)
        await local.wait_until(lambda: local.gateway.live_shards()[(1, 2)] == 1, what="the duplicate to leave")

        assert local.gateway.live_shards() == {(0, 2): 1, (1, 2): 1}
        assert local.gateway.peak_live_sessions == {(0, 2): 1, (1, 2): 2}


async def test_eight_guilds_on_four_shards(make_local: MakeLocal) -> None:
    local = await make_local(guild_count=8, recommended_shards=4, max_concurrency=4)
    guilds = local.world.guilds
    assert [guild.key for guild in guilds] == ["study", "support", "clinic", *(f"guild{i}" for i in range(3, 8))]
    assert [shard_of(guild.id, 4) for guild in guilds] == [i % 4 for i in range(8)]

    async with (
        gateway(local) as a,
        gateway(local) as b,
        gateway(local) as c,
        gateway(local) as d,
    ):
        readies = [await identify(client, [shard, 4]) for shard, client in enumerate((a, b, c, d))]

    by_shard = [[guild["id"] for guild in ready["d"]["guilds"]] for ready in readies]
    assert by_shard == [[guilds[i].id, guilds[i + 4].id] for i in range(4)]
    assert (await gateway_bot(local))["shards"] == 4
