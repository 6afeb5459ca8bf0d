"""Starting the bot when Discord is unreachable or failing: bounded retries, then one clear line.

Before the bot is online, a failure reaching Discord (no network yet, DNS, a 503 from the API, a sync answered with
a 5xx that discord.py does not retry) would end `python -m bot` with a traceback. Once logged in, discord.py
reconnects by itself; so only the start is retried here: a fresh bot each time (no half-started state carried
over), pauses doubling from 1 s up to 30 s, one warning per retry, until STARTUP_RETRY_SECONDS have passed. Then
StartupFailed, whose message is the one line `python -m bot` prints.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator

import aiohttp
import discord

log = logging.getLogger(__name__)
FIRST_PAUSE, MAX_PAUSE = 1.0, 30.0
# What an unreachable or failing Discord raises before the bot is online.
STARTUP_FAULTS = (
    OSError,
    aiohttp.ClientError,
    asyncio.TimeoutError,
    discord.DiscordServerError,
    discord.GatewayNotFound,
)


class StartupFailed(Exception):
    """Discord could not be reached in time; the message is one line, safe to print."""


def what_failed(exc: BaseException) -> str:
    """The kind of failure, never its message (which can hold a URL with tokens in it)."""
    status = getattr(exc, "status", None)
    return f"{status} {type(exc).__name__}" if isinstance(status, int) else type(exc).__name__


def pauses(limit: float) -> Iterator[float]:
    """The pauses before each retry: doubling, capped, adding up to `limit` at most."""
    pause, left = FIRST_PAUSE, limit
    while left > 0:
        yield min(pause, left)
        left -= pause
        pause = min(pause * 2, MAX_PAUSE)


async def start_with_retries(attempt: Callable[[], Awaitable[None]], limit: float, stopping: asyncio.Event) -> None:
    """Run `attempt` (one whole start of a fresh bot) until it succeeds, is stopped, or `limit` seconds of
    retrying have passed; a failure that is not a Discord fault at start-up propagates at once."""
    loop = asyncio.get_running_loop()
    started, tries = loop.time(), 0
    retries = pauses(limit)
    while True:
        tries += 1
        try:
            await attempt()
            return
        except STARTUP_FAULTS as exc:
            if stopping.is_set():
                return
            failure = what_failed(exc)
        pause = next(retries, None)
        if pause is None:
            raise StartupFailed(
                f"Could not start: Discord was unreachable or failing ({failure}) for {loop.time() - started:.0f} s "
                f"and {tries} attempt(s). Check the network and https://discordstatus.com, then start the bot again."
            )
        log.warning("Could not reach Discord at start-up (%s); trying again in %.0f s.", failure, pause)
        try:
            await asyncio.wait_for(stopping.wait(), pause)
            return  # asked to stop while waiting
        except TimeoutError:
            pass
