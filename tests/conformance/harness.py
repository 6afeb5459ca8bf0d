"""Runs a conformance bot (a file beside this one) in its own process against a local Discord."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from local_discord import LocalDiscord, WaitTimeout

HERE = Path(__file__).resolve().parent
COMMANDS = ("hello", "pick", "card", "later")
START_TIMEOUT = 60.0


@asynccontextmanager
async def bot_process(
    library: str, python: str, token: str, local: LocalDiscord, log: Path
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`<library>_bot.py` started with only the environment any bot takes (a token and an API base URL), until
    its commands are registered and it is connected; stopped with SIGTERM afterwards."""
    env = {**os.environ, "DISCORD_TOKEN": token, "DISCORD_API_BASE_URL": local.api_base_url}
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            python, str(HERE / f"{library}_bot.py"), env=env, stdout=output, stderr=output
        )
        exited = asyncio.create_task(process.wait())
        exited.add_done_callback(lambda _: local.signal.notify())  # so the wait below sees a crash at once
        try:
            try:
                await local.wait_until(
                    lambda: (
                        process.returncode is not None
                        or (local.gateway.connected and all(local.commands.find(name, None) for name in COMMANDS))
                    ),
                    timeout=START_TIMEOUT,
                    what=f"the {library} bot to connect and register {COMMANDS}",
                )
            except WaitTimeout as timeout:
                raise AssertionError(f"{timeout}\n{_story(local, log)}") from None
            if process.returncode is not None:
                raise AssertionError(f"the {library} bot exited with {process.returncode}\n{_story(local, log)}")
            yield process
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), 15)
                except TimeoutError:
                    process.kill()
                    await process.wait()
            await exited


def _story(local: LocalDiscord, log: Path) -> str:
    """What happened, for a failure message: the requests, refusals, gateway closes and the bot's own log."""
    requests = "\n".join(f"  {r.method} {r.route} -> {r.status}" for r in local.requests) or "  (none)"
    refused = "\n".join(f"  {v.describe()}" for v in local.violations) or "  (none)"
    own = "\n".join(f"  {issue.describe()}" for issue in local.state.output_issues) or "  (none)"
    closes = ", ".join(f"{code} {reason}" for code, reason in local.gateway.closes) or "none"
    tail = log.read_text(errors="replace")[-4000:]
    return (
        f"requests:\n{requests}\nrefused:\n{refused}\nthe local Discord's own issues:\n{own}\n"
        f"gateway closes: {closes}\nbot log (end):\n{tail}"
    )
