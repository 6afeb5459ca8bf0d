"""/which's menus and choices: the options (from the controlled vocabularies, read through the facet table), the
choices a person made, and their compact form in custom_ids, so a message rebuilds itself after a restart.

A study tool, not a symptom checker: it answers "which cards list these features?", never "how likely".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from bot.knowledge.facets import CLUES, COURSE, FATIGABILITY, ONSET, REFLEXES, SENSATION, WEAKNESS
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Clue, Course, Distribution, Fatigability, OnsetSpeed, Reflexes, Sensation, Vocab


class Menu(StrEnum):
    """The select menus, in the order they are shown; the value is the menu's letter in custom_ids."""

    SPEED = "s"
    WHERE = "w"
    EXAM = "e"
    CLUES = "c"

    @property
    def max_values(self) -> int:
        return len(OPTIONS_BY_MENU[self]) if self in (Menu.EXAM, Menu.CLUES) else 1


CLEAR = "x"  # the Clear button's letter in custom_ids


class Fit(IntEnum):
    """How a card meets one choice; lower ranks first."""

    EXACT = 0
    VARIES = 1  # the card says "varies": it matches any choice, below an exact match
    MISS = 2


@dataclass(frozen=True)
class Option:
    menu: Menu
    value: str  # the select option's value: readable and stable
    code: str  # one letter in custom_ids: never reuse or change one, or older messages would change meaning
    label: str  # what the menu shows
    feature: str  # what the card's own labels are prefixed with in results: "Reflexes"
    finding: str  # options of one finding are alternatives (any may match); findings must all match
    card_values: Callable[[Condition], Sequence[Vocab]] = field(compare=False, repr=False)
    wanted: frozenset[Vocab] = frozenset()
    varies: Vocab | None = None  # the card value that means "varies"

    @property
    def text(self) -> str:
        """The choice in a sentence's worth of context: "Reflexes: brisk"."""
        return f"{self.feature}: {self.label}"

    def fit(self, condition: Condition) -> tuple[Fit, tuple[str, ...]]:
        """How the card meets this option, and what to show: the card's own labels, or the feature that varies."""
        values = self.card_values(condition)
        hits = tuple(f"{self.feature}: {v.label}" for v in values if v in self.wanted)
        if hits:
            return Fit.EXACT, hits
        if self.varies is not None and self.varies in values:
            return Fit.VARIES, (self.feature,)
        return Fit.MISS, ()


def _speed(value: OnsetSpeed, code: str) -> Option:
    return Option(
        menu=Menu.SPEED, value=value.value, code=code, label=value.label, feature="Onset", finding="speed",
        card_values=ONSET.values, wanted=frozenset({value}), varies=OnsetSpeed.VARIES,
    )  # fmt: skip


# "Comes and goes" is about the course, not the speed, but answers the same question: how did it come on?
COMES_AND_GOES = Option(
    menu=Menu.SPEED, value="comes_and_goes", code="r", label="comes and goes", feature="Course", finding="speed",
    card_values=COURSE.values, wanted=frozenset({Course.RELAPSING, Course.FLUCTUATING}),
    varies=Course.VARIES,
)  # fmt: skip


def _where(value: Distribution, code: str, *also: Distribution) -> Option:
    return Option(
        menu=Menu.WHERE, value=value.value, code=code, label=value.label, feature="Weakness", finding="where",
        card_values=WEAKNESS.values, wanted=frozenset({value, *also}),
    )  # fmt: skip


def _reflexes(value: Reflexes, code: str) -> Option:
    return Option(
        menu=Menu.EXAM, value=f"reflexes.{value.value}", code=code, label=value.label, feature="Reflexes",
        finding="reflexes", card_values=REFLEXES.values, wanted=frozenset({value}),
        varies=Reflexes.VARIES,
    )  # fmt: skip


def _sensation(value: Sensation, code: str) -> Option:
    return Option(
        menu=Menu.EXAM, value=f"sensation.{value.value}", code=code, label=value.label, feature="Sensation",
        finding="sensation", card_values=SENSATION.values, wanted=frozenset({value}),
        varies=Sensation.VARIES,
    )  # fmt: skip


def _fatigability(value: Fatigability, code: str) -> Option:
    return Option(
        menu=Menu.EXAM, value=f"fatigability.{value.value}", code=code, label=value.label, feature="Fatigability",
        finding="fatigability", card_values=FATIGABILITY.values, wanted=frozenset({value}),
    )  # fmt: skip


def _clue(value: Clue, code: str) -> Option:
    # Each clue is a finding of its own: picking two asks for cards that list both.
    return Option(
        menu=Menu.CLUES, value=value.value, code=code, label=value.label, feature="Clue", finding=value.value,
        card_values=CLUES.values, wanted=frozenset({value}),
    )  # fmt: skip


# The menus' options, from the controlled vocabularies. A card's "varies" is never a choice (it meets any choice);
# "leg weakness not typical" is not one either, and "one side of the body" goes with "one limb or patchy".
OPTIONS: tuple[Option, ...] = (
    _speed(OnsetSpeed.HOURS_TO_DAYS, "h"),
    _speed(OnsetSpeed.DAYS_TO_WEEKS, "d"),
    _speed(OnsetSpeed.WEEKS_TO_MONTHS, "w"),
    _speed(OnsetSpeed.MONTHS_TO_YEARS, "m"),
    COMES_AND_GOES,
    _where(Distribution.ASCENDING, "a"),
    _where(Distribution.PROXIMAL, "p"),
    _where(Distribution.DISTAL, "d"),
    _where(Distribution.PATCHY, "o", Distribution.ONE_SIDE),
    _where(Distribution.GENERALIZED, "g"),
    _where(Distribution.BOTH_LEGS, "b"),
    _reflexes(Reflexes.REDUCED_OR_ABSENT, "r"),
    _reflexes(Reflexes.BRISK, "b"),
    _reflexes(Reflexes.NORMAL, "n"),
    _sensation(Sensation.AFFECTED, "s"),
    _sensation(Sensation.SPARED, "u"),
    _fatigability(Fatigability.FATIGABLE, "f"),
    _fatigability(Fatigability.IMPROVES_WITH_USE, "i"),
    _fatigability(Fatigability.NOT_TYPICAL, "t"),
    _clue(Clue.VISION, "v"),
    _clue(Clue.EYELIDS_DOUBLE_VISION, "e"),
    _clue(Clue.FACE_WEAKNESS, "f"),
    _clue(Clue.SWALLOWING_SPEECH, "s"),
    _clue(Clue.BREATHING, "b"),
    _clue(Clue.RASH, "r"),
    _clue(Clue.DRY_EYES_MOUTH, "d"),
    _clue(Clue.BLADDER_BOWEL, "u"),
    _clue(Clue.JOINT_PAIN, "j"),
    _clue(Clue.STIFFNESS_SPASMS, "k"),
    _clue(Clue.AUTONOMIC, "a"),
    _clue(Clue.NERVE_PAIN, "p"),
    _clue(Clue.CONSTITUTIONAL, "w"),
    _clue(Clue.UNSTEADY_WALKING, "t"),
)
OPTIONS_BY_MENU: dict[Menu, tuple[Option, ...]] = {m: tuple(o for o in OPTIONS if o.menu is m) for m in Menu}
_BY_CODE = {(o.menu, o.code): o for o in OPTIONS}
_BY_VALUE = {(o.menu, o.value): o for o in OPTIONS}
_ORDER = {o: n for n, o in enumerate(OPTIONS)}


# The choices, and their compact form in custom_ids


PREFIX = "which"
# which:<menu or x>:<speed>.<where>.<exam>.<clues>, each part the chosen options' letters in table order.
_CUSTOM_ID = re.compile(r"which:([a-z]):([a-z]*)\.([a-z]*)\.([a-z]*)\.([a-z]*)")


@dataclass(frozen=True)
class Choices:
    picked: tuple[Option, ...] = ()  # in table order, so each set of choices has exactly one custom_id

    def __post_init__(self) -> None:
        object.__setattr__(self, "picked", tuple(sorted(set(self.picked), key=_ORDER.__getitem__)))

    def in_menu(self, menu: Menu) -> tuple[Option, ...]:
        return tuple(o for o in self.picked if o.menu is menu)

    def with_menu(self, menu: Menu, options: Iterable[Option]) -> Choices:
        return Choices((*(o for o in self.picked if o.menu is not menu), *options))

    def custom_id(self, control: str) -> str:
        """The custom_id of one control (a Menu letter or CLEAR) on a message showing these choices."""
        parts = ("".join(o.code for o in self.in_menu(m)) for m in Menu)
        return f"{PREFIX}:{control}:{'.'.join(parts)}"


def parse_custom_id(custom_id: str) -> tuple[str, Choices] | None:
    """The control and the choices a custom_id carries; None unless it is exactly one this bot would make."""
    match = _CUSTOM_ID.fullmatch(custom_id)
    if not match or match[1] not in {*Menu, CLEAR}:
        return None
    picked: list[Option] = []
    for menu, codes in zip(Menu, match.groups()[1:], strict=True):
        if len(codes) > menu.max_values or any((menu, code) not in _BY_CODE for code in codes):
            return None
        picked += [_BY_CODE[menu, code] for code in codes]
    choices = Choices(tuple(picked))
    return (match[1], choices) if choices.custom_id(match[1]) == custom_id else None


def next_choices(custom_id: str, values: Sequence[str] | None) -> Choices | None:
    """The choices after using one control: a menu (values picked) or the Clear button (values None).

    None when the custom_id or the values are not ones this bot made: forged, or from a version that is gone.
    """
    parsed = parse_custom_id(custom_id)
    if parsed is None:
        return None
    control, choices = parsed
    if control == CLEAR:
        return Choices() if values is None else None
    menu = Menu(control)
    if values is None or len(values) > menu.max_values or len(set(values)) < len(values):
        return None
    if any((menu, value) not in _BY_VALUE for value in values):
        return None
    return choices.with_menu(menu, [_BY_VALUE[menu, value] for value in values])
