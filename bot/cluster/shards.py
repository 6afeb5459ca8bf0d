"""Which shards a process runs, and Discord's rules for starting them: pure.

A bot past about 2,500 servers needs shards; a server's events go to shard `(guild_id >> 22) % shard_count`.
Clusters split the shards between processes: cluster `i` of `n` runs every shard with `shard % n == i`, so one
compose service or one StatefulSet pod per cluster, each with its own CLUSTER_INDEX.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

IDENTIFY_INTERVAL = 5.0  # Discord: each identify bucket starts one session per 5 seconds
IDENTIFY_MARGIN = 0.5  # the time between taking a turn and Discord receiving the IDENTIFY, and clocks apart


def cluster_shards(shard_count: int, cluster_index: int, cluster_count: int) -> list[int]:
    return [shard for shard in range(shard_count) if shard % cluster_count == cluster_index]


def shard_of(guild_id: int, shard_count: int) -> int:
    return (guild_id >> 22) % shard_count


def identify_bucket(shard_id: int, max_concurrency: int) -> int:
    return shard_id % max(1, max_concurrency)


@dataclass(frozen=True)
class SessionStarts:
    """GET /gateway/bot's session_start_limit."""

    total: int
    remaining: int
    reset_after: float  # seconds
    max_concurrency: int

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> SessionStarts:
        return cls(
            int(payload["total"]),
            int(payload["remaining"]),
            int(payload["reset_after"]) / 1000,
            int(payload.get("max_concurrency", 1)),
        )

    def wait_before_starting(self, sessions: int) -> float:
        """0.0 when `sessions` more may start now; else the seconds until the allowance resets. Starting with
        too few left would spend the limit, and Discord then ends every session and resets the token."""
        return 0.0 if self.remaining >= sessions else max(self.reset_after, 1.0)


def describe(shard_ids: list[int], shard_count: int) -> str:
    listed = ", ".join(str(s) for s in shard_ids)
    return f"shard{'s' if len(shard_ids) != 1 else ''} {listed} of {shard_count}"
