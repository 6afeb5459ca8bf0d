"""A bot in its own process, against its own local Discord hosted in the driver: start, pin, measure, stop."""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path

from local_discord import LocalDiscord

REPO = Path(__file__).resolve().parent.parent
COMMANDS = {
    "ours": ["-m", "bot"],
    "bare": ["-m", "bench.bare_bot_process"],
    "mirror": ["-m", "bench.mirror_bot_process"],
}


def pin_cores() -> tuple[set[int], set[int]]:
    """(driver cores, bot cores): with two or more cores the driver and the bots never share one."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return set(cores), set(cores)
    return {cores[0]}, set(cores[1:])


def cpu_seconds(pid: int) -> float:
    """CPU time of every thread of a process so far, in ns resolution (schedstat), not 10 ms ticks."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # a thread that ended while we read
    return total / 1e9


def memory_mb(pid: int, field: str) -> float:
    """A /proc status figure in MB: VmRSS (resident now) or VmHWM (peak resident)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class BotProcess:
    """`async with BotProcess("ours", bot_cores) as bot:` then drive `bot.local`; the bot is stopped on exit."""

    def __init__(self, name: str, cores: set[int]) -> None:
        self.name = name
        self.cores = cores
        self.local: LocalDiscord
        self.startup_s = float("nan")
        self.rss_after_startup_mb = float("nan")
        self._process: asyncio.subprocess.Process | None = None
        self._log = Path()
        self._stack = AsyncExitStack()

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    async def __aenter__(self) -> BotProcess:
        token = secrets.token_urlsafe(16)
        scratch = self._stack.enter_context(tempfile.TemporaryDirectory(prefix=f"bench-{self.name}-"))
        # No spec checks and no rate limits: the benchmarks measure the bots and the transport, not the judge.
        local = LocalDiscord(token=token, spec_path=None, reply_timeout=30, rate_limits=False)
        self.local = await self._stack.enter_async_context(local)
        env = {
            **os.environ,
            "DISCORD_TOKEN": token,
            "DISCORD_API_BASE_URL": self.local.api_base_url,
            "DISCORD_GATEWAY_URL": self.local.gateway_url,
            "USAGE_DB_PATH": str(Path(scratch) / "bench.sqlite3"),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO),  # bench/ is not an installed package
        }
        # A file, not a pipe: nobody reads a pipe while the bot runs, and a full one would block the bot.
        self._log = Path(scratch) / "stderr.log"
        log = self._stack.enter_context(self._log.open("wb"))
        started = time.perf_counter()
        self._process = await asyncio.create_subprocess_exec(
            sys.executable,
            *COMMANDS[self.name],
            env=env,
            cwd=scratch,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=log,
            preexec_fn=lambda: os.sched_setaffinity(0, self.cores),  # before the interpreter even starts
        )
        try:
            await self.local.wait_until_ready(timeout=60)
        except BaseException:
            await self._stop()
            raise
        self.startup_s = time.perf_counter() - started
        self.rss_after_startup_mb = memory_mb(self.pid, "VmRSS")
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        try:
            await self._stop()
        finally:
            await self._stack.aclose()

    async def _stop(self) -> None:
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 60)
        if process.returncode != 0:
            errors = self._log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the {self.name} bot exited with {process.returncode}:\n{errors}")
