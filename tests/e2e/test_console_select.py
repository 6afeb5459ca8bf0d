"""The local-mode console driving /which's menus against the real bot: select, its menus in the terminal, Clear."""

from __future__ import annotations

import io

from bot.local_mode.console import Console
from bot.local_mode.texts import help_text
from local_discord import LocalDiscord


async def run(online: LocalDiscord, *lines: str) -> str:
    out = io.StringIO()
    console = Console(online, out=out)
    for line in lines:
        assert await console.handle(line)
    return out.getvalue()


async def test_select_picks_by_placeholder_and_label_and_shows_the_menus(online: LocalDiscord) -> None:
    out = await run(online, "/which", 'select "How fast" "hours to days"', "select other rash vision")
    assert 'Menu "How fast it came on" (pick one): hours to days | days to weeks' in out
    assert 'Menu "How fast it came on" (pick one): [x] hours to days | days to weeks' in out
    assert 'Menu "Other clues" (pick any): [x] vision loss or eye pain | drooping eyelids' in out
    assert "[x] skin rash" in out
    assert "--- #2 <How fast it came on: hours to days> (updates #1) ---" in out  # labels, never internal keys
    assert "hours_to_days" not in out
    assert "Your choices: Onset: hours to days; Clue: vision loss or eye pain; Clue: skin rash" in out
    assert "Buttons: [Clear]" in out


async def test_select_explains_mistakes_and_clear_resets(online: LocalDiscord) -> None:
    out = await run(
        online,
        'select "How fast" "hours to days"',  # no reply yet
        "/which",
        "select colour red",
        "select how zzz",
        "select how hours days",  # two answers to a pick-one menu: the harness refuses, like Discord's client
        "select how hours",
        "click Clear",
    )
    assert "The last reply has no menus. Try /which first." in out
    assert 'There is no menu "colour" on the last reply.' in out
    assert '"How fast it came on" has no option "zzz".' in out
    assert "takes 0-1 values, got 2" in out
    assert out.rstrip().count("Pick from the menus below to narrow the list.") == 2  # at the start and after Clear


async def test_condition_cards_still_show_their_buttons(online: LocalDiscord) -> None:
    out = await run(online, "/condition ms")
    assert "Buttons: [Share here]" in out and "Menu " not in out


def test_help_explains_select() -> None:
    assert 'select "<menu>" "<option>"' in help_text({})
