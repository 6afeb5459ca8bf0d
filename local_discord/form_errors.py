"""Discord's "Invalid Form Body" (code 50035) error shape, built from a flat list of issues."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

INVALID_FORM_BODY = 50035

PathPart = str | int


@dataclass(frozen=True)
class Issue:
    """One rejected field: where it is in the body, Discord's error code and a human message."""

    path: tuple[PathPart, ...]
    code: str
    message: str

    def describe(self) -> str:
        where = ".".join(str(part) for part in self.path) or "<body>"
        return f"{where}: {self.message}"


def nest_issues(issues: Iterable[Issue]) -> dict[str, Any]:
    """Turn issues into Discord's nested `errors` object: {"data": {"embeds": {"0": {"_errors": [...]}}}}."""
    tree: dict[str, Any] = {}
    seen: set[tuple[tuple[PathPart, ...], str]] = set()
    for issue in issues:
        key = (issue.path, issue.code)
        if key in seen:  # the spec and the hand-written limits often flag the same field
            continue
        seen.add(key)
        node = tree
        for part in issue.path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": issue.code, "message": issue.message})
    return tree


def invalid_form_body(issues: Iterable[Issue]) -> dict[str, Any]:
    return {"code": INVALID_FORM_BODY, "message": "Invalid Form Body", "errors": nest_issues(issues)}


def prefixed(prefix: tuple[PathPart, ...], issues: Iterable[Issue]) -> list[Issue]:
    return [Issue(prefix + issue.path, issue.code, issue.message) for issue in issues]
