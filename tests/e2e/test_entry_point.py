"""`python -m bot` exactly as users start it, in its own process, against the local Discord."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from local_discord import LocalDiscord
from tests.e2e.conftest import TOKEN
from tests.storage.stored import by_command

START_TIMEOUT = 30.0


async def start_process(local: LocalDiscord, tmp_path: Path, token: str, **settings: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "DISCORD_TOKEN": token,
        "DISCORD_API_BASE_URL": local.api_base_url,
        "DISCORD_GATEWAY_URL": local.gateway_url,
        "USAGE_DB_PATH": str(tmp_path / "bot.sqlite3"),
        "LOG_LEVEL": "DEBUG",  # the most talkative setting: still no token in any line
        **settings,
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
    assert b"voice will NOT be supported" not in output  # the bot never joins voice: no warning about it
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


def one_clear_line(text: str) -> str:
    """The output's last line, after checking there is no traceback anywhere."""
    assert "Traceback" not in text, text
    return text.strip().splitlines()[-1]


async def test_a_503_on_the_command_sync_at_start_up_is_retried_and_the_bot_comes_online(
    local: LocalDiscord, tmp_path: Path
) -> None:
    local.faults.server_error("PUT /applications", status=503)  # discord.py retries 500/502/504, not 503
    process = await start_process(local, tmp_path, TOKEN)
    try:
        await local.wait_until_ready(timeout=START_TIMEOUT)
        assert (await local.slash("condition", name="ms")).embeds
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    text = output.decode()
    assert process.returncode == 0 and "Traceback" not in text, text
    (retry,) = [line for line in text.splitlines() if "trying again" in line]
    assert "Could not reach Discord at start-up (503 DiscordServerError); trying again in 1 s." in retry


async def test_discord_failing_for_the_whole_retry_window_ends_with_one_clear_line(
    local: LocalDiscord, tmp_path: Path
) -> None:
    local.faults.server_error("PUT /applications", status=503, count=1000)
    process = await start_process(local, tmp_path, TOKEN, STARTUP_RETRY_SECONDS="1.5")
    output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 1
    line = one_clear_line(output.decode())
    assert line.startswith("Could not start: Discord was unreachable or failing (503 DiscordServerError)")


async def test_discord_unreachable_at_start_up_ends_with_one_clear_line(local: LocalDiscord, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await start_process(
        local,
        tmp_path,
        TOKEN,
        DISCORD_API_BASE_URL=f"http://127.0.0.1:{port}/api/v10",
        DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{port}/gateway",
        STARTUP_RETRY_SECONDS="1",
    )
    output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 1
    line = one_clear_line(output.decode())
    assert line.startswith("Could not start: Discord was unreachable or failing (ClientConnectorError)")
    assert output.decode().count("trying again") == 1


@pytest.mark.parametrize("bad", ["abc\x01def", "abc\x7fdef", "tøken"])
async def test_a_control_character_in_the_token_is_one_clear_line(
    local: LocalDiscord, tmp_path: Path, bad: str
) -> None:
    process = await start_process(local, tmp_path, bad)
    output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2
    line = one_clear_line(output.decode())
    assert line.startswith("Settings problem: DISCORD_TOKEN contains") and bad not in output.decode()
    assert local.requests == []


async def test_a_server_key_that_is_not_the_databases_stops_the_bot_with_one_clear_line(
    local: LocalDiscord, tmp_path: Path
) -> None:
    first = await start_process(local, tmp_path, TOKEN)  # writes the key file and the database's check value
    await local.wait_until_ready(timeout=START_TIMEOUT)
    first.send_signal(signal.SIGTERM)
    await asyncio.wait_for(first.communicate(), START_TIMEOUT)
    key_file = tmp_path / "server-key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    key_file.write_text("ab" * 32)  # a volume mounted wrong, a key restored from the wrong backup
    process = await start_process(local, tmp_path, TOKEN)
    output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
    assert process.returncode == 2
    line = one_clear_line(output.decode())
    assert "is not the one the server settings" in line and "forget-server-settings" in line
    assert ("ab" * 32) not in output.decode()
