"""Finding glossary terms: the same Matcher as condition names, so autocomplete, exact lookups and "did you mean"
agree, plus which cards use each term (a card lists its terms, or their aliases, in its `glossary` field)."""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.glossary import GlossaryTerm
from bot.knowledge.matcher import MAX_CHOICES, Entry, Matcher, normalize


class GlossaryLookup:
    def __init__(self, kb: KnowledgeBase) -> None:
        # Alphabetical, so an empty autocomplete box lists the first terms A to Z.
        terms = sorted(kb.glossary, key=lambda t: t.term.casefold())
        self._terms = {t.term: t for t in terms}
        self.matcher = Matcher(Entry(key=t.term, display=t.term, names=(t.term, *t.aliases)) for t in terms)
        self._cards = {t.term: _cards_using(kb, t) for t in terms}

    def find(self, text: str) -> GlossaryTerm | None:
        """The one term this text clearly names (by term, alias, unique prefix or clear typo), or None."""
        key = self.matcher.resolve(text)
        return None if key is None else self._terms[key]

    def suggest(self, text: str, limit: int = 3) -> list[GlossaryTerm]:
        return [self._terms[key] for key in self.matcher.suggest(text, limit)]

    def choices(self, text: str) -> list[tuple[str, str]]:
        """(name, value) pairs for Discord autocomplete; the value is the term itself."""
        return self.matcher.choices(text, MAX_CHOICES)

    def cards_using(self, term: GlossaryTerm) -> tuple[str, ...]:
        """Keys of the cards that list this term, in the knowledge base's (alphabetical) order."""
        return self._cards[term.term]


def _cards_using(kb: KnowledgeBase, term: GlossaryTerm) -> tuple[str, ...]:
    names = {normalize(n) for n in (term.term, *term.aliases)}
    return tuple(c.key for c in kb.conditions if any(normalize(g) in names for g in c.glossary))
