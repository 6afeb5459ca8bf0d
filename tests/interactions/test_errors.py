from __future__ import annotations

import logging

import pytest
from discord import app_commands

from bot.interactions.errors import BAD_INPUT, SOMETHING_WENT_WRONG, log_failure, user_message, with_disclaimer


def test_user_messages_are_plain_and_specific() -> None:
    assert user_message(RuntimeError("boom")) == SOMETHING_WENT_WRONG
    assert "wait 12 seconds" in user_message(app_commands.CommandOnCooldown(app_commands.Cooldown(1, 30), 12.2))
    assert "only works inside a server" in user_message(app_commands.NoPrivateMessage())
    assert "permissions" in user_message(app_commands.MissingPermissions(["manage_messages"]))
    assert user_message(app_commands.TransformerError("x", 3, app_commands.Transformer())) == BAD_INPUT


def test_failures_are_logged_without_the_exception_message(caplog: pytest.LogCaptureFixture) -> None:
    typed = "my private symptom text"
    try:
        raise ValueError(f"could not parse {typed}")
    except ValueError as exc:
        with caplog.at_level(logging.ERROR):
            log_failure("/condition", exc)
    (record,) = caplog.records
    text = record.getMessage()
    assert "/condition failed with ValueError" in text and "test_errors.py" in text
    assert typed not in text and not record.exc_info


def test_text_replies_carry_the_disclaimer() -> None:
    assert with_disclaimer("Hi").endswith(
        "\n-# Educational only, not medical advice. Talk to a doctor about "
        "your own health. In an emergency, call your local emergency number."
    )
