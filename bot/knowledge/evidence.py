"""A card's statements beside the sources they cite, as plain text: what a reviewer works through in one pass."""

from __future__ import annotations

import textwrap

from bot.knowledge.models import Condition

WIDTH = 110


def evidence_report(card: Condition) -> str:
    """Every statement (field path, text), each followed by the cited sources in full."""
    sources = card.source_by_id
    lines = [f"{card.name} ({card.key}): {card.review.status.label}, drafted {card.review.drafted_on.isoformat()}"]
    if card.review.reviewed_by and card.review.reviewed_on:
        lines.append(f"Reviewed by {card.review.reviewed_by} on {card.review.reviewed_on.isoformat()}")
    lines.append("")
    for path, text, cite in card.statements():
        lines.append(f"[{path}]")
        lines += textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="  ")
        for source_id in cite:
            source = sources.get(source_id)
            where = f"{source.title}. {source.publisher}, {source.year}. {source.url}" if source else "(unknown id)"
            lines.append(f"    <- {source_id}: {where}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
