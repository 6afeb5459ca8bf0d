"""Waiting for state that changes without an event the local Discord could signal (the bot's own tasks, the disk)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def poll_until(condition: Callable[[], bool], what: str, *, timeout: float, every: float) -> None:
    """Return once condition() holds; fail the test, naming what never happened, after `timeout` seconds."""
    try:
        async with asyncio.timeout(timeout):
            while not condition():
                await asyncio.sleep(every)
    except TimeoutError:
        raise AssertionError(f"timed out after {timeout}s waiting for {what}") from None
