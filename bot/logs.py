"""Logging that cannot carry an identifier: every line is scrubbed, and chatty libraries are held back.

Two layers, because libraries log what we cannot change: discord.py writes interaction IDs into rate-limit warnings
and server and user IDs into its autocomplete errors, aiosqlite writes every SQL statement with its arguments (server
keys, the counters with their time) at DEBUG. So:

- the libraries whose low levels carry identifiers, tokens or what people typed are held at a level that does not,
  whatever LOG_LEVEL says (`hold_libraries`);
- the one handler's formatter scrubs the finished line, traceback and stack included: the bot token, anything shaped
  like a Discord ID (a snowflake: 15 or more digits) and anything shaped like a token or key (a long run of letters
  and digits, as interaction tokens, webhook tokens and HMAC keys are).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from typing import TextIO

ID = "[id]"
TOKEN = "[token]"
REDACTED = "[redacted]"
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MIN_SECRET = 8  # a shorter "secret" (a test's token "t") cannot be told apart from ordinary text

# Discord IDs are snowflakes, 17-20 digits today. Any run of 15 or more digits goes: an ID written right next to
# other digits must not survive, and no ordinary number in a log line is that long.
_SNOWFLAKE = re.compile(r"[0-9]{15,}")
# Interaction and webhook tokens, bot tokens (three dotted parts) and hex keys are long runs of these characters.
_TOKENISH = re.compile(r"[A-Za-z0-9_-]{32,}(?:\.[A-Za-z0-9_-]{4,}){0,2}|[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{4,}){2}")
_DIGIT = re.compile(r"[0-9]")
_LETTER = re.compile(r"[A-Za-z]")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")

# Below these levels, these loggers write identifiers, tokens or people's input (request URLs and bodies, gateway
# payloads, SQL arguments, task reprs), so they are never set lower.
HELD_LEVELS = {
    "discord": logging.INFO,
    "aiosqlite": logging.INFO,
    "asyncio": logging.INFO,
    "aiohttp": logging.INFO,
    "aiohttp.access": logging.WARNING,
}


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` without any of `secrets`, snowflake or token-shaped string."""
    for secret in secrets:
        if len(secret) >= MIN_SECRET:
            text = text.replace(secret, REDACTED)
    text = _TOKENISH.sub(_token_or_word, text)  # first: a digit run inside a token must not split it
    return _SNOWFLAKE.sub(ID, text)


def _token_or_word(match: re.Match[str]) -> str:
    # A long name (a snake_case function, a file name) has no digits and one case; random tokens and keys mix.
    found = match.group(0)
    mixed = (_DIGIT.search(found) and _LETTER.search(found)) or (_UPPER.search(found) and _LOWER.search(found))
    return TOKEN if mixed else found


class ScrubbingFormatter(logging.Formatter):
    """Formats as usual, then scrubs the whole line: message, arguments, traceback and stack alike."""

    def __init__(self, fmt: str = FORMAT, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self._secrets: list[str] = []
        for secret in secrets:
            self.add_secret(secret)

    def add_secret(self, secret: str) -> None:
        if len(secret) >= MIN_SECRET and secret not in self._secrets:
            self._secrets.append(secret)

    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record), self._secrets)


def hold_libraries(level: int | str) -> None:
    """Set each held library to `level`, but never below its held level."""
    number = logging.getLevelName(level) if isinstance(level, str) else level
    for name, floor in HELD_LEVELS.items():
        logging.getLogger(name).setLevel(max(floor, number))


def configure(level: str, secrets: Iterable[str] = (), stream: TextIO | None = None) -> logging.Handler:
    """The bot's logging: one scrubbed handler on the root logger, libraries held back. Returns the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(ScrubbingFormatter(FORMAT, secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    hold_libraries(level)
    return handler
