"""When each item of a deck comes back: FSRS (the `fsrs` package), on whole days. Pure: no Discord, no I/O.

Days, not times: the scheduler runs without its minute-long learning steps, every review is taken as made at the
start of its UTC day, and a memory keeps only dates, so a stored deck never says at what time its member studied.
A right answer rates the item Good, a wrong one Again. No interval exceeds MAX_INTERVAL_DAYS, well inside the
deck's expiry (bot.deck.replies.KEPT_DAYS): whoever studies when items fall due never loses their deck to it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from fsrs import Card, Rating, Scheduler, State

MAX_INTERVAL_DAYS = 120
_SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), maximum_interval=MAX_INTERVAL_DAYS, enable_fuzzing=False)


@dataclass(frozen=True)
class Memory:
    """One item's schedule: when it is due, how often it was reviewed, and FSRS's stability and difficulty."""

    due: dt.date
    reviews: int = 0
    stability: float | None = None  # None until the first review
    difficulty: float | None = None
    last_review: dt.date | None = None

    def encode(self) -> str:
        return json.dumps(
            {
                "due": self.due.isoformat(),
                "n": self.reviews,
                "s": self.stability,
                "d": self.difficulty,
                "last": self.last_review.isoformat() if self.last_review else None,
            },
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, text: str) -> Memory | None:
        """The memory a stored value holds; None when it is not one this module wrote."""
        try:
            raw = json.loads(text)
            last = raw["last"]
            memory = cls(
                due=dt.date.fromisoformat(raw["due"]),
                reviews=int(raw["n"]),
                stability=None if raw["s"] is None else float(raw["s"]),
                difficulty=None if raw["d"] is None else float(raw["d"]),
                last_review=None if last is None else dt.date.fromisoformat(last),
            )
        except (ValueError, TypeError, KeyError):
            return None
        return memory if (memory.stability is None) == (memory.last_review is None) else None

    def is_due(self, today: dt.date) -> bool:
        return self.due <= today


def new_memory(today: dt.date) -> Memory:
    """An item just added: due at once."""
    return Memory(due=today)


def review(memory: Memory, right: bool, today: dt.date) -> Memory:
    """The memory after answering it today (right: Good, wrong: Again)."""
    reviewed, _ = _SCHEDULER.review_card(_card(memory), Rating.Good if right else Rating.Again, _start_of(today))
    assert reviewed.last_review is not None
    return Memory(
        due=max(reviewed.due.date(), today + dt.timedelta(days=1)),
        reviews=memory.reviews + 1,
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        last_review=reviewed.last_review.date(),
    )


def _card(memory: Memory) -> Card:
    if memory.stability is None or memory.last_review is None:
        return Card(card_id=0)  # never reviewed; the id (by default the time it was made) is not needed
    return Card(
        card_id=0,
        state=State.Review,
        step=None,
        stability=memory.stability,
        difficulty=memory.difficulty,
        due=_start_of(memory.due),
        last_review=_start_of(memory.last_review),
    )


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
