"""Every test's logs, at DEBUG, through the bot's own log handling, checked for every identifier Discord issued.

The bot's logging (bot.logs) is applied the way `LOG_LEVEL=DEBUG` applies it: the root logger at DEBUG, the
libraries held where they stop leaking, and a handler with the bot's scrubbing formatter. Whatever that handler
writes during a test is searched for the exact values every local Discord started in the test handed out: guild,
channel, user, role, message, interaction and command ids, interaction tokens and the bot token. Exact values, not
a pattern: a leak the scrubber's patterns miss is still found.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot import logs
from local_discord.server import EmulatorServer


class ScanHandler(logging.Handler):
    """Formats each record exactly as the bot's own handler would, and keeps the lines."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.formatter_: logs.ScrubbingFormatter = logs.ScrubbingFormatter()
        self.setFormatter(self.formatter_)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def leaks(lines: list[str], identifiers: set[str]) -> list[str]:
    """Lines holding any identifier (a test's one-letter token is ordinary text, not a findable identifier)."""
    findable = {value for value in identifiers if len(value) >= logs.MIN_SECRET}
    return [line for line in lines if any(value in line for value in findable)]


@pytest.fixture(autouse=True)
def no_identifier_in_any_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScanHandler]:
    servers: list[EmulatorServer] = []
    handler = ScanHandler()
    start = EmulatorServer.__init__

    def tracked(self: EmulatorServer, *args: Any, **kwargs: Any) -> None:
        start(self, *args, **kwargs)
        servers.append(self)
        handler.formatter_.add_secret(self._token)  # as the bot's formatter knows the bot's token

    monkeypatch.setattr(EmulatorServer, "__init__", tracked)
    root = logging.getLogger()
    held = {name: logging.getLogger(name).level for name in logs.HELD_LEVELS}
    saved_level = root.level
    root.setLevel(logging.DEBUG)
    logs.hold_libraries(logging.DEBUG)
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(saved_level)
        for name, level in held.items():
            logging.getLogger(name).setLevel(level)
    issued = set().union(*(server.issued_identifiers() for server in servers))
    found = leaks(handler.lines, issued)
    if found:
        pytest.fail("log lines carry an identifier the local Discord issued:\n" + "\n".join(found[:20]))
