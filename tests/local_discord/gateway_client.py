"""A bare gateway client for the protocol tests: raw frames in and out, with zlib-stream decoding."""

from __future__ import annotations

import json
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from local_discord import LocalDiscord

from .conftest import TOKEN

GUILDS = 1
IDENTIFY_PROPERTIES = {"os": "linux", "browser": "probe", "device": "probe"}


class RawGateway:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, *, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self.inflator = zlib.decompressobj() if compress == "zlib-stream" else None
        self.unzstd = _zstd().ZstdDecompressor() if compress == "zstd-stream" else None
        self.binary_frames = 0

    async def receive(self) -> dict[str, Any]:
        """The next frame; raises ConnectionClosed with the close code when the server closed instead."""
        message = await self.ws.receive()
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSING, aiohttp.WSMsgType.CLOSED):
            raise ConnectionClosed(self.ws.close_code, message.extra)
        if message.type == aiohttp.WSMsgType.BINARY:
            self.binary_frames += 1
            if self.unzstd is not None:
                return json.loads(self.unzstd.decompress(message.data))
            assert self.inflator is not None, "a binary frame without compression"
            assert message.data.endswith(b"\x00\x00\xff\xff"), "each zlib-stream message ends with Z_SYNC_FLUSH"
            return json.loads(self.inflator.decompress(message.data))
        return json.loads(message.data)

    async def receive_dispatch(self, event: str) -> dict[str, Any]:
        while True:
            frame = await self.receive()
            if frame["t"] == event:
                return frame

    async def send(self, op: int, data: Any, *, binary: bool = False) -> None:
        text = json.dumps({"op": op, "d": data})
        await (self.ws.send_bytes(text.encode()) if binary else self.ws.send_str(text))

    async def identify(self, *, token: str = TOKEN, intents: Any = GUILDS, **extra: Any) -> None:
        await self.send(2, {"token": token, "intents": intents, "properties": IDENTIFY_PROPERTIES, **extra})

    async def drop(self) -> None:
        """Close without ending the session (any code but 1000 and 1001 leaves it resumable)."""
        await self.ws.close(code=4000)

    async def closed_with(self) -> int | None:
        """Read until the server closes the connection; its close code."""
        try:
            while True:
                await self.receive()
        except ConnectionClosed as closed:
            return closed.code


class ConnectionClosed(Exception):
    def __init__(self, code: int | None, reason: Any) -> None:
        super().__init__(f"closed with {code}: {reason}")
        self.code = code


@asynccontextmanager
async def gateway(local: LocalDiscord, query: str = "?v=10&encoding=json") -> AsyncIterator[RawGateway]:
    async with aiohttp.ClientSession() as session, session.ws_connect(local.gateway_url + query) as ws:
        compress = next((c for c in ("zlib-stream", "zstd-stream") if f"compress={c}" in query), None)
        yield RawGateway(ws, compress=compress)


def _zstd() -> Any:
    try:
        from compression import zstd  # type: ignore[import-not-found]  # Python 3.14
    except ImportError:
        from backports import zstd  # type: ignore[no-redef]
    return zstd
