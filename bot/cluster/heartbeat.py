"""The heartbeat the container's health check reads (`python -m bot health`).

Every HEARTBEAT_SECONDS the bot writes, atomically, when it last looked and whether it is ready with every shard
connected. The health check is a separate process (Docker's HEALTHCHECK), so a file is the simplest honest
channel: a bot that hangs stops writing, and its heartbeat goes stale.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 30.0


@dataclass(frozen=True)
class Beat:
    at: float  # Unix seconds
    ready: bool
    shards: dict[int, bool]  # shard -> connected

    def problem(self, now: float) -> str | None:
        """Why this heartbeat says unhealthy (one line), or None when healthy."""
        if now - self.at > STALE_SECONDS:
            return f"unhealthy: the bot's last heartbeat is {now - self.at:.0f} s old"
        if not self.ready:
            return "unhealthy: the bot is not ready (starting, or waiting for its shards)"
        down = sorted(shard for shard, up in self.shards.items() if not up)
        if down or not self.shards:
            return f"unhealthy: shard(s) {', '.join(map(str, down)) or 'none'} not connected"
        return None


def write(path: Path, beat: Beat) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(json.dumps({"at": beat.at, "ready": beat.ready, "shards": beat.shards}), encoding="utf-8")
    os.replace(partial, path)  # a reader sees the old beat or the new one, never half


def read(path: Path) -> Beat:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Beat(float(data["at"]), bool(data["ready"]), {int(k): bool(v) for k, v in data["shards"].items()})


def check(path: Path, now: float | None = None) -> str | None:
    """The health check: None when healthy, else one line saying why not."""
    try:
        beat = read(path)
    except (OSError, ValueError, KeyError) as exc:
        return f"unhealthy: no heartbeat at {path} ({type(exc).__name__})"
    return beat.problem(time.time() if now is None else now)


class Heartbeat:
    def __init__(self, path: Path, state: Callable[[], tuple[bool, dict[int, bool]]]) -> None:
        self._path, self._state = path, state
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="heartbeat")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        with contextlib.suppress(OSError):
            self._path.unlink()  # stopped: no heartbeat, not an old one that still looks fresh

    def beat(self) -> None:
        """Write the state now (also called when it changes: ready, a shard connected or lost)."""
        ready, shards = self._state()
        with contextlib.suppress(OSError):  # a full disk must not stop the bot; the beat goes stale instead
            write(self._path, Beat(time.time(), ready, shards))

    async def _run(self) -> None:
        while True:
            self.beat()
            await asyncio.sleep(HEARTBEAT_SECONDS)
