from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.content import load_content
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher
from tests.log_scan import no_identifier_in_any_log  # noqa: F401 - an autouse fixture for every test


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real, bundled content: loaded once, the way the bot loads it."""
    return load_content()


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return condition_matcher(kb)


# CI clones the repository with shared/ beside it: <repo>/../shared/discord-api-spec/openapi.json
SPEC_PATH = Path(__file__).resolve().parents[2] / "shared" / "discord-api-spec" / "openapi.json"


@pytest.fixture(scope="session")
def spec_path() -> Path:
    """Discord's OpenAPI spec; required in CI, where a missing spec is a failure, not a skip."""
    if not SPEC_PATH.is_file():
        message = f"Discord's OpenAPI spec is missing at {SPEC_PATH}"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (required in CI)")
        pytest.skip(message)
    return SPEC_PATH
