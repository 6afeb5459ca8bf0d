"""What the usage tables hold, read by another connection as an operator would: every week, every server, summed."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

_ALL = """
    SELECT command, cards, section, outcome, SUM(count) FROM (
        SELECT command, cards, section, outcome, count FROM usage_open
        UNION ALL SELECT command, cards, section, outcome, count FROM usage_weekly
    ) GROUP BY command, cards, section, outcome
"""

# The same totals by command, read from PostgreSQL (asyncpg) by another connection.
POSTGRES_TOTALS = """
    SELECT command, SUM(count) FROM (
        SELECT command, count FROM usage_open UNION ALL SELECT command, count FROM usage_weekly
    ) AS every_week GROUP BY command
"""


def usage_rows(path: Path) -> set[tuple[str, str, str, str, int]]:
    """(command, cards, section, outcome, count) for every kind of use counted."""
    with sqlite3.connect(path) as conn:
        return set(conn.execute(_ALL))


def by_command(path: Path, outcome: str | None = None) -> Counter[str]:
    """Counts by command (of one outcome, if given)."""
    counts: Counter[str] = Counter()
    for command, _, _, found, count in usage_rows(path):
        if outcome is None or found == outcome:
            counts[command] += count
    return counts


def by_command_and_outcome(path: Path) -> dict[tuple[str, str], int]:
    counts: Counter[tuple[str, str]] = Counter()
    for command, _, _, outcome, count in usage_rows(path):
        counts[(command, outcome)] += count
    return dict(counts)
