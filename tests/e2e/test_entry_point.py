"""`python -m bot` exactly as users start it, in its own process, against the local Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from bot.local_discord import LocalDiscord
from tests.e2e.conftest import TOKEN
from tests.usage.stored import by_command

START_TIMEOUT = 30.0


async def start_process(local: LocalDiscord, tmp_path: Path, token: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "DISCORD_TOKEN": token,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"),
        "LOG_LEVEL": "DEBUG",  # the most talkative setting: still no token in any line
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,  # no .env here, and nothing found through the working directory
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def test_the_real_process_answers_and_flushes_counts_on_sigterm(local: LocalDiscord, tmp_path: Path) -> None:
    process = await start_process(local, tmp_path, TOKEN)
    try:
        await local.wait_until_ready(timeout=START_TIMEOUT)
        replies = [await local.slash("condition", name="ms") for _ in range(25)]
        replies.append(await local.slash("compare", first="gbs", second="cidp"))
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert all(r.embeds for r in replies)
    assert process.returncode == 0, output.decode()
    counts = by_command(tmp_path / "bot.sqlite3")
    assert counts == {"condition": 25, "compare": 1}  # nothing queued was lost at shutdown
    assert TOKEN.encode() not in output
    assert [value for value in local.issued_identifiers() if value.encode() in output] == []
    local.assert_no_violations()


async def test_a_rejected_token_is_one_clear_line_without_the_token(local: LocalDiscord, tmp_path: Path) -> None:
    wrong = "definitely-not-the-right-token-9f8e7d"
    process = await start_process(local, tmp_path, wrong)
    output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    text = output.decode()
    assert process.returncode == 1
    assert "Discord did not accept DISCORD_TOKEN" in text
    assert wrong not in text and "Traceback" not in text
