"""Real discord.py bots against the session-start rules: an AutoShardedBot asks GET /gateway/bot how many shards to
run, each shard identifies within the identify buckets and gets its own guilds, and each guild's interactions
reach the shard that has it; a bot restarted within the identify interval is told to identify later and does."""

from __future__ import annotations

from typing import Any

from discord.ext import commands

from bench.bare_bot import HELLO, BareBot
from local_discord import LocalDiscord
from local_discord.shards import shard_of

from .conftest import MakeLocal

SHARDS = 2


class ShardedBareBot(BareBot, commands.AutoShardedBot):
    """The bare bot's commands on discord.py's AutoShardedBot."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before every shard but the first; with max_concurrency 2 both may start at once."""


def receivers_of(local: LocalDiscord, interaction_id: str) -> list[tuple[int, int]]:
    """The shards of the sessions the interaction was dispatched to."""
    return [
        session.shard
        for session in local.gateway.sessions
        if any(f["t"] == "INTERACTION_CREATE" and f["d"]["id"] == interaction_id for f in session.history)
    ]


async def test_an_auto_sharded_bot_runs_the_recommended_shards(make_local: MakeLocal) -> None:
    local = await make_local(guild_count=4, recommended_shards=SHARDS, max_concurrency=SHARDS)
    bot = ShardedBareBot()
    async with local.run_bot(bot):
        await local.wait_until_shards_connected(SHARDS)
        answered: dict[int, Any] = {}
        for guild in local.world.guilds:
            answered[shard_of(guild.id, SHARDS)] = await local.slash("hello", guild=guild, member=guild.owner)
        receivers = {shard_id: receivers_of(local, reply.interaction_id) for shard_id, reply in answered.items()}

    assert bot.shard_count == SHARDS  # what GET /gateway/bot recommended
    assert sorted(answered) == [0, 1] and all(reply.content == HELLO for reply in answered.values())
    assert receivers == {0: [(0, SHARDS)], 1: [(1, SHARDS)]}  # each interaction went to its guild's shard only
    assert local.gateway.identified_too_fast == []  # two buckets: both shards started together
    assert local.gateway.peak_live_sessions == {(0, SHARDS): 1, (1, SHARDS): 1}
    assert local.session_starts.remaining == local.session_starts.total - SHARDS
    local.assert_no_violations()


async def test_a_bot_restarted_at_once_is_told_to_wait_and_starts_after_the_interval(local: LocalDiscord) -> None:
    async with local.run_bot(BareBot()):
        pass
    # Within 5 s of the first IDENTIFY: op 9, discord.py waits 5 s and identifies again; the harness allows for it.
    async with local.run_bot(BareBot()):
        reply = await local.slash("hello")

    assert reply.content == HELLO
    assert local.gateway.identified_too_fast == [(0, 1)]
    assert local.gateway.identify_count == 2
    local.assert_no_violations()
