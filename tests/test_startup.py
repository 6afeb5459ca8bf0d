"""Retrying an unreachable Discord at start-up: bounded pauses, a fresh attempt each time, then one line."""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot import startup
from bot.startup import StartupFailed, pauses, start_with_retries, what_failed


def test_pauses_double_up_to_a_cap_and_add_up_to_the_limit() -> None:
    assert list(pauses(60)) == [1, 2, 4, 8, 16, 29]
    assert list(pauses(200)) == [1, 2, 4, 8, 16, 30, 30, 30, 30, 30, 19]
    assert list(pauses(0)) == []


async def test_each_failure_is_retried_with_a_fresh_attempt_until_one_succeeds(monkeypatch) -> None:
    monkeypatch.setattr(startup, "FIRST_PAUSE", 0.001)
    attempts: list[int] = []

    async def attempt() -> None:
        attempts.append(len(attempts))
        if len(attempts) < 3:
            raise ConnectionRefusedError("no route to Discord")

    await start_with_retries(attempt, limit=1, stopping=asyncio.Event())
    assert attempts == [0, 1, 2]


async def test_a_failure_that_is_not_discords_is_not_retried() -> None:
    async def attempt() -> None:
        raise ValueError("a bug")

    with pytest.raises(ValueError):
        await start_with_retries(attempt, limit=60, stopping=asyncio.Event())


async def test_being_stopped_while_waiting_ends_the_retries_quietly() -> None:
    stopping = asyncio.Event()

    async def attempt() -> None:
        stopping.set()  # SIGTERM arrives while the first attempt fails
        raise ConnectionRefusedError

    await start_with_retries(attempt, limit=60, stopping=stopping)


async def test_giving_up_says_what_failed_without_its_message() -> None:
    async def attempt() -> None:
        raise OSError("connect to https://discord.com/api/webhooks/1/secret-token failed")

    with pytest.raises(StartupFailed) as failed:
        await start_with_retries(attempt, limit=0, stopping=asyncio.Event())
    assert "(OSError)" in str(failed.value) and "secret-token" not in str(failed.value)


def test_a_server_error_is_named_by_its_status() -> None:
    class Response:
        status, reason = 503, "Service Unavailable"

    assert what_failed(discord.DiscordServerError(Response(), "down")) == "503 DiscordServerError"
