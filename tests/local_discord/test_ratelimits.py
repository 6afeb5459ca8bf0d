"""The rate limiter on its own, with a clock the test moves: buckets per route and resource, the global limit."""

from __future__ import annotations

from local_discord.ratelimits import DEFAULT_LIMIT, GLOBAL_PER_SECOND, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


MESSAGES = "/channels/{channel_id}/messages"
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


def limiter(clock: Clock) -> RateLimiter:
    return RateLimiter(clock=clock, wall_clock=lambda: 1_700_000_000.0)


def test_a_bucket_counts_down_in_its_headers_then_refuses_until_it_resets() -> None:
    clock = Clock()
    limits = limiter(clock)
    verdicts = [limits.take("POST", MESSAGES, {"channel_id": "1"}) for _ in range(6)]

    assert [v.allowed for v in verdicts if v] == [True] * 5 + [False]
    assert [v.headers["X-RateLimit-Remaining"] for v in verdicts if v] == ["4", "3", "2", "1", "0", "0"]
    first = verdicts[0]
    assert first is not None
    assert first.headers["X-RateLimit-Limit"] == "5"
    assert first.headers["X-RateLimit-Reset-After"] == "5.000"
    assert first.headers["X-RateLimit-Reset"] == "1700000005.000"
    refused = verdicts[-1]
    assert refused is not None and refused.retry_after == 5.0 and not refused.is_global

    clock.now += 5.0
    again = limits.take("POST", MESSAGES, {"channel_id": "1"})
    assert again is not None and again.allowed


def test_each_channel_has_its_own_bucket_under_one_bucket_id() -> None:
    limits = limiter(Clock())
    for _ in range(5):
        limits.take("POST", MESSAGES, {"channel_id": "1"})

    other = limits.take("POST", MESSAGES, {"channel_id": "2"})
    spent = limits.take("POST", MESSAGES, {"channel_id": "1"})

    assert other is not None and other.allowed
    assert spent is not None and not spent.allowed
    assert other.headers["X-RateLimit-Bucket"] == spent.headers["X-RateLimit-Bucket"]


def test_the_global_limit_spans_routes_but_not_interactions() -> None:
    clock = Clock()
    limits = limiter(clock)
    for index in range(GLOBAL_PER_SECOND):
        verdict = limits.take("GET", "/channels/{channel_id}", {"channel_id": str(index)})
        assert verdict is not None and verdict.allowed

    over = limits.take("GET", "/users/@me", {})
    callback = limits.take(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback", {"interaction_id": "9"}
    )

    assert over is not None and not over.allowed and over.is_global and 0 < over.retry_after <= 1.0
    assert callback is not None and callback.allowed
    clock.now += 1.0
    later = limits.take("GET", "/users/@me", {})
    assert later is not None and later.allowed


def test_an_unlisted_route_gets_the_default_limit() -> None:
    verdict = limiter(Clock()).take("GET", "/users/@me", {})
    assert verdict is not None and verdict.headers["X-RateLimit-Limit"] == str(DEFAULT_LIMIT.requests)


def test_limiting_switched_off_gives_no_verdict_and_no_headers() -> None:
    assert RateLimiter(enabled=False).take("POST", MESSAGES, {"channel_id": "1"}) is None
