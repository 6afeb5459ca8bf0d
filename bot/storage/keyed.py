"""Keyed hashes of Discord IDs, made with the server-key secret (bot.storage.server_key), which stays outside the
database: HMAC-SHA256, hex. A server and a member hash differently even for equal numbers, so rows of one kind can
never be matched with rows of the other."""

from __future__ import annotations

import hashlib
import hmac

_MEMBER = b"member:"


def server_hash(secret: bytes, guild_id: int) -> str:
    return hmac.new(secret, str(guild_id).encode(), hashlib.sha256).hexdigest()


def member_hash(secret: bytes, user_id: int) -> str:
    return hmac.new(secret, _MEMBER + str(user_id).encode(), hashlib.sha256).hexdigest()
