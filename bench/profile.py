"""`python -m bench --profile`: sample each bot process (bare, mirror, ours) with py-spy under load, per scenario.

Samples of a thread waiting (in epoll, or aiosqlite's idle worker) are dropped. What is left is cut at the event
loop (`Handle._run`) and put in one layer: "send" when inside discord.py's sending of a reply (serializing,
aiohttp, parsing the answer); else "ours" when any frame is in bot/ or cogs/ (including the discord.py calls our
code makes, such as building embeds and views); else the layer of the innermost frame (receiving and dispatching:
discord.py, aiohttp, json, asyncio). Shares of samples are shown as µs of the bot's CPU time per interaction.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sys
from collections import Counter
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import discord

from bench.processes import REPO, BotProcess
from bench.roundtrip import drive, forget_history, warm_up_and_compare
from bench.scenarios import ACTIONS, SCENARIOS

OUT = REPO / "bench" / "profiles"
RATE = 1000  # samples per second
PROFILED = ("bare", "mirror", "ours")
DISCORD = Path(discord.__file__).parent
LOOP_FRAME = "Handle._run (" + str(Path(asyncio.__file__).parent / "events.py")
SEND_FRAMES = (
    "send_message (" + str(DISCORD / "interactions.py"),
    "autocomplete (" + str(DISCORD / "interactions.py"),
    str(DISCORD / "webhook") + "/",
    str(DISCORD / "http.py"),
)
LOOP_RUN_FRAME = "BaseEventLoop.run_forever ("
IDLE_FRAMES = ("EpollSelector.select (", "Condition.wait (", "Queue.get (")
LAYERS = (  # (layer, path fragment), first match wins
    ("their handler", str(REPO / "bench") + "/"),  # the bare and mirror bots' commands
    ("ours", str(REPO / "bot") + "/"),
    ("ours", str(REPO / "cogs") + "/"),
    ("discord.py", "/discord/"),
    ("aiohttp", "/aiohttp/"),
    ("aiohttp", "/yarl/"),
    ("aiohttp", "/multidict/"),
    ("json", "/json/"),
    ("asyncio", "/asyncio/"),
    ("asyncio", "/selectors.py"),
    ("sqlite", "/aiosqlite/"),
)


def py_spy() -> str:
    found = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit("--profile needs py-spy: .venv/bin/pip install py-spy")
    return found


def layer_of(frame: str) -> str:
    return next((layer for layer, fragment in LAYERS if fragment in frame), "other")


def summarize(raw: str, top: int = 12) -> dict[str, Any]:
    """Layers (share of samples) and the heaviest functions (inclusive share) from py-spy's raw format."""
    layers: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack_text, _, count_text = line.rpartition(" ")
        frames = stack_text.split(";")
        if frames[-1].startswith(IDLE_FRAMES):
            continue  # waiting, not working: py-spy cannot always tell while it samples without pausing
        cut = max((i for i, f in enumerate(frames) if f.startswith(LOOP_FRAME)), default=None)
        if cut is not None:
            task_frames = frames[cut + 1 :]
        elif any(f.startswith(LOOP_RUN_FRAME) for f in frames):
            task_frames = []  # the loop's own work between callbacks (polling, scheduling)
        else:
            task_frames = frames  # a partial stack, as --nonblocking sampling sometimes reads
        count = int(count_text)
        total += count
        layers[_layer(task_frames)] += count
        for name in {_short(f) for f in task_frames}:
            functions[name] += count
    return {
        "samples": total,
        "layers": {k: v / total for k, v in layers.most_common()},
        "functions": {k: v / total for k, v in functions.most_common(top)},
    }


def _layer(task_frames: list[str]) -> str:
    if any(fragment in frame for frame in task_frames for fragment in SEND_FRAMES):
        return "send"
    if any(layer_of(frame) == "ours" for frame in task_frames):
        return "ours"
    return layer_of(task_frames[-1]) if task_frames else "asyncio"


def _short(frame: str) -> str:
    """'send_message (/x/site-packages/discord/interactions.py:1020)' -> 'send_message (discord/interactions.py)'."""
    name, _, where = frame.partition(" (")
    path = where.rsplit(":", 1)[0]
    for marker in ("site-packages/", str(REPO) + "/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{name} ({path})"


async def profile_bots(requests: int, concurrency: int, bot_cores: set[int]) -> dict[str, Any]:
    """Profiles of the three bots, scenario by scenario: bare to mirror is the payload, mirror to ours our code."""
    OUT.mkdir(exist_ok=True)
    results: dict[str, Any] = {}
    async with AsyncExitStack() as stack:
        bots = {name: await stack.enter_async_context(BotProcess(name, bot_cores)) for name in PROFILED}
        await warm_up_and_compare(bots)
        for scenario in SCENARIOS:
            for name, bot in bots.items():
                raw_path = OUT / f"{scenario}-{name}.raw.txt"
                sampler = await asyncio.create_subprocess_exec(
                    py_spy(), "record", "--pid", str(bot.pid), "--rate", str(RATE), "--nonblocking",
                    "--full-filenames", "--format", "raw", "--output", str(raw_path),
                    stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
                )  # fmt: skip
                await asyncio.sleep(0.5)  # py-spy attaches
                forget_history(bot.local)
                run = await drive(bot, ACTIONS[name][scenario], requests, concurrency)
                sampler.send_signal(signal.SIGINT)  # py-spy writes its output on Ctrl-C
                await sampler.wait()
                results[f"{scenario} {name}"] = {"run": run, **summarize(raw_path.read_text())}
    return results
