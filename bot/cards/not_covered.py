"""The answer for a cause of leg weakness the bot does not cover: said plainly, with where to look. Pure."""

from __future__ import annotations

from bot.knowledge.other_causes import OtherCause
from bot.render.common import INTERNATIONAL_EMERGENCY, markdown_link

SCOPE = "This bot covers only immune-mediated (autoimmune) causes of leg weakness, and {name} is not one of them."
WHERE_TO_LOOK = "A doctor can find out what is causing leg weakness. To read more: {link} ({publisher})."


def not_covered_message(cause: OtherCause, emergency_number: str | None = None) -> str:
    lines = [SCOPE.format(name=f"**{cause.name}**"), cause.what]
    if cause.urgent:
        number = emergency_number or INTERNATIONAL_EMERGENCY
        lines.append(f"🚨 **Call {number} now if:** {cause.urgent}")
    lines.append(
        WHERE_TO_LOOK.format(link=markdown_link(cause.see.title, cause.see.url), publisher=cause.see.publisher)
    )
    return "\n".join(lines)
