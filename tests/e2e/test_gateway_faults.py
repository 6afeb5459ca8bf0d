"""Gateway faults in the middle of a burst of interactions, with our real bot: a silent (zombie) connection, RECONNECT
(op 7), INVALID_SESSION resumable and not, and a cut connection. The bot reconnects or resumes and keeps answering;
every interaction sent gets exactly one answer, and the usage counts written at shutdown are exactly those answers.

A plain drop with one command after it is in test_resilience.py.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.gateway import build_bot
from bot.knowledge.base import KnowledgeBase
from local_discord import LocalDiscord
from local_discord.replies import Reply
from tests.e2e.conftest import REPLY_TIMEOUT, TOKEN
from tests.e2e.polling import poll_until
from tests.storage.stored import by_command

# Discord's 41.25 s heartbeat, scaled down so a zombie connection is noticed in a test's time.
HEARTBEAT_INTERVAL = 0.25
# discord.py's own default is 60 s; scaled down the same way, and still above one interval (below it, an idle but
# healthy connection would look dead).
HEARTBEAT_TIMEOUT = 0.6
IDENTIFY_TIMEOUT = 15.0  # discord.py waits 5 s before identifying again after an invalidated session
HOLD = 0.3  # seconds Discord holds the first half's answers, so the fault lands while they are in flight

# Commands that count every use (no cooldown, no refusal), with the options and person to use them.
BURST: list[tuple[str, dict[str, Any]]] = [
    ("condition", {"name": "ms"}),
    ("condition", {"name": "gbs", "section": "red_flags"}),
    ("compare", {"first": "gbs", "second": "cidp"}),
    ("glossary", {"term": "myelin"}),
    ("search", {"query": "lupus treatment"}),
    ("which", {}),
    ("help", {}),
    ("privacy", {}),
    ("about", {}),
    ("stats", {"member": "ada"}),
]


@pytest.fixture
async def local(spec_path: Path) -> AsyncIterator[LocalDiscord]:
    """The e2e local Discord, heartbeating every HEARTBEAT_INTERVAL."""
    async with LocalDiscord(
        token=TOKEN, spec_path=spec_path, reply_timeout=REPLY_TIMEOUT, heartbeat_interval=HEARTBEAT_INTERVAL
    ) as discord_:
        yield discord_


def usage(path: Path) -> Counter[str]:
    return by_command(path, "ok")


def send(local: LocalDiscord) -> list[asyncio.Task[Reply]]:
    return [asyncio.create_task(local.slash(command, **options)) for command, options in BURST]


async def burst_across(local: LocalDiscord, fault: Callable[[], Awaitable[None]]) -> list[Reply]:
    """Half the burst answered but its answers still on their way, the fault, then the other half."""
    local.faults.delay("/callback", seconds=HOLD, count=len(BURST))
    first = send(local)
    await poll_until(
        lambda: local.in_flight == len(BURST),
        "the first half's answers to reach Discord",
        timeout=REPLY_TIMEOUT,
        every=0.005,
    )
    assert all(reply.response_type is None for reply in local.replies.values())  # none accepted yet
    await fault()
    second = send(local)  # during the outage, for most faults: Discord keeps them for the RESUME
    return list(await asyncio.gather(*first, *second))


def assert_each_answered_once(local: LocalDiscord, replies: list[Reply]) -> None:
    for reply in replies:
        assert reply.complete and reply.messages, reply.label
        assert len(reply.bodies) == 1 and reply.followups == [] and reply.rejections == [], reply.label
    local.assert_no_violations()  # in particular no 10062 (too late) and no 40060 (answered twice)


def expected_counts(replies: list[Reply]) -> Counter[str]:
    return Counter(reply.label.removeprefix("/").split(" ")[0] for reply in replies)


async def test_a_silent_gateway_is_noticed_and_resumed_without_losing_an_interaction(
    local: LocalDiscord, settings: Settings, kb: KnowledgeBase
) -> None:
    bot = build_bot(settings, kb)
    # The bot's own setting is discord.py's default; not a constructor option of ours, so set on its state.
    bot._connection.heartbeat_timeout = HEARTBEAT_TIMEOUT

    async def silence() -> None:
        local.faults.go_silent()  # no heartbeat ACK, no events: a zombie connection
        assert not local.gateway.connected  # so the second half waits for the RESUME

    async with local.run_bot(bot):
        replies = await burst_across(local, silence)
        assert (local.gateway.identify_count, local.gateway.resume_count) == (1, 1)
        assert (await local.slash("condition", name="lupus")).embeds  # and it keeps answering
    assert_each_answered_once(local, replies)
    assert usage(settings.usage_db_path) == expected_counts(replies) + Counter(condition=1)


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(lambda local: local.faults.send_reconnect(), id="reconnect"),
        pytest.param(lambda local: local.faults.send_invalid_session(resumable=True), id="invalid-session-resumable"),
        pytest.param(lambda local: local.faults.drop_gateway(None), id="cut-connection"),
    ],
)
async def test_a_burst_across_a_resumed_session_is_answered_exactly_once(
    local: LocalDiscord, start_bot, settings: Settings, fault: Callable[[LocalDiscord], Awaitable[None]]
) -> None:
    async def outage() -> None:
        await fault(local)
        assert not local.gateway.connected  # so the second half waits for the RESUME

    async with start_bot():
        replies = await burst_across(local, outage)
        assert (local.gateway.identify_count, local.gateway.resume_count) == (1, 1)  # resumed, not a new session
    assert_each_answered_once(local, replies)
    assert usage(settings.usage_db_path) == expected_counts(replies)


async def test_a_burst_across_an_invalidated_session_is_answered_exactly_once(
    local: LocalDiscord, start_bot, settings: Settings
) -> None:
    async def invalidate() -> None:
        # Not resumable: Discord drops the session, so nothing can reach the bot until it has identified again.
        await local.faults.send_invalid_session(resumable=False)
        await local.wait_until(
            lambda: local.gateway.identify_count == 2 and local.gateway.connected,
            timeout=IDENTIFY_TIMEOUT,
            what="a new IDENTIFY",
        )

    async with start_bot():
        replies = await burst_across(local, invalidate)
        assert local.gateway.resume_count == 0
    assert_each_answered_once(local, replies)
    assert usage(settings.usage_db_path) == expected_counts(replies)
