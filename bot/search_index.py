"""Full-text search over every card section and glossary entry: an in-memory SQLite FTS5 index, built once at
start-up from the (immutable) knowledge base and ranked with bm25.

User text never reaches FTS5's query syntax: it is split into plain words, each quoted as a string, so operators,
quotes, column filters or NUL in the text are just characters. Nothing typed is stored: the database holds only
our own content.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.facets import (
    ANTIBODIES,
    CAUTIONS,
    COURSE,
    FATIGABILITY,
    ONSET,
    REFLEXES,
    SENSATION,
    TESTS,
    TREATMENTS,
    WEAKNESS,
    Section,
    statements,
)
from bot.knowledge.lookup import choice_label
from bot.knowledge.models import Condition, Statement

# snippet() wraps matched words in these control characters, which are removed from our text when it is indexed,
# so a renderer can escape the snippet's markdown and then turn them into bold without ambiguity.
MATCH_START = "\x02"
MATCH_END = "\x03"
GLOSSARY_SECTION = "Glossary"

MAX_RESULTS = 6
PER_CARD = 2  # so one card mentioning a word everywhere leaves room for others
MAX_WORDS = 12
MAX_WORD_LENGTH = 40
PREFIX_MIN_LENGTH = 4  # "demyelin" finds "demyelinating"; shorter words match whole words only
SNIPPET_TOKENS = 24
_CANDIDATES = 100  # before PER_CARD thins them out
# bm25 weights for the columns (card, term, section, body). A glossary term or alias naming the word is the best
# answer; a card's names are on every one of its sections, so they count for little alone but let "lupus
# treatment" land on lupus's treatment section.
_WEIGHTS = (0.5, 3.0, 1.0, 1.0)
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Dropped unless nothing else is left, so "what is the treatment for gbs" means "treatment gbs".
_STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "the",
        "to",
        "what",
        "when",
        "which",
        "who",
        "why",
        "with",
        "you",
        "your",
    ]
)


@dataclass(frozen=True)
class Document:
    card: str | None  # the card's key; None for a glossary entry
    title: str  # the card's label, or the glossary term
    section: str  # the section's name as the card shows it, or GLOSSARY_SECTION
    open_command: str  # how to open it: "/condition gbs section:diagnosis" or "/glossary myelin"
    body: str
    other_names: tuple[str, ...] = ()  # aliases, searchable with the title


@dataclass(frozen=True)
class Hit:
    document: Document
    snippet: str  # from our own text, matched words between MATCH_START and MATCH_END


def query_words(text: str) -> list[str]:
    """The plain words of a query, lower-cased and bounded; stop words only if nothing else is left."""
    words = [w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.casefold())]
    kept = [w for w in words if w not in _STOP_WORDS] or words
    return list(dict.fromkeys(kept))[:MAX_WORDS]


def fts_query(words: list[str], operator: str) -> str:
    """Each word as an FTS5 string ("word"), a prefix query when long enough, joined by operator (AND/OR)."""
    terms = [f'"{w}"' + ("*" if len(w) >= PREFIX_MIN_LENGTH else "") for w in words]
    return f" {operator} ".join(terms)


class SearchIndex:
    def __init__(self, documents: list[Document]) -> None:
        self._documents = documents
        # Used only from the event loop's thread; ":memory:" means nothing is ever written to disk.
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(card, term, section, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO docs(rowid, card, term, section, body) VALUES (?, ?, ?, ?, ?)",
            [(n, *_columns(d)) for n, d in enumerate(documents)],
        )

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SearchIndex:
        return cls(list(documents(kb)))

    def __len__(self) -> int:
        return len(self._documents)

    def search(self, text: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """The best matching sections, best first: every word if possible, else any of them."""
        words = query_words(text)
        if not words:
            return []
        hits = self._run(fts_query(words, "AND"), limit)
        if not hits and len(words) > 1:
            hits = self._run(fts_query(words, "OR"), limit)
        return hits

    def close(self) -> None:
        self._db.close()

    def _run(self, match: str, limit: int) -> list[Hit]:
        rows = self._db.execute(
            "SELECT rowid, snippet(docs, 3, ?, ?, '…', ?) FROM docs WHERE docs MATCH ? "
            f"ORDER BY bm25(docs, {', '.join(map(str, _WEIGHTS))}) LIMIT ?",
            (MATCH_START, MATCH_END, SNIPPET_TOKENS, match, _CANDIDATES),
        ).fetchall()
        per_card: Counter[str] = Counter()
        hits: list[Hit] = []
        for rowid, snippet in rows:
            document = self._documents[rowid]
            if document.card is not None:
                per_card[document.card] += 1
                if per_card[document.card] > PER_CARD:
                    continue
            hits.append(Hit(document, snippet))
            if len(hits) == limit:
                break
        return hits


def documents(kb: KnowledgeBase) -> Iterator[Document]:
    """Every searchable section of every card, then every glossary entry."""
    for c in kb.conditions:
        for section, name, body in _card_sections(c):
            command = f"/condition {c.key} section:{section.value}"
            yield Document(c.key, choice_label(c), name, command, body, c.aliases)
    for t in kb.glossary:
        body = " ".join(part for part in (t.caution, t.plain, t.clinical) if part)
        yield Document(None, t.term, GLOSSARY_SECTION, f"/glossary {t.term}", body, t.aliases)


def _columns(d: Document) -> tuple[str, str, str, str]:
    names = _clean(" ".join((d.title, *d.other_names)))
    return ("", names, "", _clean(d.body)) if d.card is None else (names, "", _clean(d.section), _clean(d.body))


def _clean(text: str) -> str:
    """Our text with the highlight markers (and any other control character) made spaces."""
    return _CONTROL.sub(" ", text)


def _card_sections(c: Condition) -> Iterator[tuple[Section, str, str]]:
    """(card section to open, name as the card shows it, text): the same wording the card uses."""
    yield Section.OVERVIEW, "Summary", c.summary.text
    yield Section.OVERVIEW, "What the immune system attacks", c.attacks.text
    onset, course = " / ".join(ONSET.labels(c)), " / ".join(COURSE.labels(c))
    yield Section.OVERVIEW, "Onset and course", f"{onset}; {course}. {c.onset.detail}"
    yield Section.OVERVIEW, "Clinical detail (for students)", c.clinical.text
    for facet in (WEAKNESS, REFLEXES, SENSATION, FATIGABILITY):
        yield facet.section, facet.label, f"{' / '.join(facet.labels(c))}. {facet.text(c)}"
    yield Section.SYMPTOMS, "Other hallmarks", _joined(c.hallmarks)
    yield Section.DIAGNOSIS, "Criteria and guidelines", _joined(c.criteria)
    names = ", ".join(ANTIBODIES.labels(c)) or "None typical"
    yield Section.DIAGNOSIS, "Antibodies", f"{names}. {c.antibodies.detail}"
    for facet in (TESTS, TREATMENTS, CAUTIONS):
        yield facet.section, facet.label, _joined(statements(c, facet))
    yield Section.RED_FLAGS, "Get emergency help now", _joined(c.red_flags.emergency)
    yield Section.RED_FLAGS, "Get medical help today", _joined(c.red_flags.today)
    yield Section.RED_FLAGS, "See a doctor soon", _joined(c.red_flags.soon)


def _joined(items: Sequence[Statement]) -> str:
    return "; ".join(item.text for item in items)
