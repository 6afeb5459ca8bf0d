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
# Kinds of count held in memory while the database cannot be written (see UsageRecorder).
MAX_PENDING_KEYS = 20_000


class Outcome(StrEnum):
    OK = "ok"
    UNKNOWN = "unknown"  # a name that matched no card
    INVALID = "invalid"  # a well-formed request the bot cannot serve (e.g. the same card twice)
    ERROR = "error"


def utc_today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


class UsageRecorder:
    """Tallies interactions in memory and writes them in batches; a failed write keeps its counts for the next try.

    While the database cannot be written (locked, full, read-only), counts wait in memory. They add up by key
    (day, command, cards, section, outcome), so memory grows with the kinds of use, not the amount: a busy day is a
    few hundred keys. `max_keys` (20,000 keys, about 4 MB at 190 bytes a key) holds weeks of that; past it, counts
    under new keys are dropped and tallied in `lost`, with one warning, so an outage can never exhaust memory.
    """

    def __init__(
        self,
        database: Database | None,
        *,
        known_cards: Iterable[str],
        known_sections: Iterable[str],
        flush_interval: float = 2.0,
        batch_size: int = 500,
        max_keys: int = MAX_PENDING_KEYS,
        today: Callable[[], str] = utc_today,
    ) -> None:
        self._db = database
        self._cards = frozenset(known_cards)
        self._sections = frozenset(known_sections)
        self._flush_interval = flush_interval
        self._batch_size = batch_size
        self._max_keys = max_keys
        self._today = today
        self._pending: Counter[UsageKey] = Counter()
        self._pending_events = 0
        self._lost = 0
        self._wake = asyncio.Event()
        self._writing = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._failing = False

    @property
    def enabled(self) -> bool:
        return self._db is not None

    @property
    def pending(self) -> int:
        return sum(self._pending.values())

    @property
    def lost(self) -> int:
        """Counts dropped because too many kinds were waiting for an unwritable database."""
        return self._lost

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
        if len(self._pending) >= self._max_keys and key not in self._pending:
            self._lose()
            return
        self._pending[key] += 1
        self._pending_events += 1
        if self._pending_events >= self._batch_size:
            self._wake.set()

    def _lose(self) -> None:
        if not self._lost:
            log.warning(
                "Usage counts of %d kinds are waiting for the database; new kinds are dropped (and tallied) until "
                "it can be written.",
                self._max_keys,
            )
        self._lost += 1

    def _card_field(self, cards: Iterable[str | None]) -> str:
        names = sorted({c if c in self._cards else UNMATCHED for c in cards})
        return "+".join(names) if names else NONE

    def start(self) -> None:
        if self._db is not None and self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._run(), name="usage-recorder")

    async def stop(self) -> None:
        """Stop the background task and write whatever is still pending; say once what could not be written."""
        if self._task is not None:
            # Not cancelled: a write in progress finishes (or fails and keeps its counts) before the last flush.
            self._stopping = True
            self._wake.set()
            await self._task
            self._task = None
        await self.flush()
        unwritten = self.pending + self._lost
        if unwritten:
            log.warning("%d usage count(s) could not be written to the database and are lost.", unwritten)

    async def flush(self) -> None:
        async with self._writing:  # one write at a time, so a failed batch is put back before the next one
            if self._db is None or not self._pending:
                return
            batch, self._pending, self._pending_events = self._pending, Counter(), 0
            try:
                await self._db.add_counts(batch)
            except Exception as exc:  # the bot must keep answering whatever the disk does
                # Keep the counts for the next try: merge the few counted meanwhile into the batch, not the reverse,
                # so a long outage's many kinds are not copied on every retry.
                batch.update(self._pending)
                self._pending = batch
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
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._flush_interval)
            self._wake.clear()
            await self.flush()
