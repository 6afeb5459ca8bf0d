from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.local_mode.completion import complete
from bot.local_mode.parse import Become, Click, Help, Invalid, Picked, Quit, Select, Slash, parse_line, pick

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
        ("click #3 Next question", Click("Next question", 3)),
        ("help", Help()),
        (":help", Help()),
        ("/help", Help()),  # a bot without /help: the console's own
        ("quit", Quit()),
        ("   ", None),
    ],
)
def test_parse(line: str, action) -> None:
    assert parse_line(line, COMMANDS) == action


# Apostrophes inside words are letters, not quotes; words never spill into options they were not meant for.
MORE = {
    **COMMANDS,
    "help": {"name": "help", "options": []},
    "search": {"name": "search", "options": [{"name": "query", "type": 3, "required": True}]},
    "settings": {
        "name": "settings",
        "options": [
            {"name": "lookups", "type": 3, "choices": [{"name": "public", "value": "public"}]},
            {"name": "emergency_number", "type": 3},
            {"name": "usage_counting", "type": 3, "choices": [{"name": "on", "value": "on"}]},
        ],
    },
    "card": {
        "name": "card",
        "options": [{"name": "condition", "type": 3, "required": True}, {"name": "mention", "type": 6}],
    },
}


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("/help", Slash("help")),  # the bot's own /help
        ("/condition Sjögren's", Slash("condition", {"name": "Sjögren's"})),
        ("/condition sjogren’s section:symptoms", Slash("condition", {"name": "sjogren’s", "section": "symptoms"})),
        ("/search don't", Slash("search", {"query": "don't"})),
        ("/search I can't feel my feet", Slash("search", {"query": "I can't feel my feet"})),
        ("/compare 'guillain barre' ms", Slash("compare", {"first": "guillain barre", "second": "ms"})),
        ("/compare “guillain barre” ms", Slash("compare", {"first": "guillain barre", "second": "ms"})),
        ("/condition multiple sclerosis", Slash("condition", {"name": "multiple sclerosis"})),
        (
            "/condition multiple sclerosis symptoms",
            Slash("condition", {"name": "multiple sclerosis", "section": "symptoms"}),
        ),
        ('/condition name:"multiple sclerosis"', Slash("condition", {"name": "multiple sclerosis"})),
        ("/settings emergency_number:1 1 2", Slash("settings", {"emergency_number": "1 1 2"})),
        ("/settings emergency_number:000 public", Slash("settings", {"emergency_number": "000", "lookups": "public"})),
        ("/card gbs mention:@everyone", Slash("card", {"condition": "gbs", "mention": "@everyone"})),
    ],
)
def test_words_mean_what_a_person_means(line: str, action: Slash) -> None:
    assert parse_line(line, MORE) == action


def test_as_switches_who_you_are() -> None:
    assert parse_line("as MO", COMMANDS) == Become("mo")
    assert parse_line("as", COMMANDS) == Invalid("Say who, e.g. `as mo` (a moderator).")


def test_numbers_and_booleans_are_sent_as_their_types() -> None:
    commands = {
        "quiz": {
            "name": "quiz",
            "options": [{"name": "questions", "type": 4}, {"name": "ratio", "type": 10}, {"name": "loud", "type": 5}],
        }
    }
    assert parse_line("/quiz 3 0.5 yes", commands) == Slash("quiz", {"questions": 3, "ratio": 0.5, "loud": True})
    assert parse_line("/quiz questions:two", commands) == Invalid("questions must be a whole number.")
    assert parse_line("/quiz loud:maybe", commands) == Invalid("loud must be true or false.")


def test_words_of_a_single_text_option_need_no_quotes() -> None:
    commands = {"search": {"name": "search", "options": [{"name": "query", "type": 3, "required": True}]}}
    assert parse_line("/search double vision", commands) == Slash("search", {"query": "double vision"})
    assert parse_line("/search query:myelin", commands) == Slash("search", {"query": "myelin"})


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("/nope", "There is no /nope command. Commands: /compare, /condition."),
        ("/condition", "/condition needs name. Example: /condition <name> [section]"),
        ("/condition ms section:legs", "section must be one of: symptoms, red_flags."),
        ("/compare a b c d", "Too many values for /compare."),
        ('/condition "ms', "A quote is not closed"),
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
    assert complete("/condition gbs sec", COMMANDS, fake_suggest) == ["section:"]  # option names too
    assert complete("/condition n", COMMANDS, fake_suggest) == ["ms", "name:"]
    assert complete("/condition section:symptoms g", COMMANDS, fake_suggest) == ["gbs", "cidp"]
    assert complete("/compare first:gbs s", COMMANDS, fake_suggest) == ["ms", "second:"]
    assert complete("/compare gbs m", COMMANDS, fake_suggest) == ["ms"]
    assert complete("click Sh", COMMANDS, fake_suggest, ["Share here", "Other"]) == ["Share here"]
    assert complete("/nope x", COMMANDS, fake_suggest) == []


@given(st.text(max_size=200))
def test_any_line_parses_without_raising(line: str) -> None:
    parse_line(line, COMMANDS)
    complete(line, COMMANDS, fake_suggest)


# select: pick options in a menu on the last reply

MENUS = {
    "How fast it came on": [("hours to days", "hours_to_days"), ("days to weeks", "days_to_weeks")],
    "Other clues": [
        ("skin rash", "rash"),
        ("vision loss or eye pain", "vision"),
        ("joint pain", "joint_pain"),
    ],
}


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ('select "How fast" "hours to days"', Select("How fast", ("hours to days",))),
        ("SELECT other rash vision", Select("other", ("rash", "vision"))),
        ('select "How fast it came on"', Select("How fast it came on", ())),
    ],
)
def test_parse_select(line: str, action: Select) -> None:
    assert parse_line(line, COMMANDS) == action


@pytest.mark.parametrize(("line", "says"), [("select", "Say which menu"), ('select "How', "A quote is not closed")])
def test_invalid_select_lines_say_what_to_do(line: str, says: str) -> None:
    result = parse_line(line, COMMANDS)
    assert isinstance(result, Invalid) and result.message.startswith(says)


@pytest.mark.parametrize(
    ("line", "picked"),
    [
        ('select "How fast" "hours to days"', Picked("How fast it came on", ("hours_to_days",), ("hours to days",))),
        ("select how hours", Picked("How fast it came on", ("hours_to_days",), ("hours to days",))),  # case, prefix
        (
            "select other rash vision rash",
            Picked("Other clues", ("rash", "vision"), ("skin rash", "vision loss or eye pain")),
        ),
        (
            'select "Other clues" "skin rash" "JOINT PAIN"',
            Picked("Other clues", ("rash", "joint_pain"), ("skin rash", "joint pain")),
        ),
        ('select "How fast it came on"', Picked("How fast it came on", ())),  # nothing: empty the menu
    ],
)
def test_pick_resolves_menus_and_options_like_condition_names(line: str, picked: Picked) -> None:
    action = parse_line(line, COMMANDS)
    assert isinstance(action, Select)
    assert pick(action, MENUS) == picked


@pytest.mark.parametrize(
    ("line", "menus", "says"),
    [
        ("select how hours", {}, "The last reply has no menus. Try /which first."),
        ("select colour red", MENUS, 'There is no menu "colour" on the last reply. Menus: "How fast it came on", '),
        ("select other rahs", MENUS, '"Other clues" has no option "rahs". Did you mean: skin rash'),
        ("select how zzz", MENUS, '"How fast it came on" has no option "zzz".'),
    ],
)
def test_pick_explains_what_is_not_there(line: str, menus, says: str) -> None:
    action = parse_line(line, COMMANDS)
    assert isinstance(action, Select)
    result = pick(action, menus)
    assert isinstance(result, Invalid) and result.message.startswith(says)


@pytest.mark.parametrize(
    ("line", "completions"),
    [
        ("se", ["select"]),
        ("select ", ['"How fast it came on"', '"Other clues"']),
        ("select O", ['"Other clues"']),
        # Inside a quote, only the part after the last space is replaced (readline's word).
        ('select "How f', ['fast it came on"']),
        ('select "How fast it came on" ', ['"hours to days"', '"days to weeks"']),
        ('select "How fast it came on" d', ['"days to weeks"']),
        ('select "How fast it came on" "days t', ['to weeks"']),
        ('select other "skin rash" ', ['"vision loss or eye pain"', '"joint pain"']),  # not picked twice
        ("select nope ", []),
        ("click Share h", ["here"]),
        ("click #2 Share h", ["here"]),
    ],
)
def test_completion_of_menus_and_options(line: str, completions: list[str]) -> None:
    assert complete(line, COMMANDS, fake_suggest, ["Share here"], MENUS) == completions


@given(st.text(max_size=200))
def test_any_select_line_parses_picks_and_completes_without_raising(rest: str) -> None:
    action = parse_line("select " + rest, COMMANDS)
    if isinstance(action, Select):
        pick(action, MENUS)
    complete("select " + rest, COMMANDS, fake_suggest, (), MENUS)


# A command group (/deck): the first word picks the subcommand, whose options follow.
GROUPED = {
    **COMMANDS,
    "deck": {
        "name": "deck",
        "options": [
            {"name": "study", "type": 1, "options": []},
            {"name": "status", "type": 1, "options": []},
            {
                "name": "add",
                "type": 1,
                "options": [{"name": "condition", "type": 3, "required": True, "autocomplete": True}],
            },
        ],
    },
}


@pytest.mark.parametrize(
    ("line", "action"),
    [
        ("/deck study", Slash("deck study", {})),
        ("/deck ADD myasthenia gravis", Slash("deck add", {"condition": "myasthenia gravis"})),
        ("/deck add condition:mg", Slash("deck add", {"condition": "mg"})),
        ("/deck", Invalid("/deck needs one of: `/deck study`, `/deck status`, `/deck add`.")),
        ("/deck nope", Invalid("/deck needs one of: `/deck study`, `/deck status`, `/deck add`.")),
    ],
)
def test_parse_subcommands(line: str, action) -> None:
    assert parse_line(line, GROUPED) == action


def test_a_subcommand_without_its_required_option_is_explained() -> None:
    parsed = parse_line("/deck add", GROUPED)
    assert isinstance(parsed, Invalid) and parsed.message.startswith("/deck add needs condition.")


def test_tab_completes_subcommands_then_their_options() -> None:
    def suggest(command: str, option: str, typed: str) -> list[str]:
        return [f"{command}|{option}|{typed}"]

    assert complete("/deck s", GROUPED, suggest) == ["study", "status"]
    assert complete("/deck add my", GROUPED, suggest) == ["deck add|condition|my"]
    assert complete("/deck nope x", GROUPED, suggest) == []
