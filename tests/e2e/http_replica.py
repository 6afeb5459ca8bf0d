"""The HTTP bot in this process, built by the same start-up `python -m bot serve` uses, behind the local Discord."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings
from bot.http.http_bot import HttpBot
from bot.http.serve import build_http_bot, serving
from bot.knowledge.base import KnowledgeBase
from local_discord import LocalDiscord


@asynccontextmanager
async def http_replica(
    local: LocalDiscord, settings: Settings, kb: KnowledgeBase, *, deliver: bool = True
) -> AsyncIterator[tuple[HttpBot, str]]:
    """A logged-in HTTP bot listening on a free port; with `deliver`, the local Discord POSTs interactions to it
    (after its probe). Yields the bot and its Interactions Endpoint URL; leaving stops it the way SIGTERM does."""
    settings = dataclasses.replace(settings, public_key=local.public_key)
    assert settings.token is not None
    bot = build_http_bot(settings, kb)
    await bot.login(settings.token.reveal())
    async with serving(bot, local.public_key, "127.0.0.1", 0) as url:
        if deliver:
            await local.use_interactions_endpoints(url)
        yield bot, url
        await local.wait_until(lambda: local.state.in_flight == 0, what="requests in flight")
