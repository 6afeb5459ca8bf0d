from __future__ import annotations

from bot.interactions.cooldowns import PerUserLimit, wait_message


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


def test_the_timers_sweep_forgets_everyone_whose_window_passed_though_nobody_posted_since() -> None:
    clock = Clock()
    limit = PerUserLimit(1, 60, clock)
    for user in range(100):
        limit.retry_after(user)
    clock.now += 30
    limit.retry_after(7)  # refused; still within the window
    limit.sweep()
    assert len(limit) == 100
    clock.now += 30
    limit.sweep()
    assert len(limit) == 0  # every user id gone


def test_the_number_of_people_remembered_is_capped() -> None:
    limit = PerUserLimit(1, 60, Clock(), max_people=50)
    for user in range(1000):
        limit.retry_after(user)
    assert len(limit) == 50


def test_wait_message_rounds_up_to_at_least_a_second() -> None:
    assert wait_message(0.2).endswith("wait 1 seconds before posting again.")
    assert "wait 45 seconds" in wait_message(44.6)
