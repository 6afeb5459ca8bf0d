"""Starting bots against a local Discord and stopping them cleanly: a client in this process (any library's), or a
bot as a process of its own, started the way any bot is started: with a token and the local Discord's URLs in its
environment (DISCORD_TOKEN, DISCORD_API_BASE_URL, DISCORD_GATEWAY_URL, and DISCORD_PUBLIC_KEY for a bot that takes
interactions over HTTP)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from local_discord.errors import HarnessError, WaitTimeout
from local_discord.server import EmulatorServer

STOP_TIMEOUT = 15.0  # seconds a bot process gets to exit after SIGTERM before it is killed


class BotRunner:
    def __init__(self, server: EmulatorServer, token: str, ready_timeout: float) -> None:
        self._server = server
        self._token = token  # handed to the bots it starts, never logged
        self.ready_timeout = ready_timeout

    async def _wait(self, condition: Callable[[], bool], what: str, timeout: float | None = None) -> None:
        limit = self.ready_timeout if timeout is None else timeout
        try:
            await self._server.state.signal.wait_for(condition, limit)
        except TimeoutError:
            raise WaitTimeout(f"timed out after {limit}s waiting for {what}") from None

    async def _wait_for_start(self, condition: Callable[[], bool], what: str, timeout: float | None = None) -> None:
        """Like _wait, plus the identify interval if the local Discord told a client to identify later meanwhile
        (op 9: its bucket was busy, as after a restart within 5 s): that wait is Discord's rule, not the bot's."""
        gateway, signal = self._server.gateway, self._server.state.signal
        refused = len(gateway.identified_too_fast)
        try:
            await self._wait(condition, what, timeout)
        except WaitTimeout:
            if len(gateway.identified_too_fast) == refused:
                raise
            try:
                await signal.wait_for(condition, self._server.state.session_starts.identify_interval)
            except TimeoutError:
                limit = self.ready_timeout if timeout is None else timeout
                raise WaitTimeout(
                    f"timed out after {limit}s and an identify interval (an IDENTIFY came too soon) for {what}"
                ) from None

    def _readiness(self, commands: bool | Sequence[str], *, gateway: bool = True) -> Callable[[], bool]:
        """Identified anew and connected (unless gateway=False: an HTTP-interactions bot), and (unless
        commands=False) commands written since now: any write counts (a bulk PUT or one POST), or, given names,
        every one of them registered."""
        registry = self._server.state.commands
        identified, synced = self._server.gateway.identify_count, registry.sync_count

        def synced_now() -> bool:
            if isinstance(commands, bool):
                return not commands or registry.sync_count > synced
            return all(registry.find(name, None) for name in commands)

        def connected_now() -> bool:
            return not gateway or (self._server.gateway.identify_count > identified and self._server.gateway.connected)

        return lambda: connected_now() and synced_now()

    @asynccontextmanager
    async def run_client(
        self,
        start: Callable[[], Awaitable[Any]],
        close: Callable[[], Awaitable[Any]],
        *,
        wait_ready: bool = True,
        commands: bool | Sequence[str] = True,
    ) -> AsyncIterator[None]:
        ready = self._readiness(commands)
        task = asyncio.ensure_future(start())
        try:
            if wait_ready:
                await self._ready_or_crashed(task, ready)
            yield
        finally:
            # Let answers already on their way reach the bot, so it does not fail on a closing session.
            with contextlib.suppress(WaitTimeout):
                await self._wait(lambda: self._server.state.in_flight == 0, "requests in flight")
            await close()
            outcome: BaseException | object = (await asyncio.gather(task, return_exceptions=True))[0]
        if isinstance(outcome, BaseException):
            raise outcome  # the bot crashed during the block

    async def _ready_or_crashed(self, task: asyncio.Future[Any], condition: Callable[[], bool]) -> None:
        ready = asyncio.ensure_future(self._wait_for_start(condition, "the bot to identify and sync"))
        await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
        if not ready.done():
            ready.cancel()
            await asyncio.gather(ready, return_exceptions=True)
            task.result()  # re-raises the bot's crash
            raise HarnessError("the bot stopped before it was ready")
        ready.result()

    @asynccontextmanager
    async def run_process(
        self,
        argv: Sequence[str],
        *,
        log: Path,
        env: Mapping[str, str] | None = None,
        commands: bool | Sequence[str] = True,
        gateway: bool = True,
        timeout: float | None = None,
    ) -> AsyncIterator[asyncio.subprocess.Process]:
        ready = self._readiness(commands, gateway=gateway)
        environment = {
            **os.environ,
            **(env or {}),
            "DISCORD_TOKEN": self._token,
            "DISCORD_API_BASE_URL": self._server.api_base_url,
            "DISCORD_GATEWAY_URL": self._server.gateway_url,
            "DISCORD_PUBLIC_KEY": self._server.public_key,
        }
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(*argv, env=environment, stdout=output, stderr=output)
            exited = asyncio.ensure_future(process.wait())
            exited.add_done_callback(lambda _: self._server.state.signal.notify())  # a crash ends the wait at once
            try:
                try:
                    await self._wait_for_start(lambda: process.returncode is not None or ready(), "the bot", timeout)
                except WaitTimeout as timed_out:
                    raise HarnessError(f"{timed_out} to connect and register\n{self.story(log)}") from None
                if process.returncode is not None:
                    raise HarnessError(f"the bot exited with {process.returncode}\n{self.story(log)}")
                yield process
            finally:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        await asyncio.wait_for(asyncio.shield(exited), STOP_TIMEOUT)
                    except TimeoutError:
                        process.kill()
                await exited

    def story(self, log: Path | None = None) -> str:
        """What happened so far, for a failure message: requests, refusals, the emulator's own issues, gateway
        closes, and the end of the bot's log."""
        state = self._server.state
        requests = "\n".join(f"  {r.method} {r.route} -> {r.status}" for r in state.requests) or "  (none)"
        refused = "\n".join(f"  {v.describe()}" for v in state.violations) or "  (none)"
        own = "\n".join(f"  {issue.describe()}" for issue in state.output_issues) or "  (none)"
        closes = ", ".join(f"{code} {reason}" for code, reason in self._server.gateway.closes) or "none"
        text = f"requests:\n{requests}\nrefused:\n{refused}\nsent by the local Discord, failing the spec:\n{own}\n"
        text += f"gateway closes: {closes}"
        if log is not None and log.is_file():
            text += f"\nthe bot's log (end):\n{log.read_text(errors='replace')[-4000:]}"
        return text
