"""/glossary (with autocomplete) and /search, end to end through the local Discord."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings
from bot.knowledge.base import KnowledgeBase
from bot.render.common import DISCLAIMER
from bot.search.index import SearchIndex
from local_discord import LocalDiscord
from tests.e2e.checks import assert_sendable
from tests.storage.stored import usage_rows


def assert_private_miss(reply) -> None:
    assert reply.ephemeral and not reply.embeds and not reply.components
    assert reply.content.endswith(f"-# {DISCLAIMER}")
    assert_sendable(reply)


async def test_glossary_term_is_private_with_its_cards(online: LocalDiscord) -> None:
    reply = await online.slash("glossary", term="myelin")
    assert reply.ephemeral and not reply.deferred
    (embed,) = reply.embeds
    assert embed["title"] == "myelin" and embed["description"].startswith("A fatty coating")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Also called"] == "myelin sheath"
    assert fields["Clinical note (for students)"].startswith("Made by oligodendrocytes")
    assert "• Multiple sclerosis (MS): `/condition ms`" in fields["Cards that use this term"]
    assert embed["footer"]["text"] == DISCLAIMER
    assert_sendable(reply)


async def test_every_glossary_term_answers_through_discord(online: LocalDiscord, kb: KnowledgeBase) -> None:
    for term in kb.glossary:
        reply = await online.slash("glossary", term=term.term)
        assert reply.embeds[0]["title"] == term.term
        assert_sendable(reply)


@pytest.mark.parametrize(("typed", "term"), [("CNS", "central nervous system"), ("Myelin Sheath", "myelin")])
async def test_an_alias_lands_on_its_term(online: LocalDiscord, typed: str, term: str) -> None:
    assert (await online.slash("glossary", term=typed)).embeds[0]["title"] == term


async def test_glossary_autocomplete(online: LocalDiscord) -> None:
    choices = await online.autocomplete("glossary", "term", "mye")
    assert choices[0] == {"name": "myelin", "value": "myelin"}
    everything = await online.autocomplete("glossary", "term", "")
    assert len(everything) == 25 and all(1 <= len(c["name"]) <= 100 for c in everything)
    assert len(await online.autocomplete("glossary", "term", "\x00🙂")) == 25  # no letters: like an empty box


async def test_unknown_term_gets_private_suggestions_without_echo(online: LocalDiscord) -> None:
    reply = await online.slash("glossary", term="@everyone myelinitis")
    assert_private_miss(reply)
    assert reply.content.startswith("I don't have a glossary entry matching a term you typed.")
    assert "Did you mean" in reply.content and "`/glossary myelitis`" in reply.content
    assert "@everyone" not in reply.content and "myelinitis" not in reply.content


async def test_search_shows_sections_with_how_to_open_them(online: LocalDiscord) -> None:
    reply = await online.slash("search", query="lupus treatment")
    assert reply.ephemeral
    (embed,) = reply.embeds
    assert embed["title"] == "Search results" and 1 <= len(embed["fields"]) <= 6
    first = embed["fields"][0]
    assert first["name"] == "Systemic lupus erythematosus (SLE) · Main treatments"
    assert first["value"].endswith("`/condition sle section:treatment`")
    assert any("**treatment**" in f["value"].lower() for f in embed["fields"])  # matched words bold, our own text
    assert embed["footer"]["text"] == DISCLAIMER
    assert_sendable(reply)


async def test_search_survives_fts_syntax(online: LocalDiscord) -> None:
    reply = await online.slash("search", query='"breathing" AND (trouble*) ^swallowing: NOT')
    assert any("**breathing**" in f["value"].lower() for f in reply.embeds[0]["fields"])
    assert_sendable(reply)


async def test_search_never_echoes_mentions(online: LocalDiscord) -> None:
    reply = await online.slash("search", query="@everyone <@123456789012345678> double vision")
    assert reply.embeds and "**vision**" in reply.text()
    assert "@everyone" not in reply.text() and "<@" not in reply.text()
    assert_sendable(reply)


async def test_search_with_no_results_is_a_private_tip(online: LocalDiscord) -> None:
    reply = await online.slash("search", query="qzxvk zzqqxx")
    assert_private_miss(reply)
    assert reply.content.startswith("Nothing in the cards or the glossary matches the words you typed.")
    assert "qzxvk" not in reply.content


async def test_search_with_no_words_is_a_private_tip(online: LocalDiscord) -> None:
    reply = await online.slash("search", query='"*" ()')
    assert_private_miss(reply)
    assert reply.content.startswith("There were no words to search for")


async def test_dms_and_other_servers_work_for_anyone(online: LocalDiscord) -> None:
    for where in ({"dm": True}, {"guild": "support", "member": "lucia"}, {"guild": "clinic", "member": "pierre"}):
        glossary = await online.slash("glossary", term="IVIG", **where)
        search = await online.slash("search", query="double vision", **where)
        for reply in (glossary, search):
            assert reply.ephemeral and reply.embeds
            assert_sendable(reply)


async def test_glossary_and_search_stay_private_in_a_server_that_chose_public_lookups(online: LocalDiscord) -> None:
    await online.slash("settings", member="ada", lookups="public")
    glossary = await online.slash("glossary", term="areflexia")
    search = await online.slash("search", query="double vision")  # its results would show the words typed
    assert glossary.ephemeral and search.ephemeral and glossary.embeds and search.embeds
    assert_private_miss(await online.slash("glossary", term="zzqqxx"))
    assert_private_miss(await online.slash("search", query="zzqqxx"))
    assert online.messages_in("general") == []


async def test_usage_counts_hold_cards_and_outcomes_but_no_typed_text(
    local: LocalDiscord, start_bot, settings: Settings, kb
) -> None:
    secret = "my secret symptom question"
    shown = {h.document.card for h in SearchIndex.build(kb).search("lupus treatment") if h.document.card}
    searched = "+".join(sorted(shown))
    async with start_bot():
        await local.slash("glossary", term="myelin")
        await local.slash("glossary", term=secret)
        await local.slash("search", query="lupus treatment")
        await local.slash("search", query="qzxvk zzqqxx")
        await local.slash("search", query="***")
        await local.autocomplete("glossary", "term", secret)
    rows = usage_rows(settings.usage_db_path)
    assert rows == {
        ("glossary", "cidp+gbs+mogad+ms", "-", "ok", 1),
        ("glossary", "-", "-", "unknown", 1),
        ("search", searched, "-", "ok", 1),
        ("search", "-", "-", "unknown", 1),
        ("search", "-", "-", "invalid", 1),
    }
    raw = b"".join(p.read_bytes() for p in Path(settings.usage_db_path).parent.glob("bot.sqlite3*"))
    assert secret.encode() not in raw and b"qzxvk" not in raw


async def test_lookups_answer_after_a_restart_without_a_new_sync(local: LocalDiscord, start_bot) -> None:
    async with start_bot():
        first = await local.slash("search", query="double vision")
    async with start_bot(expect_sync=False):  # the index is rebuilt from the content at start-up
        again = await local.slash("search", query="double vision")
        term = await local.slash("glossary", term="diplopia")
    assert again.embeds == first.embeds and term.embeds[0]["title"] == "diplopia"
    assert local.commands.sync_count == 1
    local.assert_no_violations()
