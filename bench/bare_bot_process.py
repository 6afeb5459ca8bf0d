"""The bare discord.py bot in its own process, pointed at a local Discord by the same settings ours uses."""

from __future__ import annotations

import asyncio
import os
import signal

import discord

from bench.bare_bot import BareBot
from local_discord.discord_py import point_discord_py_at


async def serve(bot: discord.Client) -> None:
    """Run a bench bot against the local Discord the environment names, until SIGINT or SIGTERM closes it."""
    point_discord_py_at(os.environ["DISCORD_API_BASE_URL"], os.environ["DISCORD_GATEWAY_URL"])
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(serve(BareBot()))
