"""What /stats may show from the weekly usage counters, so that no small count can be worked out by anyone.

The attacker this is built against is a moderator (anyone can be one: make a server, add the bot) who looks things
up themself, as often as they like, in their own server and in DMs, and asks /stats any number of times. Three
rules make every count below MIN_SHOWN unrecoverable by any sequence of queries:

1. Only use inside a server the bot is in is counted (bot.app): lookups in DMs, where anyone could add counts
   unseen, are not counted at all.
2. Only whole ISO weeks that are over are shown, each the same every time it is shown (a closed week never changes,
   see bot.storage.recorder). A window of weeks is the sum of its weeks, so comparing windows (4 weeks against 5)
   gives exactly what one week shows on its own and nothing more; the week still open is never shown, so one's own
   lookups cannot be watched arriving.
3. Within a week, a cell (one command with one set of cards) is shown only if it reaches MIN_SHOWN *without the
   server that contributed most to it*: `count - top >= MIN_SHOWN`. Whoever the attacker is, their server is at
   most the top one, so `count - top` is never more than what everyone else did. A cell where everyone else did
   fewer than MIN_SHOWN is hidden however many lookups the attacker adds, and a hidden cell adds to no number shown.

So a shown number is a sum of whole cells, each at least MIN_SHOWN from at least two servers, and nothing about a
hidden cell reaches the reply. Numbers are then rounded to the nearest ROUND_TO as well. What this does not stop: a
person who can use the bot in two or more servers could add counts from each (as could a group acting together).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from bot.storage.recorder import NONE
from bot.storage.weeks import Tally, WeekKey

MIN_SHOWN = 5
ROUND_TO = 5
MIN_WEEKS, MAX_WEEKS, DEFAULT_WEEKS = 1, 12, 4

NOT_IN_A_SERVER = "`/stats` only works inside a server, for members who can manage it."
NEEDS_MANAGE_SERVER = (
    "`/stats` is for members with the **Manage Server** permission, so only a server's moderators see usage "
    "numbers. Ask one of them if you are curious."
)

_Cell = tuple[str, str, str]  # (week, command, cards)


@dataclass(frozen=True)
class UsageStats:
    """Shown counts, most first: card keys (or `_unmatched`) and command names, each rounded to ROUND_TO."""

    cards: tuple[tuple[str, int], ...]
    commands: tuple[tuple[str, int], ...]

    @property
    def empty(self) -> bool:
        return not self.cards and not self.commands


def shown_cells(weekly: Mapping[WeekKey, Tally]) -> dict[_Cell, int]:
    """The cells /stats may show, with their counts: those that reach MIN_SHOWN without their top server."""
    cells: dict[_Cell, list[int]] = defaultdict(lambda: [0, 0])
    for key, tally in weekly.items():
        cell = cells[(key.week, key.command, key.cards)]
        cell[0] += tally.count
        cell[1] += tally.top  # sections and outcomes add up; so do their tops, an upper bound on the cell's top
    return {cell: count for cell, (count, top) in cells.items() if count - top >= MIN_SHOWN}


def usage_stats(weekly: Mapping[WeekKey, Tally]) -> UsageStats:
    cards: dict[str, int] = defaultdict(int)
    commands: dict[str, int] = defaultdict(int)
    for (_, command, card_field), count in shown_cells(weekly).items():
        commands[command] += count
        for card in [] if card_field == NONE else card_field.split("+"):
            cards[card] += count
    return UsageStats(cards=_ranked(cards), commands=_ranked(commands))


def stats_refusal(*, in_server: bool, can_manage_server: bool) -> str | None:
    """Why this person may not see /stats here, or None when they may.

    Discord hides the command from everyone else already; this also holds when a server changes who may use it.
    """
    if not in_server:
        return NOT_IN_A_SERVER
    return None if can_manage_server else NEEDS_MANAGE_SERVER


def _ranked(totals: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    found = [(name, _rounded(count)) for name, count in totals.items()]
    return tuple(sorted(found, key=lambda pair: (-pair[1], pair[0])))


def _rounded(count: int) -> int:
    """To the nearest multiple of ROUND_TO, halves up; a count of at least 5 never rounds below 5."""
    return ROUND_TO * ((count + ROUND_TO // 2) // ROUND_TO)
