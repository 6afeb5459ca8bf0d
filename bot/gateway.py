"""Delivery over Discord's gateway: the bot as `python -m bot` builds and runs it."""

from __future__ import annotations

import asyncio
import signal

from bot.app import LegWeaknessBot
from bot.config import Settings, SettingsError
from bot.discord_urls import point_discord_py_at
from bot.knowledge.base import KnowledgeBase
from bot.startup import start_with_retries


def build_bot(
    settings: Settings, kb: KnowledgeBase, *, force_sync: bool = False, sync_only: bool = False
) -> LegWeaknessBot:
    """The bot exactly as `python -m bot` starts it, pointed at a local Discord when the settings say so."""
    if settings.api_base_url and settings.gateway_url:
        point_discord_py_at(settings.api_base_url, settings.gateway_url)
    return LegWeaknessBot(settings, kb, force_sync=force_sync, sync_only=sync_only)


async def run_bot(settings: Settings, kb: KnowledgeBase, *, force_sync: bool = False, sync_only: bool = False) -> int:
    """Start the bot the way users start it; returns when it is closed (SIGINT/SIGTERM close it cleanly).

    Discord unreachable or failing at start-up is retried with a fresh bot each time (bot.startup); after
    STARTUP_RETRY_SECONDS, StartupFailed.
    """
    if settings.token is None:
        raise SettingsError("DISCORD_TOKEN is not set.")
    token = settings.token.reveal()
    stopping = asyncio.Event()
    running: list[LegWeaknessBot] = []
    closing: list[asyncio.Future[None]] = []

    def stop() -> None:
        stopping.set()
        closing.extend(asyncio.ensure_future(bot.close()) for bot in running)

    async def attempt() -> None:
        bot = build_bot(settings, kb, force_sync=force_sync, sync_only=sync_only)
        running[:] = [bot]
        async with bot:
            if sync_only:
                await bot.login(token)  # login runs setup_hook, which syncs
            else:
                await bot.start(token)

    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop)
    try:
        await start_with_retries(attempt, settings.startup_retry_seconds, stopping)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return running[0].exit_code if running else 0  # 1 when its shards were taken over (bot.cluster.leases)
