"""The gateway's wire format: which encoding and compression a connection asked for, and frames to and from bytes.

JSON only: ETF is refused with close 4012, clearly, rather than answered in the wrong encoding. Transport compression
`zlib-stream` runs one zlib context for the whole connection and ends every message with the Z_SYNC_FLUSH suffix;
`zstd-stream` runs one zstd context and flushes a block per message (where a zstd module is installed: Python
3.14's compression.zstd or its backport; else it is refused with 4012). Payload compression (IDENTIFY's
`compress: true`, without transport compression) zlib-compresses each dispatch.
"""

from __future__ import annotations

import importlib
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

API_VERSIONS = ("9", "10")  # both are "available" in Discord's documentation; v10 payloads are sent for either
ZLIB_STREAM = "zlib-stream"
ZSTD_STREAM = "zstd-stream"
PAYLOAD_LIMIT = 4096  # bytes a client frame may have (else close 4002)


class Refused(Exception):
    """The connection cannot go on: close it with this code and reason."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code, self.reason = code, reason


@dataclass(frozen=True)
class WireOptions:
    version: str
    compress: str | None


def wire_options(query: Mapping[str, str], *, invalid_version: int) -> WireOptions:
    """The connection's query string, judged as Discord does; Refused for what it would not accept."""
    version = query.get("v")
    if version not in API_VERSIONS:
        raise Refused(invalid_version, f"Invalid API version: {version!r} (the local Discord speaks v9 and v10).")
    encoding = query.get("encoding", "json")
    if encoding != "json":
        raise Refused(invalid_version, f"Encoding {encoding!r} is not supported here: connect with encoding=json.")
    compress = query.get("compress")
    if compress not in (None, ZLIB_STREAM, ZSTD_STREAM) or (compress == ZSTD_STREAM and _zstd() is None):
        raise Refused(invalid_version, f"Compression {compress!r} is not supported here: use zlib-stream or none.")
    return WireOptions(version, compress)


def _zstd() -> Any:
    """The zstd module, if one is installed (compression.zstd from Python 3.14, or backports.zstd)."""
    for name in ("compression.zstd", "backports.zstd"):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def _stream_compressor(compress: str | None) -> Callable[[bytes], bytes] | None:
    """One context for the whole connection; each message flushed so the client can read it at once."""
    if compress == ZLIB_STREAM:
        stream = zlib.compressobj()
        return lambda data: stream.compress(data) + stream.flush(zlib.Z_SYNC_FLUSH)
    if compress == ZSTD_STREAM:
        zstd = _zstd()
        compressor = zstd.ZstdCompressor()
        return lambda data: compressor.compress(data, mode=zstd.ZstdCompressor.FLUSH_BLOCK)
    return None


class FrameEncoder:
    """Encodes the frames of one connection, in order (the zlib stream is shared by all of them)."""

    def __init__(self, options: WireOptions) -> None:
        self._stream = _stream_compressor(options.compress)
        self.payload_compression = False  # set when IDENTIFY asks for it (and no transport compression is on)

    def encode(self, frame: Mapping[str, Any]) -> str | bytes:
        """A text frame, or a binary one when compressed."""
        text = json.dumps(frame, separators=(",", ":"))
        if self._stream is not None:
            return self._stream(text.encode())
        if self.payload_compression and frame.get("op") == 0:
            return zlib.compress(text.encode())
        return text


def decode(data: str | bytes, *, decode_error: int) -> dict[str, Any]:
    """A client frame (text, or binary holding UTF-8 JSON); Refused if too large or not a JSON object."""
    raw = data.encode() if isinstance(data, str) else data
    if len(raw) > PAYLOAD_LIMIT:
        raise Refused(decode_error, f"Payload of {len(raw)} bytes exceeds the {PAYLOAD_LIMIT}-byte limit.")
    try:
        frame = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Refused(decode_error, "Error while decoding payload.") from None
    if not isinstance(frame, dict):
        raise Refused(decode_error, "Error while decoding payload.")
    return frame
