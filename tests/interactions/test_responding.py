"""answer_in_time: a quick answer is the one response; slow work is deferred first, then the answer edits it in."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
from typing import Any

import discord
import pytest

import bot.interactions.responding
from bot.interactions.responding import NO_MENTIONS, Answer, answer_in_time, budget_left


class FakeResponse:
    def __init__(self, *, defer_fails: bool = False) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.deferred = asyncio.Event()
        self._defer_fails = defer_fails

    def is_done(self) -> bool:
        return bool(self.calls)

    async def defer(self, **options: Any) -> None:
        if self._defer_fails:
            raise RuntimeError("10062: Unknown interaction")
        self.calls.append(("defer", options))
        self.deferred.set()

    async def send_message(self, **fields: Any) -> None:
        self.calls.append(("send_message", fields))


class FakeInteraction:
    """What answer_in_time uses of a discord.Interaction, recording every call."""

    def __init__(self, *, age: float = 0.0, defer_fails: bool = False) -> None:
        self.created_at = discord.utils.utcnow() - dt.timedelta(seconds=age)
        self.response = FakeResponse(defer_fails=defer_fails)
        self.edits: list[dict[str, Any]] = []

    async def edit_original_response(self, **fields: Any) -> None:
        self.edits.append(fields)


@pytest.fixture
def short_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.interactions.responding, "BUDGET", 0.01)


def chart() -> discord.File:
    return discord.File(io.BytesIO(b"png"), filename="chart.png")


async def answer(value: Answer, *, after: asyncio.Event | None = None) -> Answer:
    if after is not None:
        await after.wait()
    return value


@pytest.mark.parametrize("ephemeral", [True, False])
async def test_a_quick_answer_is_the_one_response(ephemeral: bool) -> None:
    interaction = FakeInteraction()
    embed, files = discord.Embed(title="Usage"), [chart()]
    await answer_in_time(interaction, answer(Answer(embed=embed, files=files)), ephemeral=ephemeral)  # type: ignore[arg-type]
    expected = {"embed": embed, "files": files, "ephemeral": ephemeral, "allowed_mentions": NO_MENTIONS}
    assert interaction.response.calls == [("send_message", expected)]
    assert interaction.edits == []


async def test_a_text_answer_sends_only_its_text() -> None:
    interaction = FakeInteraction()
    await answer_in_time(interaction, answer(Answer(content="Not available.")), ephemeral=True)  # type: ignore[arg-type]
    expected = {"content": "Not available.", "ephemeral": True, "allowed_mentions": NO_MENTIONS}
    assert interaction.response.calls == [("send_message", expected)]


@pytest.mark.parametrize("ephemeral", [True, False])
async def test_slow_work_is_deferred_with_its_visibility_then_edited_in(short_budget: None, ephemeral: bool) -> None:
    interaction = FakeInteraction()
    embed, files = discord.Embed(title="Usage"), [chart()]
    # The work can only finish once the interaction is deferred: slow by construction, not by a clock.
    work = answer(Answer(embed=embed, files=files), after=interaction.response.deferred)
    await answer_in_time(interaction, work, ephemeral=ephemeral)  # type: ignore[arg-type]
    assert interaction.response.calls == [("defer", {"ephemeral": ephemeral, "thinking": True})]
    assert interaction.edits == [{"embed": embed, "attachments": files, "allowed_mentions": NO_MENTIONS}]


async def test_an_interaction_that_already_used_its_budget_is_deferred_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    hour = 3600.0
    monkeypatch.setattr(bot.interactions.responding, "BUDGET", hour)  # were the age ignored, this would wait an hour
    interaction = FakeInteraction(age=hour + 1)  # e.g. replayed after a reconnect, or held up in a busy loop
    work = answer(Answer(content="late"), after=interaction.response.deferred)
    await asyncio.wait_for(answer_in_time(interaction, work, ephemeral=True), 5.0)  # type: ignore[arg-type]
    assert [name for name, _ in interaction.response.calls] == ["defer"]
    assert interaction.edits == [{"content": "late", "allowed_mentions": NO_MENTIONS}]


def test_the_budget_counts_from_the_interactions_creation_and_never_grows() -> None:
    assert budget_left(FakeInteraction(age=0.5), 1.5) == pytest.approx(1.0, abs=0.1)  # type: ignore[arg-type]
    assert budget_left(FakeInteraction(age=5.0), 1.5) == 0.0  # type: ignore[arg-type]
    assert budget_left(FakeInteraction(age=-30.0), 1.5) == 1.5  # type: ignore[arg-type]  # our clock is behind


async def test_work_that_fails_quickly_raises_without_sending_anything() -> None:
    async def broken() -> Answer:
        raise ValueError("boom")

    interaction = FakeInteraction()
    with pytest.raises(ValueError):
        await answer_in_time(interaction, broken(), ephemeral=True)  # type: ignore[arg-type]
    assert interaction.response.calls == [] and interaction.edits == []  # the error handler answers instead


async def test_work_that_fails_after_the_defer_raises_after_deferring(short_budget: None) -> None:
    interaction = FakeInteraction()

    async def broken() -> Answer:
        await interaction.response.deferred.wait()
        raise ValueError("boom")

    with pytest.raises(ValueError):
        await answer_in_time(interaction, broken(), ephemeral=True)  # type: ignore[arg-type]
    assert [name for name, _ in interaction.response.calls] == ["defer"]
    assert interaction.edits == []  # the error handler's followup replaces "thinking"


async def test_when_the_defer_fails_the_work_is_stopped(short_budget: None) -> None:
    stopped = asyncio.Event()

    async def endless() -> Answer:
        try:
            await asyncio.Event().wait()
        finally:
            stopped.set()
        raise AssertionError("unreachable")

    with pytest.raises(RuntimeError, match="10062"):
        await answer_in_time(FakeInteraction(defer_fails=True), endless(), ephemeral=True)  # type: ignore[arg-type]
    await asyncio.wait_for(stopped.wait(), 1.0)


async def test_cancelling_the_command_stops_the_work(short_budget: None) -> None:
    started, stopped = asyncio.Event(), asyncio.Event()

    async def endless() -> Answer:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            stopped.set()
        raise AssertionError("unreachable")

    interaction = FakeInteraction()
    command = asyncio.create_task(answer_in_time(interaction, endless(), ephemeral=True))  # type: ignore[arg-type]
    await interaction.response.deferred.wait()
    command.cancel()
    with pytest.raises(asyncio.CancelledError):
        await command
    assert started.is_set() and stopped.is_set()
