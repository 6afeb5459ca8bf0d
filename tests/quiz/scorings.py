"""Quiz scoring kept in memory, or in the shared store on each backend, for tests that must hold on all three."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.quiz.scoring import MemoryScoring, QuizScoring, StoredScoring
from bot.quiz.session import QuizSessions
from bot.storage.keyed import member_hash
from bot.storage.opening import open_backend
from bot.storage.shared import SharedStore
from bot.storage.target import Target
from tests.storage.backends import target_for

SECRET = bytes(range(32))


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def scoring_target(request: pytest.FixtureRequest, tmp_path: Path) -> Target | None:
    return None if request.param == "memory" else target_for(request, tmp_path, request.param)


@pytest.fixture
async def scoring(scoring_target: Target | None) -> AsyncIterator[QuizScoring]:
    memory = MemoryScoring(QuizSessions())
    if scoring_target is None:
        yield memory
        return
    backend = await open_backend(scoring_target)
    store = SharedStore(backend, lambda user_id: member_hash(SECRET, user_id))
    try:
        yield StoredScoring(lambda: store, memory)
    finally:
        await backend.close()
