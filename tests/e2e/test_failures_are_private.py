"""A bug in any feature answers privately with a plain sorry, and its log line names the feature, never what the
person typed or clicked (an exception message may quote it). One scenario, run for a command, a search and a
button."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

import bot.cards.replies
import bot.quiz.replies
import bot.search.replies
from bot.interactions.errors import SOMETHING_WENT_WRONG
from local_discord import LocalDiscord

SECRET = "my private question"


def broken(*args: Any, **_options: Any) -> Any:
    raise RuntimeError(f"could not handle {args!r}")  # a bug whose message quotes what the person typed


async def condition(local: LocalDiscord) -> Any:
    return await local.slash("condition", name=SECRET)


async def search(local: LocalDiscord) -> Any:
    return await local.slash("search", query=SECRET)


async def quiz_answer(local: LocalDiscord) -> Any:
    start = await local.slash("quiz", member="olivia", questions=1)
    return await start.click("A", member="mo")


@dataclass(frozen=True)
class Failure:
    module: Any  # where the feature's decision is imported from (extensions run afresh on load, so patched there)
    function: str
    use: Callable[[LocalDiscord], Awaitable[Any]]
    logged: str  # what the log line names
    never_logged: str  # what the person gave, which the log must not hold


FAILURES = {
    "condition": Failure(
        bot.cards.replies, "condition_reply", condition, "/condition failed with RuntimeError", SECRET
    ),
    "search": Failure(bot.search.replies, "search_reply", search, "/search failed with RuntimeError", SECRET),
    "quiz button": Failure(
        bot.quiz.replies, "click_quiz", quiz_answer, "Quiz button failed with RuntimeError", "quiz:a:"
    ),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
async def test_a_failure_answers_privately_and_logs_nothing_the_person_gave(
    local: LocalDiscord, start_bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failure: Failure
) -> None:
    monkeypatch.setattr(failure.module, failure.function, broken)
    with caplog.at_level(logging.INFO):
        async with start_bot():
            reply = await failure.use(local)
    assert reply.ephemeral and reply.content.startswith(SOMETHING_WENT_WRONG)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert failure.logged in logged and failure.never_logged not in logged
