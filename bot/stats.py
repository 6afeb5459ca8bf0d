"""What /stats may show from the usage counters: only counts of at least 5, and nothing a smaller one follows from.

Cards and commands are two views of the same counter rows, so hiding a small number in one view is not enough:
"/condition: 10" next to "ms: 7" would reveal that the hidden cards add up to 3. Every number shown is therefore
summed only over *safe* rows: rows whose command and every card are themselves shown. The shown set is the largest
one in which each item still reaches 5 from safe rows alone, so the reply is exactly what it would be had the hidden
rows never happened, and nothing about them can be worked out from it. Numbers are also rounded to the nearest 5,
so comparing two windows (say 7 days and 8 days) does not give away a single day's small count either.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from bot.usage.database import UsageKey
from bot.usage.recorder import NONE

MIN_SHOWN = 5
ROUND_TO = 5
MIN_DAYS, MAX_DAYS, DEFAULT_DAYS = 1, 90, 30

NOT_IN_A_SERVER = "`/stats` only works inside a server, for members who can manage it."
NEEDS_MANAGE_SERVER = (
    "`/stats` is for members with the **Manage Server** permission, so only a server's moderators see usage "
    "numbers. Ask one of them if you are curious."
)

_Item = tuple[str, str]  # ("card", key) or ("command", name)


@dataclass(frozen=True)
class UsageStats:
    """Shown counts, most first: card keys (or `_unmatched`) and command names, each rounded to ROUND_TO."""

    cards: tuple[tuple[str, int], ...]
    commands: tuple[tuple[str, int], ...]

    @property
    def empty(self) -> bool:
        return not self.cards and not self.commands


def usage_stats(counts: Mapping[UsageKey, int]) -> UsageStats:
    rows: Counter[frozenset[_Item]] = Counter()
    for key, count in counts.items():
        if count > 0:
            rows[_items(key)] += count
    shown = {item for row in rows for item in row}
    while True:  # drop whatever falls below the threshold on safe rows, until nothing more does
        totals = _totals(rows, shown)
        too_small = {item for item in shown if totals[item] < MIN_SHOWN}
        if not too_small:
            break
        shown -= too_small
    return UsageStats(cards=_ranked(totals, shown, "card"), commands=_ranked(totals, shown, "command"))


def window_start(today: dt.date, days: int) -> str:
    """The first day (UTC, as the counters store it) of a window of `days` days ending today."""
    return (today - dt.timedelta(days=days - 1)).isoformat()


def stats_refusal(*, in_server: bool, can_manage_server: bool) -> str | None:
    """Why this person may not see /stats here, or None when they may.

    Discord hides the command from everyone else already; this also holds when a server changes who may use it.
    """
    if not in_server:
        return NOT_IN_A_SERVER
    return None if can_manage_server else NEEDS_MANAGE_SERVER


def _items(key: UsageKey) -> frozenset[_Item]:
    cards = () if key.cards == NONE else key.cards.split("+")
    return frozenset([("command", key.command), *(("card", card) for card in cards)])


def _totals(rows: Mapping[frozenset[_Item], int], shown: set[_Item]) -> Counter[_Item]:
    totals: Counter[_Item] = Counter()
    for row, count in rows.items():
        if row <= shown:
            for item in row:
                totals[item] += count
    return totals


def _ranked(totals: Mapping[_Item, int], shown: set[_Item], kind: str) -> tuple[tuple[str, int], ...]:
    found = [(name, _rounded(totals[(k, name)])) for k, name in shown if k == kind]
    return tuple(sorted(found, key=lambda pair: (-pair[1], pair[0])))


def _rounded(count: int) -> int:
    """To the nearest multiple of ROUND_TO, halves up; a count of at least 5 never rounds below 5."""
    return ROUND_TO * ((count + ROUND_TO // 2) // ROUND_TO)
