"""Embeds as plain text, for `python -m bot preview` and the terminal: exactly what the bot would send."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from typing import Any

_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SUBTEXT = re.compile(r"^-# ", flags=re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """Show links as 'title <url>', drop bold and subtext markers; other text is kept as written."""
    return _SUBTEXT.sub("", _BOLD.sub(r"\1", _LINK.sub(r"\1 <\2>", text)))


def embeds_to_text(embeds: Iterable[Mapping[str, Any]], width: int = 100) -> str:
    blocks: list[str] = []
    for embed in embeds:
        lines: list[str] = []
        if author := (embed.get("author") or {}).get("name"):
            lines.append(f"[{author}]")
        if title := embed.get("title"):
            lines += [title.upper(), "=" * min(len(title), width)]
        if description := embed.get("description"):
            lines += [_wrap(description, width), ""]
        for field in embed.get("fields") or ():
            lines.append(f"## {markdown_to_text(field['name'])}")
            lines += [_wrap(field["value"], width), ""]
        if footer := (embed.get("footer") or {}).get("text"):
            lines.append(f"-- {footer}")
        blocks.append("\n".join(lines).rstrip())
    return "\n\n".join(blocks)


def _wrap(text: str, width: int) -> str:
    plain = markdown_to_text(text)
    return "\n".join(
        textwrap.fill(line, width=width, subsequent_indent="  " if line.startswith("• ") else "") or line
        for line in plain.splitlines()
    )
