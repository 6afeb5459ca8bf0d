"""The local-mode console's language, as pure functions: parse a typed line into what the person asked for.

Commands are read against the slash-command definitions the bot registered (Discord's own JSON), so the console
knows exactly the options the bot has:

    /condition ms                      positional values fill the options in order
    /condition gbs section:symptoms    or name:value
    /condition multiple sclerosis      words that fit no other option stay with the text before them
    /compare "guillain barre" ms       quote a value with spaces (an apostrophe, as in Sjögren's, is no quote)
    click Share here                   press a button on the last reply
    click #2 Next question             ... or on reply #2
    select "How fast" "hours to days"  pick options in a menu on the last reply (none: empty the menu)
    /help                              the bot's own /help
    :help, quit                        the console's help; stop

Completion is in bot.local_mode.completion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.matcher import Entry, Matcher
from bot.local_mode.words import UnclosedQuote, Word, split_words, unquote_value

CommandDefs = Mapping[str, Mapping[str, Any]]  # name -> Discord application command JSON
Menus = Mapping[str, Sequence[tuple[str, str]]]  # a reply's select menus: placeholder -> (label, value) options
Value = str | int | float | bool
CONSOLE_WORDS = (":help", "click", "select", "as", "quit")
HELP_WORDS = {":help", "help", "?", ":h"}
SELECT_EXAMPLE = 'select "How fast" "hours to days"'
UNCLOSED = 'A quote is not closed: end the value with a quote too, e.g. "guillain barre".'

SUB_COMMAND_OPTION, STRING_OPTION, INTEGER_OPTION, BOOLEAN_OPTION, USER_OPTION, NUMBER_OPTION = 1, 3, 4, 5, 6, 10
_KIND_WORDS = {INTEGER_OPTION: "a whole number", NUMBER_OPTION: "a number", BOOLEAN_OPTION: "true or false"}
_MESSAGE_NUMBER = re.compile(r"^#(\d{1,4})$")


@dataclass(frozen=True)
class Slash:
    command: str
    options: dict[str, Value] = field(default_factory=dict)


@dataclass(frozen=True)
class Click:
    label: str
    message: int | None = None  # the reply's number (#2) when named; None: the last reply


@dataclass(frozen=True)
class Select:
    menu: str  # as typed: a placeholder or the start of one
    options: tuple[str, ...] = ()  # as typed: option labels (or values); none empties the menu
    message: int | None = None


@dataclass(frozen=True)
class Picked:
    """A Select resolved against the menus on a reply."""

    placeholder: str
    values: tuple[str, ...]
    labels: tuple[str, ...] = ()  # what the person picked, as the menu shows it


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Become:
    """Act as another member of the test server (to try the moderator commands)."""

    member: str


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class Invalid:
    message: str


Action = Slash | Click | Select | Become | Help | Quit | Invalid


def parse_line(line: str, commands: CommandDefs) -> Action | None:
    """What the user asked for; None for an empty line."""
    text = line.strip()
    if not text:
        return None
    word, _, rest = text.partition(" ")
    lowered = word.lower()
    if lowered in HELP_WORDS or (lowered == "/help" and "help" not in commands):
        return Help()
    if lowered == "as":
        return (
            Become(rest.strip().lower().removeprefix("@"))
            if rest.strip()
            else Invalid("Say who, e.g. `as mo` (a moderator).")
        )
    if lowered in {"quit", "exit", ":quit", ":q", "/quit"}:
        return Quit()
    if lowered == "click":
        return _click(rest)
    if lowered == "select":
        return _select(rest)
    if not word.startswith("/"):
        return Invalid("Commands start with /, e.g. `/condition ms`. Type `:help` for the console's own commands.")
    name = lowered[1:]
    if name not in commands:
        known = ", ".join(f"/{n}" for n in sorted(commands))
        return Invalid(f"There is no /{name} command. Commands: {known}.")
    definition = commands[name]
    subcommands = subcommands_of(definition)
    if subcommands:  # /deck study: the first word picks the subcommand, whose options follow
        sub, _, rest = rest.strip().partition(" ")
        if sub.lower() not in subcommands:
            offered = ", ".join(f"`/{name} {s}`" for s in subcommands)
            return Invalid(f"/{name} needs one of: {offered}.")
        name, definition = f"{name} {sub.lower()}", subcommands[sub.lower()]
    try:
        words = split_words(rest)
    except UnclosedQuote:
        return Invalid(UNCLOSED)
    return fill_options(name, words, definition)


def subcommands_of(definition: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """A command group's subcommands by name ({} for a command that has options of its own)."""
    return {o["name"]: o for o in definition.get("options", ()) if o.get("type") == SUB_COMMAND_OPTION}


def definition_of(command: str, commands: CommandDefs) -> Mapping[str, Any]:
    """The definition whose options a command takes: "deck study" -> the study subcommand's."""
    root, _, sub = command.partition(" ")
    return subcommands_of(commands[root])[sub] if sub else commands[root]


def _message_number(rest: str) -> tuple[int | None, str]:
    """`#2 Share here` -> (2, "Share here"): which reply a click or select names, if any."""
    first, _, after = rest.strip().partition(" ")
    match = _MESSAGE_NUMBER.match(first)
    return (int(match[1]), after.strip()) if match else (None, rest.strip())


def _click(rest: str) -> Click | Invalid:
    number, label = _message_number(rest)
    if not label:
        return Invalid("Say which button, e.g. `click Share here` (or `click #2 Share here` for reply #2).")
    return Click(label, number)


def _select(rest: str) -> Select | Invalid:
    number, rest = _message_number(rest)
    try:
        words = [w.text for w in split_words(rest)]
    except UnclosedQuote:
        return Invalid(UNCLOSED)
    if not words:
        return Invalid(f"Say which menu and which options, e.g. `{SELECT_EXAMPLE}`.")
    return Select(words[0], tuple(words[1:]), number)


def pick(select: Select, menus: Menus) -> Picked | Invalid:
    """The menu and option values a Select names, matched the way condition names are (case, accents, prefixes)."""
    if not menus:
        return Invalid("The last reply has no menus. Try /which first.")
    placeholder = menu_matcher(menus).resolve(select.menu)
    if placeholder is None:
        offered = ", ".join(f'"{p}"' for p in menus)
        return Invalid(f'There is no menu "{select.menu}" on the last reply. Menus: {offered}.')
    options = _option_matcher(menus[placeholder])
    values: list[str] = []
    for typed in select.options:
        value = options.resolve(typed)
        if value is None:
            close = [options.display(v) for v in options.suggest(typed)]
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            return Invalid(f'"{placeholder}" has no option "{typed}".{hint}')
        values.append(value)
    chosen = tuple(dict.fromkeys(values))
    return Picked(placeholder, chosen, tuple(options.display(v) for v in chosen))


def menu_matcher(menus: Menus) -> Matcher:
    return Matcher(Entry(key=p, display=p, names=(p,)) for p in menus)


def _option_matcher(options: Sequence[tuple[str, str]]) -> Matcher:
    return Matcher(Entry(key=value, display=label, names=(label, value)) for label, value in options)


def is_free_text(option: Mapping[str, Any]) -> bool:
    return option.get("type", STRING_OPTION) == STRING_OPTION and not option.get("choices")


def choice_value(option: Mapping[str, Any], typed: str) -> Value | None:
    """The choice a typed word names (its value or its name, any case), or None."""
    lowered = typed.lower()
    return next(
        (c["value"] for c in option.get("choices") or () if lowered in {str(c["value"]).lower(), c["name"].lower()}),
        None,
    )


def fill_options(name: str, words: Sequence[Word], definition: Mapping[str, Any]) -> Slash | Invalid:
    """Typed words -> option values. Words never spill into an option they were not meant for: a bare word that
    follows a text value joins it (`emergency_number:1 1 2`, `multiple sclerosis`) unless it is a valid choice
    of the next option in line (`/condition gbs symptoms`)."""
    ordered = list(definition.get("options", ()))
    options = {o["name"]: o for o in ordered}
    values: dict[str, str] = {}
    if len(options) == 1 and words and is_free_text(ordered[0]):
        # A command with one text option (/search, /glossary): every word belongs to it.
        only = ordered[0]["name"]
        values[only] = " ".join(unquote_value(w.text.removeprefix(f"{only}:")) for w in words)
        words = ()
    joinable: str | None = None  # the text option bare words may still join
    named_last = False  # ... and whether it was given by name (then bare words always join it)
    for word in words:
        key, sep, value = word.text.partition(":")
        if sep and not word.quoted and key in options:
            values[key] = unquote_value(value)
            joinable, named_last = (key, True) if is_free_text(options[key]) else (None, False)
            continue
        slot = next((o for o in ordered if o["name"] not in values), None)
        fits_slot_choice = slot is not None and choice_value(slot, word.text) is not None
        # It joins the text before it after a named text value, or when the next option could not take it.
        joins = named_last or (slot is not None and not is_free_text(slot))
        if joinable and not word.quoted and not fits_slot_choice and joins:
            values[joinable] += " " + word.text
            continue
        if slot is None:
            return Invalid(f'Too many values for /{name}. Quote a value that has spaces: "guillain barre".')
        values[slot["name"]] = word.text
        joinable, named_last = (slot["name"], False) if is_free_text(slot) else (None, False)
    return _typed(name, values, options, definition)


def _typed(
    name: str, values: Mapping[str, str], options: Mapping[str, Mapping[str, Any]], definition: Mapping[str, Any]
) -> Slash | Invalid:
    typed: dict[str, Value] = {}
    for key, value in values.items():
        option = options[key]
        if option.get("choices"):
            match = choice_value(option, value)
            if match is None:
                allowed = ", ".join(str(c["value"]) for c in option["choices"])
                return Invalid(f"{key} must be one of: {allowed}.")
            typed[key] = match
            continue
        kind = option.get("type", STRING_OPTION)
        converted = _convert(value, kind)  # a member (`@sam`) is looked up by the console, which knows who is here
        if converted is None:
            return Invalid(f"{key} must be {_KIND_WORDS[kind]}.")
        typed[key] = converted
    missing = [o for o in options if options[o].get("required") and o not in typed]
    if missing:
        return Invalid(f"/{name} needs {', '.join(missing)}. Example: {example(name, definition)}")
    return Slash(name, typed)


def _convert(value: str, kind: int) -> Value | None:
    """The typed value as Discord would send it for this option type; None when it cannot be one."""
    try:
        if kind == INTEGER_OPTION:
            return int(value)
        if kind == NUMBER_OPTION:
            return float(value)
    except ValueError:
        return None
    if kind == BOOLEAN_OPTION:
        return {"true": True, "yes": True, "false": False, "no": False}.get(value.lower())
    return value


def example(name: str, definition: Mapping[str, Any]) -> str:
    """'/compare <first> <second> [third]': required options in angle brackets, optional in square ones."""
    options = [f"<{o['name']}>" if o.get("required") else f"[{o['name']}]" for o in definition.get("options", ())]
    return " ".join([f"/{name}", *options])
