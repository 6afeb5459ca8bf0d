"""When deck items come back (FSRS on whole days), and what a stored schedule may hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from bot.deck.schedule import MAX_INTERVAL_DAYS, Memory, new_memory, review

DAY = dt.date(2026, 12, 4)


def test_right_answers_space_an_item_out_and_a_wrong_one_brings_it_back_soon() -> None:
    memory, gaps, day = new_memory(DAY), [], DAY
    assert memory.is_due(DAY)
    for _ in range(4):
        memory = review(memory, True, day)
        gaps.append((memory.due - day).days)
        day = memory.due
    assert gaps == sorted(gaps) and gaps[0] >= 1 and gaps[-1] > 3 * gaps[0]  # each right answer waits longer
    lapsed = review(memory, False, day)
    assert 1 <= (lapsed.due - day).days < gaps[-1]  # forgotten: back much sooner
    assert lapsed.stability is not None and memory.stability is not None and lapsed.stability < memory.stability
    assert lapsed.reviews == 5 and lapsed.last_review == day


def test_an_item_never_waits_longer_than_the_maximum_nor_comes_back_the_same_day() -> None:
    memory, day = new_memory(DAY), DAY
    for _ in range(20):
        memory = review(memory, True, day)
        assert 1 <= (memory.due - day).days <= MAX_INTERVAL_DAYS
        day = memory.due
    assert (memory.due - day).days == 0 and memory.reviews == 20


def test_a_schedule_keeps_days_only_and_reads_back_the_same() -> None:
    memory = review(review(new_memory(DAY), True, DAY), False, DAY + dt.timedelta(days=3))
    encoded = memory.encode()
    assert Memory.decode(encoded) == memory
    assert "T" not in encoded and ":00" not in encoded  # dates, never times of day


@given(st.text(max_size=200))
def test_anything_else_stored_reads_as_nothing_never_an_error(text: str) -> None:
    decoded = Memory.decode(text)
    assert decoded is None or decoded.encode() == Memory.decode(decoded.encode()).encode()  # type: ignore[union-attr]


def test_a_half_written_schedule_is_refused() -> None:
    assert Memory.decode('{"due":"2026-12-04","n":1,"s":null,"d":null,"last":"2026-12-01"}') is None
    assert Memory.decode('{"due":"2026-13-04","n":0,"s":null,"d":null,"last":null}') is None
    assert Memory.decode('{"due":"2026-12-04","n":0,"s":null,"d":null,"last":null}') == new_memory(DAY)
