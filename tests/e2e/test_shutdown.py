"""SIGTERM and SIGINT under load: `python -m bot` exits 0 and every interaction it answered is in the database."""

from __future__ import annotations

import asyncio
import itertools
import signal
from collections import Counter
from pathlib import Path

import pytest

from local_discord import LocalDiscord
from local_discord.errors import HarnessError
from tests.e2e.conftest import TOKEN
from tests.e2e.test_entry_point import START_TIMEOUT, start_process
from tests.storage.stored import by_command

WORKERS = 16  # interactions in flight at once
ANSWERED_BEFORE_SIGNAL = 600  # mid-burst, after the recorder has written at least one full batch (500)
BURST_TIMEOUT = 120.0
# What the workers send, in turn: two counted commands, with a card, a section, a miss and a pair.
REQUESTS = [
    ("condition", {"name": "ms"}),
    ("condition", {"name": "gbs", "section": "symptoms"}),
    ("compare", {"first": "mg", "second": "lems"}),
    ("condition", {"name": "no such condition"}),
]


async def _burst(local: LocalDiscord, stop: asyncio.Event) -> None:
    """Keep WORKERS interactions in flight until one goes unanswered after the signal."""
    requests = itertools.cycle(REQUESTS)

    async def worker() -> None:
        while not stop.is_set():
            command, options = next(requests)
            try:
                await local.slash(command, options=options, timeout=2.0)
            except (AssertionError, HarnessError):  # unanswered, or its session already ended: shutting down
                stop.set()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))


def _answered(local: LocalDiscord) -> Counter[str]:
    """Interactions whose answer Discord accepted, by command, as the emulator recorded them."""
    return Counter(r.payload["data"]["name"] for r in local.replies.values() if r.response_type is not None)


def _stored(path: Path) -> Counter[str]:
    return by_command(path)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_mid_burst_exits_0_and_every_answer_is_counted(
    local: LocalDiscord, tmp_path: Path, sig: signal.Signals
) -> None:
    process = await start_process(local, tmp_path, TOKEN)
    stop = asyncio.Event()
    try:
        await local.wait_until_ready(timeout=START_TIMEOUT)
        burst = asyncio.create_task(_burst(local, stop))
        # An event, not a clock: how long 600 answers take depends on the machine, so the wait is only a safety net.
        await local.wait_until(
            lambda: _answered(local).total() >= ANSWERED_BEFORE_SIGNAL, what="the burst", timeout=BURST_TIMEOUT
        )
        process.send_signal(sig)
        output, _ = await asyncio.wait_for(process.communicate(), START_TIMEOUT)
        await asyncio.wait_for(burst, START_TIMEOUT)
    finally:
        stop.set()
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, output.decode()
    assert _stored(tmp_path / "bot.sqlite3") == _answered(local)
    assert b"Traceback" not in output, output.decode()
