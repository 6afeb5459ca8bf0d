"""The secret behind the servers' keyed hashes, kept outside the database.

A server appears in the database only as HMAC-SHA256(secret, server ID). Server IDs are public, so the hash hides
which servers use the bot only while the secret is somewhere else: kept in the same file (as before this module),
the file alone named them. The secret comes from SERVER_KEY (hex), or from SERVER_KEY_FILE (by default `server-key`
beside the database), which the bot writes on its first start, readable by its own user only (0600).

What this protects against: someone who has the database file alone (a copy, a backup, a file attached to a bug
report) cannot tell which servers its settings and open-week counts belong to. What it does not protect against:
anyone who also has the secret (the key file, the environment) or runs the bot, who can compute any server's hash;
and Discord itself, which sees every interaction.

The database keeps a check value (an HMAC of a fixed word under the secret, which reveals nothing about it), so a
lost or swapped secret is noticed at start-up instead of silently turning every server's settings, an opt-out of
counting among them, back to the defaults.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from bot.storage.backend import Backend

CHECK_NAME = "server_key_check"
LEGACY_NAME = "guild_key_secret"  # where versions before this one kept the secret itself, in the database
SECRET_BYTES = 32


class ServerKeyProblem(Exception):
    """The secret is unreadable or is not the one the database was written with; the message is safe to print."""


def check_value(secret: bytes) -> str:
    return hmac.new(secret, b"server-key-check", hashlib.sha256).hexdigest()


def read_or_create(path: Path, *, adopt: bytes | None = None) -> bytes:
    """The secret in `path`. A missing file is created, owner-only, holding `adopt` (an older version's secret) or a
    new random one; it is complete on disk before this returns."""
    if path.exists():
        try:
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (OSError, ValueError) as exc:
            raise ServerKeyProblem(
                f"The server-key file {path} could not be read as a key ({type(exc).__name__})."
            ) from exc
        if len(secret) != SECRET_BYTES:
            raise ServerKeyProblem(f"The server-key file {path} does not hold a {SECRET_BYTES}-byte key.")
        return secret
    secret = adopt or secrets.token_bytes(SECRET_BYTES)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secret.hex() + "\n")
        file.flush()
        os.fsync(file.fileno())
    os.replace(partial, path)  # all or nothing: a crash never leaves half a key
    return secret


async def load_server_key(database: Backend, *, configured: bytes | None, path: Path) -> bytes:
    """The secret for this database: SERVER_KEY if set, else the key file (created if missing). An older
    version's secret found in the database moves to the key file and is then deleted from the database."""
    legacy_hex = await database.get_meta(LEGACY_NAME)
    legacy = bytes.fromhex(legacy_hex) if legacy_hex else None
    secret = configured if configured is not None else read_or_create(path, adopt=legacy)
    saved_check = await database.get_meta(CHECK_NAME)
    written_with = check_value(legacy) if legacy is not None else saved_check
    if written_with is None:
        # The first start on this database; with several processes starting at once, the first check value
        # written is the one every other process must match.
        written_with = await database.set_meta_once(CHECK_NAME, check_value(secret))
    if written_with != check_value(secret):
        raise ServerKeyProblem(
            f"The server-key secret ({'SERVER_KEY' if configured else path}) is not the one the server settings in "
            f"{database.location} were saved with, so every server would silently get the default settings back. "
            "Put the original key back (every process sharing a database needs the same SERVER_KEY); or, to start "
            "server settings over, run: python -m bot forget-server-settings"
        )
    if saved_check is None and legacy is not None:
        await database.set_meta(CHECK_NAME, check_value(secret))
    if legacy is not None:
        await database.delete_meta(LEGACY_NAME)  # only now that the key file (or SERVER_KEY) holds it
    return secret


async def forget_server_settings(database: Backend) -> int:
    """Start server settings over after the secret was lost: delete them and the check value, and fold the open
    weeks' counts (kept under hashes of the old secret) so they no longer carry a server. Returns how many."""
    forgotten = await database.delete_all_guild_settings()
    await database.fold_open_weeks()
    await database.delete_meta(CHECK_NAME)
    return forgotten
