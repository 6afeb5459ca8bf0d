"""The smallest HTTP-interactions app, for the outgoing-webhook tests: it verifies Discord's Ed25519 signature with
PyNaCl (401 when it fails), answers PING with PONG and every other interaction with what the test gives it.

Run as a process (`python -m tests.local_discord.signed_endpoint`), it takes DISCORD_PUBLIC_KEY and PORT from its
environment and answers every interaction with a fixed message.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

HOST = "127.0.0.1"
PATH = "/interactions"
PING, PONG = 1, 1
PROCESS_ANSWER = "Hello from a process over HTTP."

Answer = Callable[[dict[str, Any]], Awaitable[web.StreamResponse]]


class SignedEndpoint:
    """`check_signatures=False` and `pong=False` make it misbehave the ways Discord's probe looks for;
    `drop_requests = True` makes it cut the connection instead of answering, as a replica that dies mid-request."""

    def __init__(self, public_key: str, answer: Answer, *, check_signatures: bool = True, pong: bool = True) -> None:
        self.verify_key = VerifyKey(bytes.fromhex(public_key))
        self.answer = answer
        self.check_signatures = check_signatures
        self.pong = pong
        self.drop_requests = False
        self.received: list[dict[str, Any]] = []  # every verified interaction but PINGs, in arrival order
        self.refused = 0  # requests whose signature did not verify

    async def handle(self, request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        if self.check_signatures and not self._signed(request, raw):
            self.refused += 1
            return web.Response(status=401, text="invalid request signature")
        interaction = json.loads(raw)
        if interaction["type"] == PING:
            return web.json_response({"type": PONG} if self.pong else {"type": 4, "data": {"content": "hi"}})
        self.received.append(interaction)
        if self.drop_requests and request.transport is not None:
            request.transport.abort()
            return web.Response()  # never reaches the client
        return await self.answer(interaction)

    def _signed(self, request: web.Request, raw: bytes) -> bool:
        timestamp = request.headers.get("X-Signature-Timestamp", "")
        try:
            signature = bytes.fromhex(request.headers.get("X-Signature-Ed25519", ""))
            self.verify_key.verify(timestamp.encode() + raw, signature)
        except (BadSignatureError, ValueError):
            return False
        return True


@asynccontextmanager
async def serving(endpoint: SignedEndpoint, port: int = 0) -> AsyncIterator[str]:
    """The endpoint on loopback for the block; yields its URL."""
    app = web.Application()
    app.router.add_post(PATH, endpoint.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, HOST, port)
    await site.start()
    try:
        yield f"http://{HOST}:{runner.addresses[0][1]}{PATH}"
    finally:
        await runner.cleanup()


async def _answer_with_a_message(interaction: dict[str, Any]) -> web.StreamResponse:
    return web.json_response({"type": 4, "data": {"content": PROCESS_ANSWER}})


async def main() -> None:
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    endpoint = SignedEndpoint(os.environ["DISCORD_PUBLIC_KEY"], _answer_with_a_message)
    async with serving(endpoint, int(os.environ["PORT"])):
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
