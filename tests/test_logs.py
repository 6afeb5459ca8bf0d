"""Every log line is scrubbed of identifiers and tokens, and chatty libraries are held back at any LOG_LEVEL."""

from __future__ import annotations

import io
import logging
import secrets
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import logs
from bot.logs import ID, REDACTED, TOKEN, ScrubbingFormatter, scrub

BOT_TOKEN = "MTE5ODc2NTQzMjEwOTg3NjU0Mw.GaB3cD.kR9x_vT2mQ7pL4wZ8nY1sE6uH0jF5cA3bV9dXq"
GUILD, USER, INTERACTION = "1198765432109876543", "987654321098765432", "1311111111111111111"


def record(msg: str, *args: object, exc: BaseException | None = None, stack: str | None = None) -> logging.LogRecord:
    made = logging.LogRecord("discord.app_commands.tree", logging.ERROR, __file__, 1, msg, args, None)
    if exc is not None:
        made.exc_info = (type(exc), exc, exc.__traceback__)
    made.stack_info = stack
    return made


def raised(message: str) -> BaseException:
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        return exc


def test_discord_py_autocomplete_error_line_loses_its_ids() -> None:
    line = ScrubbingFormatter("%(message)s").format(
        record("Ignoring exception in autocomplete for %r (Guild: %s, User: %s)", "condition", int(GUILD), int(USER))
    )
    assert line == f"Ignoring exception in autocomplete for 'condition' (Guild: {ID}, User: {ID})"


def test_ids_and_tokens_in_arguments_tracebacks_and_stacks_are_scrubbed() -> None:
    interaction_token = secrets.token_urlsafe(48)
    exc = raised(f"POST /interactions/{INTERACTION}/{interaction_token}/callback failed for {USER}")
    made = record(
        "Webhook ID %s is rate limited", INTERACTION, exc=exc, stack=f"Stack (most recent call last): {GUILD}"
    )
    text = ScrubbingFormatter("%(message)s", [BOT_TOKEN]).format(made)
    for value in (GUILD, USER, INTERACTION, interaction_token):
        assert value not in text
    assert "Traceback" in text and "RuntimeError" in text and text.count(ID) == 4 and TOKEN in text


def test_the_bot_token_and_token_shaped_strings_are_scrubbed() -> None:
    other_bot_token = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.this-is-not-a-real-token-0123456789"
    assert scrub(f"login with {BOT_TOKEN}", [BOT_TOKEN]) == f"login with {REDACTED}"
    assert scrub(f"Authorization: Bot {other_bot_token}") == f"Authorization: Bot {TOKEN}"
    server_key = "3f" * 32
    assert scrub(f"INSERT ... ('{server_key}', 1)") == f"INSERT ... ('{TOKEN}', 1)"


def test_ordinary_text_is_left_alone() -> None:
    for text in (
        "Synced 12 slash command(s) globally.",
        "/condition failed with RuntimeError",
        'File "/work/bot/tests/e2e/test_counts_wait_in_memory_while_the_database_cannot_be_written.py", line 12',
        "usage counts at 2026-W48: 1234567 kept",
    ):
        assert scrub(text) == text


@given(st.integers(min_value=10**16, max_value=2**64), st.text(max_size=20), st.text(max_size=20))
def test_any_snowflake_anywhere_in_a_line_is_gone(snowflake: int, before: str, after: str) -> None:
    line = scrub(f"{before}{snowflake}{after}")
    assert str(snowflake) not in line


@given(st.integers(min_value=24, max_value=96))
def test_any_url_safe_token_is_gone(size: int) -> None:
    token = secrets.token_urlsafe(size)
    assert token not in scrub(f"/webhooks/1/{token}/messages/@original")


def test_a_token_without_digits_is_still_a_token() -> None:
    assert scrub("key " + "aBcDeFgHiJ" * 4) == "key " + TOKEN


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    saved = root.handlers[:], root.level, {name: logging.getLogger(name).level for name in logs.HELD_LEVELS}
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.parametrize("library", ["discord.http", "discord.gateway", "aiosqlite", "asyncio", "aiohttp.access"])
def test_libraries_that_log_identifiers_below_info_stay_quiet_at_debug(library: str, restore_logging) -> None:
    stream = io.StringIO()
    logs.configure("DEBUG", stream=stream)
    logging.getLogger(library).debug("executing INSERT INTO guild_settings VALUES (%s)", "3f" * 32)
    logging.getLogger("bot.app").debug("our own debug line")
    assert stream.getvalue().count("\n") == 1 and "our own debug line" in stream.getvalue()


def test_configure_installs_the_scrubbing_formatter_on_the_root_handler(restore_logging) -> None:
    stream = io.StringIO()
    handler = logs.configure("INFO", [BOT_TOKEN], stream=stream)
    assert logging.getLogger().handlers == [handler]
    try:
        raise ValueError(f"bad token {BOT_TOKEN} for guild {GUILD}")
    except ValueError:
        logging.getLogger("bot").error("login with %s", BOT_TOKEN, exc_info=sys.exc_info())
    text = stream.getvalue()
    assert BOT_TOKEN not in text and GUILD not in text and text.count(REDACTED) == 2
