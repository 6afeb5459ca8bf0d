"""Builders for synthetic content, so loader and renderer tests don't depend on the real cards."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

_BASE_CARD: dict[str, Any] = {
    "name": "Example condition",
    "aliases": [],
    "category": "peripheral_nerves",
    "status": "draft",
    "last_reviewed": "2026-11-23",
    "summary": "This is a plain summary. It uses short words and short sentences so that you can read it easily.",
    "clinical": "Clinical detail for students: pathophysiology, presentation, examination findings and tests.",
    "attacks": "The myelin around peripheral nerves.",
    "onset": {"speed": ["days_to_weeks"], "course": ["monophasic"], "detail": "Builds over days."},
    "weakness": {"pattern": ["ascending"], "detail": "Starts in the feet."},
    "reflexes": {"pattern": "reduced_or_absent", "detail": "Lost early."},
    "sensation": {"involvement": "affected", "detail": "Tingling is common."},
    "fatigability": {"pattern": "not_typical", "detail": "Not a feature."},
    "clues": ["breathing"],
    "hallmarks": ["A hallmark"],
    "antibodies": {"typical": [], "detail": "None typical."},
    "tests": ["Nerve conduction study"],
    "treatments": ["IVIG"],
    "red_flags": {"emergency": ["Trouble breathing"], "soon": ["Tingling that spreads"]},
    "related": [],
    "glossary": [],
    "sources": [
        {"title": "Source one", "publisher": "NINDS", "url": "https://www.ninds.nih.gov/one"},
        {"title": "Source two", "publisher": "NHS", "url": "https://www.nhs.uk/two"},
    ],
}


def card_data(key: str, **overrides: Any) -> dict[str, Any]:
    data = copy.deepcopy(_BASE_CARD)
    data["key"] = key
    data["name"] = f"Example {key}"
    data.update(overrides)
    return data


def write_content(root: Path, cards: list[dict[str, Any]], glossary: list[dict[str, Any]] | None = None) -> Path:
    """Write a data/ folder under root and return it."""
    folder = root / "data" / "conditions"
    folder.mkdir(parents=True)
    for card in cards:
        (folder / f"{card['key']}.yaml").write_text(yaml.safe_dump(card, allow_unicode=True), encoding="utf-8")
    if glossary is not None:
        (root / "data" / "glossary.yaml").write_text(yaml.safe_dump({"terms": glossary}), encoding="utf-8")
    return root / "data"
