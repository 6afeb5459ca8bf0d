"""Two `python -m bot` processes as clusters 0 and 1 of one bot, sharing one real PostgreSQL, against one local
Discord with 8 servers on 4 shards: every interaction answered once, the counts in PostgreSQL equal to the answers,
settings changes reaching the other processes, a duplicate shard refused, and a killed cluster's servers left to it
while the other keeps answering its own (then taken over by the process that waited for them).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from local_discord import LocalDiscord
from local_discord.world import Guild
from tests.e2e.conftest import TOKEN
from tests.e2e.polling import poll_until
from tests.storage.stored import POSTGRES_TOTALS

SHARDS, CLUSTERS = 4, 2
START_TIMEOUT = 90.0  # four identify turns of 5.5 s, plus starting Python twice on a busy machine
PER_SERVER = 6
SERVER_KEY = "ab" * 32  # every process sharing a database needs the same secret


def environment(tmp_path: Path, index: int, database_url: str) -> dict[str, str]:
    folder = tmp_path / f"process-{index}-{os.urandom(2).hex()}"
    return {
        "SHARD_COUNT": str(SHARDS),
        "CLUSTER_COUNT": str(CLUSTERS),
        "CLUSTER_INDEX": str(index),
        "DATABASE_URL": database_url,
        "SERVER_KEY": SERVER_KEY,
        "USAGE_DB_PATH": str(folder / "unused.sqlite3"),  # the heartbeat goes beside it; no SQLite is opened
        "LOG_LEVEL": "DEBUG",
    }


@asynccontextmanager
async def waiting_process(
    local: LocalDiscord, env: dict[str, str], log: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """A bot process whose start the harness does not wait for (it is expected to wait itself)."""
    environ = {
        **os.environ,
        **env,
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
    }
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", env=environ, stdout=output, stderr=output, cwd=log.parent
        )
        try:
            yield process
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 30)


def servers_of(local: LocalDiscord, cluster: int) -> list[Guild]:
    return [g for g in local.world.guilds if (int(g.id) >> 22) % SHARDS % CLUSTERS == cluster]


async def lookups(local: LocalDiscord, guilds: list[Guild]) -> list[object]:
    return list(
        await asyncio.gather(
            *(local.slash("condition", guild=g, member=g.owner, name="ms") for g in guilds for _ in range(PER_SERVER))
        )
    )


async def stored_counts(database_url: str) -> Counter[str]:
    conn = await asyncpg.connect(database_url)
    try:
        return Counter({row[0]: int(row[1]) for row in await conn.fetch(POSTGRES_TOTALS)})
    finally:
        await conn.close()


def answered(local: LocalDiscord) -> Counter[str]:
    return Counter(r.payload["data"]["name"] for r in local.replies.values() if r.response_type is not None)


def logged(path: Path, text: str) -> bool:
    return text in path.read_text(errors="replace")


async def test_two_clusters_share_the_servers_the_counts_and_the_settings(
    spec_path: Path, tmp_path: Path, postgres_url: str
) -> None:
    async with LocalDiscord(
        token=TOKEN, spec_path=spec_path, guild_count=8, recommended_shards=SHARDS, reply_timeout=10.0
    ) as local:
        assert len(local.world.guilds) == 8

        def cluster(index: int, log: Path):  # cluster 0 syncs the commands; cluster 1 never does
            env = environment(tmp_path, index, postgres_url)
            return local.run_process(
                [sys.executable, "-m", "bot"], log=log, env=env, commands=index == 0, timeout=START_TIMEOUT
            )

        first_log, second_log, standby_log = (tmp_path / name for name in ("cluster0.log", "cluster1.log", "s.log"))
        async with cluster(0, first_log), cluster(1, second_log) as second:
            await local.wait_until_shards_connected(SHARDS, timeout=START_TIMEOUT)
            assert local.gateway.live_shards() == {(shard, SHARDS): 1 for shard in range(SHARDS)}

            # A burst across every server: each answered once, by the cluster that runs its shard.
            replies = await lookups(local, list(local.world.guilds))
            assert len(replies) == 8 * PER_SERVER and all(r.embeds for r in replies)  # type: ignore[attr-defined]
            local.assert_no_violations()  # a second answer to any interaction would be a 40060 here

            # Every answer is counted in PostgreSQL, once: both clusters add to the same rows.
            async def counted() -> bool:
                return (await stored_counts(postgres_url))["condition"] == answered(local)["condition"]

            await _until(counted, "the counts in PostgreSQL to equal the answers")

            # One person's public posts count towards one limit, whichever cluster posts them (the shared store).
            study, guild3 = local.world.guild("study"), local.world.guild("guild3")  # clusters 0 and 1
            posts = [
                await local.slash("card", guild=g, member="olivia", condition="ms") for g in (study, study, guild3)
            ]
            refused = await local.slash("card", guild=guild3, member="olivia", condition="gbs")
            assert all(p.embeds and not p.ephemeral for p in posts)
            assert not refused.embeds and "Please wait" in refused.content

            # A third process for cluster 1's shards is refused while cluster 1 runs them, and waits.
            env = environment(tmp_path, 1, postgres_url)
            async with waiting_process(local, env, standby_log) as standby:
                await poll_until(
                    lambda: logged(standby_log, "Not connecting shards 1, 3 of 4: another process runs"),
                    "the standby to refuse the shards",
                    timeout=START_TIMEOUT,
                    every=0.2,
                )
                assert local.gateway.live_shards() == {(shard, SHARDS): 1 for shard in range(SHARDS)}

                # A settings change made through cluster 1 reaches the other processes without a restart.
                support = local.world.guilds[1]  # shard 1: cluster 1's
                saved = await local.slash("settings", guild=support, member=support.owner, lookups="public")
                assert saved.embeds
                for log in (first_log, standby_log):
                    await poll_until(
                        lambda log=log: logged(log, "Server settings changed (here or in another process)"),
                        "the other processes to reload the settings",
                        timeout=10,
                        every=0.1,
                    )

                # Cluster 1 is killed outright: cluster 0 keeps answering its own servers meanwhile.
                second.kill()
                await second.wait()
                own = await lookups(local, servers_of(local, 0))
                assert all(r.embeds for r in own)  # type: ignore[attr-defined]

                # Its lease runs out; the waiting process takes shards 1 and 3, and obeys the change it learned.
                await local.wait_until_shards_connected(SHARDS, timeout=START_TIMEOUT)
                public = await local.slash("condition", guild=support, member=support.owner, name="ms")
                assert public.embeds and not public.ephemeral
                assert standby.returncode is None
        # Stopped (SIGTERM) they wrote what they still held: still every lookup once, cluster 1's last ones included.
        assert (await stored_counts(postgres_url))["condition"] == answered(local)["condition"]
        assert max(local.gateway.peak_live_sessions.values()) == 1  # no shard ever ran twice
        assert local.gateway.identified_too_fast == []  # the processes took turns, through PostgreSQL
        local.assert_no_violations()
    assert "Traceback" not in first_log.read_text() + standby_log.read_text()


async def _until(check, what: str, timeout: float = 30.0) -> None:
    """Like poll_until, for a check that must await (a query)."""
    try:
        async with asyncio.timeout(timeout):
            while not await check():
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None
