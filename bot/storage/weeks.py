"""Usage counts by ISO week, and folding one week's per-server counts into counts that name no server. Pure.

While a week is open, counts are kept per server (under the server's keyed hash), because /stats must know how much
of a count came from one server. When the week is over it is folded: per kind of use, the total and the most that
any one server contributed (`top`). After that the server is gone from the counts, and the week never changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class UsageKey(NamedTuple):
    """One kind of use in an open week, by one server. Every value is chosen by the bot's own code."""

    week: str  # ISO week, "2026-W48"
    server: str  # the server's keyed hash (see bot.storage.settings), never its ID
    command: str
    cards: str  # card keys joined with "+", or "_unmatched", or "-" when the command has none
    section: str  # "-" when none
    outcome: str


class WeekKey(NamedTuple):
    """One kind of use in a closed week, across every server."""

    week: str
    command: str
    cards: str
    section: str
    outcome: str


@dataclass(frozen=True)
class Tally:
    count: int
    top: int  # the most one server contributed (an upper bound: never less than the real most)

    def __add__(self, other: Tally) -> Tally:
        # Two tallies of the same kind from separate folds: the tops add up, so `top` stays an upper bound.
        return Tally(self.count + other.count, self.top + other.top)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def this_week() -> str:
    return iso_week(dt.datetime.now(dt.UTC).date())


def week_start(week: str) -> dt.date:
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def weeks_before(week: str, count: int) -> str:
    """The first of the `count` whole weeks before `week`."""
    return iso_week(week_start(week) - dt.timedelta(weeks=count))


def fold(rows: Iterable[tuple[UsageKey, int]]) -> dict[WeekKey, Tally]:
    """Per-server counts of closed weeks, as per-week totals with the largest single server's part."""
    totals: dict[WeekKey, int] = {}
    tops: dict[WeekKey, int] = {}
    for key, count in rows:
        folded = WeekKey(key.week, key.command, key.cards, key.section, key.outcome)
        totals[folded] = totals.get(folded, 0) + count
        tops[folded] = max(tops.get(folded, 0), count)
    return {key: Tally(totals[key], tops[key]) for key in totals}
