"""The real bot, built by the same start-up `python -m bot` uses, running against the local Discord."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import LegWeaknessBot
from bot.config import Secret, Settings
from bot.gateway import build_bot
from bot.knowledge.base import KnowledgeBase
from local_discord import LocalDiscord

TOKEN = "e2e-local-token"
REPLY_TIMEOUT = 5.0


@pytest.fixture
def bot_token() -> str:
    """The token the local Discord accepts and the bot logs in with (a test file may give its own)."""
    return TOKEN


@pytest.fixture
def bot_log_level() -> str:
    return "INFO"


@pytest.fixture
async def local(spec_path: Path, bot_token: str) -> AsyncIterator[LocalDiscord]:
    async with LocalDiscord(token=bot_token, spec_path=spec_path, reply_timeout=REPLY_TIMEOUT) as discord_:
        yield discord_


@pytest.fixture
def settings(local: LocalDiscord, tmp_path: Path, bot_token: str, bot_log_level: str) -> Settings:
    return Settings(
        token=Secret(bot_token),
        usage_db_path=tmp_path / "bot.sqlite3",
        log_level=bot_log_level,
        api_base_url=local.api_base_url,
        gateway_url=local.gateway_url,
    )


@pytest.fixture
def start_bot(local: LocalDiscord, settings: Settings, kb: KnowledgeBase):
    """Start (and, leaving the block, cleanly close) a bot; may be used more than once to restart.

    expect_sync=False for a restart with an unchanged command set, which must not sync again.
    """

    @asynccontextmanager
    async def start(*, expect_sync: bool = True, **overrides) -> AsyncIterator[LegWeaknessBot]:
        bot = build_bot(dataclasses.replace(settings, **overrides), kb)
        async with local.run_bot(bot, commands=expect_sync):
            yield bot

    return start


@pytest.fixture
async def online(local: LocalDiscord, start_bot) -> AsyncIterator[LocalDiscord]:
    """The bot online; the test fails if Discord refused any request the bot sent."""
    async with start_bot():
        yield local
    local.assert_no_violations()
