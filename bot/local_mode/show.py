"""A bot message as the local console prints it: who can see it, its text and embeds, mentions as @names, what
its attachments are (saved to files you can open), and the buttons and menus it carries."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.render.plain import embeds_to_text, markdown_to_text
from local_discord.components import BUTTON, walk_components
from local_discord.messages import Message

STRING_SELECT = 3
_MENTION = re.compile(r"<(@!?|@&|#)(\d{1,20})>")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def buttons(components: list[Any]) -> list[str]:
    found = (c for _, c in walk_components(components) if c.get("type") == BUTTON)
    return [str(c.get("label") or c.get("custom_id")) for c in found]


def menus(components: list[Any]) -> dict[str, list[tuple[str, str]]]:
    """The string select menus: placeholder -> (label, value) options."""
    return {
        str(c.get("placeholder") or c["custom_id"]): [(str(o["label"]), str(o["value"])) for o in c.get("options", ())]
        for _, c in walk_components(components)
        if c.get("type") == STRING_SELECT
    }


def readable_mentions(text: str, names: Mapping[str, str]) -> str:
    """`<@123>` -> `@sam`, `<@&456>` -> `@Moderator`, `<#789>` -> `#general`, as Discord's client shows them.
    `names` maps ids to names; an id it does not know shows as `@unknown`, never as the raw id."""

    def name(match: re.Match[str]) -> str:
        sign = "#" if match[1] == "#" else "@"
        return sign + names.get(match[2], "unknown")

    return _MENTION.sub(name, text)


def render_for_terminal(
    message: Message, names: Mapping[str, str] | None = None, attachments_dir: Path | None = None
) -> str:
    """Who can see it, the text, the embeds (wrapped, links shown), attachments, and its buttons and menus."""
    parts = ["(only you can see this)" if message.ephemeral else "(posted in the channel for everyone)"]
    if message.content:
        parts.append(markdown_to_text(message.content))
    if message.embeds:
        parts.append(embeds_to_text(message.embeds))
    parts += [_attachment_line(message, a, attachments_dir) for a in message.attachments]
    for _, menu in walk_components(message.components):
        if menu.get("type") == STRING_SELECT:
            parts.append(_menu_line(menu))
    shown = buttons(message.components)
    if shown:
        parts.append("Buttons: " + "  ".join(f"[{b}]" for b in shown))
    return readable_mentions("\n".join(parts), names or {})


def _attachment_line(message: Message, attachment: Mapping[str, Any], folder: Path | None) -> str:
    """'Attachment: stats.png (14 kB), saved to /tmp/.../stats.png': a terminal cannot show an image, a viewer can."""
    filename = str(attachment.get("filename") or "file")
    size = int(attachment.get("size") or 0)
    line = f"Attachment: {filename} ({_size(size)})"
    content = message.uploads.get(str(attachment.get("id")))
    if folder is None or content is None:
        return line
    # One file per attachment: a later chart never overwrites an earlier one you may still have open.
    path = folder / f"{attachment.get('id')}-{_SAFE_NAME.sub('_', filename)}"
    path.write_bytes(content)
    return f"{line}, saved to {path} (open it to see it)"


def _size(size: int) -> str:
    return f"{size} bytes" if size < 1000 else f"{size / 1000:.0f} kB"


def _menu_line(menu: Mapping[str, Any]) -> str:
    """'Menu "How fast it came on" (pick one): [x] hours to days | days to weeks', chosen options ticked."""
    how = "pick one" if menu.get("max_values", 1) == 1 else "pick any"
    options = " | ".join(("[x] " if o.get("default") else "") + str(o["label"]) for o in menu.get("options", ()))
    return f'Menu "{menu.get("placeholder") or menu["custom_id"]}" ({how}): {options}'
