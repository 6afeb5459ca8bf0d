"""The database as features see it: the backend, and how a member's user ID becomes the keyed hash they are kept
under (the ID itself is never stored). Quiz tallies and post limits go through it with SHARED_STATE=store (or several
clusters), and otherwise stay in memory; study decks always do. Features get None while the database is not open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.storage.backend import Backend


@dataclass(frozen=True)
class SharedStore:
    backend: Backend
    member: Callable[[int], str]  # user ID -> keyed hash (bot.storage.keyed.member_hash)
