"""Splitting a typed console line into words the way a person means them, not the way a shell does.

A shell (shlex) reads every apostrophe as a quote, so `/condition Sjögren's` or `/search don't` would be "a quote
that is not closed". Here only a quote that opens a word groups words: "guillain barre" (straight or curly double
quotes) or 'guillain barre'. An apostrophe inside or at the end of a word is part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

_CLOSING = {'"': '"', "“": "”", "”": "”", "'": "'", "‘": "’"}  # an opening quote -> the quote that closes it


class UnclosedQuote(ValueError):
    """A quote opened a word and nothing closed it."""


@dataclass(frozen=True)
class Word:
    text: str  # without its quotes
    quoted: bool  # typed in quotes: it was meant as one value, spaces and all


def split_words(line: str) -> list[Word]:
    """The words of `line`; raises UnclosedQuote for `"guillain barre` (an opening quote with no closing one)."""
    words: list[Word] = []
    position, end = 0, len(line)
    while position < end:
        if line[position].isspace():
            position += 1
            continue
        opening = line[position]
        if opening in _CLOSING:
            closing = _closing_quote(line, position)
            if opening in "'‘" and closing == -1:
                closing = _bare_end(line, position)  # 'tis, or a lone apostrophe: not a quote
                words.append(Word(line[position:closing], quoted=False))
                position = closing
                continue
            if closing == -1:
                raise UnclosedQuote(line[position:])
            words.append(Word(line[position + 1 : closing], quoted=True))
            position = closing + 1
            continue
        stop = _bare_end(line, position)
        words.append(Word(line[position:stop], quoted=False))
        position = stop
    return words


def _closing_quote(line: str, start: int) -> int:
    """Where the quote opened at `start` closes, or -1. A single quote closes only at a word's end, so the
    apostrophe in `'multiple sclerosis' don't` is no closing quote."""
    closing = _CLOSING[line[start]]
    position = line.find(closing, start + 1)
    if line[start] not in "'‘":
        return position
    while position != -1 and position + 1 < len(line) and not line[position + 1].isspace():
        position = line.find(closing, position + 1)
    return position


def _bare_end(line: str, start: int) -> int:
    """Where an unquoted word that starts at `start` ends: at the next space. A quote within it (Sjögren's,
    name:"multiple sclerosis") is kept as typed, except that a double-quoted part joins the word whole."""
    position = start
    while position < len(line) and not line[position].isspace():
        if line[position] in '"“' and position > start:
            closing = line.find(_CLOSING[line[position]], position + 1)
            if closing == -1:
                raise UnclosedQuote(line[position:])
            position = closing + 1
            continue
        position += 1
    return position


def unquote_value(text: str) -> str:
    """`name:"multiple sclerosis"` -> the value without its double quotes, as a person meant it."""
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1]
    return text
