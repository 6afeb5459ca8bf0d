"""The application's Ed25519 key pair, as Discord holds it: every interaction POSTed to an Interactions Endpoint URL
is signed with the private key, and the public key (hex) is what the Developer Portal shows as the app's Public Key
(the bot's DISCORD_PUBLIC_KEY). The signed message is the X-Signature-Timestamp header followed by the raw body."""

from __future__ import annotations

import time

from nacl.signing import SigningKey

SIGNATURE_HEADER = "X-Signature-Ed25519"
TIMESTAMP_HEADER = "X-Signature-Timestamp"


class InteractionSigner:
    """Signs outgoing interactions; a fresh key pair per local Discord, so no key is ever shared or stored."""

    def __init__(self) -> None:
        self._key = SigningKey.generate()

    @property
    def public_key(self) -> str:
        """The public key in hex, as the Developer Portal shows it."""
        return self._key.verify_key.encode().hex()

    def headers(self, body: bytes, *, timestamp: str | None = None) -> dict[str, str]:
        """The two signature headers for `body`, signed now (or at `timestamp`, Unix seconds as a string)."""
        stamp = timestamp if timestamp is not None else str(int(time.time()))
        signature = self._key.sign(stamp.encode() + body).signature.hex()
        return {SIGNATURE_HEADER: signature, TIMESTAMP_HEADER: stamp}


def forged_headers(body: bytes) -> dict[str, str]:
    """Well-formed signature headers made with a key that is not the application's: what Discord's probe sends to
    check that an endpoint refuses requests it did not sign."""
    return InteractionSigner().headers(body)
