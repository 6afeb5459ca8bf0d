"""A response that cannot be sent in 3 seconds is deferred first: /stats with slow work, through the local Discord.

The work is made slow by holding it until the test has seen the defer, so it is slow by construction, never by a
guess at how long something takes; the budget itself is the bot's real one.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.app import LegWeaknessBot
from bot.interactions.errors import with_disclaimer
from bot.moderation.stats_render import CHART_FILE, DATABASE_UNAVAILABLE
from local_discord import LocalDiscord
from local_discord.replies import Reply
from tests.e2e.test_info import seed
from tests.storage.stored import by_command_and_outcome

UNKNOWN_INTERACTION = 10062


def usage(path: Path) -> dict[tuple[str, str], int]:
    """(command, outcome) -> count, as written to the usage database."""
    return by_command_and_outcome(path)


def held_until(release: asyncio.Event, read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """The database read, held until `release` is set (as a locked or busy database would hold it)."""

    async def slow_read(*weeks: str) -> Any:
        await release.wait()
        return await read(*weeks)

    return slow_read


async def stats_deferred_then_released(local: LocalDiscord, release: asyncio.Event | threading.Event) -> Reply:
    """Run /stats, wait until the bot deferred it, release the held work, and return the finished reply."""
    asked = asyncio.create_task(local.slash("stats", member="ada"))
    try:
        await local.wait_until(lambda: any(r.deferred for r in local.replies.values()), what="/stats to be deferred")
    finally:
        release.set()
    return await asked


def assert_deferred_once_and_private(local: LocalDiscord, reply: Reply) -> None:
    assert reply.deferred and reply.ephemeral and reply.complete
    assert reply.followups == []  # the answer replaced "thinking": one message
    assert len(reply.bodies) == 2  # the defer, then the one edit with the answer
    assert reply.rejections == [] and all(v.code != UNKNOWN_INTERACTION for v in local.violations)
    local.assert_no_violations()


async def test_slow_stats_is_deferred_then_the_full_answer_replaces_thinking(
    local: LocalDiscord, start_bot, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    async with start_bot() as bot:
        assert isinstance(bot, LegWeaknessBot) and bot.database is not None
        await seed(bot, {("condition", "ms", "ok"): [4, 4, 4], ("condition", "gbs", "ok"): [2, 2, 2, 1]})
        monkeypatch.setattr(bot.database, "weekly_counts", held_until(release, bot.database.weekly_counts))
        reply = await stats_deferred_then_released(local, release)
    assert_deferred_once_and_private(local, reply)
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks"
    assert "Multiple sclerosis (MS): about 10" in reply.embeds[0]["fields"][0]["value"]
    (chart,) = reply.message.attachments  # the chart came with the edit, once
    assert chart["filename"] == CHART_FILE and chart["size"] > 0
    assert reply.embeds[0]["image"]["url"] == f"attachment://{CHART_FILE}"
    assert usage(settings.usage_db_path)[("stats", "ok")] == 1


async def test_slow_chart_drawing_runs_off_the_event_loop_so_the_defer_goes_out(
    local: LocalDiscord, start_bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Held in a thread: were the drawing done on the event loop, the loop (and the defer) would stop with it, and
    # the answer would come after the 3-second window.
    release = threading.Event()
    async with start_bot() as bot:
        info = sys.modules[type(bot.get_cog("Info")).__module__]  # load_extension imports the cog afresh
        draw = info.stats_message

        def slow_draw(*args: Any, **kwargs: Any) -> Any:
            release.wait(timeout=10)
            return draw(*args, **kwargs)

        monkeypatch.setattr(info, "stats_message", slow_draw)
        reply = await stats_deferred_then_released(local, release)
    assert_deferred_once_and_private(local, reply)
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks"


async def test_a_database_that_stays_locked_is_answered_privately_after_the_defer(
    local: LocalDiscord, start_bot, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()

    async def locked(*_weeks: str) -> Any:
        await release.wait()
        raise sqlite3.OperationalError("database is locked")

    async with start_bot() as bot:
        monkeypatch.setattr(bot.database, "weekly_counts", locked)
        reply = await stats_deferred_then_released(local, release)
    assert_deferred_once_and_private(local, reply)
    assert reply.content == with_disclaimer(DATABASE_UNAVAILABLE)
    assert usage(settings.usage_db_path)[("stats", "error")] == 1
