"""Common causes of leg weakness that are not immune-mediated, which the bot recognises but does not cover.

Someone who types "ALS" or "stroke" is told plainly that this bot covers immune-mediated causes only, what that
condition is in a sentence, when it is an emergency, and where to read more: never a card for another disease.
The content lives in data/not_covered.yaml, sourced like every card.
"""

from __future__ import annotations

from pydantic import Field

from bot.knowledge.matcher import Entry, Matcher
from bot.knowledge.models import HttpsUrl, Key, Strict, Text60, Text80, Text200, Text240

OTHER_CAUSES_FILE = "not_covered.yaml"


class Page(Strict):
    title: Text200
    publisher: Text80
    url: HttpsUrl


class OtherCause(Strict):
    key: Key
    name: Text80
    aliases: tuple[Text60, ...] = Field(default=(), max_length=15)
    what: Text240 = Field(description="One or two plain sentences on what it is (the page says so).")
    urgent: Text200 | None = Field(default=None, description="The signs that mean call an ambulance now.")
    see: Page = Field(description="A reputable general page: where to read more, and the source of `what`.")


class OtherCauses(Strict):
    conditions: tuple[OtherCause, ...] = Field(min_length=1)


def other_causes_matcher(causes: tuple[OtherCause, ...]) -> Matcher:
    return Matcher(Entry(key=c.key, display=c.name, names=(c.key, c.name, *c.aliases)) for c in causes)
