"""Counting usage off the request path.

Handlers call `count()`, which only bumps an in-memory tally (no I/O, no await). A background task writes the
tally to SQLite in batches, every `flush_interval` seconds: that is all a hard kill (SIGKILL, out of memory) can lose.
Every value is checked against what the bot itself knows (its commands, card keys, sections), so user text can
never become a counter key: anything else is counted as `_unmatched`.

Counts are kept by ISO week and server (its keyed hash), and written to the week that is open when they are
written: a count taken in the last second of a week and written in the first of the next goes to the new week,
because a closed week may already have been shown by /stats and must never change (bot.moderation.stats).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from enum import StrEnum

from bot.storage.backend import Counters
from bot.storage.weeks import UsageKey, this_week

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


class UsageRecorder:
    """Tallies interactions in memory and writes them in batches; a failed write keeps its counts for the next try.

    While the database cannot be written (locked, full, read-only), counts wait in memory. They add up by key
    (week, server, command, cards, section, outcome), so memory grows with the kinds of use, not the amount: a busy
    server's day is a few dozen keys. `max_keys` (20,000 keys, about 5 MB at 250 bytes a key) holds a long outage;
    past it, counts under new keys are dropped and tallied in `lost`, with one warning, so an outage can never
    exhaust memory.
    """

    def __init__(
        self,
        database: Counters | None,
        *,
        known_cards: Iterable[str],
        known_sections: Iterable[str],
        flush_interval: float = 2.0,
        batch_size: int = 500,
        max_keys: int = MAX_PENDING_KEYS,
        week: Callable[[], str] = this_week,
    ) -> None:
        self._db = database
        self._cards = frozenset(known_cards)
        self._sections = frozenset(known_sections)
        self._flush_interval = flush_interval
        self._batch_size = batch_size
        self._max_keys = max_keys
        self._week = week
        self._pending: Counter[UsageKey] = Counter()
        self._pending_events = 0
        self._lost = 0
        self._wake = asyncio.Event()
        self._writing = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._failing = False
        self._started = False

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def attach(self, database: Counters) -> None:
        """Start counting into a database that opened after the bot started."""
        self._db = database
        if self._task is None and self._started:
            self.start()

    @property
    def pending(self) -> int:
        return sum(self._pending.values())

    @property
    def lost(self) -> int:
        """Counts dropped because too many kinds were waiting for an unwritable database."""
        return self._lost

    def count(
        self,
        server: str,
        command: str,
        cards: Iterable[str | None] = (),
        *,
        section: str | None = None,
        outcome: Outcome,
    ) -> None:
        """Tally one interaction in a server (its keyed hash). Never raises, never blocks."""
        if self._db is None:
            return
        key = UsageKey(
            week=self._week(),
            server=server,
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
        self._started = True
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
            week = self._week()
            batch = _in_open_weeks(batch, week)
            try:
                await self._db.add_counts(batch, current_week=week)
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


def _in_open_weeks(counts: Counter[UsageKey], week: str) -> Counter[UsageKey]:
    """Counts of weeks that closed while they waited, moved into the open week."""
    if all(key.week >= week for key in counts):
        return counts
    moved: Counter[UsageKey] = Counter()
    for key, n in counts.items():
        moved[key._replace(week=week) if key.week < week else key] += n
    return moved
