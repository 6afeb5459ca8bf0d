"""An interaction's count is noted while it is answered and taken once, by its last note."""

from __future__ import annotations

from types import SimpleNamespace

from bot.interactions.noted import Noted, note, note_failure, take
from bot.storage.recorder import Outcome


def interaction() -> SimpleNamespace:
    return SimpleNamespace(extras={})


def test_the_last_note_is_taken_once() -> None:
    used = interaction()
    note(used, "condition", ["ms"], section="symptoms")
    assert take(used) == Noted("condition", ("ms",), "symptoms", Outcome.OK)
    assert take(used) is None  # never twice


def test_a_failure_replaces_what_was_noted_with_an_error_of_the_same_command() -> None:
    used = interaction()
    note(used, "share", ["ms"])
    note_failure(used)
    assert take(used) == Noted("share", outcome=Outcome.ERROR)
    note_failure(used)  # nothing noted and no command given: nothing to count
    assert take(used) is None
    note_failure(used, "quiz")
    assert take(used) == Noted("quiz", outcome=Outcome.ERROR)
