"""`make bench`: our bot against the bare discord.py floor, through the local Discord, each bot in its own process.

    python -m bench [--rounds R] [--requests N] [--concurrency C]
    python -m bench --profile        # py-spy profiles of the three bots under load (needs py-spy)
    python -m bench --delivery-only  # only our bot over the gateway, over HTTP with one replica and with two
    python -m bench --scale-only     # just the two-cluster run and the flush cost per backend (needs PostgreSQL)

Prints a table and writes bench/results.json (or bench/profiles/). Benchmarks measure; they never fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Any

from bench.clusters import cluster_runs
from bench.delivery import delivery_report, measure_delivery
from bench.flush_cost import flush_cost
from bench.inprocess import autocomplete_handler_timings, recorder_throughput
from bench.processes import REPO, pin_cores
from bench.recorder_burst import recorder_burst
from bench.report import profile_report, report, scale_report
from bench.roundtrip import measure

RESULTS = REPO / "bench" / "results.json"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--rounds", type=int, default=5, help="times every scenario runs on every bot")
    parser.add_argument("--requests", type=int, default=1000, help="interactions per scenario run")
    parser.add_argument("--concurrency", type=int, default=8, help="interactions in flight at once")
    parser.add_argument("--profile", action="store_true", help="profile the three bots with py-spy instead")
    parser.add_argument("--delivery-only", action="store_true", help="only gateway vs HTTP (one and two replicas)")
    parser.add_argument("--scale-only", action="store_true", help="only one process vs two clusters, and flushes")
    args = parser.parse_args()
    driver_cores, bot_cores = pin_cores()
    os.sched_setaffinity(0, driver_cores)
    if args.profile:
        from bench.profile import OUT, profile_bots

        profiles = asyncio.run(profile_bots(args.requests, args.concurrency, bot_cores))
        (OUT / "summary.json").write_text(json.dumps(profiles, indent=2) + "\n", encoding="utf-8")
        print(profile_report(profiles))
        print(f"\n(raw stacks and summary.json in {_shown(OUT)})")
        return 0
    if args.delivery_only:
        delivery = asyncio.run(measure_delivery(args.rounds, args.requests, args.concurrency, bot_cores))
        (REPO / "bench" / "delivery.json").write_text(json.dumps(delivery, indent=2) + "\n", encoding="utf-8")
        print(delivery_report(delivery))
        return 0
    scale = {
        "clusters": asyncio.run(cluster_runs(args.requests, args.concurrency, bot_cores)),
        "flush": asyncio.run(flush_cost()),
    }
    if args.scale_only:
        RESULTS.with_name("scale.json").write_text(json.dumps(scale, indent=2) + "\n", encoding="utf-8")
        print(scale_report(scale))
        return 0
    delivery = asyncio.run(measure_delivery(args.rounds, args.requests, args.concurrency, bot_cores))
    results: dict[str, Any] = {
        "delivery": delivery,
        **scale,
        "rounds": args.rounds,
        "requests": args.requests,
        "concurrency": args.concurrency,
        "cores": {"driver": sorted(driver_cores), "bots": sorted(bot_cores)},
        **asyncio.run(measure(args.rounds, args.requests, args.concurrency, bot_cores)),
        "autocomplete": autocomplete_handler_timings(),
        "recorder": asyncio.run(recorder_throughput()),
        "recorder_burst": asyncio.run(recorder_burst()),
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results))
    print("\nDelivery (our bot):\n" + delivery_report(delivery))
    print()
    print(scale_report(scale))
    print(f"\n(full figures in {_shown(RESULTS)})")
    return 0


def _shown(path: Path) -> Path:
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


if __name__ == "__main__":
    sys.exit(main())
