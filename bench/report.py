"""The tables `python -m bench` prints."""

from __future__ import annotations

from typing import Any

from bench.roundtrip import BOTS


def report(results: dict[str, Any]) -> str:
    lines = [
        f"{results['rounds']} rounds x {results['requests']} interactions, {results['concurrency']} in flight; "
        f"driver on cores {results['cores']['driver']}, bots on {results['cores']['bots']}; medians over rounds",
        "",
        f"{'scenario':14}{'ours/bare':>10}{'mirror/bare':>12}{'ours/mirror':>12}   (min-max of ours/bare)",
    ]
    summary = results["summary"]
    for scenario, s in summary.items():
        spread = f"{s['ours/bare']['min']:.2f}-{s['ours/bare']['max']:.2f}"
        lines.append(
            f"{scenario:14}{s['ours/bare']['median']:10.2f}{s['mirror/bare']['median']:12.2f}"
            f"{s['ours/mirror']['median']:12.2f}   ({spread})"
        )
    lines += ["", f"{'scenario':14}{'bot':8}{'/s':>7}{'p50':>9}{'p99':>9}{'bot CPU':>11}{'driver CPU':>12}"]
    for scenario, s in summary.items():
        for bot in BOTS:
            b = s[bot]
            lines.append(
                f"{scenario:14}{bot:8}{b['per_second']:7.0f}{b['p50_ms']:7.2f}ms{b['p99_ms']:7.2f}ms"
                f"{b['bot_cpu_us']:9.0f}µs{b['driver_cpu_us']:10.0f}µs"
            )
    startup, rss = results["startup_s"], results["rss_after_startup_mb"]
    auto, rec, burst = results["autocomplete"], results["recorder"], results["recorder_burst"]
    lines += [
        "",
        "start-up to ready:   " + ", ".join(f"{b} {startup[b]:.2f} s" for b in BOTS),
        "RSS after start-up:  " + ", ".join(f"{b} {rss[b]:.0f} MB" for b in BOTS),
        "peak RSS (at end):   " + ", ".join(f"{b} {results['peak_rss_mb'][b]:.0f} MB" for b in BOTS),
        "autocomplete handler (in-process): "
        + "; ".join(
            f"{k.replace('_', ' ')} p50 {v['p50_ms'] * 1e3:.0f} µs, p99 {v['p99_ms'] * 1e3:.0f} µs"
            for k, v in auto.items()
        ),
        f"usage recorder: {rec['count_per_second']:,.0f} count() calls/s; {rec['events']:,} events "
        f"flushed as {rec['rows_written']} rows in {rec['flush_ms']:.1f} ms",
        f"recorder burst: {burst['events']:,} interactions in {burst['seconds'] * 1e3:.0f} ms, "
        f"{burst['flushes_per_burst']:.0f} flushes; largest loop stall median "
        f"{burst['burst_max_ms']['median']:.2f} ms, "
        f"worst {burst['burst_max_ms']['worst']:.2f} ms of {burst['repeats']} bursts (idle loop: median "
        f"{burst['idle_max_ms']['median']:.2f} ms, worst {burst['idle_max_ms']['worst']:.2f} ms)",
    ]
    return "\n".join(lines)


def profile_report(profiles: dict[str, Any]) -> str:
    """Shares of samples turned into µs of bot CPU per interaction, so the two bots compare directly."""
    lines = []
    for label, p in profiles.items():
        cpu = p["run"]["bot_cpu_us"]
        lines.append(
            f"{label}: {p['samples']} samples, {p['run']['per_second']:.0f}/s, bot CPU {cpu:.0f} µs/interaction"
        )
        lines.append("  layers (µs): " + ", ".join(f"{k} {v * cpu:.0f}" for k, v in p["layers"].items()))
        lines += [f"  {v * cpu:5.0f} µs  {k}" for k, v in p["functions"].items()]
    return "\n".join(lines)


def scale_report(scale: dict[str, Any]) -> str:
    """One process vs two clusters (medians over rounds, with ranges), and a flush on each backend."""
    clusters, flush = scale["clusters"], scale["flush"]
    lines = [
        f"one process (4 shards) vs two clusters (2 shards each), PostgreSQL; {clusters['requests']} x /condition "
        f"across 8 servers, {clusters['concurrency']} in flight, {clusters['rounds']} rounds",
        f"{'layout':16}{'/s':>22}{'p50':>22}{'p99':>24}",
    ]
    for layout in ("one process", "two clusters"):
        runs = clusters[layout]
        cells = []
        for key, unit in (("per_second", ""), ("p50_ms", " ms"), ("p99_ms", " ms")):
            values = sorted(r[key] for r in runs)
            cells.append(f"{values[len(values) // 2]:.1f}{unit} ({values[0]:.1f}-{values[-1]:.1f})")
        lines.append(f"{layout:16}{cells[0]:>22}{cells[1]:>22}{cells[2]:>24}")
    lines += ["", f"one flush of the usage counters ({flush['batches']} flushes each): p50 / p99"]
    for kind in ("sqlite", "postgresql"):
        parts = [f"{size} kinds {v['p50_ms']:.2f} / {v['p99_ms']:.2f} ms" for size, v in flush[kind].items()]
        lines.append(f"  {kind:11}" + "; ".join(parts))
    return "\n".join(lines)
