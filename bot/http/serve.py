"""`python -m bot serve`: the bot as an Interactions Endpoint, until SIGINT or SIGTERM.

Start-up logs in over REST with the gateway bot's retries (bot.startup); only then does the endpoint listen, so a
replica answers Discord's probe only once it can answer interactions. Stopping refuses new connections first (a load
balancer moves on to another replica), lets the requests being answered finish, then closes the bot, which waits for
the handlers still running (a deferred answer's edit) and writes the counts.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import Settings, SettingsError
from bot.discord_urls import point_discord_py_at
from bot.http.answers import InteractionAnswers
from bot.http.endpoint import INTERACTIONS_PATH, InteractionsEndpoint, listening
from bot.http.http_bot import HttpBot
from bot.http.signature import SignatureCheck
from bot.knowledge.base import KnowledgeBase
from bot.startup import start_with_retries

log = logging.getLogger(__name__)
DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8080


def build_http_bot(settings: Settings, kb: KnowledgeBase) -> HttpBot:
    """The HTTP bot exactly as `python -m bot serve` starts it, pointed at a local Discord when the settings say so."""
    if settings.api_base_url and settings.gateway_url:
        point_discord_py_at(settings.api_base_url, settings.gateway_url)
    return HttpBot(settings, kb)


def endpoint_for(bot: HttpBot, public_key: str) -> InteractionsEndpoint:
    return InteractionsEndpoint(
        InteractionAnswers(bot), SignatureCheck(public_key), ready=lambda: bot.user is not None and not bot.is_closed()
    )


@asynccontextmanager
async def serving(bot: HttpBot, public_key: str, host: str, port: int) -> AsyncIterator[str]:
    """Answer interactions for a logged-in bot on host:port for the block (yields the Interactions Endpoint URL),
    then stop listening and close the bot."""
    try:
        async with listening(endpoint_for(bot, public_key), host, port) as base_url:
            yield base_url + INTERACTIONS_PATH
    finally:
        await bot.close()


async def serve(settings: Settings, kb: KnowledgeBase, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> int:
    if settings.token is None:
        raise SettingsError("DISCORD_TOKEN is not set: `serve` answers for a bot on Discord.")
    if settings.public_key is None:
        raise SettingsError(
            "DISCORD_PUBLIC_KEY is not set: `serve` needs the application's Public Key (Developer Portal, General "
            "Information) to check that interactions come from Discord."
        )
    token, public_key = settings.token.reveal(), settings.public_key
    stopping = asyncio.Event()
    started: list[HttpBot] = []

    async def attempt() -> None:
        bot = build_http_bot(settings, kb)
        try:
            await bot.login(token)  # runs setup_hook: storage, cogs, command sync
        except BaseException:
            await bot.close()
            raise
        started.append(bot)

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stopping.set)
    try:
        await start_with_retries(attempt, settings.startup_retry_seconds, stopping)
        if started and stopping.is_set():
            await started[-1].close()
        elif started:
            async with serving(started[-1], public_key, host, port) as url:
                log.info("Answering interactions at %s.", url)
                await stopping.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return 0
