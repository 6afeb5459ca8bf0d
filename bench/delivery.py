"""Our bot delivered three ways on one rig: over the gateway, over HTTP with one replica, and with two.

Each deployment has its own local Discord in the driver and its bots in processes of their own, started the way
users start them (`python -m bot`, `python -m bot serve`), pinned to the bot cores. Every round runs each scenario
on each deployment in turn, rotating the order; medians over rounds.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import signal
import socket
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from statistics import median
from typing import Any

from bench.processes import REPO, cpu_seconds
from bench.roundtrip import forget_history
from bench.scenarios import CARD_NAMES, COMPARED, TYPED, Action
from bench.stats import Summary
from local_discord import LocalDiscord
from local_discord.replies import Reply

DEPLOYMENTS = {"gateway": 0, "http x1": 1, "http x2": 2}  # name -> HTTP replicas (0: the gateway bot)
SECTIONS = ("Symptoms", "Diagnosis", "Treatment", "Sources")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Deployment:
    def __init__(self, name: str, replicas: int, cores: set[int]) -> None:
        self.name, self.replicas, self.cores = name, replicas, cores
        self.local: LocalDiscord
        self.processes: list[asyncio.subprocess.Process] = []
        self.startup_s = float("nan")
        self.card: Reply | None = None
        self._stack = AsyncExitStack()

    async def __aenter__(self) -> Deployment:
        token = secrets.token_urlsafe(16)
        scratch = Path(self._stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-delivery-")))
        local = LocalDiscord(token=token, spec_path=None, reply_timeout=30, rate_limits=False)
        self.local = await self._stack.enter_async_context(local)
        env = {
            **os.environ,
            "DISCORD_TOKEN": token,
            "DISCORD_API_BASE_URL": local.api_base_url,
            "DISCORD_GATEWAY_URL": local.gateway_url,
            "DISCORD_PUBLIC_KEY": local.public_key,
            "USAGE_DB_PATH": str(scratch / "bench.sqlite3"),  # shared by the replicas, as on one host
            "LOG_LEVEL": "WARNING",
        }
        started = time.perf_counter()
        try:
            if self.replicas == 0:
                await self._spawn(["-m", "bot"], env, scratch / "gateway.log")
                await local.wait_until_ready(timeout=60)
            else:
                urls = []
                for index in range(self.replicas):
                    port = _free_port()
                    await self._spawn(["-m", "bot", "serve", "--port", str(port)], env, scratch / f"{index}.log")
                    urls.append(f"http://127.0.0.1:{port}/interactions")
                await local.use_interactions_endpoints(*urls, timeout=60)
        except BaseException:
            await self._stop()
            raise
        self.startup_s = time.perf_counter() - started
        self.card = await local.slash("condition", name="ms")  # the card whose section buttons are clicked
        return self

    async def _spawn(self, args: list[str], env: dict[str, str], log: Path) -> None:
        output = self._stack.enter_context(log.open("wb"))
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            env=env,
            cwd=REPO,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=output,
            preexec_fn=lambda: os.sched_setaffinity(0, self.cores),
        )
        self.processes.append(process)

    async def __aexit__(self, *exc_info: object) -> None:
        try:
            await self._stop()
        finally:
            await self._stack.aclose()

    async def _stop(self) -> None:
        for process in self.processes:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        await asyncio.gather(*(asyncio.wait_for(p.wait(), 60) for p in self.processes))

    def cpu(self) -> float:
        return sum(cpu_seconds(p.pid) for p in self.processes)


def _actions(deployment: Deployment) -> dict[str, Action]:
    def click(_local: LocalDiscord, i: int) -> Any:
        assert deployment.card is not None
        return deployment.card.click(SECTIONS[i % len(SECTIONS)])

    return {
        "slash": lambda d, i: d.slash("condition", name=CARD_NAMES[i % len(CARD_NAMES)]),
        "compare": lambda d, i: d.slash("compare", first=COMPARED[0], second=COMPARED[1]),
        "autocomplete": lambda d, i: d.autocomplete("condition", "name", TYPED[i % len(TYPED)]),
        "button": click,
    }


SCENARIOS = ("slash", "compare", "autocomplete", "button")


async def _drive(deployment: Deployment, action: Action, requests: int, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    counter = iter(range(requests))

    async def worker() -> None:
        for i in counter:
            begin = time.perf_counter()
            await action(deployment.local, i)
            latencies.append(time.perf_counter() - begin)

    cpu, begin = deployment.cpu(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    summary = Summary.of(latencies, time.perf_counter() - begin)
    return {
        "per_second": summary.per_second,
        "p50_ms": summary.p50_ms,
        "p99_ms": summary.p99_ms,
        "bot_cpu_us": (deployment.cpu() - cpu) / requests * 1e6,
    }


async def measure_delivery(rounds: int, requests: int, concurrency: int, bot_cores: set[int]) -> dict[str, Any]:
    async with AsyncExitStack() as stack:
        deployments = {
            name: await stack.enter_async_context(Deployment(name, replicas, bot_cores))
            for name, replicas in DEPLOYMENTS.items()
        }
        names = list(deployments)
        for deployment in deployments.values():  # warm up every input once
            for action in _actions(deployment).values():
                for i in range(len(CARD_NAMES)):
                    await action(deployment.local, i)
        runs: dict[str, dict[str, list[dict[str, float]]]] = {s: {n: [] for n in names} for s in SCENARIOS}
        for r in range(rounds):
            order = names[r % len(names) :] + names[: r % len(names)]
            for scenario in SCENARIOS:
                for name in order:
                    deployment = deployments[name]
                    forget_history(deployment.local)
                    deployment.card = await deployment.local.slash("condition", name="ms")  # kept after the clear
                    action = _actions(deployment)[scenario]
                    runs[scenario][name].append(await _drive(deployment, action, requests, concurrency))
        return {
            "startup_s": {name: d.startup_s for name, d in deployments.items()},
            "runs": runs,
            "summary": {
                scenario: {
                    name: {m: median(run[m] for run in by_name[name]) for m in by_name[name][0]} for name in names
                }
                for scenario, by_name in runs.items()
            },
        }


def delivery_report(results: dict[str, Any]) -> str:
    lines = [f"{'scenario':14}{'delivery':10}{'/s':>7}{'p50':>9}{'p99':>9}{'bot CPU':>11}"]
    for scenario, by_name in results["summary"].items():
        for name, figures in by_name.items():
            lines.append(
                f"{scenario:14}{name:10}{figures['per_second']:7.0f}{figures['p50_ms']:7.2f}ms"
                f"{figures['p99_ms']:7.2f}ms{figures['bot_cpu_us']:9.0f}µs"
            )
    startup = results["startup_s"]
    lines.append("start-up to ready:   " + ", ".join(f"{n} {s:.2f} s" for n, s in startup.items()))
    return "\n".join(lines)
