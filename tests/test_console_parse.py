from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.console_parse import Click, Help, Invalid, Quit, Slash, complete, parse_line

COMMANDS = {
    "condition": {
        "name": "condition",
        "options": [
            {"name": "name", "type": 3, "required": True, "autocomplete": True},
            {
                "name": "section",
                "type": 3,
                "choices": [{"name": "Symptoms", "value": "symptoms"}, {"name": "Red flags", "value": "red_flags"}],
            },
        ],
    },
    "compare": {
        "name": "compare",
        "options": [
            {"name": "first", "type": 3, "required": True, "autocomplete": True},
            {"name": "second", "type": 3, "required": True, "autocomplete": True},
            {"name": "third", "type": 3, "autocomplete": True},
        ],
    },
}


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("/condition ms", Slash("condition", {"name": "ms"})),
        ("/condition gbs section:symptoms", Slash("condition", {"name": "gbs", "section": "symptoms"})),
        ("/condition gbs Symptoms", Slash("condition", {"name": "gbs", "section": "symptoms"})),
        ("/condition name:ms", Slash("condition", {"name": "ms"})),
        ('/compare "guillain barre" ms', Slash("compare", {"first": "guillain barre", "second": "ms"})),
        ("/COMPARE gbs ms mg", Slash("compare", {"first": "gbs", "second": "ms", "third": "mg"})),
        ("click Share here", Click("Share here")),
        ("help", Help()),
        ("/help", Help()),
        ("quit", Quit()),
        ("   ", None),
    ],
)
def test_parse(line: str, action) -> None:
    assert parse_line(line, COMMANDS) == action


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("/nope", "There is no /nope command. Commands: /compare, /condition."),
        ("/condition", "/condition needs name. Example: /condition <name> [section]"),
        ("/condition ms section:legs", "section must be one of: symptoms, red_flags."),
        ("/compare a b c d", "Too many values for /compare."),
        ('/condition "ms', "A quote is not closed."),
        ("condition ms", "Commands start with /"),
        ("click", "Say which button"),
    ],
)
def test_invalid_lines_say_what_to_do(line: str, says: str) -> None:
    result = parse_line(line, COMMANDS)
    assert isinstance(result, Invalid) and result.message.startswith(says)


def fake_suggest(command: str, option: str, typed: str) -> list[str]:
    return ["gbs", "cidp"] if typed.startswith("g") else ["ms"]


def test_completion_of_commands_options_and_buttons() -> None:
    assert complete("/co", COMMANDS, fake_suggest) == ["/compare", "/condition"]
    assert complete("cl", COMMANDS, fake_suggest) == ["click"]
    assert complete("/condition gu", COMMANDS, fake_suggest) == ["gbs", "cidp"]
    assert complete("/condition gbs sy", COMMANDS, fake_suggest) == ["symptoms"]
    assert complete("/condition gbs section:r", COMMANDS, fake_suggest) == ["section:red_flags"]
    assert complete("/compare gbs m", COMMANDS, fake_suggest) == ["ms"]
    assert complete("click Sh", COMMANDS, fake_suggest, ["Share here", "Other"]) == ["Share here"]
    assert complete("/nope x", COMMANDS, fake_suggest) == []


@given(st.text(max_size=200))
def test_any_line_parses_without_raising(line: str) -> None:
    parse_line(line, COMMANDS)
    complete(line, COMMANDS, fake_suggest)
