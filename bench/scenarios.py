"""What each bot is asked, per scenario. Ours and the mirror get the very same interactions."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from local_discord import LocalDiscord

Action = Callable[[LocalDiscord, int], Awaitable[object]]

CARD_NAMES = ("ms", "gbs", "mg", "sle", "sjogrens")
COMPARED = ("gbs", "ms")
TYPED = ("mu", "guil", "my", "lu", "")
FRUIT_TYPED = ("a", "b", "c", "p", "")

SCENARIOS = ("slash", "compare", "autocomplete")
_SAME_AS_OURS: dict[str, Action] = {
    "slash": lambda d, i: d.slash("condition", name=CARD_NAMES[i % len(CARD_NAMES)]),
    "compare": lambda d, i: d.slash("compare", first=COMPARED[0], second=COMPARED[1]),
    "autocomplete": lambda d, i: d.autocomplete("condition", "name", TYPED[i % len(TYPED)]),
}
ACTIONS: dict[str, dict[str, Action]] = {
    "ours": _SAME_AS_OURS,
    # The mirror answers the same interactions with the same bytes, looked up, not computed.
    "mirror": _SAME_AS_OURS,
    # The floor: one fixed line for any one-message answer, a plain list for autocomplete.
    "bare": {
        "slash": lambda d, i: d.slash("hello"),
        "compare": lambda d, i: d.slash("hello"),
        "autocomplete": lambda d, i: d.autocomplete("pick", "fruit", FRUIT_TYPED[i % len(FRUIT_TYPED)]),
    },
}
