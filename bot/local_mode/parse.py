"""The local-mode console's language, as pure functions: parse a typed line, and complete a partial one.

Commands are read against the slash-command definitions the bot registered (Discord's own JSON), so the console
knows exactly the options the bot has:

    /condition ms                      positional values fill the options in order
    /condition gbs section:symptoms    or name:value
    /compare "guillain barre" ms       quote a value with spaces
    click Share here                   press a button on the last reply
    select "How fast" "hours to days"  pick options in a menu on the last reply (none: empty the menu)
    help | /help, quit

Completions replace the last space-separated word, the way readline (with spaces as delimiters) inserts them.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.knowledge.matcher import Entry, Matcher

CommandDefs = Mapping[str, Mapping[str, Any]]  # name -> Discord application command JSON
Menus = Mapping[str, Sequence[tuple[str, str]]]  # a reply's select menus: placeholder -> (label, value) options
CONSOLE_WORDS = ("help", "click", "select", "as", "quit")
SELECT_EXAMPLE = 'select "How fast" "hours to days"'

STRING_OPTION, INTEGER_OPTION, BOOLEAN_OPTION, NUMBER_OPTION = 3, 4, 5, 10
_KIND_WORDS = {INTEGER_OPTION: "a whole number", NUMBER_OPTION: "a number", BOOLEAN_OPTION: "true or false"}


@dataclass(frozen=True)
class Slash:
    command: str
    options: dict[str, str | int | float | bool] = field(default_factory=dict)


@dataclass(frozen=True)
class Click:
    label: str


@dataclass(frozen=True)
class Select:
    menu: str  # as typed: a placeholder or the start of one
    options: tuple[str, ...] = ()  # as typed: option labels (or values); none empties the menu


@dataclass(frozen=True)
class Picked:
    """A Select resolved against the menus on the last reply."""

    placeholder: str
    values: tuple[str, ...]


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
    if lowered in {"help", "/help", "?"}:
        return Help()
    if lowered == "as":
        return Become(rest.strip().lower()) if rest.strip() else Invalid("Say who, e.g. `as mo` (a moderator).")
    if lowered in {"quit", "exit", "/quit"}:
        return Quit()
    if lowered == "click":
        return Click(rest.strip()) if rest.strip() else Invalid("Say which button, e.g. `click Share here`.")
    if lowered == "select":
        return _select(rest)
    if not word.startswith("/"):
        return Invalid("Commands start with /, e.g. `/condition ms`. Type `help` for more.")
    name = lowered[1:]
    if name not in commands:
        known = ", ".join(f"/{n}" for n in sorted(commands))
        return Invalid(f"There is no /{name} command. Commands: {known}.")
    try:
        tokens = shlex.split(rest)
    except ValueError:
        return Invalid("A quote is not closed.")
    return _fill_options(name, tokens, commands[name])


def _select(rest: str) -> Select | Invalid:
    try:
        tokens = shlex.split(rest)
    except ValueError:
        return Invalid("A quote is not closed.")
    if not tokens:
        return Invalid(f"Say which menu and which options, e.g. `{SELECT_EXAMPLE}`.")
    return Select(tokens[0], tuple(tokens[1:]))


def pick(select: Select, menus: Menus) -> Picked | Invalid:
    """The menu and option values a Select names, matched the way condition names are (case, accents, prefixes)."""
    if not menus:
        return Invalid("The last reply has no menus. Try /which first.")
    placeholder = _menu_matcher(menus).resolve(select.menu)
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
    return Picked(placeholder, tuple(dict.fromkeys(values)))


def _menu_matcher(menus: Menus) -> Matcher:
    return Matcher(Entry(key=p, display=p, names=(p,)) for p in menus)


def _option_matcher(options: Sequence[tuple[str, str]]) -> Matcher:
    return Matcher(Entry(key=value, display=label, names=(label, value)) for label, value in options)


def _fill_options(name: str, tokens: Sequence[str], definition: Mapping[str, Any]) -> Action:
    options = {o["name"]: o for o in definition.get("options", ())}
    values: dict[str, str] = {}
    positional = [o["name"] for o in definition.get("options", ())]
    if len(options) == 1 and tokens:
        (only,) = options.values()
        if only.get("type") == STRING_OPTION and not only.get("choices"):
            # A command with one text option (/search, /glossary): unquoted words all belong to it.
            tokens = [" ".join(t.removeprefix(f"{only['name']}:") for t in tokens)]
    for token in tokens:
        key, sep, value = token.partition(":")
        if sep and key in options:
            values[key] = value
            continue
        slot = next((p for p in positional if p not in values), None)
        if slot is None:
            return Invalid(f'Too many values for /{name}. Quote a value that has spaces: "guillain barre".')
        values[slot] = token
    typed: dict[str, str | int | float | bool] = {}
    for key, value in values.items():
        choices = options[key].get("choices")
        if choices:
            match = next((c["value"] for c in choices if value.lower() in {str(c["value"]), c["name"].lower()}), None)
            if match is None:
                allowed = ", ".join(str(c["value"]) for c in choices)
                return Invalid(f"{key} must be one of: {allowed}.")
            typed[key] = match
            continue
        converted = _convert(value, options[key].get("type", STRING_OPTION))
        if converted is None:
            return Invalid(f"{key} must be {_KIND_WORDS[options[key]['type']]}.")
        typed[key] = converted
    missing = [o["name"] for o in options.values() if o.get("required") and o["name"] not in typed]
    if missing:
        return Invalid(f"/{name} needs {', '.join(missing)}. Example: {example(name, definition)}")
    return Slash(name, typed)


def _convert(value: str, kind: int) -> str | int | float | bool | None:
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


def complete(
    line: str,
    commands: CommandDefs,
    suggest: Callable[[str, str, str], list[str]],
    button_labels: Sequence[str] = (),
    menus: Menus | None = None,
) -> list[str]:
    """Completions for the last word of line. suggest(command, option, typed) gives autocomplete values."""
    if " " not in line:
        words = [f"/{n}" for n in sorted(commands)] + list(CONSOLE_WORDS)
        return [w for w in words if w.startswith(line.lower())]
    head, _, last = line.rpartition(" ")
    first = head.split(" ", 1)[0].lower()
    if first == "click":
        typed = line.split(" ", 1)[1]
        found = [label for label in button_labels if label.lower().startswith(typed.lower())]
        return [label[typed.rfind(" ") + 1 :] for label in found]
    if first == "select":
        return _complete_select(line.split(" ", 1)[1], menus or {})
    name = first[1:]
    if not first.startswith("/") or name not in commands:
        return []
    options = list(commands[name].get("options", ()))
    key, sep, typed = last.partition(":")
    if sep:
        option = next((o for o in options if o["name"] == key), None)
    else:
        filled = len([t for t in head.split(" ")[1:] if t and ":" not in t])
        option, typed = (options[filled] if filled < len(options) else None), last
    if option is None:
        return []
    prefix = f"{key}:" if sep else ""
    if option.get("choices"):
        return [prefix + str(c["value"]) for c in option["choices"] if str(c["value"]).startswith(typed.lower())]
    if option.get("autocomplete") and option.get("type") == STRING_OPTION:
        # The bot's own autocomplete ranks these: "guil" offers "gbs", so no prefix filter here.
        return [prefix + v for v in suggest(name, option["name"], typed)]
    return []


def _complete_select(typed: str, menus: Menus) -> list[str]:
    """A menu placeholder first, then that menu's option labels, quoted when they hold spaces."""
    done, partial, start = _partial_arguments(typed)
    raw = typed[start:]  # the argument being typed, as written (with its opening quote, if any)
    if not done:
        labels: Sequence[str] = list(menus)
    else:
        placeholder = _menu_matcher(menus).resolve(done[0]) if menus else None
        labels = [label for label, _ in menus[placeholder]] if placeholder else []
    quoted = raw.startswith('"')
    found = [label for label in labels if label.lower().startswith(partial.lower()) and label not in done[1:]]
    written = [f'"{label}"' if quoted or " " in label else label for label in found]
    # What replaces the last space-separated word: the part of the argument after its last space.
    return [text[raw.rfind(" ") + 1 :] for text in written]


def _partial_arguments(typed: str) -> tuple[list[str], str, int]:
    """The finished arguments, the one being typed (unquoted) and where it starts in typed."""
    done: list[str] = []
    current: list[str] = []
    start, in_quote = len(typed), False
    for n, ch in enumerate(typed):
        if in_quote:
            if ch == '"':
                in_quote = False
            else:
                current.append(ch)
        elif ch == " ":
            if start < n:
                done.append("".join(current))
            current, start = [], len(typed)
        else:
            start = min(start, n)
            if ch == '"':
                in_quote = True
            else:
                current.append(ch)
    return done, "".join(current), start
