"""The storage interface: everything the bot keeps, whichever database holds it (SQLite or PostgreSQL).

The bot talks to `Backend` only; `bot.storage.database` (SQLite, embedded, the default) and `bot.storage.postgres`
(PostgreSQL, shared by several processes) implement it with the same rows and the same rules, and one test suite runs
against both (tests/storage/test_backends.py).

Every row is keyed by values the bot chose or by keyed hashes (bot.storage.keyed): never an ID, a name or typed text.
Split into small protocols so a feature that adds a table adds one protocol, one migration per backend and one test
module, without touching the others (`Decks` is the pattern for a per-member table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.storage.weeks import Tally, UsageKey, WeekKey


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database's schema stands (`python -m bot db status`)."""

    backend: str  # "sqlite" or "postgresql"
    location: str  # a path, or host:port/database (never a password)
    current: int
    latest: int

    @property
    def pending(self) -> int:
        return max(0, self.latest - self.current)


@dataclass(frozen=True)
class StoredPrefs:
    """One server's settings row, as stored under its keyed hash."""

    guild_key: str
    private_lookups: bool
    emergency_number: str | None
    count_usage: bool


class Counters(Protocol):
    async def add_counts(self, counts: Mapping[UsageKey, int], *, current_week: str) -> None:
        """Add counts (upserts: n = n + new, so any number of processes add without losing or doubling one) and
        fold every week before `current_week`, in one transaction."""

    async def weekly_counts(self, from_week: str, before_week: str) -> dict[WeekKey, Tally]: ...

    async def open_counts(self) -> dict[UsageKey, int]: ...

    async def fold_open_weeks(self) -> None: ...

    async def add_weekly(self, tallies: Mapping[WeekKey, Tally]) -> None:
        """Add closed weeks' tallies as they are (copying a store: bot.storage.copying)."""


class Meta(Protocol):
    async def get_meta(self, name: str) -> str | None: ...

    async def set_meta(self, name: str, value: str) -> None: ...

    async def set_meta_once(self, name: str, value: str) -> str:
        """Store `value` unless `name` has one; returns the value stored (another process's, if it was first)."""

    async def delete_meta(self, name: str) -> None: ...


class ServerSettings(Protocol):
    async def guild_settings(self) -> list[tuple[str, int, str | None, int]]: ...

    async def save_guild_settings(
        self, guild_key: str, private_lookups: bool, emergency_number: str | None, count_usage: bool
    ) -> None:
        """Save one server's settings and bump the settings version, in one transaction."""

    async def delete_guild_settings(self, guild_keys: Iterable[str]) -> None: ...

    async def delete_all_guild_settings(self) -> int: ...

    async def settings_version(self) -> int:
        """A number that changes whenever any process saves or deletes settings: a cheap check for other processes'
        changes (bot.storage.settings_watch reloads the cache when it moves)."""

    async def listen_settings(self, wake: Callable[[], None]) -> bool:
        """Call `wake` as soon as any process changes settings, if the database can tell (PostgreSQL's
        LISTEN/NOTIFY); False when it cannot (SQLite), or not now."""


class QuizTallies(Protocol):
    """A quiz's progress and who answered which question first, for processes that share quizzes (HTTP replicas,
    SHARED_STATE=store). `quiz` is the quiz's own key (from its buttons), `member` a member's keyed hash. A quiz's
    rows expire `idle` seconds after its last use (its answers with it) and go at once when it finishes; a quiz
    found expired starts afresh, marked resumed. Every call is atomic across processes."""

    async def open_quiz(self, quiz: str, *, resumed: bool, now: float, idle: float) -> bool:
        """Keep a tally for `quiz` unless one is kept; returns whether the kept one began with a click (resumed)."""

    async def answer_quiz(self, quiz: str, question: int, member: str, *, right: bool, now: float, idle: float) -> str:
        """Record `member`'s answer: "first" (counted), "repeat" (they already answered it) or "closed" (the quiz
        moved past this question or finished)."""

    async def move_quiz_on(self, quiz: str, question: int, *, now: float, idle: float) -> bool:
        """Leave `question` for the next one; False when someone (in any process) already did."""

    async def finish_quiz(self, quiz: str, question: int, *, now: float, idle: float) -> QuizResults | None:
        """End the quiz after its last `question`; None when someone already did. Who answered goes at once."""


@dataclass(frozen=True)
class QuizResults:
    resumed: bool
    people: int
    tallies: dict[int, tuple[int, int]]  # question -> (answered, right)


class PostLimits(Protocol):
    """The public-post limit of each member (a keyed hash), shared by every process that posts."""

    async def take_post(self, member: str, *, now: float, window: float, rate: int) -> float:
        """Record a post and return 0.0 when `member` made fewer than `rate` posts in the last `window` seconds;
        otherwise record nothing and return the seconds to wait. Atomic across processes."""


class Expiring(Protocol):
    async def sweep_expired(self, now: float) -> int:
        """Delete every member row (quiz answers, post times, deck items) past its expiry;
        returns how many went."""


@dataclass(frozen=True)
class DeckRow:
    """One item of a member's study deck, as stored (copying a store moves these as they are)."""

    member: str  # keyed hash of the user ID, never the ID
    item: str  # the bot's own key: "<card>/<facet>"
    memory: str  # the scheduler's numbers and dates, encoded by bot.deck.schedule
    expires_at: float


class Decks(Protocol):
    """Each member's private study deck (bot.deck): rows keyed by (member keyed hash, item), holding only values the
    bot chose. Every change renews the expiry of all the member's rows; `sweep_expired` deletes them after it."""

    async def deck(self, member: str) -> dict[str, str]:
        """The member's items and their encoded memories ({} when they have no deck)."""

    async def add_to_deck(self, member: str, items: Mapping[str, str], *, expires_at: float, limit: int) -> int:
        """Add the items the deck lacks, while it holds fewer than `limit`; returns how many were added."""

    async def save_deck_item(self, member: str, item: str, memory: str, *, was: str, expires_at: float) -> bool:
        """Replace an item's memory only if it is still `was` (so a double click, in any process, counts once);
        False when it was not."""

    async def remove_from_deck(self, member: str, items: Iterable[str]) -> int: ...

    async def delete_deck(self, member: str) -> int:
        """Delete every row of the member's deck; returns how many went."""

    async def all_deck_rows(self) -> list[DeckRow]: ...

    async def put_deck_rows(self, rows: Iterable[DeckRow]) -> None: ...


class Backend(Counters, Meta, ServerSettings, QuizTallies, PostLimits, Decks, Expiring, Protocol):
    """Everything the bot keeps, on one database."""

    kind: str  # "sqlite" or "postgresql"

    @property
    def location(self) -> str:
        """Where it is, safe to log: a path, or host:port/database."""

    async def close(self) -> None: ...
