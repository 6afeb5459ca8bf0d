from __future__ import annotations

from bot.cooldowns import PerUserLimit, wait_message


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_may_post_rate_times_per_window_then_waits() -> None:
    clock = Clock()
    limit = PerUserLimit(2, 60, clock)
    assert limit.retry_after(1) == 0.0
    clock.now += 10
    assert limit.retry_after(1) == 0.0
    clock.now += 5
    assert limit.retry_after(1) == 45.0  # the first use leaves the window at 1060
    assert limit.retry_after(2) == 0.0  # other people are not affected
    clock.now = 1060.0
    assert limit.retry_after(1) == 0.0


def test_expired_entries_are_swept_once_per_window() -> None:
    clock = Clock()
    limit = PerUserLimit(1, 1, clock)
    for user in range(6000):  # all active in this window: nothing to sweep yet
        limit.retry_after(user)
    assert len(limit._uses) == 6000
    clock.now += 2
    limit.retry_after(99999)
    assert list(limit._uses) == [99999]  # everyone else's uses had expired


def test_wait_message_rounds_up_to_at_least_a_second() -> None:
    assert wait_message(0.2).endswith("wait 1 seconds before posting another.")
    assert "wait 45 seconds" in wait_message(44.6)
