"""What /stats may show: nothing below 5, and no small count recoverable by anyone, however they query.

The property tests play the attacker the design is built against (see bot.moderation.stats): a moderator who adds
their own lookups to any week, in their own server, and then asks /stats for every window there is. Two worlds that
differ only in what other people did where they did fewer than MIN_SHOWN must look exactly the same to them.
"""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given
from hypothesis import strategies as st

from bot.moderation.stats import (
    MIN_SHOWN,
    NEEDS_MANAGE_SERVER,
    NOT_IN_A_SERVER,
    ROUND_TO,
    UsageStats,
    shown_cells,
    stats_refusal,
    usage_stats,
)
from bot.storage.weeks import Tally, UsageKey, WeekKey, fold, weeks_before

WEEKS = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
NOW = "2026-W49"  # the open week: never shown
ATTACKER = "attacker-server"
OTHERS = ["server-1", "server-2", "server-3"]
COMMANDS = ["condition", "compare", "share", "help"]
CARDS = ["-", "ms", "gbs", "lupus", "_unmatched", "gbs+ms"]

Cell = tuple[str, str, str]  # (week, command, cards)
kinds = st.tuples(
    st.sampled_from(WEEKS), st.sampled_from(COMMANDS), st.sampled_from(CARDS), st.sampled_from(["-", "symptoms"])
)


def usage(server: str, max_count: int = 12):
    return st.dictionaries(kinds, st.integers(min_value=1, max_value=max_count), max_size=25).map(
        lambda found: {UsageKey(w, server, c, cards, s, "ok"): n for (w, c, cards, s), n in found.items()}
    )


others_usage = st.tuples(*(usage(server) for server in OTHERS)).map(
    lambda parts: {k: v for p in parts for k, v in p.items()}
)


def views(rows: dict[UsageKey, int]) -> list[UsageStats]:
    """Everything /stats can ever answer, as the bot computes it: every window of whole weeks before NOW."""
    weekly = fold(rows.items())
    answers = []
    for weeks in range(1, len(WEEKS) + 2):
        first = weeks_before(NOW, weeks)
        answers.append(usage_stats({k: t for k, t in weekly.items() if first <= k.week < NOW}))
    return answers


def others_per_cell(rows: dict[UsageKey, int]) -> dict[Cell, int]:
    found: dict[Cell, int] = defaultdict(int)
    for k, n in rows.items():
        if k.server != ATTACKER:
            found[(k.week, k.command, k.cards)] += n
    return found


@given(others_usage, usage(ATTACKER, max_count=1000), st.data())
def test_an_attacker_cannot_tell_what_others_did_below_the_threshold(others, attacker, data) -> None:
    # Another world: wherever others did fewer than MIN_SHOWN in a cell, they did something else (still fewer).
    small = sorted(cell for cell, n in others_per_cell(others).items() if n < MIN_SHOWN)
    changed = dict(others)
    for cell in data.draw(st.lists(st.sampled_from(small), unique=True), label="cells") if small else []:
        in_cell = [k for k in changed if (k.week, k.command, k.cards) == cell]
        budget = MIN_SHOWN - 1
        for k in in_cell:
            changed[k] = data.draw(st.integers(min_value=0, max_value=budget), label=str(k))
            budget -= changed[k]
        if data.draw(st.booleans(), label="add a row"):
            extra = UsageKey(cell[0], OTHERS[0], cell[1], cell[2], "symptoms", "unknown")
            changed[extra] = changed.get(extra, 0) + data.draw(st.integers(0, budget), label="extra")
    changed = {k: n for k, n in changed.items() if n > 0}
    assert views({**others, **attacker}) == views({**changed, **attacker})


@given(others_usage, usage(ATTACKER, max_count=1000))
def test_a_cell_where_others_did_fewer_than_five_never_shows_however_much_the_attacker_adds(others, attacker) -> None:
    rows = {**others, **attacker}
    small = {cell for cell, n in others_per_cell(others).items() if n < MIN_SHOWN}
    small |= {(k.week, k.command, k.cards) for k in attacker} - set(others_per_cell(others))  # others did nothing
    assert not small & set(shown_cells(fold(rows.items())))


@given(others_usage)
def test_every_number_shown_is_rounded_and_at_least_the_threshold(rows) -> None:
    for answer in views(rows):
        for _, shown in (*answer.cards, *answer.commands):
            assert shown >= MIN_SHOWN and shown % ROUND_TO == 0


@given(others_usage)
def test_a_window_is_the_sum_of_its_weeks(rows) -> None:
    # So comparing two windows gives exactly what one week shows by itself.
    weekly = fold(rows.items())
    total = shown_cells(weekly)
    by_week: dict[Cell, int] = {}
    for week in WEEKS:
        by_week |= shown_cells({k: t for k, t in weekly.items() if k.week == week})
    assert total == by_week


def week_key(command: str, cards: str = "-", week: str = WEEKS[0], section: str = "-") -> WeekKey:
    return WeekKey(week, command, cards, section, "ok")


def test_a_count_is_shown_only_if_it_reaches_five_without_its_busiest_server() -> None:
    assert usage_stats({week_key("condition", "ms"): Tally(count=9, top=5)}).empty  # 4 from the others
    assert usage_stats({week_key("condition", "ms"): Tally(count=10, top=5)}) == UsageStats(
        cards=(("ms", 10),), commands=(("condition", 10),)
    )


def test_sections_and_outcomes_add_up_and_so_do_their_tops() -> None:
    weekly = {
        week_key("condition", "ms"): Tally(6, 3),
        week_key("condition", "ms", section="symptoms"): Tally(6, 3),
        week_key("help"): Tally(20, 2),
    }
    assert usage_stats(weekly) == UsageStats(cards=(("ms", 10),), commands=(("help", 20), ("condition", 10)))


def test_a_hidden_cell_adds_to_no_total() -> None:
    weekly = {week_key("condition", "ms"): Tally(12, 2), week_key("condition", "lupus"): Tally(3, 1)}
    assert usage_stats(weekly) == UsageStats(cards=(("ms", 10),), commands=(("condition", 10),))


def test_rounding_is_to_the_nearest_five() -> None:
    for count, shown in [(5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (100, 100), (102, 100), (103, 105)]:
        spread = Tally(count, top=count - MIN_SHOWN)  # just enough beyond the busiest server to be shown
        assert usage_stats({week_key("help"): spread}).commands == (("help", shown),)


def test_empty_counters_show_nothing() -> None:
    assert usage_stats({}).empty


def test_only_server_managers_in_a_server_may_see_stats() -> None:
    assert stats_refusal(in_server=True, can_manage_server=True) is None
    assert stats_refusal(in_server=True, can_manage_server=False) == NEEDS_MANAGE_SERVER
    assert stats_refusal(in_server=False, can_manage_server=True) == NOT_IN_A_SERVER
    assert stats_refusal(in_server=False, can_manage_server=False) == NOT_IN_A_SERVER
