"""A plain-text rendering of a message, readable in a terminal and in assertion failures."""

from collections.abc import Mapping, Sequence
from typing import Any

from local_discord.flags import EPHEMERAL, LOADING
from local_discord.kinds import SELECTS, ComponentType


def render_message(content: str, embeds: Sequence[Mapping[str, Any]], components: Sequence[Any], flags: int) -> str:
    lines: list[str] = []
    if flags & EPHEMERAL:
        lines.append("(only you can see this)")
    if flags & LOADING:
        lines.append("(the bot is thinking...)")
    if content:
        lines.append(content)
    for embed in embeds:
        lines += _embed_lines(embed)
    lines += _component_lines(components)
    return "\n".join(lines)


def _embed_lines(embed: Mapping[str, Any]) -> list[str]:
    lines = []
    if (embed.get("author") or {}).get("name"):
        lines.append(f"[{embed['author']['name']}]")
    if embed.get("title"):
        lines.append(f"## {embed['title']}")
    if embed.get("description"):
        lines.append(embed["description"])
    for field in embed.get("fields") or []:
        value = str(field.get("value", "")).replace("\n", "\n  ")
        lines.append(f"* {field.get('name')}: {value}")
    if (embed.get("footer") or {}).get("text"):
        lines.append(f"-- {embed['footer']['text']}")
    return lines


def _component_lines(components: Sequence[Any]) -> list[str]:
    lines = []
    for component in components:
        kind = component.get("type")
        if kind == ComponentType.ACTION_ROW:
            lines.append(" ".join(_control(child) for child in component.get("components") or []))
        elif kind == ComponentType.TEXT_DISPLAY:
            lines.append(str(component.get("content", "")))
        elif kind == ComponentType.SEPARATOR:
            lines.append("---")
        elif kind == ComponentType.BUTTON or kind in SELECTS:
            lines.append(_control(component))
        else:  # containers, sections and labels: render what they hold
            lines += _component_lines(component.get("components") or [])
            for key in ("accessory", "component"):
                if isinstance(component.get(key), Mapping):
                    lines += _component_lines([component[key]])
    return lines


def _control(component: Mapping[str, Any]) -> str:
    if component.get("type") == ComponentType.BUTTON:
        label = component.get("label") or (component.get("emoji") or {}).get("name") or "?"
        return f"[{label}]" + (" (disabled)" if component.get("disabled") else "")
    if component.get("type") in SELECTS:
        options = " | ".join(str(option.get("label")) for option in component.get("options") or [])
        placeholder = component.get("placeholder") or "select"
        return f"<{placeholder}: {options}>" if options else f"<{placeholder}>"
    return ""
