"""No identifier in any log line, at DEBUG, through every fault the local Discord can inject in one run.

Every test's logs already pass through the log scan (tests/log_scan.py); this run puts every REST fault, every
gateway fault that keeps one session, a failing command and a failing and a late autocomplete into one bot's life and
checks both layers: what the bot's handler writes (scrubbed), and that the causes are gone from the raw records
(discord.py never logs an autocomplete failure, aiosqlite never logs a statement). The zombie connection and a
non-resumable session are in test_gateway_faults.py, under the same scan.
"""

from __future__ import annotations

import logging

import pytest

from bot.interactions.errors import SOMETHING_WENT_WRONG, with_disclaimer
from local_discord import InteractionFailed, LocalDiscord
from tests.log_scan import ScanHandler, leaks

CALLBACK = "/callback"


def raw_text(record: logging.LogRecord) -> str:
    """A record as a library wrote it, before any scrubbing: message, arguments and exception."""
    text = record.getMessage()
    if record.exc_info:
        text += logging.Formatter().formatException(record.exc_info)
    return text


async def test_every_fault_in_one_run_leaves_no_identifier_in_the_log(
    local: LocalDiscord, start_bot, caplog: pytest.LogCaptureFixture, no_identifier_in_any_log: ScanHandler
) -> None:
    caplog.set_level(logging.DEBUG)
    async with start_bot() as bot:
        for arm in (
            lambda: local.faults.rate_limit(CALLBACK, retry_after=0.05),
            lambda: local.faults.rate_limit(CALLBACK, retry_after=0.05, is_global=True),
            *(lambda s=status: local.faults.server_error(CALLBACK, status=s) for status in (500, 502, 504)),
        ):
            arm()
            assert (await local.slash("condition", name="ms")).embeds

        local.faults.delay(CALLBACK, seconds=local.response_window + 0.2, count=2)  # the answer and the error reply
        with pytest.raises(InteractionFailed):
            await local.slash("compare", first="gbs", second="ms")
        with pytest.raises(InteractionFailed):
            await local.autocomplete("condition", "name", "lup")

        def broken(_name: str) -> str:
            raise RuntimeError(f"lookup failed in guild {local.world.guilds[0].id}")

        bot.matcher.resolve = broken
        assert (await local.slash("condition", name="ms")).content == with_disclaimer(SOMETHING_WENT_WRONG)
        bot.matcher.choices = broken
        assert await local.autocomplete("condition", "name", "lup") == []

        for fault in (
            lambda: local.faults.drop_gateway(4000),
            lambda: local.faults.drop_gateway(None),
            local.faults.send_reconnect,
            lambda: local.faults.send_invalid_session(resumable=True),
        ):
            resumed = local.gateway.resume_count
            await fault()
            await local.wait_until(
                lambda r=resumed: local.gateway.resume_count > r and local.gateway.connected, what="resume"
            )
        await local.slash("settings", member="ada", lookups="public")
        key = bot.guild_settings.key(int(local.world.guilds[0].id))
        assert bot.storage.secret is not None
        secret = bot.storage.secret.hex()
        await bot.usage.flush()

    lines = no_identifier_in_any_log.lines
    assert leaks(lines, local.issued_identifiers()) == []
    # The faults did happen and were logged, with their identifiers scrubbed.
    assert any("Webhook ID [id] is rate limited" in line for line in lines)
    assert any("/condition failed with RuntimeError" in line for line in lines)
    assert any("Autocomplete for /condition failed with RuntimeError" in line for line in lines)
    # And the causes are gone, not only scrubbed: nothing from discord.py's autocomplete handling, nothing from
    # aiosqlite at DEBUG, and neither a server's key nor the secret behind the keys in any raw record.
    raw = [(record.name, raw_text(record)) for record in caplog.records]
    assert not [text for name, text in raw if name.startswith(("discord.app_commands", "aiosqlite"))]
    assert not [text for _, text in raw if "Ignoring exception" in text]
    assert not [text for _, text in raw if key in text or secret in text]
