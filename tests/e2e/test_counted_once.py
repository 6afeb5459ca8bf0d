"""Each interaction is counted once, by how it finally went, and a hard kill loses at most the last flush interval.

SIGTERM and SIGINT (which let the bot write everything) are in test_shutdown.py; this is the kill that gives the
bot no chance at all: SIGKILL, as the kernel's out-of-memory killer or `docker kill` deliver it.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from pathlib import Path

import pytest

from bot.storage.recorder import UsageRecorder
from local_discord import InteractionFailed, LocalDiscord
from tests.e2e.conftest import TOKEN
from tests.e2e.polling import poll_until
from tests.e2e.test_entry_point import START_TIMEOUT, start_process
from tests.storage.stored import by_command_and_outcome

CALLBACK = "/callback"
WAIT = 15.0  # far more than the recorder's flush interval: the bot writes on its own, nothing makes it


def refuse_the_next_answer(local: LocalDiscord) -> None:
    """Discord refuses the answer and then the error reply, as it does once the 3-second window has passed."""
    local.faults.server_error(CALLBACK, status=404, count=2)


@pytest.mark.parametrize(
    ("command", "options", "member"),
    [("condition", {"name": "ms"}, "sam"), ("glossary", {"term": "myelin"}, "sam"), ("settings", {}, "ada")],
)
async def test_an_answer_discord_refused_is_one_error_not_an_answer_and_an_error(
    local: LocalDiscord, start_bot, settings, command: str, options: dict, member: str
) -> None:
    async with start_bot():
        refuse_the_next_answer(local)
        with pytest.raises(InteractionFailed):
            await local.slash(command, member=member, options=options)
    assert by_command_and_outcome(settings.usage_db_path) == {(command, "error"): 1}


async def test_a_refused_button_press_is_one_error(local: LocalDiscord, start_bot, settings) -> None:
    async with start_bot():
        card = await local.slash("condition", name="ms")
        refuse_the_next_answer(local)
        with pytest.raises(InteractionFailed):
            await card.click("Share here")
    assert by_command_and_outcome(settings.usage_db_path) == {("condition", "ok"): 1, ("share", "error"): 1}


def integrity(path: Path) -> list[tuple[str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall()


async def test_sigkill_loses_nothing_already_written_and_counts_each_interaction_once(
    local: LocalDiscord, tmp_path: Path
) -> None:
    path = tmp_path / "bot.sqlite3"
    process = await start_process(local, tmp_path, TOKEN)
    try:
        await local.wait_until_ready(timeout=START_TIMEOUT)
        for _ in range(10):
            assert (await local.slash("condition", name="ms")).embeds
        refuse_the_next_answer(local)
        with pytest.raises(InteractionFailed):
            await local.slash("condition", name="gbs")
        expected = {("condition", "ok"): 10, ("condition", "error"): 1}
        # Written by the bot's own writer within its flush interval, while it runs: this is all a kill can lose.
        await poll_until(lambda: by_command_and_outcome(path) == expected, "the counts", timeout=WAIT, every=0.05)
        process.kill()
        await asyncio.wait_for(process.wait(), START_TIMEOUT)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == -signal.SIGKILL
    assert integrity(path) == [("ok",)] and by_command_and_outcome(path) == expected

    # And the database is as good as new for the next start: it opens, and counting goes on.
    restarted = await start_process(local, tmp_path, TOKEN)
    try:
        await local.wait_until(lambda: local.gateway.identify_count == 2, what="the restart", timeout=START_TIMEOUT)
        assert (await local.slash("condition", name="ms")).embeds
    finally:
        restarted.send_signal(signal.SIGTERM)
        await asyncio.wait_for(restarted.communicate(), START_TIMEOUT)
    assert restarted.returncode == 0
    assert by_command_and_outcome(path) == {("condition", "ok"): 11, ("condition", "error"): 1}


def test_the_flush_interval_that_bounds_a_kills_loss_is_two_seconds() -> None:
    # RELIABILITY.md states what a hard kill can lose in terms of this number; it must not drift from it.
    assert UsageRecorder.__init__.__kwdefaults__["flush_interval"] == 2.0
