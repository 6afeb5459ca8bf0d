"""Cards in the reader's language, end to end: the member's language for a private reply, the server's for a public
post, the English card with one line saying why whenever the translation is not reviewed and current."""

from __future__ import annotations

import shutil

import pytest
import yaml

from bot.cards.reader import NOTICES
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_knowledge
from bot.knowledge.translations import TIERS, State, fingerprint
from bot.paths import content_dir
from local_discord import LocalDiscord

REVIEWED = {"status": "reviewed", "drafted_on": "2026-12-01", "reviewed_by": "A. Revisora", "reviewed_on": "2026-12-03"}
DRAFT = {"status": "draft", "drafted_on": "2026-12-04"}


def translation(english: KnowledgeBase, key: str, marker: str, review: dict[str, str]) -> dict[str, object]:
    card = english.by_key[key]
    return {
        "key": key,
        "translated_from": fingerprint(card),
        "review": review,
        "name": f"{marker} nombre",
        "aliases": [f"{marker}-{key}"],
        "summary": f"{marker} {card.summary.text}"[:700],
        "red_flags": {tier: [f"{marker} {f.text}"[:160] for f in getattr(card.red_flags, tier)] for tier in TIERS},
    }


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The real cards, with a reviewed Spanish and a draft French translation of GBS (their words marked)."""
    data = tmp_path_factory.mktemp("content") / "data"
    shutil.copytree(content_dir(), data, ignore=shutil.ignore_patterns("es", "fr"))
    english = load_knowledge(data)
    for language, marker, review in (("es", "ES", REVIEWED), ("fr", "FR", DRAFT)):
        folder = data / language / "conditions"
        folder.mkdir(parents=True)
        text = yaml.safe_dump(translation(english, "gbs", marker, review), allow_unicode=True)
        (folder / "gbs.yaml").write_text(text, encoding="utf-8")
    return load_knowledge(data)


async def test_a_private_card_is_in_the_members_language_when_reviewed(online: LocalDiscord) -> None:
    spanish = await online.slash("condition", name="gbs", member="lucia", guild="support")
    assert spanish.ephemeral and spanish.content == NOTICES["es"][State.CURRENT]
    assert "ES Trouble breathing" in str(spanish.embeds) and "ES Guillain" in str(spanish.embeds)
    # A French-speaking member of the same Spanish-speaking server: their own language, whose translation is a draft.
    french = await online.slash("condition", name="gbs", member="pierre", guild="support")
    assert french.content == NOTICES["fr"][State.DRAFT] and "FR " not in str(french.embeds)
    english = await online.slash("condition", name="gbs", member="sam")
    assert not english.content and "ES " not in str(english.embeds)
    other = await online.slash("condition", name="ms", member="lucia", guild="support")  # no translation of it
    assert other.content == NOTICES["es"][State.MISSING]


async def test_a_public_post_is_in_the_servers_language_never_one_members(online: LocalDiscord) -> None:
    shared = await online.slash("condition", name="gbs", member="pierre", guild="support")  # fr member, es server
    post = await shared.click("Share here")
    assert not post.ephemeral and post.content == NOTICES["es"][State.CURRENT] and "ES Trouble" in str(post.embeds)
    await online.slash("settings", guild="support", member="lucia", lookups="public")
    public = await online.slash("condition", name="gbs", member="pierre", guild="support")
    assert not public.ephemeral and public.content == NOTICES["es"][State.CURRENT]


async def test_a_local_name_finds_the_card(online: LocalDiscord) -> None:
    found = await online.slash("condition", name="es-gbs", member="sam")
    assert found.embeds and "Guillain" in found.embeds[0]["title"]


async def test_in_a_dm_the_card_is_in_the_members_language(online: LocalDiscord) -> None:
    direct = await online.slash("condition", name="gbs", member="lucia", dm=True)
    assert direct.content == NOTICES["es"][State.CURRENT] and "ES Trouble" in str(direct.embeds)
