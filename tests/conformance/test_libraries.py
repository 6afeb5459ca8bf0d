"""Bots written with disnake, hikari and nextcord, each unmodified in its own process, through the same flow:
login, command sync, a slash command, autocomplete, a button, an edit and a follow-up, a resume after a dropped
connection, and a 429. What each sends must pass the spec check, and what the local Discord sends back too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from local_discord import LocalDiscord
from local_discord.snowflakes import SnowflakeFactory
from local_discord.tokens import bot_token

from .virtualenvs import python_for

HERE = Path(__file__).resolve().parent
COMMANDS = ("hello", "pick", "card", "later")

LIBRARIES = ["disnake", "hikari", "nextcord"]
CALLBACK = "POST /interactions/{interaction_id}/{interaction_token}/callback"
pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=LIBRARIES)
async def library(
    request: pytest.FixtureRequest, spec_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[str, LocalDiscord]]:
    name = request.param
    log = tmp_path_factory.mktemp(name) / "bot.log"
    application_id = SnowflakeFactory().next()
    token = bot_token(application_id)
    async with (
        LocalDiscord(token=token, application_id=application_id, spec_path=spec_path, reply_timeout=10.0) as local,
        local.run_process([python_for(name), str(HERE / f"{name}_bot.py")], log=log, commands=COMMANDS, timeout=60),
    ):
        yield name, local


@pytest.fixture
def local(library: tuple[str, LocalDiscord]) -> LocalDiscord:
    return library[1]


@pytest.fixture
def name(library: tuple[str, LocalDiscord]) -> str:
    return library[0]


@pytest.fixture(autouse=True)
def nothing_refused(library: tuple[str, LocalDiscord]) -> None:
    """After each step: Discord refused nothing the bot sent, and the local Discord sent nothing Discord would not."""
    yield
    library[1].assert_no_violations()


async def test_login_and_command_sync(local: LocalDiscord) -> None:
    assert local.gateway.identify_count == 1
    assert local.gateway.wire[0].compress in ("zlib-stream", "zstd-stream"), local.gateway.wire  # compressed
    assert [record.route for record in local.requests if record.status == 401] == []
    assert {command["name"] for command in local.commands.listed(None)} == {"hello", "pick", "card", "later"}


async def test_slash_command(local: LocalDiscord, name: str) -> None:
    reply = await local.slash("hello")
    assert reply.content == f"Hello from {name}."


async def test_autocomplete(local: LocalDiscord) -> None:
    choices = await local.autocomplete("pick", "fruit", "berry")
    picked = await local.slash("pick", fruit="blueberry")

    assert [choice["name"] for choice in choices] == [
        "blackberry",
        "blueberry",
        "cranberry",
        "elderberry",
        "strawberry",
    ]
    assert (picked.content, picked.ephemeral) == ("You picked blueberry.", True)


async def test_button(local: LocalDiscord) -> None:
    card = await local.slash("card")
    pressed = await card.click("Press", member="mo")

    assert card.content == "A card."
    assert pressed.content == "Pressed by mo."


async def test_edit_and_follow_up(local: LocalDiscord, name: str) -> None:
    reply = await local.slash("later")
    (followup,) = await reply.wait_for_followups(1)

    assert reply.deferred
    assert reply.content == f"Edited by {name}."
    assert followup.content == f"Follow-up from {name}."


async def test_resume_after_a_dropped_connection(local: LocalDiscord, name: str) -> None:
    await local.faults.drop_gateway(4000)
    reply = await local.slash("hello")  # sent while the bot is away: replayed when it resumes
    await local.wait_until(lambda: local.gateway.resume_count == 1, what="a RESUME")

    assert reply.content == f"Hello from {name}."
    assert local.gateway.identify_count == 1


async def test_a_429_is_waited_out_and_answered_once(local: LocalDiscord, name: str) -> None:
    local.faults.rate_limit("/callback", retry_after=0.2)
    reply = await local.slash("hello")

    assert reply.content == f"Hello from {name}."
    limited, answered = [r.status for r in local.requests if f"{r.method} {r.route}" == CALLBACK][-2:]
    assert (limited, answered // 100) == (429, 2)
    assert len(reply.bodies) == 1
