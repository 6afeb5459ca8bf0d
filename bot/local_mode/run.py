"""`make run` with no token: the local Discord and the real bot in one process, with a console to drive them."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import signal
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.config import Secret, Settings
from bot.gateway import build_bot
from bot.http.serve import build_http_bot, serving
from bot.knowledge.base import KnowledgeBase
from bot.local_mode.console import Console
from local_discord import LocalDiscord

log = logging.getLogger(__name__)


async def run_local_mode(settings: Settings, kb: KnowledgeBase, *, http: bool = False) -> int:
    """`http`: the local Discord POSTs interactions to the bot's endpoint (as `serve`), instead of the gateway."""
    token = secrets.token_urlsafe(24)  # a throwaway token the local Discord accepts
    # The console is the interface here: library chatter (voice support, connection notes) would bury it.
    logging.getLogger("discord").setLevel(logging.ERROR)
    for name in ("bot", "aiohttp"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger(name).getEffectiveLevel()))
    with tempfile.TemporaryDirectory(prefix="legweakness-local-") as scratch:
        async with LocalDiscord(token=token, spec_path=settings.api_spec_path) as local:
            local_settings = dataclasses.replace(
                settings,
                token=Secret(token),
                api_base_url=local.api_base_url,
                gateway_url=local.gateway_url,
                usage_db_path=Path(scratch) / "local.sqlite3",  # local play never mixes with real counts
                server_key=None,
                server_key_file=None,  # so the key is a throwaway one beside the throwaway database
            )
            async with _bot_online(local, local_settings, kb, http=http):
                console = Console(local, attachments_dir=Path(scratch))  # gone when the console stops
                loop = asyncio.get_running_loop()
                loop.add_signal_handler(signal.SIGINT, console.interrupt)
                loop.add_signal_handler(signal.SIGTERM, console.interrupt)
                try:
                    await console.run()
                finally:
                    loop.remove_signal_handler(signal.SIGINT)
                    loop.remove_signal_handler(signal.SIGTERM)
    return 0


@asynccontextmanager
async def _bot_online(local: LocalDiscord, settings: Settings, kb: KnowledgeBase, *, http: bool) -> AsyncIterator[None]:
    if not http:
        async with local.run_bot(build_bot(settings, kb)):
            yield
        return
    assert settings.token is not None
    bot = build_http_bot(dataclasses.replace(settings, public_key=local.public_key), kb)
    await bot.login(settings.token.reveal())
    async with serving(bot, local.public_key, "127.0.0.1", 0) as url:
        await local.use_interactions_endpoints(url)
        print(f"Interactions are delivered over HTTP, signed, to the bot's endpoint at {url}.")
        yield
