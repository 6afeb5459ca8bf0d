"""Round trips through the local Discord: the three bots side by side, scenario by scenario, round after round."""

from __future__ import annotations

import asyncio
import gc
import time
from contextlib import AsyncExitStack
from statistics import median
from typing import Any

from bench.processes import BotProcess, cpu_seconds, memory_mb
from bench.scenarios import ACTIONS, CARD_NAMES, SCENARIOS, TYPED, Action
from bench.stats import Summary
from local_discord import LocalDiscord

BOTS = ("bare", "mirror", "ours")


async def drive(bot: BotProcess, action: Action, requests: int, concurrency: int) -> dict[str, float]:
    """N interactions, C in flight; throughput, latency, and CPU per interaction on each side."""
    latencies: list[float] = []
    counter = iter(range(requests))

    async def worker() -> None:
        for i in counter:
            begin = time.perf_counter()
            await action(bot.local, i)
            latencies.append(time.perf_counter() - begin)

    bot_cpu, driver_cpu, begin = cpu_seconds(bot.pid), time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    summary = Summary.of(latencies, time.perf_counter() - begin)
    return {
        "per_second": summary.per_second,
        "p50_ms": summary.p50_ms,
        "p99_ms": summary.p99_ms,
        "bot_cpu_us": (cpu_seconds(bot.pid) - bot_cpu) / requests * 1e6,
        "driver_cpu_us": (time.process_time() - driver_cpu) / requests * 1e6,
    }


def forget_history(local: LocalDiscord) -> None:
    """Drop the replies the emulator keeps for inspection, so the driver's heap (and its garbage collector's
    work) does not grow from run to run and slow later runs down."""
    local.state.forget_history()
    gc.unfreeze()
    gc.collect()
    gc.freeze()  # what is left is long-lived: keep it out of the collections during the next run


async def warm_up_and_compare(bots: dict[str, BotProcess]) -> None:
    """Call every distinct input once per bot, and check the mirror really sends what ours sends."""
    for index in range(max(len(CARD_NAMES), len(TYPED))):
        seen: dict[str, Any] = {}
        for name, bot in bots.items():
            for scenario in SCENARIOS:
                answer = await ACTIONS[name][scenario](bot.local, index)
                seen[f"{name} {scenario}"] = answer if isinstance(answer, list) else answer.message.payload()
        for scenario in SCENARIOS if "mirror" in bots else ():
            if _sent(seen[f"ours {scenario}"]) != _sent(seen[f"mirror {scenario}"]):
                raise RuntimeError(f"the mirror bot's {scenario} answer differs from ours: the comparison is void")


def _sent(answer: Any) -> Any:
    """What the bot chose to send, without what the emulator assigns (ids, timestamps)."""
    if isinstance(answer, list):
        return answer
    return {k: answer[k] for k in ("content", "embeds", "components", "flags")}


async def measure(rounds: int, requests: int, concurrency: int, bot_cores: set[int]) -> dict[str, Any]:
    """Start the three bots, then run every scenario on each in turn, rotating the order every round."""
    async with AsyncExitStack() as stack:
        bots = {name: await stack.enter_async_context(BotProcess(name, bot_cores)) for name in BOTS}
        await warm_up_and_compare(bots)
        runs: dict[str, dict[str, list[dict[str, float]]]] = {s: {b: [] for b in BOTS} for s in SCENARIOS}
        for r in range(rounds):
            order = BOTS[r % len(BOTS) :] + BOTS[: r % len(BOTS)]
            for scenario in SCENARIOS:
                for name in order:
                    forget_history(bots[name].local)
                    run = await drive(bots[name], ACTIONS[name][scenario], requests, concurrency)
                    runs[scenario][name].append(run)
        return {
            "startup_s": {name: bot.startup_s for name, bot in bots.items()},
            "rss_after_startup_mb": {name: bot.rss_after_startup_mb for name, bot in bots.items()},
            "peak_rss_mb": {name: memory_mb(bot.pid, "VmHWM") for name, bot in bots.items()},
            "runs": runs,
            "summary": {scenario: summarize(by_bot) for scenario, by_bot in runs.items()},
        }


def summarize(by_bot: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    """Medians over rounds; each ratio is taken within a round (bots measured moments apart), then the median."""
    out: dict[str, Any] = {
        name: {measure: median(run[measure] for run in runs) for measure in runs[0]} for name, runs in by_bot.items()
    }
    for top, floor in (("ours", "bare"), ("mirror", "bare"), ("ours", "mirror")):
        ratios = [a["per_second"] / b["per_second"] for a, b in zip(by_bot[top], by_bot[floor], strict=True)]
        out[f"{top}/{floor}"] = {"median": median(ratios), "min": min(ratios), "max": max(ratios)}
    return out
