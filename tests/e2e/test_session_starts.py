"""Discord's daily session-start limit: a bot that would spend the last of it waits for the reset instead of
connecting (Discord ends every session and resets the token of a bot that runs out)."""

from __future__ import annotations

import logging

import pytest

from local_discord import LocalDiscord


async def test_with_too_few_session_starts_left_the_bot_waits_for_the_reset_with_one_line(
    local: LocalDiscord, start_bot, caplog: pytest.LogCaptureFixture
) -> None:
    local.session_starts.configure(remaining=0, reset_after=2.0)
    with caplog.at_level(logging.WARNING, logger="bot"):
        async with start_bot():
            reply = await local.slash("condition", name="ms")
    assert reply.embeds
    (line,) = [r.getMessage() for r in caplog.records if "session start" in r.getMessage()]
    assert line.startswith("Discord allows 0 more session start(s) today and this process needs 1: waiting")
    local.assert_no_violations()  # never an IDENTIFY with none left (that would reset the token)
