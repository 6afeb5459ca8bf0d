"""Discord's request signature on HTTP interactions: Ed25519 over the timestamp header followed by the raw body.

Discord probes every endpoint with forged signatures and removes one that accepts them, and a verified request can
still be a replay: a timestamp too far from now is refused too, so a captured request cannot be sent again later.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

MAX_SKEW_SECONDS = 300.0  # how far the signed timestamp may be from this machine's clock, either way
SIGNATURE_HEADER = "X-Signature-Ed25519"
TIMESTAMP_HEADER = "X-Signature-Timestamp"
_SIGNATURE_HEX_LENGTH = 128  # 64 bytes


class SignatureCheck:
    def __init__(
        self,
        public_key_hex: str,
        *,
        max_skew: float = MAX_SKEW_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = VerifyKey(bytes.fromhex(public_key_hex))  # ValueError for a key that is not 32 bytes of hex
        self._max_skew = max_skew
        self._clock = clock

    def verify(self, signature_hex: str | None, timestamp: str | None, body: bytes) -> bool:
        """True only for a signature made by Discord's key over `timestamp + body`, with a fresh timestamp."""
        if not signature_hex or not timestamp or not timestamp.isascii() or not timestamp.isdigit():
            return False
        if abs(self._clock() - int(timestamp)) > self._max_skew:
            return False
        if len(signature_hex) != _SIGNATURE_HEX_LENGTH:
            return False
        try:
            signature = bytes.fromhex(signature_hex)
            self._key.verify(timestamp.encode() + body, signature)
        except (ValueError, BadSignatureError):
            return False
        return True
