"""What /stats may show: thresholds, rounding, and that nothing below 5 can be shown or worked out."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from bot.stats import (
    MIN_SHOWN,
    NEEDS_MANAGE_SERVER,
    NOT_IN_A_SERVER,
    ROUND_TO,
    UsageStats,
    stats_refusal,
    usage_stats,
    window_start,
)
from bot.usage.database import UsageKey

DAY = "2026-11-23"


def key(command: str, cards: str = "-", *, day: str = DAY, section: str = "-", outcome: str = "ok") -> UsageKey:
    return UsageKey(day, command, cards, section, outcome)


card_fields = st.sampled_from(["-", "ms", "gbs", "mg", "lems", "_unmatched", "gbs+ms", "lems+mg", "gbs+lems+ms"])
usage_keys = st.builds(
    UsageKey,
    day=st.sampled_from(["2026-11-21", "2026-11-22", DAY]),
    command=st.sampled_from(["condition", "compare", "share", "help", "stats", "card"]),
    cards=card_fields,
    section=st.sampled_from(["-", "symptoms"]),
    outcome=st.sampled_from(["ok", "unknown", "error"]),
)
counters = st.dictionaries(usage_keys, st.integers(min_value=1, max_value=12), max_size=40)


def items(k: UsageKey) -> set[tuple[str, str]]:
    cards = [] if k.cards == "-" else k.cards.split("+")
    return {("command", k.command), *(("card", c) for c in cards)}


def shown_items(stats: UsageStats) -> set[tuple[str, str]]:
    return {("card", c) for c, _ in stats.cards} | {("command", c) for c, _ in stats.commands}


def hidden_keys(counts: dict[UsageKey, int], stats: UsageStats) -> list[UsageKey]:
    """Rows that touch anything the reply leaves out."""
    shown = shown_items(stats)
    return [k for k in counts if not items(k) <= shown]


@given(counters)
def test_no_number_below_the_threshold_is_ever_shown(counts: dict[UsageKey, int]) -> None:
    stats = usage_stats(counts)
    for _, shown in (*stats.cards, *stats.commands):
        assert shown >= MIN_SHOWN and shown % ROUND_TO == 0


@given(counters)
def test_anything_used_fewer_than_five_times_in_all_is_left_out(counts: dict[UsageKey, int]) -> None:
    totals: Counter[tuple[str, str]] = Counter()
    for k, n in counts.items():
        for item in items(k):
            totals[item] += n
    rare = {item for item, total in totals.items() if total < MIN_SHOWN}
    assert not rare & shown_items(usage_stats(counts))


@given(counters)
def test_the_reply_is_the_same_as_if_the_hidden_rows_never_happened(counts: dict[UsageKey, int]) -> None:
    # So no subtraction between shown numbers (or anything else) can recover a hidden one.
    stats = usage_stats(counts)
    hidden = set(hidden_keys(counts, stats))
    assert usage_stats({k: n for k, n in counts.items() if k not in hidden}) == stats


@given(counters, st.data())
def test_the_size_of_a_hidden_row_makes_no_difference(counts: dict[UsageKey, int], data: st.DataObject) -> None:
    stats = usage_stats(counts)
    changed = dict(counts)
    for k in hidden_keys(counts, stats):
        changed[k] = data.draw(st.integers(min_value=1, max_value=counts[k]), label=str(k))
    assert usage_stats(changed) == stats


@given(counters)
def test_shown_numbers_add_up_only_over_rows_that_are_entirely_shown(counts: dict[UsageKey, int]) -> None:
    stats = usage_stats(counts)
    hidden = set(hidden_keys(counts, stats))
    safe = {k: n for k, n in counts.items() if k not in hidden}
    for name, shown in stats.commands:
        exact = sum(n for k, n in safe.items() if k.command == name)
        assert abs(shown - exact) <= ROUND_TO // 2
    for card, shown in stats.cards:
        exact = sum(n for k, n in safe.items() if card in k.cards.split("+"))
        assert abs(shown - exact) <= ROUND_TO // 2


def test_a_command_total_does_not_give_away_a_hidden_card() -> None:
    counts = {key("condition", "ms"): 7, key("condition", "lems"): 3}
    stats = usage_stats(counts)
    # Counting lems in /condition's total (10) would reveal lems's 3 as 10 - 7.
    assert stats == UsageStats(cards=(("ms", 5),), commands=(("condition", 5),))


def test_a_card_total_does_not_give_away_a_hidden_command() -> None:
    counts = {key("condition", "ms"): 8, key("share", "ms"): 2}
    assert usage_stats(counts) == UsageStats(cards=(("ms", 10),), commands=(("condition", 10),))


def test_leaving_one_item_out_can_leave_out_another() -> None:
    # gbs reaches 5 only together with a rare card, so it is left out too.
    counts = {key("condition", "ms"): 20, key("condition", "gbs"): 3, key("compare", "gbs+lems"): 2}
    assert usage_stats(counts) == UsageStats(cards=(("ms", 20),), commands=(("condition", 20),))


def test_days_sections_and_outcomes_add_up_and_unmatched_is_a_card_of_its_own() -> None:
    counts = {
        key("condition", "ms", day="2026-11-22"): 3,
        key("condition", "ms", section="symptoms"): 3,
        key("condition", "_unmatched", outcome="unknown"): 6,
        key("help"): 9,
    }
    stats = usage_stats(counts)
    assert stats.cards == (("_unmatched", 5), ("ms", 5))
    assert stats.commands == (("condition", 10), ("help", 10))


def test_rounding_is_to_the_nearest_five() -> None:
    for count, shown in [(5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (100, 100), (102, 100), (103, 105)]:
        assert usage_stats({key("help"): count}).commands == (("help", shown),)


def test_empty_and_all_rare_counters_show_nothing() -> None:
    assert usage_stats({}).empty
    assert usage_stats({key("condition", "ms"): 4, key("help"): 0}).empty


def test_window_starts_days_minus_one_before_today() -> None:
    today = dt.date(2026, 11, 23)
    assert window_start(today, 1) == "2026-11-23"
    assert window_start(today, 30) == "2026-10-25"
    assert window_start(today, 90) == "2026-08-26"


def test_only_server_managers_in_a_server_may_see_stats() -> None:
    assert stats_refusal(in_server=True, can_manage_server=True) is None
    assert stats_refusal(in_server=True, can_manage_server=False) == NEEDS_MANAGE_SERVER
    assert stats_refusal(in_server=False, can_manage_server=True) == NOT_IN_A_SERVER
    assert stats_refusal(in_server=False, can_manage_server=False) == NOT_IN_A_SERVER
