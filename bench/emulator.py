"""What the local Discord's own checks cost: the bare bot, in this process, through the local Discord with each
check switched on in turn. `python -m bench.emulator [--requests N] [--concurrency C]`

Not part of `make bench` (which runs without checks); the figures are in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path
from typing import Any

from bench.bare_bot import BareBot
from local_discord import LocalDiscord

SPEC = Path(__file__).resolve().parents[2] / "shared" / "discord-api-spec" / "openapi.json"
SETUPS: dict[str, dict[str, Any]] = {
    "no checks": {"spec_path": None, "rate_limits": False},
    "request checks": {"spec_path": SPEC, "check_output": False, "rate_limits": False},
    "+ answers and events checked": {"spec_path": SPEC, "rate_limits": False},
    "+ rate limits (the default)": {"spec_path": SPEC},
}


async def per_second(options: dict[str, Any], requests: int, concurrency: int) -> float:
    async with LocalDiscord(token="bench", reply_timeout=30, **options) as local, local.run_bot(BareBot()):
        for _ in range(20):  # warm-up: every shape and body seen once
            await local.slash("share")
        begin = time.perf_counter()

        async def worker() -> None:
            for _ in range(requests // concurrency):
                await local.slash("share")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return requests / (time.perf_counter() - begin)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.emulator")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    for name, options in SETUPS.items():
        rate = asyncio.run(per_second(options, args.requests, args.concurrency))
        print(f"{name:32} {rate:7.0f} /share interactions per second (bot and emulator in one process)")


if __name__ == "__main__":
    main()
