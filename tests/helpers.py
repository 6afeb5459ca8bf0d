"""Builders for synthetic content, so loader and renderer tests don't depend on the real cards."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.glossary import term_file_stem

CITE = ["one", "two"]


def _said(text: str, **extra: Any) -> dict[str, Any]:
    return {"text": text, "cite": list(CITE), **extra}


_BASE_CARD: dict[str, Any] = {
    "name": "Example condition",
    "aliases": [],
    "category": "peripheral_nerves",
    "review": {"status": "draft", "drafted_on": "2026-11-23"},
    "sources": [
        {
            "id": "one",
            "kind": "guideline",
            "title": "Source one",
            "publisher": "NINDS",
            "year": 2023,
            "url": "https://www.ninds.nih.gov/one",
        },
        {
            "id": "two",
            "kind": "agency",
            "title": "Source two",
            "publisher": "NHS",
            "year": 2024,
            "url": "https://www.nhs.uk/two",
        },
    ],
    "summary": _said(
        "This is a plain summary. It uses short words and short sentences so that you can read it easily."
    ),
    "clinical": _said("Clinical detail for students: pathophysiology, presentation, examination findings and tests."),
    "attacks": _said("The myelin around peripheral nerves."),
    "criteria": [_said("Diagnosed by the example criteria.")],
    "onset": {"speed": ["days_to_weeks"], "course": ["monophasic"], "detail": "Builds over days.", "cite": CITE},
    "weakness": {"pattern": ["ascending"], "detail": "Starts in the feet.", "cite": CITE},
    "reflexes": {"pattern": "reduced_or_absent", "detail": "Lost early.", "cite": CITE},
    "sensation": {"involvement": "affected", "detail": "Tingling is common.", "cite": CITE},
    "fatigability": {"pattern": "not_typical", "detail": "Weakness does not change with use.", "cite": CITE},
    "clues": ["breathing"],
    "hallmarks": [_said("A hallmark")],
    "antibodies": {"typical": [], "detail": "None typical.", "cite": CITE},
    "tests": [_said("Nerve conduction study")],
    "treatments": [_said("IVIg", agents=["ivig"])],
    "cautions": [_said("Steroids alone do not help", kind="no_benefit", agents=["corticosteroids"])],
    "red_flags": {
        "emergency": [_said("Trouble breathing")],
        "today": [_said("Weakness creeping up over hours or days")],
        "soon": [_said("Tingling that spreads")],
    },
    "related": [],
    "glossary": [],
}


def said(text: str, **extra: Any) -> dict[str, Any]:
    """A cited statement, citing the example card's two sources."""
    return _said(text, **extra)


_FACETS = ("onset", "weakness", "reflexes", "sensation", "fatigability", "antibodies")
_PROSE = ("summary", "clinical", "attacks")
_LISTS = ("criteria", "hallmarks", "tests", "treatments")


def card_data(key: str, **overrides: Any) -> dict[str, Any]:
    """An example card; overrides may be written briefly (plain strings for statements, facets without cite),
    and are completed with the example's citations, so a test says only what it is about."""
    data = copy.deepcopy(_BASE_CARD)
    data["key"] = key
    data["name"] = f"Example {key}"
    data.update({name: _cited(name, value) for name, value in overrides.items()})
    return data


def _cited(name: str, value: Any) -> Any:
    if name in _FACETS and isinstance(value, dict):
        return {"cite": list(CITE), **value}
    if name in _PROSE and isinstance(value, str):
        return _said(value)
    if name in _LISTS and isinstance(value, list):
        return [_said(v) if isinstance(v, str) else v for v in value]
    if name == "cautions" and isinstance(value, list):
        return [_said(v, kind="risk") if isinstance(v, str) else v for v in value]
    if name == "red_flags" and isinstance(value, dict):
        tiers = {"today": ["Weakness creeping up over hours or days"], **value}
        return {tier: [_said(v) if isinstance(v, str) else v for v in items] for tier, items in tiers.items()}
    return value


def write_content(root: Path, cards: list[dict[str, Any]], glossary: list[dict[str, Any]] | None = None) -> Path:
    """Write a data/ folder under root and return it."""
    folder = root / "data" / "conditions"
    folder.mkdir(parents=True)
    for card in cards:
        (folder / f"{card['key']}.yaml").write_text(yaml.safe_dump(card, allow_unicode=True), encoding="utf-8")
    if glossary is not None:
        terms = root / "data" / "glossary"
        terms.mkdir()
        for term in glossary:
            path = terms / f"{term_file_stem(term['term'])}.yaml"
            path.write_text(yaml.safe_dump(term, allow_unicode=True), encoding="utf-8")
    return root / "data"
