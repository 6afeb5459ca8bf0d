from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from bot.knowledge.base import KnowledgeBase
from bot.moderation.bar_chart import bar_chart_png
from bot.moderation.stats import UsageStats
from bot.moderation.stats_render import CHART_FILE, COUNTING_OFF, SERVER_OPTED_OUT, TOP_CARDS, stats_message
from bot.render.common import DISCLAIMER
from bot.render.limits import message_problems

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def text_of(message) -> str:
    """The embed's text as sent (no wrapping), so a phrase never straddles a line break."""
    embed = message.embed.to_dict()
    return "\n".join([embed["description"], *(f"{f['name']}\n{f['value']}" for f in embed.get("fields", []))])


def test_cards_and_commands_are_listed_with_the_global_note_and_a_chart(kb: KnowledgeBase) -> None:
    stats = UsageStats(cards=(("ms", 40), ("_unmatched", 10), ("gbs", 5)), commands=(("condition", 55),))
    message = stats_message(stats, kb, 4)
    text = text_of(message)
    assert message.embed.title == "Usage in the last 4 full weeks"
    assert "1. Multiple sclerosis (MS): about 40" in text
    assert "2. *no matching card*: about 10" in text and "_unmatched" not in text
    assert "`/condition`: about 55" in text
    assert "every server that uses this bot" in text and "never in DMs" in text
    assert "at least 5 times *outside the one server that used it most*" in text and "this week shows" in text
    assert message.embed.footer.text == DISCLAIMER
    assert message.embed.image.url == f"attachment://{CHART_FILE}"
    assert message.chart_png is not None and message.chart_png.startswith(PNG_SIGNATURE)


def test_one_card_needs_no_chart(kb: KnowledgeBase) -> None:
    message = stats_message(UsageStats(cards=(("ms", 5),), commands=()), kb, 2)
    assert message.chart_png is None and not message.embed.image.url


def test_nothing_to_show_says_so_without_a_chart(kb: KnowledgeBase) -> None:
    message = stats_message(UsageStats((), ()), kb, 1)
    assert message.embed.title == "Usage in the last full week"
    assert "Nothing to show yet" in text_of(message)
    assert message.chart_png is None


def test_counting_off_and_a_server_that_opted_out_are_mentioned(kb: KnowledgeBase) -> None:
    stats = UsageStats((), (("help", 5),))
    assert COUNTING_OFF not in text_of(stats_message(stats, kb, 4))
    assert COUNTING_OFF in text_of(stats_message(stats, kb, 4, counting_on=False))
    assert SERVER_OPTED_OUT in text_of(stats_message(stats, kb, 4, server_counted=False))


def test_a_card_no_longer_in_the_bot_is_still_named_by_its_key(kb: KnowledgeBase) -> None:
    message = stats_message(UsageStats((("retired-card", 5), ("ms", 5)), ()), kb, 4)
    assert "retired-card (no longer in the bot): about 5" in text_of(message)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=10**6), max_size=40),
    st.lists(st.from_regex(r"[a-z][a-z_]{0,31}", fullmatch=True), max_size=40, unique=True),
    st.integers(min_value=1, max_value=12),
)
def test_every_possible_reply_fits_discord(kb: KnowledgeBase, sizes: list[int], commands: list[str], weeks) -> None:
    keys = [c.key for c in kb.conditions] + ["_unmatched", "a-retired-card-with-a-long-key-32"]
    cards = tuple((k, 5 * n) for k, n in zip(keys, sizes, strict=False))
    stats = UsageStats(cards, tuple((c, 5 * n) for c, n in zip(commands, sizes or [1] * 40, strict=False)))
    message = stats_message(stats, kb, weeks, counting_on=False, server_counted=False)
    assert message_problems(None, [message.embed.to_dict()]) == []
    assert text_of(message).count("about") <= TOP_CARDS + 15


def test_the_chart_is_a_small_png_with_one_row_per_card() -> None:
    png = bar_chart_png("Most looked-up cards", [("MS", 40), ("Sjögren’s disease, a very long label indeed", 5)])
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 640 and image.height < 200
    assert len(png) < 100_000
    assert bar_chart_png("Empty", []).startswith(PNG_SIGNATURE)
