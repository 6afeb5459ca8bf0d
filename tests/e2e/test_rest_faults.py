"""Discord's REST faults on every way our bot answers: the callback, the edit that delivers a deferred answer, and
the followup that reports an error after a defer. Each answer arrives once: not twice, not never.

A 429 on a plain callback is in test_resilience.py. Our commands answer with one callback in their normal path; the
edit and the followup come from a deferred /stats (bot.interactions.responding), made to defer every time by a zero
budget.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

import bot.interactions.responding
from bot.interactions.errors import SOMETHING_WENT_WRONG, with_disclaimer
from local_discord import LocalDiscord
from local_discord.replies import Reply
from tests.storage.stored import by_command_and_outcome

CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"
EDIT = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/{message_id}"
FOLLOWUP = "POST /webhooks/{webhook_id}/{webhook_token}"

Arm = Callable[[LocalDiscord, str], None]
FAULTS = [
    pytest.param(lambda local, route: local.faults.rate_limit(route, retry_after=0.05), 429, id="429-route"),
    pytest.param(
        lambda local, route: local.faults.rate_limit(route, retry_after=0.05, is_global=True), 429, id="429-global"
    ),
    *(
        pytest.param(lambda local, route, s=status: local.faults.server_error(route, status=s), status, id=str(status))
        for status in (500, 502, 504)
    ),
]


def statuses(local: LocalDiscord, route: str) -> list[int]:
    return [r.status for r in local.requests if f"{r.method} {r.route}" == route]


def usage(path: Path) -> dict[tuple[str, str], int]:
    return by_command_and_outcome(path)


def after_the_defer(local: LocalDiscord, result: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A database read that finishes only once the interaction was deferred: slow by construction."""

    async def read(*weeks: str) -> Any:
        await local.wait_until(lambda: any(r.deferred for r in local.replies.values()), what="the defer")
        return await result(*weeks)

    return read


def assert_answered_once(local: LocalDiscord, reply: Reply, route: str, status: int) -> None:
    assert statuses(local, route) == [status, 200]  # refused once, then exactly one accepted
    assert reply.deferred and reply.complete and reply.ephemeral
    assert reply.followups == [] and len(reply.bodies) == 2  # the defer, then the answer in place of "thinking"
    assert local.faults.pending == 0
    local.assert_no_violations()


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_a_server_error_on_the_callback_is_retried_and_answered_once(online: LocalDiscord, status: int) -> None:
    online.faults.server_error("/callback", status=status)
    reply = await online.slash("condition", name="ms")
    assert reply.embeds[0]["title"] == "Multiple sclerosis (MS)"
    assert statuses(online, CALLBACK) == [status, 200]
    assert len(reply.bodies) == 1 and reply.followups == []


@pytest.mark.parametrize(("arm", "status"), FAULTS)
async def test_a_fault_on_the_edit_that_delivers_a_deferred_answer(
    local: LocalDiscord, start_bot, settings, monkeypatch: pytest.MonkeyPatch, arm: Arm, status: int
) -> None:
    monkeypatch.setattr(bot.interactions.responding, "BUDGET", 0.0)
    async with start_bot() as started:
        monkeypatch.setattr(started.database, "weekly_counts", after_the_defer(local, started.database.weekly_counts))
        arm(local, "PATCH /webhooks")
        reply = await local.slash("stats", member="ada")
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks"
    assert_answered_once(local, reply, EDIT, status)
    assert usage(settings.usage_db_path) == {("stats", "ok"): 1}


@pytest.mark.parametrize(("arm", "status"), FAULTS)
async def test_a_fault_on_the_followup_that_reports_an_error_after_the_defer(
    local: LocalDiscord, start_bot, settings, monkeypatch: pytest.MonkeyPatch, arm: Arm, status: int
) -> None:
    async def broken(*_weeks: str) -> Any:
        raise RuntimeError("a bug in the bot, after it deferred")

    monkeypatch.setattr(bot.interactions.responding, "BUDGET", 0.0)
    async with start_bot() as started:
        monkeypatch.setattr(started.database, "weekly_counts", after_the_defer(local, broken))
        arm(local, "POST /webhooks")
        reply = await local.slash("stats", member="ada")
    assert reply.content == with_disclaimer(SOMETHING_WENT_WRONG)
    assert_answered_once(local, reply, FOLLOWUP, status)
    assert usage(settings.usage_db_path) == {("stats", "error"): 1}


async def test_a_server_error_on_the_defer_is_retried_inside_the_three_seconds(
    local: LocalDiscord, start_bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bot's real budget: after it, a refused defer and discord.py's 1-second wait before retrying still fit.
    async with start_bot() as started:
        monkeypatch.setattr(started.database, "weekly_counts", after_the_defer(local, started.database.weekly_counts))
        local.faults.server_error("/callback", status=500)
        reply = await local.slash("stats", member="ada")
    assert reply.embeds[0]["title"] == "Usage in the last 4 full weeks"
    assert_answered_once(local, reply, CALLBACK, 500)
