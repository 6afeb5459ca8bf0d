"""Content rules that span a card's fields: the evidence behind every statement, and how statements are worded.

The models check each field on its own; these rules check what a reviewer would: every statement names a source of
this card, every source is used, the card rests on at least one guideline or criteria paper, sources are specific
pages rather than mirrors or home pages, and no statement talks about the sources instead of the disease.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from bot.knowledge.models import Condition, Facet
from bot.knowledge.vocab import SourceKind

FOUNDATIONAL = frozenset({SourceKind.GUIDELINE, SourceKind.CRITERIA})

# Hosts that copy or index other people's pages: cite the original (its DOI or publisher page) instead.
MIRROR_HOSTS = (
    "pathway.md",
    "wilddata.cn",
    "ouci.dntb.gov.ua",
    "semanticscholar.org",
    "researchgate.net",
    "scribd.com",
    "web.archive.org",
    "archive.org",
    "wikipedia.org",
    "google.com",
    "bing.com",
    "merriam-webster.com",
    "dictionary.com",
    "medicinenet.com",
    "quizlet.com",
)
# Text that reports on the sources ("the sources used do not settle it") instead of saying something clinical.
_SOURCE_TALK = re.compile(
    r"\bsources?\b|\bthe literature (?:does not|doesn't)\b|\bnot (?:settled|stated|described|reported) (?:in|by)\b"
    r"|\bno (?:source|reference)\b",
    re.IGNORECASE,
)
MIN_VARIES_DETAIL = 40  # "varies" must say how it varies, which takes more than a few words


def card_problems(card: Condition) -> Iterator[tuple[str, str]]:
    """(field path, problem) for every rule the card breaks."""
    yield from _source_problems(card)
    yield from _citation_problems(card)
    yield from _wording_problems(card)


def _source_problems(card: Condition) -> Iterator[tuple[str, str]]:
    counts = Counter(s.id for s in card.sources)
    for source_id, n in counts.items():
        if n > 1:
            yield "sources", f"the id '{source_id}' is used by {n} sources; give each its own"
    urls = Counter(s.url.rstrip("/") for s in card.sources)
    for url, n in urls.items():
        if n > 1:
            yield "sources", f"{url} is listed {n} times"
    if not any(s.kind in FOUNDATIONAL for s in card.sources):
        yield "sources", "needs at least one guideline or criteria paper (kind: guideline or criteria)"
    for n, source in enumerate(card.sources):
        host = urlsplit(source.url).netloc.lower()
        if any(host == m or host.endswith("." + m) for m in MIRROR_HOSTS):
            yield f"sources[{n}].url", f"{host} copies or indexes other pages: cite the original page or its DOI"


def _citation_problems(card: Condition) -> Iterator[tuple[str, str]]:
    known = set(card.source_by_id)
    used: set[str] = set()
    for path, _text, cite in card.statements():
        for source_id in cite:
            if source_id not in known:
                yield f"{path}.cite", f"'{source_id}' is not one of this card's source ids"
        if len(set(cite)) < len(cite):
            yield f"{path}.cite", "names the same source twice"
        used.update(cite)
    for source in card.sources:
        if source.id not in used:
            yield "sources", f"'{source.id}' is not cited by any statement: cite it where it is used, or remove it"


def _wording_problems(card: Condition) -> Iterator[tuple[str, str]]:
    for path, text, _cite in card.statements():
        if _SOURCE_TALK.search(text):
            yield path, "talks about the sources: write the clinical statement, and put the evidence in cite"
    for name in ("onset", "weakness", "reflexes", "sensation", "fatigability"):
        facet: Facet = getattr(card, name)
        if _says_varies(facet) and len(facet.detail) < MIN_VARIES_DETAIL:
            yield f"{name}.detail", "says 'varies': describe how it varies (e.g. 'brisk once spinal shock passes')"


def _says_varies(facet: Facet) -> bool:
    values = [v for field, v in facet if field not in ("detail", "cite")]
    flat = [x for v in values for x in (v if isinstance(v, tuple) else (v,))]
    return any(str(x) == "varies" for x in flat)
