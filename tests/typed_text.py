"""Hypothesis strategies for text people type, including everything FTS5 or Discord would read as syntax."""

from __future__ import annotations

from hypothesis import strategies as st

FTS_SYNTAX = ['"', "'", "AND", "OR", "NOT", "NEAR(", ")", "(", "*", "^", ":", "body:", "{card term}", "-", "+", ","]
CONTROL = ["\x00", "\x02", "\x03", "\n", "\t"]
UNICODE = ["🙂", "👩🏽‍⚕️", "é", "\u0301", "ß", "\u200b", "\ufeff", "ـ"]
MARKDOWN = ["@everyone", "**", "`", "_", "\\", "<@1>", "# "]
NASTY = [*FTS_SYNTAX, *CONTROL, *UNICODE, *MARKDOWN, ";", "--", " "]
WORDS = ["double", "vision", "myelin", "breathing", "lupus", "treatment", "the", "gbs", "ms"]


def typed_text(*extra: str) -> st.SearchStrategy[str]:
    """Random text, syntax and real words (plus any extra pieces), glued together."""
    pieces = st.one_of(st.text(max_size=20), st.sampled_from(NASTY), st.sampled_from([*WORDS, *extra]))
    return st.lists(pieces, max_size=12).map("".join)
