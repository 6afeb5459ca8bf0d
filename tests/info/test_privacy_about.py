from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.info.about import REPORT, SOURCES_POLICY, about_embed, installed_version
from bot.info.privacy import privacy_embed
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Condition
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems
from tests.helpers import card_data

PRIVACY_MD = Path(__file__).resolve().parents[2] / "PRIVACY.md"


def never_stored_in_privacy_md() -> list[str]:
    """The markdown list under "What the bot never stores or logs"."""
    section = PRIVACY_MD.read_text(encoding="utf-8").split("## What the bot never stores or logs", 1)[1]
    section = section.split("\n## ", 1)[0]
    items = [m.group(1).strip() for m in re.finditer(r"^[-*] (.+)$", section, flags=re.MULTILINE)]
    return [item.replace("**", "").replace("`", "") for item in items]


def raw_text(embed: dict) -> str:
    """Every piece of text as sent (no wrapping), so a phrase never straddles a line break."""
    parts = [embed.get("title", ""), embed.get("description", "")]
    parts += [f"{f['name']}\n{f['value']}" for f in embed.get("fields", [])]
    return "\n".join(parts).replace("**", "").replace("`", "")


def test_privacy_lists_everything_privacy_md_says_is_never_stored() -> None:
    items = never_stored_in_privacy_md()
    assert len(items) >= 4
    text = raw_text(privacy_embed().to_dict())
    for item in items:
        assert item in text, item


def plain(text: str) -> str:
    return " ".join(text.replace("**", "").replace("`", "").replace("*", "").split())


@pytest.mark.parametrize("shared_state", [False, True], ids=["in-memory", "shared-store"])
def test_every_sentence_of_privacy_is_in_privacy_md_word_for_word(shared_state: bool) -> None:
    # So the reply can never promise more, or other, than the document does, however the bot is deployed.
    document = plain(PRIVACY_MD.read_text(encoding="utf-8"))
    embed = privacy_embed(shared_state=shared_state).to_dict()
    fields = [embed["description"], *(f["value"] for f in embed["fields"])]
    sentences = [s for field in fields for line in field.split("\n") for s in re.split(r"(?<=[.:;])\s+", plain(line))]
    missing = [s for s in sentences if s.lstrip("•- ") not in document]
    assert missing == []


def test_privacy_explains_server_settings_counting_and_stats() -> None:
    text = raw_text(privacy_embed().to_dict())
    for expected in [
        "Anonymous weekly counters",
        "never lookups in DMs",
        "/deck delete",
        "180 days after you last used it",
        "secret kept outside the database",
        "removed while offline",
        "outside the one server that used it most",
        "no matching card",
        "private",
        "emergency number",
        "opted out of counting",
        "keyed hash of the server ID",
        "deleted when the bot leaves the server",
        "/stats",
        "every server that uses this bot",
        "Counts below 5 are never shown",
        "USAGE_LOG=off",
    ]:
        assert expected in text, expected


def test_privacy_fits_and_carries_the_disclaimer() -> None:
    embed = privacy_embed().to_dict()
    assert embed["footer"]["text"] == DISCLAIMER
    assert message_problems(None, [embed]) == []


def test_about_shows_version_review_state_sources_policy_and_where_to_report(kb: KnowledgeBase) -> None:
    embed = about_embed(kb, "1.2.3").to_dict()
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Version"] == "1.2.3"
    if kb.last_reviewed is not None:
        assert fields["Content last reviewed"] == kb.last_reviewed.isoformat()
    drafts = sum(c.is_draft for c in kb.conditions)
    assert fields["Cards"].startswith(f"{len(kb)} cards: {len(kb) - drafts} reviewed, {drafts} draft")
    assert fields["Sources"] == SOURCES_POLICY and "guideline or criteria" in SOURCES_POLICY
    assert fields["Found a mistake in a card?"] == REPORT
    assert embed["footer"]["text"] == DISCLAIMER
    assert message_problems(None, [embed]) == []


REVIEWED = {"status": "reviewed", "drafted_on": "2026-11-23", "reviewed_by": "A. R.", "reviewed_on": "2026-12-01"}


def test_about_counts_drafts_and_shows_a_repository_only_when_there_is_one() -> None:
    cards = (
        Condition.model_validate(card_data("aa", review=REVIEWED)),
        Condition.model_validate(card_data("bb")),
    )
    embed = about_embed(KnowledgeBase(cards), "0.1.0", "https://example.org/bot").to_dict()
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Cards"].startswith("2 cards: 1 reviewed, 1 draft.")
    assert fields["Content last reviewed"] == "2026-12-01"
    assert fields["Found a mistake in a card?"] == f"{REPORT}\nhttps://example.org/bot"


def test_about_says_when_no_card_has_been_reviewed_yet() -> None:
    embed = about_embed(KnowledgeBase((Condition.model_validate(card_data("aa")),)), "0.1.0").to_dict()
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "Content last reviewed" not in fields  # a draft is never described as reviewed
    assert fields["Cards"].startswith("1 card: 0 reviewed, 1 draft.")


def test_the_installed_version_is_the_package_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", installed_version())
