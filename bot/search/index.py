"""Full-text search over every card section and glossary entry: an in-memory SQLite FTS5 index, built once at
start-up from the (immutable) knowledge base, ranked with bm25 and then by what the query and the cards say.

User text never reaches FTS5's query syntax: it is split into plain words (bot.search.query), each quoted as a
string, so operators, quotes, column filters or NUL in the text are just characters. Nothing typed is stored: the
database holds only our own content.

Ranking, in order: the sections of a condition the query names; then bm25 relevance, lowered for statements further
down their list (a card lists first-line treatment first, so a match there beats a passing mention); one result per
card section, at most PER_CARD per card so one card mentioning a word everywhere leaves room for others.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.lookup import condition_matcher
from bot.knowledge.matcher import Matcher, normalize
from bot.search.documents import Document, documents
from bot.search.query import Query, Term, parse

# snippet() wraps matched words in these control characters, which are removed from our text when it is indexed,
# so a renderer can escape the snippet's markdown and then turn them into bold without ambiguity.
MATCH_START = "\x02"
MATCH_END = "\x03"

MAX_RESULTS = 6
PER_CARD = 2
PREFIX_MIN_LENGTH = 4  # "demyelin" finds "demyelinating"; shorter words match whole words only
SNIPPET_TOKENS = 24
POSITION_PENALTY = 0.35  # the nth statement of a list scores 1 / (1 + 0.35 n) of the first
TREATS_BOOST = 3.0  # a treatment statement about the treatment the query names: where it is central
CAUTION_BOOST = 1.5  # a caution about it: relevant, but not where the treatment is used
SECTION_BOOST = 2.0  # the part of a card the query asks for ("treatment" -> Main treatments)
ABSENT_PENALTY = 0.3  # "sensation usually spared" is a weak answer to "I can't feel my feet"
_CANDIDATES = 300  # before ranking and thinning
# bm25 weights for the columns (card, term, section, body). A glossary term or alias naming the word is the best
# answer; a card's names are on every one of its sections, so they count for little alone.
_WEIGHTS = (0.5, 3.0, 1.0, 1.0)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Hit:
    document: Document
    snippet: str  # from our own text, matched words between MATCH_START and MATCH_END


def fts_query(terms: Sequence[Term], operator: str) -> str:
    """Each term as a group of quoted FTS5 strings (its word or any alternative), groups joined by AND or OR."""
    groups = []
    for term in terms:
        words = [f'"{w}"' + ("*" if len(w) >= PREFIX_MIN_LENGTH else "") for w in term.words]
        groups.append(words[0] if len(words) == 1 else "(" + " OR ".join(words) + ")")
    return f" {operator} ".join(groups)


class SearchIndex:
    def __init__(self, docs: list[Document], cards: Matcher | None = None) -> None:
        self._documents = docs
        self._cards = cards  # recognises condition names inside a query
        # Used only from the event loop's thread; ":memory:" means nothing is ever written to disk.
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(card, term, section, body, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO docs(rowid, card, term, section, body) VALUES (?, ?, ?, ?, ?)",
            [(n, *_columns(d)) for n, d in enumerate(docs)],
        )

    @classmethod
    def build(cls, kb: KnowledgeBase) -> SearchIndex:
        return cls(list(documents(kb)), condition_matcher(kb))

    def __len__(self) -> int:
        return len(self._documents)

    def parse(self, text: str) -> Query:
        return parse(text, self._cards)

    def search(self, text: str, limit: int = MAX_RESULTS) -> list[Hit]:
        """The best matching sections, best first: every word if possible, else any of them."""
        query = self.parse(text)
        if query.empty:
            return []
        if not query.terms:  # only names: the named cards' sections, in card order
            return self._sections_of(query.cards, limit)
        # "symptoms of sps": the part asked for of the card named, whether or not its text repeats the word.
        asked = [(float("inf"), d, _plain(d.body)) for d in self._documents if _asked_for(d, query)]
        scored = self._run(fts_query(query.terms, "AND"), query)
        if not scored and len(query.terms) > 1:
            scored = self._run(fts_query(query.terms, "OR"), query)
        return _thin(asked + scored, query, limit)

    def close(self) -> None:
        self._db.close()

    def _run(self, match: str, query: Query) -> list[tuple[float, Document, str]]:
        rows = self._db.execute(
            "SELECT rowid, snippet(docs, 3, ?, ?, '…', ?), "
            f"bm25(docs, {', '.join(map(str, _WEIGHTS))}) FROM docs WHERE docs MATCH ? LIMIT ?",
            (MATCH_START, MATCH_END, SNIPPET_TOKENS, match, _CANDIDATES),
        ).fetchall()
        scored = []
        for rowid, snippet, bm25 in rows:
            document = self._documents[rowid]
            scored.append((_score(-bm25, document, query), document, snippet))
        return scored

    def _sections_of(self, keys: Sequence[str], limit: int) -> list[Hit]:
        hits: list[Hit] = []
        seen: set[tuple[str | None, str]] = set()
        for key in keys:
            for document in self._documents:
                if document.card == key and (key, document.section) not in seen:
                    seen.add((key, document.section))
                    hits.append(Hit(document, _plain(document.body)))
                    if len(hits) == limit:
                        return hits
        return hits


def _score(relevance: float, document: Document, query: Query) -> float:
    """bm25 relevance, weighed by what the card says about the match: central, about the named treatment, absent."""
    score = relevance / (1 + POSITION_PENALTY * document.position)
    if query.agents & document.treats:
        score *= TREATS_BOOST
    elif query.agents & document.cautions:
        score *= CAUTION_BOOST
    if document.section in query.sections:
        score *= SECTION_BOOST
    if document.absent:
        score *= ABSENT_PENALTY
    return score


def _thin(scored: list[tuple[float, Document, str]], query: Query, limit: int) -> list[Hit]:
    """Best first: the named cards, then a glossary entry named exactly, then the rest; one hit per card section,
    PER_CARD per card unless it was named."""
    named = query.cards

    def order(s: tuple[float, Document, str]) -> tuple[bool, bool, float]:
        return s[1].card not in named, not _names_the_term(s[1], query), -s[0]

    ordered = sorted(scored, key=order)
    hits: list[Hit] = []
    seen: set[tuple[str | None, str, str]] = set()
    per_card: Counter[str] = Counter()
    for _, document, snippet in ordered:
        place = (document.card, document.title, document.section)
        if place in seen:
            continue
        if document.card is not None and document.card not in named:
            if per_card[document.card] >= PER_CARD:
                continue
            per_card[document.card] += 1
        seen.add(place)
        hits.append(Hit(document, snippet))
        if len(hits) == limit:
            break
    return hits


def _asked_for(document: Document, query: Query) -> bool:
    """The first statement of a part the query asks for, of a card it names."""
    return document.card in query.cards and document.section in query.sections and document.position == 0


def _plain(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _names_the_term(document: Document, query: Query) -> bool:
    """Whether the query is exactly this glossary entry's term or one of its aliases ("plasma exchange")."""
    if document.card is not None or not query.text:
        return False
    return query.text in {normalize(n) for n in (document.title, *document.other_names)}


def _columns(d: Document) -> tuple[str, str, str, str]:
    names = _clean(" ".join((d.title, *d.other_names)))
    return ("", names, "", _clean(d.body)) if d.card is None else (names, "", _clean(d.section), _clean(d.body))


def _clean(text: str) -> str:
    """Our text with the highlight markers (and any other control character) made spaces."""
    return _CONTROL.sub(" ", text)
