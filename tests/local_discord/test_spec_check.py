"""The OpenAPI body check: operation lookup, Discord-shaped error paths, and running without the spec."""

import logging
from pathlib import Path

import pytest

from bench.bare_bot import HELLO, BareBot
from local_discord import LocalDiscord
from local_discord.form_errors import Issue, invalid_form_body
from local_discord.spec_check import SpecChecker

CALLBACK_PATH = "/interactions/1234/some-token/callback"


def test_operations_are_found_by_template_preferring_literal_segments(spec_path: Path) -> None:
    checker = SpecChecker(spec_path)

    assert checker.find_operation("GET", "/users/@me").template == "/users/@me"
    assert checker.find_operation("PATCH", "/webhooks/1/t/messages/@original").template.endswith("/@original")
    assert checker.find_operation("PATCH", "/webhooks/1/t/messages/99").template.endswith("/{message_id}")
    assert checker.find_operation("GET", "/not/in/the/spec") is None


def test_a_too_long_embed_description_is_reported_at_its_path(spec_path: Path) -> None:
    body = {"type": 4, "data": {"embeds": [{"title": "ok", "description": "x" * 4097}]}}

    issues = SpecChecker(spec_path).check("POST", CALLBACK_PATH, body)

    assert issues == [
        Issue(("data", "embeds", 0, "description"), "BASE_TYPE_MAX_LENGTH", "Must be 4096 or fewer in length.")
    ]
    assert invalid_form_body(issues)["errors"] == {
        "data": {
            "embeds": {
                "0": {
                    "description": {
                        "_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 4096 or fewer in length."}]
                    }
                }
            }
        }
    }


def test_union_bodies_are_judged_by_their_type_field(spec_path: Path) -> None:
    checker = SpecChecker(spec_path)

    (bad_type,) = checker.check("POST", CALLBACK_PATH, {"type": 3})
    autocomplete = checker.check("POST", CALLBACK_PATH, {"type": 8, "data": {"choices": [{"name": "", "value": "a"}]}})

    assert (bad_type.path, bad_type.code) == (("type",), "BASE_TYPE_CHOICES")
    assert autocomplete == [
        Issue(("data", "choices", 0, "name"), "BASE_TYPE_MIN_LENGTH", "Must be 1 or more in length.")
    ]


def test_what_discord_py_sends_is_accepted(spec_path: Path) -> None:
    checker = SpecChecker(spec_path)
    # Integer snowflakes: discord.py sends them and Discord accepts them, though the spec says strings.
    message = {"content": "hi", "allowed_mentions": {"parse": [], "users": [80351110224678912]}, "flags": 64}

    assert checker.check("POST", "/webhooks/1/token", message) == []
    assert checker.check("PUT", "/applications/1/commands", [{"name": "ping", "description": "Ping", "type": 1}]) == []


def test_a_missing_spec_is_reported_once_and_checks_pass(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    checker = SpecChecker(tmp_path / "absent.json")
    with caplog.at_level(logging.WARNING, logger="local_discord.spec_check"):
        assert checker.check("POST", CALLBACK_PATH, {"type": 3}) == []
        assert checker.check("POST", CALLBACK_PATH, {"type": 4}) == []

    assert not checker.available
    assert len(caplog.records) == 1
    assert "NOT be validated" in caplog.records[0].getMessage()


def test_checks_turned_off_on_purpose_warn_no_one(caplog: pytest.LogCaptureFixture) -> None:
    checker = SpecChecker(None)  # as the benchmarks ask for, once per emulator
    with caplog.at_level(logging.INFO, logger="local_discord.spec_check"):
        assert checker.check("POST", CALLBACK_PATH, {"type": 3}) == []
    assert [r.levelno for r in caplog.records] == [logging.INFO]
    assert "None" not in caplog.records[0].getMessage()


async def test_the_emulator_runs_without_the_spec(tmp_path: Path) -> None:
    async with LocalDiscord(token="t", spec_path=tmp_path / "absent.json") as local, local.run_bot(BareBot()):
        reply = await local.slash("hello")

    assert reply.content == HELLO
    assert not local.spec.available
