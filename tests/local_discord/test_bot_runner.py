"""Bots as processes of their own, started the way any bot is: with a token and the local Discord's URLs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.bare_bot import HELLO
from local_discord import HarnessError, LocalDiscord

REPO = Path(__file__).resolve().parents[2]


async def test_a_bot_process_gets_the_token_and_urls_in_its_environment(local: LocalDiscord, tmp_path: Path) -> None:
    argv = [sys.executable, "-m", "bench.bare_bot_process"]
    async with local.run_process(argv, log=tmp_path / "bot.log", env={"PYTHONPATH": str(REPO)}, timeout=60):
        reply = await local.slash("hello")

    assert reply.content == HELLO
    local.assert_no_violations()


async def test_a_bot_that_dies_at_start_up_says_why(local: LocalDiscord, tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import sys; sys.exit('no token for me')"]
    with pytest.raises(HarnessError, match="exited with 1") as failed:
        async with local.run_process(argv, log=tmp_path / "bot.log", timeout=60):
            pass

    assert "no token for me" in str(failed.value)
    assert "requests:\n  (none)" in str(failed.value)
