"""`make run` with no token: the local Discord and the real bot in one process, with a console to drive them."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import secrets
import signal
import tempfile
from pathlib import Path

from bot.config import Secret, Settings
from bot.gateway import build_bot
from bot.knowledge.base import KnowledgeBase
from bot.local_mode.console import Console
from local_discord import LocalDiscord

log = logging.getLogger(__name__)


async def run_local_mode(settings: Settings, kb: KnowledgeBase) -> int:
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
            async with local.run_bot(build_bot(local_settings, kb)):
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
