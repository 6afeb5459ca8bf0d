"""What a search query asks for, worked out from plain text the way a search engine would. Pure.

People type questions in their own words ("I can't feel my feet", "Sjögren's and dry eyes"), so contractions and
possessives are undone before words are split, small words are dropped, each word brings the card words that mean
the same thing ("feel" finds "numbness" and "sensation"), and a condition named in the query is taken out of the
words and kept apart, so its card can rank first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.matcher import Matcher, normalize
from bot.knowledge.vocab import Agent

MAX_WORDS = 12
MAX_WORD_LENGTH = 40
MAX_NAME_WORDS = 5  # the longest condition name looked for inside a query, in words

_QUOTES = re.compile(r"[’‘`´]")
# Contractions first (can't -> can not, won't -> will not), then possessives and the other clitics are dropped.
_NOT = re.compile(r"\b(can|won|shan)'t\b|n't\b", re.IGNORECASE)
_NOT_STEMS = {"won": "will", "shan": "shall"}
_CLITIC = re.compile(r"'(?:s|re|m|ve|ll|d)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")

# Dropped: "what is the treatment for gbs" means "treatment gbs"; a query of only these has nothing to search.
_STOP_WORDS_TEXT = (
    "a about after an and any are as at be been before being but by can could did do does doing for from get gets "
    "getting had has have having he her his how i if in into is it its me might more most my no not of on or our "
    "she should so some such than that the their them then there these they this those to too very was we were what "
    "when where which while who why will with would you your yours cannot keep keeps kept really always sometimes "
    "lot bit like just also still now am im ive much many"
)
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Patients' words and the words the cards use for the same thing. Each query word also finds its alternatives.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "feel": ("sensation", "numbness", "numb"),
    "feeling": ("sensation", "numbness", "numb"),
    "numb": ("numbness", "sensation"),
    "tingle": ("tingling", "paraesthesia"),
    "tingly": ("tingling", "paraesthesia"),
    "pins": ("tingling",),
    "tired": ("fatigue", "tiredness"),
    "exhausted": ("fatigue",),
    "pee": ("bladder", "urine"),
    "wee": ("bladder", "urine"),
    "peeing": ("bladder", "urine"),
    "poo": ("bowel", "constipation"),
    "see": ("vision", "sight"),
    "seeing": ("vision", "sight"),
    "eyesight": ("vision", "sight"),
    "blind": ("vision", "sight"),
    "breathe": ("breathing", "breath"),
    "breathless": ("breathing", "breath"),
    "swallow": ("swallowing",),
    "choke": ("choking", "swallowing"),
    "walk": ("walking",),
    "hurt": ("pain",),
    "hurts": ("pain",),
    "ache": ("pain",),
    "aches": ("pain",),
    "stiff": ("stiffness", "spasms"),
    "drug": ("treatment", "treatments"),
    "drugs": ("treatment", "treatments"),
    "medicine": ("treatment", "treatments"),
    "medicines": ("treatment", "treatments"),
    "medication": ("treatment", "treatments"),
    "cure": ("treatment", "treatments"),
    "treat": ("treatment", "treatments"),
    "treated": ("treatment", "treatments"),
    "diagnosed": ("diagnosis", "test", "tests"),
    "diagnose": ("diagnosis", "test", "tests"),
    "urgent": ("emergency",),
    "worse": ("worsen", "worsens", "worsening"),
    "harmful": ("harm", "worse"),
    "ambulance": ("emergency",),
    "foot": ("feet",),
    "feet": ("foot",),
    "leg": ("legs",),
    "legs": ("leg",),
}


# Everyday names of treatments, beside those in each agent's label ("anti-CD20 antibodies (rituximab, ...)").
_AGENT_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "corticosteroids": ("steroids", "steroid", "prednisone", "prednisolone", "methylprednisolone"),
    "plasma_exchange": ("plasmapheresis", "plex"),
    "ivig": ("intravenous immunoglobulin", "immunoglobulin"),
    "amifampridine": ("firdapse",),
    "pyridostigmine": ("mestinon",),
}


def agent_names() -> dict[str, str]:
    """Normalized name -> agent, from the labels ("S1P receptor modulators (fingolimod, ...)") and everyday names."""
    names: dict[str, str] = {}
    for agent in Agent:
        head, _, rest = agent.label.partition("(")
        for name in (head, *rest.rstrip(")").split(","), *_AGENT_EXTRA_NAMES.get(agent.value, ())):
            if normalize(name):
                names.setdefault(normalize(name), agent.value)
    return names


_AGENT_NAMES = agent_names()


# Words that ask for a part of a card: "what is the treatment for gbs" wants the treatments, not any mention.
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "Main treatments": ("treatment", "treatments", "treat", "treated", "therapy", "therapies", "cure", "drug", "drugs",
                        "medicine", "medicines", "medication", "medications"),
    "Key tests": ("test", "tests", "testing", "diagnose", "diagnosed", "diagnosis", "scan", "scans"),
    "Criteria and guidelines": ("criteria", "criterion", "guideline", "guidelines", "diagnosis", "diagnosed"),
    "Antibodies": ("antibody", "antibodies", "autoantibody", "autoantibodies"),
    "Cautions": ("avoid", "caution", "cautions", "worse", "worsen", "harm", "harmful", "dangerous", "unsafe"),
    "Reflexes": ("reflex", "reflexes"),
    "Sensation": ("sensation", "numb", "numbness", "feel", "feeling"),
    "Fatigability": ("fatigue", "fatigable", "tired", "tires"),
    "Leg weakness": ("weak", "weakness"),
    "Other hallmarks": ("symptom", "symptoms", "sign", "signs"),
    "What the immune system attacks": ("cause", "causes", "attack", "attacks"),
    "Onset and course": ("onset", "course", "fast", "quickly", "slowly", "start", "starts", "begin", "begins"),
    "Get emergency help now": ("emergency", "ambulance", "urgent"),
}  # fmt: skip
_SECTIONS_BY_WORD: dict[str, frozenset[str]] = {}
for _section, _words in SECTION_WORDS.items():
    for _word in _words:
        _SECTIONS_BY_WORD[_word] = _SECTIONS_BY_WORD.get(_word, frozenset()) | {_section}


@dataclass(frozen=True)
class Term:
    """One word of the query and the words that count as the same."""

    word: str
    alternatives: tuple[str, ...] = ()

    @property
    def words(self) -> tuple[str, ...]:
        return (self.word, *self.alternatives)


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]  # what to look for in the text
    cards: tuple[str, ...] = ()  # the conditions the query names, by key, in the order named
    agents: frozenset[str] = frozenset()  # the treatments (or triggers) the query names, as Agent values
    text: str = ""  # the words kept, normalized and joined: to recognise a glossary term typed as it is
    sections: frozenset[str] = frozenset()  # the card parts the words ask for ("treatment" -> "Main treatments")

    @property
    def empty(self) -> bool:
        return not self.terms and not self.cards


def plain_words(text: str) -> list[str]:
    """The words of a text, lower-cased, with contractions undone and possessives dropped; stop words kept."""
    text = _QUOTES.sub("'", text)
    text = _NOT.sub(lambda m: f"{_NOT_STEMS.get((m[1] or '').casefold(), m[1] or '')} not", text)
    text = _CLITIC.sub("", text)
    return [w[:MAX_WORD_LENGTH] for w in _WORD.findall(text.casefold())]


def parse(text: str, cards: Matcher | None = None) -> Query:
    """The terms to search for and the conditions named, from what someone typed."""
    words = plain_words(text)
    named: list[str] = []
    if cards is not None:
        words, named = _take_names(words, cards)
    kept = [w for w in words if w not in STOP_WORDS]
    unique = list(dict.fromkeys(kept))[:MAX_WORDS]
    terms = tuple(Term(w, SYNONYMS.get(w, ())) for w in unique)
    text = normalize(" ".join(kept))
    sections = frozenset(name for w in unique for name in _SECTIONS_BY_WORD.get(w, ()))
    return Query(terms, tuple(named), _agents(text), text, sections)


def _agents(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(agent for name, agent in _AGENT_NAMES.items() if f" {name} " in padded)


def _take_names(words: list[str], cards: Matcher) -> tuple[list[str], list[str]]:
    """Remove every run of words that is exactly a condition's name or alias (longest first); return the rest and
    the keys named. Only exact names count: a query is not a place to guess."""
    rest: list[str] = []
    named: list[str] = []
    i = 0
    while i < len(words):
        for length in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            key = cards.exact(normalize(" ".join(words[i : i + length])))
            if key is not None:
                if key not in named:
                    named.append(key)
                i += length
                break
        else:
            rest.append(words[i])
            i += 1
    return rest, named
