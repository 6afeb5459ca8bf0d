"""/deck: an optional, private spaced-repetition deck per member, of the facts the quiz asks about.

A member opts in by adding to it (`/deck add`, or "Add to my deck" under a quiz review's answer); `/deck study`
asks what is due, one question at a time, and FSRS (bot.deck.schedule) decides when each item comes back. The deck
is kept under the member's keyed hash (never the user ID), holds only the bot's own item keys and the scheduler's
numbers and dates, and goes with `/deck delete`, or by itself KEPT_DAYS after its member last studied or added.
It needs the database: while it cannot be reached, every answer says so and nothing is half-written.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass

import discord

from bot.deck.ids import DELETE_ID, parse_add, parse_answer
from bot.deck.items import Item, parse_item
from bot.deck.render import answered_post, embed, question_post, when
from bot.deck.schedule import MAX_INTERVAL_DAYS, Memory, new_memory, review
from bot.knowledge.lookup import choice_label
from bot.quiz.ids import question_digest
from bot.quiz.questions import Question, QuestionBank, fact_about
from bot.quiz.render import ButtonSpec, QuizPost
from bot.storage.shared import SharedStore

KEPT_DAYS = 180  # a deck nobody studies goes after this many days
MAX_ITEMS = 200  # more than every facet of every card today; bounds what one member can store
DELETE_LABEL = "Delete my deck"

UNAVAILABLE = "Your deck can't be reached right now (the bot's database is not open). Please try again in a minute."
EMPTY = (
    "Your deck is empty. Add a condition's facts with `/deck add`, or press **Add to my deck** under an answer in "
    "a quiz review."
)
HOW_IT_IS_KEPT = (
    "Your deck is private: it is kept under a keyed hash of your account (never your user ID), and holds only which "
    f"facts you added and when each is due (days, not times). It goes by itself {KEPT_DAYS} days after you last "
    "use it, or at once with `/deck delete`."
)
NOT_AN_ITEM = "That button is out of date: the cards changed since it was made. Try `/deck study`."
GONE = "That fact is no longer in your deck. `/deck study` shows what is due."
NOTHING_ASKABLE = (
    "The cards have changed since you added these facts, and none of them can be asked any more. `/deck status` "
    "shows what your deck holds; `/deck delete` clears it."
)
ALREADY = "You already answered that one; it counts once. `/deck study` shows what is due next."


@dataclass(frozen=True)
class DeckAnswer:
    post: QuizPost | None = None  # a private message with an embed (and maybe buttons)
    content: str | None = None  # otherwise a private line
    edit: bool = False  # the post replaces the message clicked


def _expiry(today: dt.date) -> float:
    end = dt.datetime.combine(today + dt.timedelta(days=KEPT_DAYS), dt.time(), tzinfo=dt.UTC)
    return end.timestamp()


def _memories(stored: Mapping[str, str], today: dt.date) -> dict[Item, Memory]:
    """The deck's items; a value this version cannot read starts over as new rather than failing the deck."""
    found = {}
    for key, text in stored.items():
        item = parse_item(key)
        if item is not None:
            found[item] = Memory.decode(text) or new_memory(today)
    return found


async def add_card(bank: QuestionBank, store: SharedStore | None, user_id: int, card: str, today: dt.date) -> str:
    """Add every fact the quiz can ask about one card."""
    if store is None:
        return UNAVAILABLE
    facets = bank.facets_of(card)
    if not facets:
        return "There are no quiz questions on that condition yet, so there is nothing to add."
    return await _add(bank, store, user_id, [Item(card, f) for f in facets], today)


async def add_from_button(
    bank: QuestionBank, store: SharedStore | None, user_id: int, custom_id: str, today: dt.date
) -> str:
    item = parse_add(custom_id)
    if item is None or item.facet not in bank.facets_of(item.card):
        return NOT_AN_ITEM
    if store is None:
        return UNAVAILABLE
    return await _add(bank, store, user_id, [item], today)


async def _add(bank: QuestionBank, store: SharedStore, user_id: int, items: list[Item], today: dt.date) -> str:
    member = store.member(user_id)
    before = await store.backend.deck(member)
    fresh = {i.key: new_memory(today).encode() for i in items if i.key not in before}
    added = await store.backend.add_to_deck(member, fresh, expires_at=_expiry(today), limit=MAX_ITEMS)
    name = choice_label(bank.kb.by_key[items[0].card])
    if added == 0 and fresh and len(before) >= MAX_ITEMS:
        return f"Your deck is full ({MAX_ITEMS} facts). Remove a condition with `/deck remove` to make room."
    if added == 0:
        return (
            f"That is already in your deck ({name})." if len(items) == 1 else f"All of {name} is already in your deck."
        )
    what = f"1 fact on {name}" if added == 1 else f"{added} facts on {name}"
    lines = [f"Added {what} to your deck; due now: `/deck study`."]
    if added < len(fresh):
        lines.append(f"Your deck is full ({MAX_ITEMS} facts): {len(fresh) - added} did not fit.")
    if not before:
        lines.append(HOW_IT_IS_KEPT)
    return "\n".join(lines)


async def remove_card(bank: QuestionBank, store: SharedStore | None, user_id: int, card: str) -> str:
    if store is None:
        return UNAVAILABLE
    member = store.member(user_id)
    held = [key for key in await store.backend.deck(member) if key.startswith(f"{card}/")]
    gone = await store.backend.remove_from_deck(member, held)
    name = choice_label(bank.kb.by_key[card])
    if not gone:
        return f"Your deck has nothing on {name}."
    return f"Removed {gone} fact(s) on {name} from your deck."


async def study(
    bank: QuestionBank, store: SharedStore | None, user_id: int, today: dt.date, seed: int, *, edit: bool = False
) -> DeckAnswer:
    """The next item due, asked as a question (a new seed each time, so the options vary)."""
    if store is None:
        return DeckAnswer(content=UNAVAILABLE)
    member = store.member(user_id)
    memories = _memories(await store.backend.deck(member), today)
    if not memories:
        return DeckAnswer(content=EMPTY)
    asked = _next_due(bank, memories, today, seed)
    if asked is None:
        askable = [m.due for i, m in memories.items() if _askable(bank, i)]
        if not askable:
            return DeckAnswer(content=NOTHING_ASKABLE)
        line = f"Nothing is due today. Your next fact is due {when(min(askable), today)}. 🎉"
        return DeckAnswer(post=answered_post([line], 0), edit=edit) if edit else DeckAnswer(content=line)
    item, question_seed, due_now = asked
    question = bank.about(item.card, item.facet, question_seed)
    assert question is not None  # _next_due only picks items that still have a question
    post = question_post(item, question, question_seed, memories[item].reviews, due_now)
    return DeckAnswer(post=post, edit=edit)


def _askable(bank: QuestionBank, item: Item) -> bool:
    """Whether the cards still allow a question on the item (a card or a facet's question can go)."""
    return item.facet in bank.facets_of(item.card)


def _next_due(
    bank: QuestionBank, memories: Mapping[Item, Memory], today: dt.date, seed: int
) -> tuple[Item, int, int] | None:
    """The most overdue item that still has a question (ties in a random order), its question's seed, and how many
    are due in all."""
    due = [i for i, m in memories.items() if m.is_due(today) and _askable(bank, i)]
    if not due:
        return None
    rng = random.Random(seed)
    rng.shuffle(due)
    due.sort(key=lambda i: memories[i].due)
    return due[0], rng.getrandbits(32), len(due)


async def answer(
    bank: QuestionBank, store: SharedStore | None, user_id: int, custom_id: str, today: dt.date
) -> DeckAnswer:
    """Score an answer (once), schedule the item again, and say when it comes back."""
    ref = parse_answer(custom_id)
    question = bank.about(ref.item.card, ref.item.facet, ref.seed) if ref else None
    if ref is None or question is None or question_digest(question) != ref.digest:
        return DeckAnswer(content=NOT_AN_ITEM)
    if store is None:
        return DeckAnswer(content=UNAVAILABLE)
    member = store.member(user_id)
    stored = await store.backend.deck(member)
    was = stored.get(ref.item.key)
    if was is None:
        return DeckAnswer(content=GONE)
    memory = Memory.decode(was) or new_memory(today)
    if memory.reviews != ref.reviews:
        return DeckAnswer(content=ALREADY)
    right = ref.choice == question.answer
    after = review(memory, right, today)
    if not await store.backend.save_deck_item(member, ref.item.key, after.encode(), was=was, expires_at=_expiry(today)):
        return DeckAnswer(content=ALREADY)  # another click on the same question got there first
    lines = [
        _verdict(bank, question, ref.choice),
        f"**Why:** {question.explanation}",
        f"More: `/condition {question.card}`",
    ]
    lines.append(f"-# This fact comes back {when(after.due, today)}.")
    memories = _memories({**stored, ref.item.key: after.encode()}, today)
    more = sum(1 for i, m in memories.items() if m.is_due(today) and _askable(bank, i))
    return DeckAnswer(post=answered_post(lines, more), edit=True)


def _verdict(bank: QuestionBank, question: Question, choice: int) -> str:
    right = f"**{question.letter}. {question.right.label}**"
    if choice == question.answer:
        return f"✅ **Right!** {right}"
    verdict = f"❌ **Not quite.** The answer is {right}"
    if question.about_cards:
        picked = question.options[choice]
        verdict += f"\nYou picked {picked.label}: {fact_about(bank.kb.by_key[picked.key], question)}."
    return verdict


async def status(bank: QuestionBank, store: SharedStore | None, user_id: int, today: dt.date) -> DeckAnswer:
    if store is None:
        return DeckAnswer(content=UNAVAILABLE)
    memories = _memories(await store.backend.deck(store.member(user_id)), today)
    if not memories:
        return DeckAnswer(content=EMPTY)
    due = sum(1 for m in memories.values() if m.is_due(today))
    cards: dict[str, int] = {}
    for item in sorted(memories):
        cards[item.card] = cards.get(item.card, 0) + 1
    names = ", ".join(
        f"{choice_label(bank.kb.by_key[c])} ({n})" if c in bank.kb.by_key else f"{c} ({n}, no longer a card)"
        for c, n in cards.items()
    )
    later = [m.due for m in memories.values() if not m.is_due(today)]
    lines = [
        f"**{len(memories)} fact(s)**, {due} due today."
        + (f" Next after that: {when(min(later), today)}." if later else ""),
        f"**On:** {names}",
        "",
        f"**What is kept:** {HOW_IT_IS_KEPT}",
        f"-# Facts come back after at most {MAX_INTERVAL_DAYS} days; studying keeps the deck for another {KEPT_DAYS}.",
    ]
    return DeckAnswer(post=QuizPost(embed("Your deck", "\n".join(lines))))


def delete_prompt() -> DeckAnswer:
    button = ButtonSpec(DELETE_LABEL, DELETE_ID, discord.ButtonStyle.danger, 0)
    text = "This deletes your whole deck at once, and it cannot be undone. Press the button to go ahead."
    return DeckAnswer(post=QuizPost(embed("Delete your deck?", text), (button,)))


async def delete(store: SharedStore | None, user_id: int) -> DeckAnswer:
    if store is None:
        return DeckAnswer(content=UNAVAILABLE)
    gone = await store.backend.delete_deck(store.member(user_id))
    text = (
        f"Deleted your deck ({gone} fact(s)). Nothing of it is kept."
        if gone
        else "You have no deck: nothing to delete."
    )
    return DeckAnswer(post=QuizPost(embed("Your deck", text)), edit=True)
