"""A record of every request the local Discord refused, so tests can assert that none happened."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Violation:
    method: str
    route: str  # path template, never the concrete path (it holds interaction tokens)
    status: int
    code: int
    message: str
    errors: dict[str, Any] | None = None
    body: Any = None

    def describe(self) -> str:
        text = f"{self.method} {self.route} -> {self.status} code {self.code}: {self.message}"
        if self.errors:
            text += " " + json.dumps(self.errors, ensure_ascii=False)
        return text


@dataclass(frozen=True)
class RequestRecord:
    """One API request the local Discord answered."""

    method: str
    route: str  # path template: concrete paths hold interaction tokens
    status: int


@dataclass(frozen=True)
class OutputIssue:
    """Something the local Discord itself sent that Discord would not: a bug in the emulator, not in the bot."""

    source: str  # "GET /users/@me 200" or "gateway GUILD_CREATE"
    problem: str

    def describe(self) -> str:
        return f"{self.source}: {self.problem}"
