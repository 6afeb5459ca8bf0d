"""What a catalog must hold before the bot may send it to Discord: a usable translation of every string, within
Discord's limits, keeping what must not be translated."""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel.messages.catalog import Catalog

from bot.i18n.tree_strings import LIMIT, TreeString

# Command mentions (/condition) and `code` are product words: a translation keeps every one of them.
_KEPT = re.compile(r"(?<![\w/])/[a-z][-_a-z]*|`[^`]*`")


def kept_words(text: str) -> list[str]:
    return sorted(_KEPT.findall(text))


def catalog_problems(code: str, catalog: Catalog, strings: Iterable[TreeString]) -> list[str]:
    """One line per problem, naming the locale, the string's context and the English."""
    problems = []
    for string in strings:
        where = f"{code}: [{string.context}] {string.text!r}"
        message = catalog.get(string.text, context=string.context)
        translation = message.string if message is not None and isinstance(message.string, str) else ""
        if message is None or not translation:
            problems.append(f"{where}: not translated")
            continue
        if message.fuzzy:
            problems.append(f"{where}: fuzzy (check it against the English, then remove the fuzzy flag)")
        if not 1 <= len(translation) <= LIMIT:
            problems.append(f"{where}: {len(translation)} characters, Discord allows 1 to {LIMIT}")
        if translation != translation.strip():
            problems.append(f"{where}: spaces at the start or end")
        if kept_words(translation) != kept_words(string.text):
            problems.append(f"{where}: commands and `code` must stay as in the English ({kept_words(string.text)})")
    return problems


def template_problems(template: Catalog, strings: Iterable[TreeString]) -> list[str]:
    """The committed template must list exactly the tree's strings, or translators work from a stale list."""
    wanted = {s.key for s in strings}
    have = {(m.context or "", m.id) for m in template if m.id and isinstance(m.id, str)}
    if wanted != have:
        return [
            f"locales/bot.pot is out of date ({len(wanted - have)} new, {len(have - wanted)} gone): "
            "run `make i18n-update`"
        ]
    return []
