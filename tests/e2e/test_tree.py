"""Everything the bot's command tree checks before a command runs: autocomplete answered by the bot itself, commands
Discord has in an older shape, and options outside what a command declares (as a modified client could send)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.interactions.errors import SOMETHING_WENT_WRONG, with_disclaimer
from bot.interactions.option_check import STALE_COMMAND
from local_discord import InteractionFailed, LocalDiscord
from tests.e2e.polling import poll_until
from tests.log_scan import ScanHandler

CALLBACK = "/callback"


def registered(local: LocalDiscord, name: str) -> dict:
    command = local.commands.find(name, None)
    assert command is not None
    return command


def option(local: LocalDiscord, command: str, name: str) -> dict:
    return next(o for o in registered(local, command)["options"] if o["name"] == name)


def records_from(caplog: pytest.LogCaptureFixture, prefix: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(prefix)]


async def test_a_failing_autocomplete_is_answered_and_logged_once_without_ids(
    local: LocalDiscord, start_bot, caplog: pytest.LogCaptureFixture
) -> None:
    async with start_bot() as bot:

        def broken(_current: str) -> list[tuple[str, str]]:
            raise RuntimeError("the matcher broke")

        bot.matcher.choices = broken
        with caplog.at_level(logging.DEBUG):
            assert await local.autocomplete("condition", "name", "guil") == []  # an answer, empty
    assert records_from(caplog, "discord.app_commands") == []  # discord.py never saw it: no IDs logged
    (failure,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert failure.getMessage().startswith("Autocomplete for /condition failed with RuntimeError")
    local.assert_no_violations()


async def test_a_late_autocomplete_is_one_line_not_a_library_error_with_ids(
    local: LocalDiscord, start_bot, caplog: pytest.LogCaptureFixture
) -> None:
    async with start_bot():
        local.faults.delay(CALLBACK, seconds=local.response_window + 0.2)  # Discord refuses it: 10062
        with caplog.at_level(logging.DEBUG), pytest.raises(InteractionFailed):
            await local.autocomplete("glossary", "term", "mye")
        await poll_until(
            lambda: any("was not delivered" in r.getMessage() for r in caplog.records),
            "the bot to log the refused answer",
            timeout=5.0,
            every=0.02,
        )
    assert records_from(caplog, "discord.app_commands") == []
    (line,) = [r for r in caplog.records if "was not delivered" in r.getMessage()]
    assert line.getMessage() == "Autocomplete for /glossary was not delivered (404 NotFound)."
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_rate_limited_answer_is_logged_without_the_interaction_id(
    online: LocalDiscord, no_identifier_in_any_log: ScanHandler
) -> None:
    online.faults.rate_limit(CALLBACK, retry_after=0.05)
    reply = await online.slash("condition", name="ms")
    assert reply.embeds
    (line,) = [line for line in no_identifier_in_any_log.lines if "is rate limited" in line]
    assert "Webhook ID [id] is rate limited" in line and reply.interaction_id not in line


async def test_a_command_discord_still_lists_but_the_bot_no_longer_has_is_out_of_date(
    online: LocalDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    online.commands.replace(None, [*online.commands.listed(None), {"name": "oldcommand", "description": "Gone."}])
    with caplog.at_level(logging.INFO):
        reply = await online.slash("oldcommand")
    assert reply.ephemeral and reply.content == with_disclaimer(STALE_COMMAND)
    (line,) = [r for r in caplog.records if r.name.startswith("bot")]
    assert line.levelno == logging.WARNING and "/oldcommand" in line.getMessage() and not line.exc_info
    assert "Traceback" not in line.getMessage() and "\n" not in line.getMessage()


@pytest.mark.parametrize(
    ("change", "use"),
    [
        ("an option it no longer has", lambda o: o.append({"type": 3, "name": "colour", "description": "Old."})),
        ("a required option it lost", lambda o: o.pop(0)),
    ],
)
async def test_a_command_in_an_older_shape_is_out_of_date(
    online: LocalDiscord, caplog: pytest.LogCaptureFixture, change: str, use
) -> None:
    options = registered(online, "condition")["options"]
    use(options)
    values = {o["name"]: "ms" for o in options if o["type"] == 3 and "choices" not in o}
    with caplog.at_level(logging.INFO):
        reply = await online.slash("condition", options=values)
    assert reply.content == with_disclaimer(STALE_COMMAND), change
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert SOMETHING_WENT_WRONG not in reply.content


async def test_autocomplete_of_an_option_the_bot_does_not_know_is_empty(online: LocalDiscord) -> None:
    options = registered(online, "condition")["options"]
    options.append({"type": 3, "name": "colour", "description": "Old.", "autocomplete": True})
    assert await online.autocomplete("condition", "colour", "re", name="ms") == []


OUT_OF_RANGE = [
    pytest.param("quiz", "questions", 10**30, "`questions` must be a whole number from 1 to 10.", id="huge"),
    pytest.param("quiz", "questions", 0, "`questions` must be a whole number from 1 to 10.", id="zero"),
    pytest.param("quiz", "questions", -(2**63), "`questions` must be a whole number from 1 to 10.", id="negative"),
    pytest.param("condition", "name", "x" * 101, "`name` must be 1 to 100 characters long.", id="long-text"),
    pytest.param("condition", "section", "bones", "`section` must be one of the choices in its list.", id="choice"),
    pytest.param("settings", "emergency_number", "1" * 41, "`emergency_number` must be 1 to 40", id="settings"),
]


@pytest.mark.parametrize(("command", "name", "value", "message"), OUT_OF_RANGE)
async def test_an_option_outside_its_declared_range_gets_a_clear_private_answer(
    online: LocalDiscord, caplog: pytest.LogCaptureFixture, command: str, name: str, value, message: str
) -> None:
    declared = option(online, command, name)
    for bound in ("min_value", "max_value", "min_length", "max_length", "choices"):
        declared.pop(bound, None)  # as a modified client would ignore them
    options = {name: value} | ({"name": "ms"} if command == "condition" and name != "name" else {})
    with caplog.at_level(logging.INFO):
        reply = await online.slash(command, member="ada", options=options)
    assert reply.ephemeral and reply.content.startswith(message)
    assert len(str(value)) < 2 or str(value) not in reply.content  # never echoed
    assert online.messages_in("general") == []  # no quiz, no card posted
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_values_at_the_declared_limits_are_accepted(online: LocalDiscord) -> None:
    replies = await asyncio.gather(
        online.slash("quiz", questions=10),
        online.slash("quiz", questions=1, member="mo"),
        online.slash("condition", name="x" * 100),
    )
    assert all(reply.messages for reply in replies)
