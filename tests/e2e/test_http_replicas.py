"""`python -m bot serve` as users run it: two replica processes behind the local Discord's round-robin, as behind a
load balancer, sharing one database."""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from bot.quiz.render import NEXT_LABEL, RESULTS_LABEL
from local_discord import InteractionFailed, LocalDiscord
from local_discord.replies import Reply
from tests.log_scan import leaks
from tests.storage.stored import by_command

START_TIMEOUT = 60.0
BURST = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Replica:
    def __init__(self, process: asyncio.subprocess.Process, url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log


@asynccontextmanager
async def replicas(
    local: LocalDiscord, tmp_path: Path, count: int = 2, *, shared_state: bool = False
) -> AsyncIterator[list[Replica]]:
    """`count` serve processes on one database, each on its own port; the first syncs the commands. With
    `shared_state`, quiz tallies and post limits are kept in that database (SHARED_STATE=store), not per process."""
    async with AsyncExitStack() as stack:
        started = []
        for index in range(count):
            port, log = free_port(), tmp_path / f"replica{index}.log"
            argv = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
            env = {"USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"), "LOG_LEVEL": "DEBUG"}
            if shared_state:
                env["SHARED_STATE"] = "store"
            commands = ["condition", "quiz"] if index == 0 else False  # the others find the commands in sync
            process = await stack.enter_async_context(
                local.run_process(argv, log=log, env=env, gateway=False, commands=commands, timeout=START_TIMEOUT)
            )
            started.append(Replica(process, f"http://127.0.0.1:{port}/interactions", log))
        # As Discord does when the Interactions Endpoint URL is saved: each must pass the probe first.
        await local.use_interactions_endpoints(*(r.url for r in started), timeout=START_TIMEOUT)
        yield started


def answered_once(local: LocalDiscord, replies: list[Reply]) -> bool:
    delivered = Counter(d.interaction_id for d in local.endpoints.deliveries)
    return all(delivered[r.interaction_id] == 1 and r.response_type is not None for r in replies)


def served_by(local: LocalDiscord, reply: Reply) -> str | None:
    (delivery,) = [d for d in local.endpoints.deliveries if d.interaction_id == reply.interaction_id]
    return delivery.url


async def test_two_replicas_share_the_load_answer_each_interaction_once_and_refuse_forgeries(
    local: LocalDiscord, tmp_path: Path
) -> None:
    async with replicas(local, tmp_path) as (first, second):
        for replica in (first, second):  # the probe, both ways: a signed PING gets PONG, a forged one 401
            report = await local.verify_interactions_endpoint(replica.url)
            assert report.ok and (report.signed_status, report.forged_status) == (200, 401), report.problems
        async with aiohttp.ClientSession() as session:
            stale = str(int(time.time()) - 3600)
            for headers in ({}, {"X-Signature-Ed25519": "00" * 64, "X-Signature-Timestamp": stale}):
                async with session.post(first.url, data=b'{"type": 1}', headers=headers) as response:
                    assert response.status == 401

        lookups = [("condition", {"name": "ms"}), ("compare", {"first": "gbs", "second": "cidp"})]
        replies = await asyncio.gather(*(local.slash(c, **o) for _ in range(BURST // 2) for c, o in lookups))
        assert all(reply.embeds for reply in replies)
        assert answered_once(local, replies)
        load = Counter(served_by(local, r) for r in replies)
        assert load == {first.url: BURST // 2, second.url: BURST // 2}  # round-robin: half each

        card = replies[0]
        shared = await card.click("Share here")  # the card came from one replica, the click goes to either
        assert shared.embeds == card.embeds and not shared.ephemeral
    for replica in (first, second):
        assert replica.process.returncode == 0, replica.log.read_text()
        lines = replica.log.read_text(encoding="utf-8").splitlines()
        assert leaks(lines, local.issued_identifiers()) == []
    counts = by_command(tmp_path / "bot.sqlite3")
    assert counts == {"condition": BURST // 2, "compare": BURST // 2, "share": 1}  # both wrote their counts
    local.assert_no_violations()


async def test_a_quiz_started_on_one_replica_is_answered_and_moved_on_by_the_other(
    local: LocalDiscord, tmp_path: Path
) -> None:
    async with replicas(local, tmp_path) as (first, second):
        start = await local.slash("quiz", member="olivia", questions=2)
        mo = await start.click("A", member="mo")
        sam = await start.click("B", member="sam")
        mo_again = await start.click("C", member="mo")
        moved = await start.click(NEXT_LABEL, member="sam")
    # Round-robin: the quiz, sam's answer and the next question on one replica, mo's answers on the other.
    assert [served_by(local, r) for r in (start, mo, sam, mo_again, moved)] == [first.url, second.url] * 2 + [first.url]
    # The buttons carry the quiz in their custom_id: the other replica rebuilds the question and scores it.
    for answer in (mo, sam):
        assert answer.ephemeral and answer.content.startswith(("✅ **Right!**", "❌ **Not quite.**"))
    # By default who answered first is kept per replica: mo's second answer reached the replica that scored the
    # first one, and is refused there (with SHARED_STATE=store either replica knows: the test below).
    assert mo_again.content.startswith("You already answered question 1")
    assert moved.message is start.message and start.embeds[0]["title"] == "Quiz: question 2 of 2"
    local.assert_no_violations()


async def test_with_shared_state_either_replica_knows_who_answered_first(local: LocalDiscord, tmp_path: Path) -> None:
    async with replicas(local, tmp_path, shared_state=True) as (first, second):
        start = await local.slash("quiz", member="olivia", questions=1)
        mo = await start.click("A", member="mo")
        mo_again = await start.click("B", member="mo")
        done = await start.click(RESULTS_LABEL, member="olivia")
    # Round-robin: mo's second answer reached the replica that did not score the first, and it knows from the store.
    assert [served_by(local, r) for r in (start, mo, mo_again, done)] == [first.url, second.url] * 2
    assert mo.content.startswith(("✅ **Right!**", "❌ **Not quite.**"))
    assert mo_again.content.startswith("You already answered question 1")
    assert (start.embeds[0].get("description") or "").startswith("1 person answered.")  # one tally, both replicas
    assert not start.components  # results carry no review button: the store never keeps who got what wrong
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("bot.sqlite3*"))
    assert local.world.user("mo").id.encode() not in stored  # members only as keyed hashes
    local.assert_no_violations()


async def test_a_replica_killed_mid_burst_fails_only_what_it_was_answering(local: LocalDiscord, tmp_path: Path) -> None:
    async with replicas(local, tmp_path) as (first, second):
        seen_before = await asyncio.gather(*(local.slash("condition", name="ms") for _ in range(4)))  # on both
        # Frozen mid-work: its kernel still accepts the connections the local Discord opens, nothing answers them.
        second.process.send_signal(signal.SIGSTOP)
        burst = [asyncio.ensure_future(local.slash("condition", name="gbs")) for _ in range(BURST)]
        done: set[asyncio.Future[Reply]] = set()
        while len(done) < BURST // 2:  # the first replica's half answered: the other half is in flight on the second
            finished, _ = await asyncio.wait(set(burst) - done, return_when=asyncio.FIRST_COMPLETED)
            done |= finished
        second.process.kill()  # SIGKILL: the requests it had accepted are cut off
        outcomes = await asyncio.gather(*burst, return_exceptions=True)
        after = [await local.slash("condition", name="lupus") for _ in range(6)]
    answered = [o for o in outcomes if isinstance(o, Reply)]
    failed = [o for o in outcomes if not isinstance(o, Reply)]
    # What people saw stays: every answer given before the kill is still there, whole.
    assert all(reply.embeds and reply.message and not reply.message.deleted for reply in seen_before)
    # Exactly the interactions the killed replica had accepted failed, as on Discord ("This interaction failed");
    # the rest were answered by the other replica, and so is everything after: a load balancer skips a dead one.
    assert len(answered) == len(failed) == BURST // 2 and all(r.embeds for r in answered)
    for failure in failed:
        assert isinstance(failure, InteractionFailed)
        assert [(v.route, v.status) for v in failure.rejections] == [(second.url, 0)]
    assert answered_once(local, answered + after)
    assert {served_by(local, r) for r in answered + after} == {first.url}
    assert {v.route for v in local.violations} == {second.url}
    assert first.process.returncode == 0


@pytest.mark.parametrize(
    ("environment", "problem"),
    [
        ({"DISCORD_PUBLIC_KEY": ""}, "DISCORD_PUBLIC_KEY is not set"),
        ({"DISCORD_PUBLIC_KEY": "not-a-key"}, "DISCORD_PUBLIC_KEY must be 64 hexadecimal characters"),
    ],
)
async def test_serve_without_a_valid_public_key_stops_with_one_line(
    local: LocalDiscord, tmp_path: Path, environment: dict[str, str], problem: str
) -> None:
    env = {
        "DISCORD_TOKEN": "a-token",
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"),
        "PATH": "/usr/bin:/bin",
        **environment,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, error = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2
    (line,) = error.decode().splitlines()
    assert problem in line
