"""The local Discord checking itself: every answer and every gateway frame it sends, against the spec's schemas
(see event_schemas.py for the gateway), so that a field Discord always sends cannot silently go missing.

Full schema validation costs milliseconds a payload, so each distinct shape is validated once: the shape keeps
every key, every nesting, every list length, the types of all values and the values of small numbers (types,
styles, flags), but not strings, which in the emulator's own output vary only as ids, names, text and times.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from local_discord.event_schemas import EVENTS, FRAME
from local_discord.spec_check import SpecChecker
from local_discord.violations import OutputIssue

_SMALL = 1 << 16  # numbers below this are kept in a shape (enumerations, flags); larger ones only as "a number"


def shape(data: Any) -> Hashable:
    if isinstance(data, dict):
        return tuple(sorted((key, shape(value)) for key, value in data.items()))
    if isinstance(data, list):
        return ("[", *(shape(item) for item in data))
    if isinstance(data, str):
        return "s"
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return data if abs(data) < _SMALL else "i"
    return "f"


class OutputCheck:
    def __init__(self, spec: SpecChecker, issues: list[OutputIssue]) -> None:
        self._spec = spec
        self._issues = issues
        self._seen: dict[tuple[str, Hashable], list[str]] = {}
        self.checked: set[str] = set()  # what was checked at least once: "GET /users/@me 200", "gateway READY"

    def response(self, method: str, path: str, template: str, status: int, data: Any) -> None:
        source = f"{method} {template} {status}"
        self._judge(source, data, lambda: self._spec.response_problems(method, path, status, data))

    def frame(self, frame: dict[str, Any]) -> None:
        event = frame.get("t")
        source = f"gateway {event or 'op ' + str(frame.get('op'))}"

        def problems() -> list[str]:
            found = self._spec.problems(FRAME, frame)
            return found + (self._spec.problems(EVENTS[event], frame.get("d")) if event in EVENTS else [])

        # The sequence number differs in every dispatch: only whether there is one belongs to the shape.
        self._judge(source, frame | {"s": frame.get("s") is not None}, problems)

    def interaction(self, payload: dict[str, Any]) -> None:
        """An interaction POSTed to an Interactions Endpoint URL: the same object INTERACTION_CREATE carries."""
        self._judge(
            "POST interactions endpoint", payload, lambda: self._spec.problems(EVENTS["INTERACTION_CREATE"], payload)
        )

    def _judge(self, source: str, data: Any, problems: Callable[[], list[str]]) -> None:
        self.checked.add(source)
        key = (source, shape(data))
        if key not in self._seen:
            self._seen[key] = problems()
        self._issues.extend(OutputIssue(source, problem) for problem in self._seen[key])
