"""Counting usage off the request path.

Handlers call `count()`, which only bumps an in-memory tally (no I/O, no await). A background task writes the
tally to SQLite in batches. Every value is checked against what the bot itself knows (its commands, card keys,
sections), so user text can never become a counter key: anything else is counted as `_unmatched`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum

from bot.usage.database import Database, UsageKey

log = logging.getLogger(__name__)

UNMATCHED = "_unmatched"
NONE = "-"
_COMMAND_NAME = re.compile(r"^[a-z][a-z_]{0,31}$")


class Outcome(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"  # a name that matched no card
    INVALID = "invalid"  # a well-formed request the bot cannot serve (e.g. the same card twice)
    ERROR = "error"


def utc_today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


class UsageRecorder:
    def __init__(
        self,
        database: Database | None,
        *,
        known_cards: Iterable[str],
        known_sections: Iterable[str],
        flush_interval: float = 2.0,
        batch_size: int = 500,
        today: Callable[[], str] = utc_today,
    ) -> None:
        self._db = database
        self._cards = frozenset(known_cards)
        self._sections = frozenset(known_sections)
        self._flush_interval = flush_interval
        self._batch_size = batch_size
        self._today = today
        self._pending: Counter[UsageKey] = Counter()
        self._pending_events = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._failing = False

    @property
    def enabled(self) -> bool:
        return self._db is not None

    @property
    def pending(self) -> int:
        return sum(self._pending.values())

    def count(
        self, command: str, cards: Iterable[str | None] = (), *, section: str | None = None, outcome: Outcome
    ) -> None:
        """Tally one interaction. Never raises, never blocks."""
        if self._db is None:
            return
        key = UsageKey(
            day=self._today(),
            command=command if _COMMAND_NAME.match(command) else UNMATCHED,
            cards=self._card_field(cards),
            section=NONE if section is None else (str(section) if section in self._sections else UNMATCHED),
            outcome=Outcome(outcome).value,
        )
        self._pending[key] += 1
        self._pending_events += 1
        if self._pending_events >= self._batch_size:
            self._wake.set()

    def _card_field(self, cards: Iterable[str | None]) -> str:
        names = sorted({c if c in self._cards else UNMATCHED for c in cards})
        return "+".join(names) if names else NONE

    def start(self) -> None:
        if self._db is not None and self._task is None:
            self._task = asyncio.create_task(self._run(), name="usage-recorder")

    async def stop(self) -> None:
        """Stop the background task and write whatever is still pending."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()

    async def flush(self) -> None:
        if self._db is None or not self._pending:
            return
        batch, self._pending, self._pending_events = self._pending, Counter(), 0
        try:
            await self._db.add_counts(batch)
        except Exception as exc:  # the bot must keep answering whatever the disk does
            self._pending.update(batch)  # keep the counts; the next flush tries again
            if not self._failing:
                log.warning(
                    "Usage counts could not be written (%s); keeping them in memory and retrying.",
                    type(exc).__name__,
                )
            self._failing = True
        else:
            if self._failing:
                log.info("Usage counts are being written again.")
            self._failing = False

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._flush_interval)
            self._wake.clear()
            await self.flush()
