"""The dispatcher with a real discord.py client and no network: each kind of first answer becomes the HTTP body,
routed through discord.py's own command tree and view store, and an answer after the deadline is refused the way
Discord refuses a late one."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.http.answers import InteractionAnswers, NotAnInteraction
from bot.http.discord_py_seam import UNKNOWN_INTERACTION

EPHEMERAL = 64


class Pressed(discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]], template=r"press:(?P<n>[0-9]+)"):
    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="Press", custom_id=f"press:{n}"))
        self.n = n

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: Any, match: re.Match[str]) -> Pressed:
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        if self.n == 0:
            await interaction.response.defer()  # a deferred update: the message is edited later, or not at all
            return
        await interaction.response.edit_message(content=f"pressed {self.n}")


class Ask(discord.ui.Modal, title="Ask"):
    question: discord.ui.TextInput[Ask] = discord.ui.TextInput(label="Question")


class Rig:
    """A discord.py client with a few commands, as the bot's cogs would declare them."""

    def __init__(self) -> None:
        self.client = discord.Client(intents=discord.Intents(guilds=True))
        self.client.add_dynamic_items(Pressed)
        tree = app_commands.CommandTree(self.client)
        self.release = asyncio.Event()
        self.late: asyncio.Future[BaseException] = asyncio.get_running_loop().create_future()

        @tree.command(name="hello", description="Say hello.")
        async def hello(interaction: discord.Interaction, name: str) -> None:
            await interaction.response.send_message(f"hello {name}", ephemeral=True)

        @hello.autocomplete("name")
        async def names(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
            return [app_commands.Choice(name=f"{current}ada", value="ada")]

        @tree.command(name="chart", description="A chart.")
        async def chart(interaction: discord.Interaction) -> None:
            chart = discord.File(io.BytesIO(b"\x89PNG"), filename="chart.png")
            await interaction.response.send_message("the chart", file=chart, ephemeral=True)

        @tree.command(name="think", description="Defer.")
        async def think(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)

        @tree.command(name="ask", description="A modal.")
        async def ask(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(Ask())

        @tree.command(name="slow", description="Too slow.")
        async def slow(interaction: discord.Interaction) -> None:
            await self.release.wait()
            try:
                await interaction.response.send_message("at last")
            except discord.HTTPException as exc:
                self.late.set_result(exc)


def interaction(kind: int, data: dict[str, Any], *, number: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(1000 + number),
        "application_id": "42",
        "type": kind,
        "token": f"token-{number}",
        "version": 1,
        "attachment_size_limit": 8_000_000,
        "channel": {"id": "7", "type": 1},
        "channel_id": "7",
        "user": {"id": "9", "username": "sam", "discriminator": "0", "avatar": None, "global_name": None},
        "context": 1,
        "authorizing_integration_owners": {"0": "0"},
        "data": data,
        **extra,
    }


def command(name: str, *options: dict[str, Any]) -> dict[str, Any]:
    return {"id": "77", "name": name, "type": 1, "options": list(options)}


@pytest.fixture
async def rig() -> AsyncIterator[Rig]:
    made = Rig()
    async with made.client:  # ready for interactions as after login, without a network
        yield made


async def test_a_message_answer_is_the_http_body(rig: Rig) -> None:
    answer = await InteractionAnswers(rig.client).answer(
        interaction(2, command("hello", {"name": "name", "type": 3, "value": "mo"}))
    )
    assert answer is not None and answer.then is None
    assert answer.body["type"] == 4
    assert answer.body["data"]["content"] == "hello mo" and answer.body["data"]["flags"] == EPHEMERAL


async def test_autocomplete_is_answered_with_its_choices(rig: Rig) -> None:
    typed = {"name": "name", "type": 3, "value": "x", "focused": True}
    answer = await InteractionAnswers(rig.client).answer(interaction(4, command("hello", typed)))
    assert answer is not None and answer.body == {"type": 8, "data": {"choices": [{"name": "xada", "value": "ada"}]}}


async def test_a_deferral_and_a_modal_are_answers_too(rig: Rig) -> None:
    answers = InteractionAnswers(rig.client)
    thinking = await answers.answer(interaction(2, command("think"), number=2))
    modal = await answers.answer(interaction(2, command("ask"), number=3))
    assert thinking is not None and thinking.body == {"type": 5, "data": {"flags": EPHEMERAL}}
    assert modal is not None and modal.body["type"] == 9 and modal.body["data"]["title"] == "Ask"


async def test_a_dynamic_button_is_rebuilt_from_its_custom_id_and_updates_or_defers_its_message(rig: Rig) -> None:
    message = {
        "id": "55",
        "channel_id": "7",
        "type": 0,
        "content": "",
        "author": {"id": "42", "username": "bot", "discriminator": "0", "avatar": None},
        "attachments": [],
        "embeds": [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "flags": 0,
        # discord.py rebuilds the clicked item from the message it is on
        "components": [{"type": 1, "components": [{"type": 2, "style": 2, "label": "Press", "custom_id": "press:7"}]}],
    }
    click = interaction(3, {"custom_id": "press:7", "component_type": 2}, message=message)
    answer = await InteractionAnswers(rig.client).answer(click)
    assert answer is not None and answer.body["type"] == 7 and answer.body["data"]["content"] == "pressed 7"
    row = message["components"][0]["components"][0]
    row["custom_id"] = "press:0"
    deferred = await InteractionAnswers(rig.client).answer(
        interaction(3, {"custom_id": "press:0", "component_type": 2}, number=2, message=message)
    )
    assert deferred is not None and deferred.body == {"type": 6}


async def test_an_answer_with_files_is_a_deferral_of_the_same_visibility_then_an_edit(rig: Rig) -> None:
    answer = await InteractionAnswers(rig.client).answer(interaction(2, command("chart")))
    assert answer is not None and answer.body == {"type": 5, "data": {"flags": EPHEMERAL}}
    assert answer.then is not None  # the edit with the file: sent once the HTTP answer is out (tests/e2e)


async def test_no_answer_within_the_deadline_is_none_and_the_late_answer_is_refused_as_by_discord(rig: Rig) -> None:
    answers = InteractionAnswers(rig.client, deadline=0.01)
    assert await answers.answer(interaction(2, command("slow"))) is None
    rig.release.set()
    late = await rig.late
    assert isinstance(late, discord.NotFound) and late.code == UNKNOWN_INTERACTION


@pytest.mark.parametrize("broken", [{}, {"id": "x"}, {"id": "1", "application_id": "2"}])
async def test_a_body_that_is_not_an_interaction_is_refused_before_anything_runs(rig: Rig, broken) -> None:
    with pytest.raises(NotAnInteraction):
        await InteractionAnswers(rig.client).answer(broken)


async def test_a_payload_discord_py_cannot_parse_is_refused_and_forgotten(rig: Rig) -> None:
    payload = interaction(2, command("hello"))
    del payload["attachment_size_limit"]
    with pytest.raises(NotAnInteraction):
        await InteractionAnswers(rig.client).answer(payload)
