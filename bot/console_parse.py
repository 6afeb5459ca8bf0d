"""The local-mode console's language, as pure functions: parse a typed line, and complete a partial one.

Commands are read against the slash-command definitions the bot registered (Discord's own JSON), so the console
knows exactly the options the bot has:

    /condition ms                      positional values fill the options in order
    /condition gbs section:symptoms    or name:value
    /compare "guillain barre" ms       quote a value with spaces
    click Share here                   press a button on the last reply
    help | /help, quit
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

CommandDefs = Mapping[str, Mapping[str, Any]]  # name -> Discord application command JSON
CONSOLE_WORDS = ("help", "click", "quit")
STRING_OPTION = 3


@dataclass(frozen=True)
class Slash:
    command: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Click:
    label: str


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class Invalid:
    message: str


Action = Slash | Click | Help | Quit | Invalid


def parse_line(line: str, commands: CommandDefs) -> Action | None:
    """What the user asked for; None for an empty line."""
    text = line.strip()
    if not text:
        return None
    word, _, rest = text.partition(" ")
    lowered = word.lower()
    if lowered in {"help", "/help", "?"}:
        return Help()
    if lowered in {"quit", "exit", "/quit"}:
        return Quit()
    if lowered == "click":
        return Click(rest.strip()) if rest.strip() else Invalid("Say which button, e.g. `click Share here`.")
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


def _fill_options(name: str, tokens: Sequence[str], definition: Mapping[str, Any]) -> Action:
    options = {o["name"]: o for o in definition.get("options", ())}
    values: dict[str, str] = {}
    positional = [o["name"] for o in definition.get("options", ())]
    for token in tokens:
        key, sep, value = token.partition(":")
        if sep and key in options:
            values[key] = value
            continue
        slot = next((p for p in positional if p not in values), None)
        if slot is None:
            return Invalid(f'Too many values for /{name}. Quote a value that has spaces: "guillain barre".')
        values[slot] = token
    for key, value in values.items():
        choices = options[key].get("choices")
        if choices:
            match = next((c["value"] for c in choices if value.lower() in {str(c["value"]), c["name"].lower()}), None)
            if match is None:
                allowed = ", ".join(str(c["value"]) for c in choices)
                return Invalid(f"{key} must be one of: {allowed}.")
            values[key] = str(match)
    missing = [o["name"] for o in options.values() if o.get("required") and o["name"] not in values]
    if missing:
        return Invalid(f"/{name} needs {', '.join(missing)}. Example: {example(name, definition)}")
    return Slash(name, values)


def example(name: str, definition: Mapping[str, Any]) -> str:
    """'/compare <first> <second> [third]': required options in angle brackets, optional in square ones."""
    options = [f"<{o['name']}>" if o.get("required") else f"[{o['name']}]" for o in definition.get("options", ())]
    return " ".join([f"/{name}", *options])


def complete(
    line: str,
    commands: CommandDefs,
    suggest: Callable[[str, str, str], list[str]],
    button_labels: Sequence[str] = (),
) -> list[str]:
    """Completions for the last word of line. suggest(command, option, typed) gives autocomplete values."""
    if " " not in line:
        words = [f"/{n}" for n in sorted(commands)] + list(CONSOLE_WORDS)
        return [w for w in words if w.startswith(line.lower())]
    head, _, last = line.rpartition(" ")
    first = head.split(" ", 1)[0].lower()
    if first == "click":
        typed = line[len("click ") :]
        return [label for label in button_labels if label.lower().startswith(typed.lower())]
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
