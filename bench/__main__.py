"""`make bench`: our bot against the bare discord.py floor, through the local Discord, each bot in its own process.

    python -m bench [--requests N] [--concurrency C]

Prints a table and writes bench/results.json. Benchmarks measure; they never fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.inprocess import autocomplete_handler_timings, recorder_throughput
from bench.stats import Summary
from bot.local_discord import LocalDiscord

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results.json"
Action = Callable[[LocalDiscord, int], Awaitable[object]]

OURS: dict[str, Action] = {
    "slash": lambda d, i: d.slash("condition", name=("ms", "gbs", "mg", "sle", "sjogrens")[i % 5]),
    "compare": lambda d, i: d.slash("compare", first="gbs", second="ms"),
    "autocomplete": lambda d, i: d.autocomplete("condition", "name", ("mu", "guil", "my", "lu", "")[i % 5]),
}
BARE: dict[str, Action] = {
    "slash": lambda d, i: d.slash("hello"),
    "compare": lambda d, i: d.slash("hello"),  # the floor for any one-message answer
    "autocomplete": lambda d, i: d.autocomplete("pick", "fruit", ("a", "b", "c", "p", "")[i % 5]),
}


def bot_command(name: str) -> list[str]:
    return [sys.executable, "-m", "bot"] if name == "ours" else [sys.executable, "-m", "bench.bare_bot_process"]


async def run_bot_process(name: str, actions: dict[str, Action], requests: int, concurrency: int) -> dict:
    token = secrets.token_urlsafe(16)
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        async with LocalDiscord(token=token, spec_path=None, reply_timeout=30) as local:
            env = {
                **os.environ,
                "DISCORD_TOKEN": token,
                "DISCORD_API_BASE_URL": local.api_base_url,
                "DISCORD_GATEWAY_URL": local.gateway_url,
                "USAGE_DB_PATH": str(Path(scratch) / "bench.sqlite3"),
                "LOG_LEVEL": "WARNING",
                "PYTHONPATH": str(REPO),  # bench/ is not an installed package
            }
            started = time.perf_counter()
            process = await asyncio.create_subprocess_exec(
                *bot_command(name),
                env=env,
                cwd=scratch,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                await local.wait_until_ready(timeout=60)
                startup = time.perf_counter() - started
                for action in actions.values():  # warm up every path once
                    await action(local, 0)
                results = {key: await drive(local, action, requests, concurrency) for key, action in actions.items()}
                peak_rss_mb = peak_rss(process.pid)
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                _, errors = await asyncio.wait_for(process.communicate(), 30)
                if process.returncode != 0:
                    raise RuntimeError(f"the {name} bot exited with {process.returncode}:\n{errors.decode()[-2000:]}")
    return {"startup_s": startup, "peak_rss_mb": peak_rss_mb, "scenarios": results}


async def drive(local: LocalDiscord, action: Action, requests: int, concurrency: int) -> dict:
    latencies: list[float] = []
    counter = iter(range(requests))

    async def worker() -> None:
        for i in counter:
            begin = time.perf_counter()
            await action(local, i)
            latencies.append(time.perf_counter() - begin)

    begin = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    summary = Summary.of(latencies, time.perf_counter() - begin)
    return {"per_second": summary.per_second, "p50_ms": summary.p50_ms, "p99_ms": summary.p99_ms, "n": summary.count}


def peak_rss(pid: int) -> float:
    """VmHWM: the process's peak resident set size, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(ours: dict, bare: dict, inprocess: dict) -> str:
    header = ("scenario", "ours/s", "bare/s", "ratio", "ours p50", "ours p99", "bare p50", "bare p99")
    lines = [f"{header[0]:14}" + "".join(f"{h:>10}" for h in header[1:])]
    for key, mine in ours["scenarios"].items():
        floor = bare["scenarios"][key]
        ratio = mine["per_second"] / floor["per_second"]
        rates = f"{mine['per_second']:10.0f}{floor['per_second']:10.0f}{ratio:10.2f}"
        times = "".join(f"{ms:8.2f}ms" for ms in (mine["p50_ms"], mine["p99_ms"], floor["p50_ms"], floor["p99_ms"]))
        lines.append(f"{key:14}{rates}{times}")
    autocomplete, recorder = inprocess["autocomplete"], inprocess["recorder"]
    lines += [
        "",
        f"start-up to ready: ours {ours['startup_s']:.2f} s, bare {bare['startup_s']:.2f} s",
        f"peak RSS:          ours {ours['peak_rss_mb']:.0f} MB, bare {bare['peak_rss_mb']:.0f} MB",
        f"autocomplete handler (in-process, full knowledge base): "
        f"p50 {autocomplete['p50_ms'] * 1e3:.0f} µs, p99 {autocomplete['p99_ms'] * 1e3:.0f} µs",
        f"usage recorder: {recorder['count_per_second']:,.0f} count() calls/s; {recorder['events']:,} events "
        f"flushed as {recorder['rows_written']} rows in {recorder['flush_ms']:.1f} ms",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--requests", type=int, default=1000, help="interactions per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="interactions in flight at once")
    args = parser.parse_args()
    ours = asyncio.run(run_bot_process("ours", OURS, args.requests, args.concurrency))
    bare = asyncio.run(run_bot_process("bare", BARE, args.requests, args.concurrency))
    inprocess = {"autocomplete": autocomplete_handler_timings(), "recorder": asyncio.run(recorder_throughput())}
    results = {"requests": args.requests, "concurrency": args.concurrency, "ours": ours, "bare": bare, **inprocess}
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(ours, bare, inprocess))
    print(f"\n(full figures in {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
