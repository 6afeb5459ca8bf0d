"""Waiting for the emulator's state to reach a condition, without polling."""

import asyncio
from collections.abc import Callable


class Signal:
    """Wakes every waiter whenever something changed; waiters re-check their own condition."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait_for(self, condition: Callable[[], bool], timeout: float) -> None:
        """Return once `condition()` holds; TimeoutError after `timeout` seconds."""
        async with asyncio.timeout(timeout):
            while True:
                event = self._event  # taken before the check, so a change in between is not missed
                if condition():
                    return
                await event.wait()
