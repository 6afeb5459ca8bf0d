"""The public-post limit's rule, pure: at most `rate` posts in any `window` seconds. Shared by the in-memory limit
and the stored one (bot.storage.backend.PostLimits), so one process and many decide alike."""

from __future__ import annotations


def take_post(times: tuple[float, ...], now: float, *, window: float, rate: int) -> tuple[tuple[float, ...], float]:
    """The posts kept after trying one more at `now`, and 0.0 if it was allowed, else the seconds to wait."""
    recent = tuple(t for t in times if now - t < window)
    if len(recent) < rate:
        return (*recent, now), 0.0
    return recent, max(0.0, window - (now - min(recent)))


def encode(times: tuple[float, ...]) -> str:
    return " ".join(repr(t) for t in times)


def decode(text: str) -> tuple[float, ...]:
    return tuple(float(t) for t in text.split())
