"""Shared wording and building blocks for every rendered reply."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import discord

from bot.knowledge.vocab import Category
from bot.render import limits

DISCLAIMER = (
    "Educational only, not medical advice. Talk to a doctor about your own health. "
    "In an emergency, call your local emergency number."
)
INTERNATIONAL_EMERGENCY = "your local emergency number (such as 911, 999 or 112)"

CATEGORY_COLOURS: dict[Category, int] = {
    Category.CENTRAL_NERVOUS_SYSTEM: 0x5865F2,
    Category.PERIPHERAL_NERVES: 0x57A773,
    Category.NEUROMUSCULAR_JUNCTION: 0xE67E22,
    Category.MUSCLE: 0x9B59B6,
    Category.SYSTEMIC: 0x1ABC9C,
}
RED_FLAG_COLOUR = 0xED4245
NEUTRAL_COLOUR = 0x99AAB5


def emergency_heading(emergency_number: str | None = None) -> str:
    return f"Get emergency help now: call {emergency_number or INTERNATIONAL_EMERGENCY} if"


def bullets(items: Iterable[str]) -> list[str]:
    return [f"• {item}" for item in items]


def add_packed_fields(embed: discord.Embed, name: str, lines: Sequence[str]) -> None:
    """Add lines as one field, continuing into further fields ("name (cont.)") rather than exceed 1024."""
    chunk: list[str] = []
    for line in lines:
        if chunk and len("\n".join([*chunk, line])) > limits.FIELD_VALUE:
            embed.add_field(name=name, value="\n".join(chunk), inline=False)
            name, chunk = f"{name} (cont.)", []
        chunk.append(clip(line, limits.FIELD_VALUE))
    if chunk:
        embed.add_field(name=name, value="\n".join(chunk), inline=False)


def join_fitting(items: Sequence[str], budget: int, sep: str = "; ") -> str:
    """Join whole items until the budget is reached; say how many more there are instead of cutting one."""
    out: list[str] = []
    for n, item in enumerate(items):
        rest = len(items) - n - 1
        more = f"{sep}+{rest} more" if rest else ""
        if len(sep.join([*out, item]) + more) > budget:
            return sep.join(out) + f"{sep if out else ''}+{len(items) - n} more"
        out.append(item)
    return sep.join(out)


def markdown_link(title: str, url: str) -> str:
    """[title](url), with the characters that would end the link early escaped or encoded."""
    safe_title = title.replace("[", "(").replace("]", ")")
    safe_url = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{safe_title}]({safe_url})"


def did_you_mean(lead: str, suggestions: Sequence[str], hint: str) -> str:
    """A miss, in words built only from our own text: the lead, then suggestions as bullets, or else a hint."""
    if not suggestions:
        return f"{lead}\n{hint}"
    return "\n".join([lead, "Did you mean:", *(f"• {s}" for s in suggestions)])


def clip(text: str, limit: int) -> str:
    """Last-resort guard for limits; content validation keeps real cards well inside them."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
