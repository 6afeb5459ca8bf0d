"""Fixtures: a started LocalDiscord (checking bodies against the official spec) and one with the bare bot online."""

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bench.bare_bot import BareBot
from local_discord import LocalDiscord

TOKEN = "local-discord-test-token"
REPLY_TIMEOUT = 5.0

MakeLocal = Callable[..., Awaitable[LocalDiscord]]


@pytest.fixture
async def make_local(spec_path: Path) -> AsyncIterator[MakeLocal]:
    """Start a LocalDiscord with options (response_window=..., heartbeat_interval=...); closed after the test."""
    started: list[LocalDiscord] = []

    async def make(**options: Any) -> LocalDiscord:
        options.setdefault("reply_timeout", REPLY_TIMEOUT)
        local = LocalDiscord(token=TOKEN, spec_path=spec_path, **options)
        await local.start()
        started.append(local)
        return local

    yield make
    for local in started:
        await local.close()


@pytest.fixture
async def local(make_local: MakeLocal) -> LocalDiscord:
    return await make_local()


@pytest.fixture
async def online(local: LocalDiscord) -> AsyncIterator[LocalDiscord]:
    """The bare bot, started with the real `bot.start(token)`, logged in and synced. Fails on any violation."""
    async with local.run_bot(BareBot()):
        yield local
    local.assert_no_violations()
