"""Errors the harness raises when a test does something a person could not, or the bot fails to answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from local_discord.violations import Violation


class HarnessError(Exception):
    """The test asked for something impossible in Discord (unknown command, option, button...)."""


class CommandUnavailable(HarnessError):
    """The command exists but this user could not see it here (DM-disabled, missing permissions)."""


class WaitTimeout(AssertionError):
    """Something the test waited for (readiness, a followup, a violation) did not happen in time."""


class ReplyTimeout(WaitTimeout):
    """The bot did not produce the (final) reply within the harness timeout."""


class InteractionFailed(AssertionError):
    """What the user sees as "This interaction failed": no accepted initial response within the window."""

    def __init__(self, message: str, rejections: list[Violation]) -> None:
        details = "".join(f"\n  rejected: {violation.describe()}" for violation in rejections)
        super().__init__(message + details)
        self.rejections = rejections
