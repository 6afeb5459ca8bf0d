"""Our bot under the faults Discord and disks produce, through the local Discord."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import pytest

from local_discord import LocalDiscord
from tests.e2e.conftest import TOKEN


@pytest.mark.parametrize("close_code", [4000, None], ids=["close-frame", "cut-connection"])
async def test_gateway_drop_resumes_and_keeps_answering(online: LocalDiscord, close_code: int | None) -> None:
    await online.slash("condition", name="ms")
    await online.faults.drop_gateway(close_code)
    await online.wait_until(lambda: online.gateway.resume_count == 1 and online.gateway.connected, what="resume")
    reply = await online.slash("condition", name="gbs")
    assert reply.embeds[0]["title"] == "Guillain-Barré syndrome (GBS)"
    assert online.gateway.identify_count == 1  # resumed, not a new session


@pytest.mark.parametrize("is_global", [False, True], ids=["route", "global"])
async def test_rate_limited_callback_is_retried_and_answered_once(online: LocalDiscord, is_global: bool) -> None:
    online.faults.rate_limit("/callback", retry_after=0.05, is_global=is_global)
    reply = await online.slash("compare", first="mg", second="lems")
    assert reply.embeds[0]["title"] == "Compare: MG vs LEMS"
    callbacks = [r for r in online.requests if r.route.endswith("/callback")]
    assert [r.status for r in callbacks] == [429, 200]  # refused once, then exactly one answer


async def test_unwritable_database_still_answers_with_one_warning(
    local: LocalDiscord, start_bot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    with caplog.at_level(logging.WARNING):
        async with start_bot(usage_db_path=blocker / "bot.sqlite3"):
            for _ in range(3):
                assert (await local.slash("condition", name="ms")).embeds
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("bot")]
    assert len(warnings) == 1 and "usage is not counted" in warnings[0]


async def test_python_m_bot_sync_registers_the_commands_and_exits(local: LocalDiscord, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"),
    }
    for _ in range(2):  # asked twice: syncs twice, even though nothing changed
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "sync", cwd=tmp_path, env=env, stderr=asyncio.subprocess.PIPE
        )
        _, errors = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, errors.decode()
    assert local.commands.sync_count == 2
    assert {"condition", "compare"} <= {c["name"] for c in local.commands.listed(None)}
    assert local.gateway.identify_count == 0  # it never went online
