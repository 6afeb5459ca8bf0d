"""What only HTTP delivery has to get right, end to end: slow work deferred inside the HTTP answer, a handler too
late for Discord, and servers that removed the bot, with the HTTP bot in this process."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

import bot.http.answers
import bot.http.http_bot
from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.moderation.stats_render import CHART_FILE
from local_discord import InteractionFailed, LocalDiscord
from tests.e2e.http_replica import http_replica
from tests.e2e.polling import poll_until
from tests.e2e.test_info import seed
from tests.e2e.test_slow_responses import assert_deferred_once_and_private, held_until, stats_deferred_then_released
from tests.storage.stored import by_command_and_outcome


def settings_rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM guild_settings").fetchone()[0])


async def test_slow_work_is_deferred_in_the_http_answer_then_edited_in_over_rest(
    local: LocalDiscord, settings: Settings, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = asyncio.Event()
    async with http_replica(local, settings, kb) as (http_bot, _url):
        assert http_bot.database is not None
        await seed(http_bot, {("condition", "ms", "ok"): [4, 4, 4], ("condition", "gbs", "ok"): [2, 2, 2, 1]})
        monkeypatch.setattr(http_bot.database, "weekly_counts", held_until(release, http_bot.database.weekly_counts))
        reply = await stats_deferred_then_released(local, release)
    assert_deferred_once_and_private(local, reply)  # the defer was the HTTP answer; the one edit came over REST
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks" and reply.message is not None
    assert [a["filename"] for a in reply.message.attachments] == [CHART_FILE]
    assert (delivery := local.endpoints.deliveries[-1]).accepted and delivery.status == 200


async def test_a_handler_too_late_for_discord_fails_the_interaction_and_is_counted_as_an_error(
    local: LocalDiscord,
    settings: Settings,
    kb: KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(bot.http.answers, "ANSWER_DEADLINE", 0.0)  # every handler is too late
    async with http_replica(local, settings, kb) as (http_bot, _url):
        with pytest.raises(InteractionFailed):
            await local.slash("condition", name="ms")
        await local.wait_until(lambda: local.state.in_flight == 0, what="the late answer and the error reply")
        await http_bot.usage.flush()
    # The late answer got Discord's 10062, and so did the private error reply after it: the person saw "This
    # interaction failed", and the use is one error, as over the gateway.
    assert by_command_and_outcome(settings.usage_db_path) == {("condition", "error"): 1}
    assert any("/condition failed with NotFound" in r.getMessage() for r in caplog.records)
    assert [(v.method, v.status) for v in local.violations] == [("ANSWER", 500)]


async def test_a_server_that_removed_the_bot_loses_its_settings_without_any_gateway_event(
    local: LocalDiscord, settings: Settings, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.http.http_bot, "SERVER_LIST_SECONDS", 0.05)
    async with http_replica(local, settings, kb) as (http_bot, _url):
        await local.slash("settings", member="ada", guild="clinic", usage_counting="off")
        await local.slash("settings", member="ada", guild="study", lookups="public")
        assert settings_rows(settings.usage_db_path) == 2
        local.world.guilds.remove(local.world.guild("clinic"))  # removed: nothing is POSTed about that
        await poll_until(
            lambda: settings_rows(settings.usage_db_path) == 1, "the server list to be read", timeout=10, every=0.02
        )
        assert not http_bot.guild_settings.get(int(local.world.guild("study").id)).private_lookups
    local.assert_no_violations()
