"""Tab completion for the local-mode console, as a pure function of the line typed so far.

Completions replace the last space-separated word, the way readline (with spaces as delimiters) inserts them:
commands and console words, option names (`section:`), option values (choices, or the bot's own autocomplete),
button labels and menu options.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bot.local_mode.parse import (
    CONSOLE_WORDS,
    STRING_OPTION,
    CommandDefs,
    Menus,
    menu_matcher,
    subcommands_of,
)

Suggest = Callable[[str, str, str], list[str]]  # (command, option, typed) -> the bot's autocomplete values


def complete(
    line: str,
    commands: CommandDefs,
    suggest: Suggest,
    button_labels: Sequence[str] = (),
    menus: Menus | None = None,
) -> list[str]:
    """Completions for the last word of line. suggest(command, option, typed) gives autocomplete values."""
    if " " not in line:
        words = [f"/{n}" for n in sorted(commands)] + list(CONSOLE_WORDS)
        return [w for w in words if w.startswith(line.lower())]
    head, _, last = line.rpartition(" ")
    first = head.split(" ", 1)[0].lower()
    if first in ("click", "select"):
        rest = line.split(" ", 1)[1]
        number, _, after = rest.partition(" ")
        if number.startswith("#") and after:  # `click #2 Sh`: the reply named, then the label
            rest = after
        if first == "click":
            found = [label for label in button_labels if label.lower().startswith(rest.lower())]
            return [label[rest.rfind(" ") + 1 :] for label in found]
        return _complete_select(rest, menus or {})
    name = first[1:]
    if not first.startswith("/") or name not in commands:
        return []
    definition = commands[name]
    earlier = [t for t in head.split(" ")[1:] if t]
    subcommands = subcommands_of(definition)
    if subcommands:  # `/deck s` offers `study` and `status`; after one, its own options
        if not earlier:
            return [s for s in subcommands if s.startswith(last.lower())]
        if earlier[0].lower() not in subcommands:
            return []
        name, definition, earlier = f"{name} {earlier[0].lower()}", subcommands[earlier[0].lower()], earlier[1:]
    options = list(definition.get("options", ()))
    key, sep, typed = last.partition(":")
    if sep:
        option = next((o for o in options if o["name"] == key), None)
        return _values(name, option, typed, f"{key}:", suggest) if option else []
    named = {t.partition(":")[0] for t in earlier if ":" in t}
    filled = len([t for t in earlier if ":" not in t])
    free = [o for o in options if o["name"] not in named]
    option = free[filled] if filled < len(free) else None
    values = _values(name, option, last, "", suggest) if option else []
    # Option names too, so `sec` becomes `section:` and a second Tab offers its values.
    names = [f"{o['name']}:" for o in free if o["name"].startswith(last.lower())]
    return values + [n for n in names if n not in values]


def _values(command: str, option: Mapping[str, Any], typed: str, prefix: str, suggest: Suggest) -> list[str]:
    if option.get("choices"):
        return [prefix + str(c["value"]) for c in option["choices"] if str(c["value"]).startswith(typed.lower())]
    if option.get("autocomplete") and option.get("type") == STRING_OPTION:
        # The bot's own autocomplete ranks these: "guil" offers "gbs", so no prefix filter here.
        return [prefix + v for v in suggest(command, option["name"], typed)]
    return []


def _complete_select(typed: str, menus: Menus) -> list[str]:
    """A menu placeholder first, then that menu's option labels, quoted when they hold spaces."""
    done, partial, start = _partial_arguments(typed)
    raw = typed[start:]  # the argument being typed, as written (with its opening quote, if any)
    if not done:
        labels: Sequence[str] = list(menus)
    else:
        placeholder = menu_matcher(menus).resolve(done[0]) if menus else None
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
