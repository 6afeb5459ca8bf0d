"""The gateway as Discord documents it, spoken to frame by frame: frame shape, compression, encodings, close codes,
limits on what a client sends, heartbeat timeouts, resuming, and shards."""

from __future__ import annotations

import json
import zlib

import pytest

from local_discord import LocalDiscord
from local_discord.shards import shard_of

from .conftest import MakeLocal
from .gateway_client import GUILDS, TOKEN, gateway

HEARTBEAT, IDENTIFY, RESUME, REQUEST_MEMBERS, HELLO, ACK, INVALID_SESSION = 1, 2, 6, 8, 10, 11, 9
GUILD_MEMBERS_INTENT = 1 << 1


async def test_every_frame_carries_op_d_s_and_t(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        hello = await client.receive()
        await client.send(HEARTBEAT, None)
        ack = await client.receive()
        await client.identify()
        ready = await client.receive()

    assert (hello["op"], hello["s"], hello["t"]) == (HELLO, None, None)
    assert ack == {"op": ACK, "d": None, "s": None, "t": None}
    assert (ready["op"], ready["s"], ready["t"]) == (0, 1, "READY")


@pytest.mark.parametrize("compress", ["zlib-stream", "zstd-stream"])
async def test_transport_compression_runs_one_context_for_every_frame(local: LocalDiscord, compress: str) -> None:
    async with gateway(local, f"?v=10&encoding=json&compress={compress}") as client:
        await client.receive()
        await client.identify()
        ready = await client.receive()
        guilds = [await client.receive() for _ in local.world.guilds]

    assert ready["t"] == "READY"
    assert [frame["t"] for frame in guilds] == ["GUILD_CREATE"] * len(local.world.guilds)
    assert client.binary_frames == 2 + len(local.world.guilds)


async def test_binary_client_frames_are_read_as_json(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.send(HEARTBEAT, None, binary=True)
        assert (await client.receive())["op"] == ACK


async def test_payload_compression_zlib_compresses_dispatches(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify(compress=True)
        message = await client.ws.receive()

    assert json.loads(zlib.decompress(message.data))["t"] == "READY"


@pytest.mark.parametrize(
    "query",
    ["?v=10&encoding=etf", "?v=8&encoding=json", "?encoding=json", "?v=10&encoding=json&compress=brotli"],
    ids=["etf", "old-version", "no-version", "unknown-compression"],
)
async def test_what_the_local_discord_cannot_speak_is_refused_with_4012(local: LocalDiscord, query: str) -> None:
    async with gateway(local, query) as client:
        assert await client.closed_with() == 4012
    assert local.gateway.closes[-1][0] == 4012


@pytest.mark.parametrize(
    ("frames", "code"),
    [
        ([(99, None)], 4001),
        ([(HEARTBEAT, "x" * 5000)], 4002),
        ([(REQUEST_MEMBERS, {"guild_id": "1"})], 4003),
        ([(IDENTIFY, "not an object")], 4002),
    ],
    ids=["unknown-opcode", "over-4096-bytes", "not-authenticated", "bad-identify"],
)
async def test_bad_frames_close_with_discords_codes(local: LocalDiscord, frames: list, code: int) -> None:
    async with gateway(local) as client:
        await client.receive()
        for op, data in frames:
            await client.send(op, data)
        assert await client.closed_with() == code


async def test_undecodable_json_closes_with_4002(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.ws.send_str("{not json")
        assert await client.closed_with() == 4002


@pytest.mark.parametrize(
    ("identify", "code"),
    [
        ({"token": "wrong"}, 4004),
        ({"shard": [2, 2]}, 4010),
        ({"shard": [0]}, 4010),
        ({"intents": 1 << 30}, 4013),
        ({"intents": "1"}, 4013),
        ({"intents": GUILDS | GUILD_MEMBERS_INTENT}, 4014),
    ],
    ids=[
        "wrong-token",
        "shard-out-of-range",
        "shard-malformed",
        "unknown-intent",
        "intents-not-a-number",
        "privileged",
    ],
)
async def test_a_bad_identify_closes_with_discords_code(local: LocalDiscord, identify: dict, code: int) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify(**identify)
        assert await client.closed_with() == code


async def test_a_privileged_intent_switched_on_for_the_app_is_allowed(local: LocalDiscord) -> None:
    local.world.privileged_intents = GUILD_MEMBERS_INTENT
    async with gateway(local) as client:
        await client.receive()
        await client.identify(intents=GUILDS | GUILD_MEMBERS_INTENT)
        assert (await client.receive())["t"] == "READY"


async def test_a_second_identify_closes_with_4005(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        await client.identify()
        assert await client.closed_with() == 4005


async def test_too_many_guilds_for_one_session_needs_shards(make_local: MakeLocal) -> None:
    local = await make_local(guilds_per_shard=2)
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        assert await client.closed_with() == 4011
    async with gateway(local) as client:
        await client.receive()
        await client.identify(shard=[0, 2])
        ready = await client.receive()
    assert ready["d"]["shard"] == [0, 2]


async def test_more_than_120_frames_a_minute_closes_with_4008(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        for _ in range(121):
            await client.send(HEARTBEAT, None)
        assert await client.closed_with() == 4008


async def test_a_client_that_stops_heartbeating_is_closed_and_its_session_ends(make_local: MakeLocal) -> None:
    local = await make_local(heartbeat_interval=0.05, heartbeat_grace=0.05)
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        ready = await client.receive_dispatch("READY")
        assert await client.closed_with() == 4009
    async with gateway(local) as client:
        await client.receive()
        await client.send(RESUME, {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": ready["s"]})
        assert await client.receive() == {"op": INVALID_SESSION, "d": False, "s": None, "t": None}


async def test_resume_replays_what_was_missed_then_says_resumed(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        ready = await client.receive_dispatch("READY")
        await client.drop()
    await local.gateway.dispatch("TEST_EVENT", {"n": 1})  # while no connection is open: kept for the RESUME
    async with gateway(local) as client:
        await client.receive()
        await client.send(RESUME, {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": ready["s"]})
        replayed = [await client.receive() for _ in range(len(local.world.guilds) + 2)]

    assert [frame["t"] for frame in replayed] == ["GUILD_CREATE"] * len(local.world.guilds) + ["TEST_EVENT", "RESUMED"]
    assert [frame["s"] for frame in replayed] == list(range(2, len(replayed) + 2))


async def test_a_resume_from_a_seq_never_sent_closes_with_4007(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        ready = await client.receive_dispatch("READY")
        await client.drop()
    async with gateway(local) as client:
        await client.receive()
        await client.send(RESUME, {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": 10_000})
        assert await client.closed_with() == 4007


async def test_a_session_closed_with_1000_cannot_be_resumed(local: LocalDiscord) -> None:
    async with gateway(local) as client:
        await client.receive()
        await client.identify()
        ready = await client.receive_dispatch("READY")
        await client.ws.close(code=1000)
    async with gateway(local) as client:
        await client.receive()
        await client.send(RESUME, {"token": TOKEN, "session_id": ready["d"]["session_id"], "seq": ready["s"]})
        assert (await client.receive())["op"] == INVALID_SESSION


async def test_each_shard_gets_its_own_guilds_and_dms_go_to_shard_0(make_local: MakeLocal) -> None:
    local = await make_local(identify_interval=0)  # three sessions start at once (buckets: test_session_starts.py)
    guilds = local.world.guilds
    async with gateway(local) as zero, gateway(local) as one, gateway(local) as twin:
        for client, shard in ((zero, [0, 2]), (one, [1, 2]), (twin, [1, 2])):
            await client.receive()
            await client.identify(shard=shard)
        readies = [await client.receive_dispatch("READY") for client in (zero, one, twin)]
        on_one = next(guild for guild in guilds if shard_of(guild.id, 2) == 1)
        await local.gateway.dispatch("TEST_EVENT", {"guild_id": on_one.id}, guild_id=on_one.id)
        await local.gateway.dispatch("TEST_DM", {})

        assert [g["id"] for g in readies[0]["d"]["guilds"]] == [g.id for g in guilds if shard_of(g.id, 2) == 0]
        assert [g["id"] for g in readies[1]["d"]["guilds"]] == [on_one.id]
        for client in (one, twin):  # a second session on the same shard receives the same events
            assert (await client.receive_dispatch("TEST_EVENT"))["d"] == {"guild_id": on_one.id}
        assert (await zero.receive_dispatch("TEST_DM"))["t"] == "TEST_DM"
        assert [session.shard for session in local.gateway.sessions] == [(0, 2), (1, 2), (1, 2)]
