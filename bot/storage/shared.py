"""The shared store as features see it (SHARED_STATE=store, or several clusters): the backend, whose quiz tallies
and post limits every process shares, and how a member's user ID becomes the keyed hash they are kept under (the ID
itself is never stored). Features get None when that state is kept in memory (one process, the default) or the
database is not open yet, and then use their in-memory state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.storage.backend import Backend


@dataclass(frozen=True)
class SharedStore:
    backend: Backend
    member: Callable[[int], str]  # user ID -> keyed hash (bot.storage.keyed.member_hash)
