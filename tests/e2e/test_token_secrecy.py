"""The token never appears in a log line, an exception, a reply or the usage database.

One run of the real bot with every logger at DEBUG and nothing redacted: a login with a wrong token, then every
command (and autocomplete, buttons and menus), an error inside a command whose exception quotes the token, and a
cut gateway connection. Then every log line, exception text, request body Discord accepted, message and byte of the
usage database is searched for either token and for each part of them.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import traceback
from collections.abc import Iterator
from typing import Any

import discord
import discord.gateway
import discord.http
import pytest

from bot.config import Secret, Settings
from bot.gateway import run_bot
from bot.interactions.errors import SOMETHING_WENT_WRONG, with_disclaimer
from bot.knowledge.base import KnowledgeBase
from bot.quiz.render import RESULTS_LABEL
from local_discord import LocalDiscord
from local_discord.replies import Reply

# Shaped like a real bot token (base64 user ID, timestamp, HMAC). discord.py puts it in the Authorization header of
# every request, the IDENTIFY and RESUME payloads, and the client's HTTP state: the places a leak would start.
TOKEN = "MTE5ODc2NTQzMjEwOTg3NjU0Mw.GaB3cD.kR9x_vT2mQ7pL4wZ8nY1sE6uH0jF5cA3bV9dXq"
WRONG = "MTE5ODc2NTQzMjEwOTg3NjU0Mw.GzY8wX.aQ1s_D2fG3hJ4kL5zX6cV7bN8mQ9wE0rT1yUi"
SECRET_PARTS = sorted({TOKEN, WRONG, *TOKEN.split("."), *WRONG.split(".")} - {""}, key=len, reverse=True)
STRING_SELECT = 3


@pytest.fixture
def bot_token() -> str:
    return TOKEN


@pytest.fixture
def bot_log_level() -> str:
    return "DEBUG"  # where discord.py logs the most


class Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        # Deliberately not the bot's RedactingFormatter: a token that only redaction hides still counts as leaked.
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # the message, its arguments, any traceback and stack


@pytest.fixture
def all_logs() -> Iterator[list[str]]:
    """Every record from every logger, at DEBUG, whatever levels earlier code set."""
    handler = Keep()
    manager = logging.root.manager
    loggers = [logging.root, *(lg for lg in manager.loggerDict.values() if isinstance(lg, logging.Logger))]
    saved = [(lg, lg.level, lg.disabled, lg.propagate) for lg in loggers]
    disabled = manager.disable
    logging.disable(logging.NOTSET)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled, logger.propagate = False, True
    logging.root.addHandler(handler)
    try:
        yield handler.lines
    finally:
        logging.root.removeHandler(handler)
        for logger, level, was_disabled, propagate in saved:
            logger.setLevel(level)
            logger.disabled, logger.propagate = was_disabled, propagate
        logging.disable(disabled)


def leaked(text: str) -> list[str]:
    return [part for part in SECRET_PARTS if part in text]


def first_select(reply: Reply) -> tuple[str, str]:
    """The first string select menu on the reply, and its first option."""
    for row in reply.components:
        for item in row.get("components", []):
            if item.get("type") == STRING_SELECT:
                return item["custom_id"], item["options"][0]["value"]
    raise AssertionError(f"no select menu in the reply to {reply.label}")


async def use_every_command(local: LocalDiscord) -> set[str]:
    """Every registered command once (and its buttons, menus and autocomplete); returns the names used."""
    card = await local.slash("condition", name="ms", section="symptoms")
    await card.click("Share here")
    await local.slash("compare", first="gbs", second="cidp", third="ms")
    which = await local.slash("which")
    menu, option = first_select(which)
    await which.select(menu, [option])
    quiz = await local.slash("quiz", questions=1, member="mo")
    await quiz.click("A", member="mo")
    await quiz.click(RESULTS_LABEL, member="mo")
    await local.slash("glossary", term="myelin")
    await local.slash("search", query="plasma exchange")
    await local.slash("card", condition="gbs", section="red_flags", mention="sam", member="mo")
    await local.slash("settings", emergency_number="000", member="ada")
    await local.slash("stats", member="ada")
    await local.slash("deck add", condition="mg", member="sam")
    study = await local.slash("deck study", member="sam")
    await study.click("A")
    await (await local.slash("deck delete", member="sam")).click("Delete my deck")
    for command in ("privacy", "help", "about"):
        await local.slash(command)
    assert await local.autocomplete("condition", "name", "guil")
    assert await local.autocomplete("glossary", "term", "mye")
    assert await local.autocomplete("quiz", "topic", "mus")
    assert await local.autocomplete("deck add", "condition", "myas")
    return {reply.label.removeprefix("/").split(" ")[0] for reply in local.replies.values() if reply.label[0] == "/"}


def usage_database_bytes(settings: Settings) -> bytes:
    files = sorted(settings.usage_db_path.parent.glob(settings.usage_db_path.name + "*"))  # with -wal and -shm
    assert files, "the usage database was never written"
    return b"".join(path.read_bytes() for path in files)


def replies_and_messages(local: LocalDiscord) -> str:
    texts: list[Any] = []
    for reply in local.replies.values():
        texts += [reply.text(), reply.bodies, reply.choices, [v.describe() for v in reply.rejections]]
    texts += [message.payload() for message in local.messages.values()]
    return json.dumps(texts, default=str, ensure_ascii=False)


async def test_the_token_appears_nowhere_after_a_full_run(
    local: LocalDiscord,
    start_bot,
    settings: Settings,
    kb: KnowledgeBase,
    all_logs: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # run_bot points discord.py at the local Discord; monkeypatch puts the class attributes back afterwards.
    monkeypatch.setattr(discord.http.Route, "BASE", discord.http.Route.BASE)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    )
    exceptions: list[str] = []

    # 1. A wrong token, started exactly as `python -m bot` starts it.
    with pytest.raises(discord.LoginFailure) as refused:
        await run_bot(dataclasses.replace(settings, token=Secret(WRONG)), kb)
    exceptions.append("".join(traceback.format_exception(refused.value)))  # with the 401 it was raised from

    async with start_bot() as bot:
        # 2. Every command.
        used = await use_every_command(local)
        assert used == {command["name"] for command in local.commands.listed(None) if command["type"] == 1}
        question = local.post_as("sam", "is this GBS?")  # and the Apps menu entry on a member's message
        await local.message_command("Reply with a card", question, member="mo")

        # 3. An error inside a command, whose exception quotes the token (as an HTTP library's error might).
        def broken(_name: str) -> str:
            raise RuntimeError(f"request failed with Authorization: Bot {TOKEN}")

        with monkeypatch.context() as patch:
            patch.setattr(bot.matcher, "resolve", broken)
            failed = await local.slash("condition", name="gbs")
        assert failed.content == with_disclaimer(SOMETHING_WENT_WRONG)

        # 4. A cut gateway connection: the bot resumes, sending the token again.
        await local.faults.drop_gateway(None)
        await local.wait_until(lambda: local.gateway.resume_count == 1 and local.gateway.connected, what="resume")
        assert (await local.slash("condition", name="lupus")).embeds
    exceptions.append(repr(settings))

    # The run really happened, and the capture really saw every level of every library.
    logs = "\n".join(all_logs)
    for expected in (
        "DEBUG discord.http: GET",  # discord.py's request log, which sends the token in a header
        "has sent the IDENTIFY payload",
        "has sent the RESUME payload",
        "ERROR bot.interactions.errors: /condition failed with RuntimeError",
    ):
        assert expected in logs
    assert [(v.route, v.status) for v in local.violations] == [("/users/@me", 401)]  # only the wrong token

    assert leaked(logs) == []
    assert leaked("\n".join(exceptions)) == []
    assert leaked(replies_and_messages(local)) == []
    database = usage_database_bytes(settings)
    assert [part for part in SECRET_PARTS if part.encode() in database] == []
