"""Controlled vocabularies for the facets that commands filter and compare on.

Each value carries a short label for cards and comparisons. Content authors write the value (the enum's
string); readers see the label. Adding a value here is a content-schema change: regenerate the JSON Schema.
"""

from __future__ import annotations

from enum import StrEnum


class Vocab(StrEnum):
    """A controlled value with a human label."""

    @property
    def label(self) -> str:
        return _LABELS[self]


class Category(Vocab):
    CENTRAL_NERVOUS_SYSTEM = "central_nervous_system"
    PERIPHERAL_NERVES = "peripheral_nerves"
    NEUROMUSCULAR_JUNCTION = "neuromuscular_junction"
    MUSCLE = "muscle"
    SYSTEMIC = "systemic"


class OnsetSpeed(Vocab):
    HOURS_TO_DAYS = "hours_to_days"
    DAYS_TO_WEEKS = "days_to_weeks"
    WEEKS_TO_MONTHS = "weeks_to_months"
    MONTHS_TO_YEARS = "months_to_years"
    VARIES = "varies"


class Course(Vocab):
    MONOPHASIC = "monophasic"
    RELAPSING = "relapsing"
    PROGRESSIVE = "progressive"
    FLUCTUATING = "fluctuating"
    VARIES = "varies"


class Distribution(Vocab):
    ASCENDING = "ascending"
    PROXIMAL = "proximal"
    DISTAL = "distal"
    BOTH_LEGS = "both_legs"
    ONE_SIDE = "one_side"
    PATCHY = "patchy"
    GENERALIZED = "generalized"
    NOT_TYPICAL = "not_typical"


class Reflexes(Vocab):
    REDUCED_OR_ABSENT = "reduced_or_absent"
    BRISK = "brisk"
    NORMAL = "normal"
    VARIES = "varies"


class Sensation(Vocab):
    AFFECTED = "affected"
    SPARED = "spared"
    VARIES = "varies"


class Fatigability(Vocab):
    FATIGABLE = "fatigable"
    IMPROVES_WITH_USE = "improves_with_use"
    NOT_TYPICAL = "not_typical"


class Clue(Vocab):
    VISION = "vision"
    EYELIDS_DOUBLE_VISION = "eyelids_double_vision"
    FACE_WEAKNESS = "face_weakness"
    SWALLOWING_SPEECH = "swallowing_speech"
    BREATHING = "breathing"
    RASH = "rash"
    DRY_EYES_MOUTH = "dry_eyes_mouth"
    BLADDER_BOWEL = "bladder_bowel"
    JOINT_PAIN = "joint_pain"
    STIFFNESS_SPASMS = "stiffness_spasms"
    AUTONOMIC = "autonomic"


class Status(Vocab):
    DRAFT = "draft"
    REVIEWED = "reviewed"


_LABELS: dict[Vocab, str] = {
    Category.CENTRAL_NERVOUS_SYSTEM: "Brain and spinal cord",
    Category.PERIPHERAL_NERVES: "Peripheral nerves",
    Category.NEUROMUSCULAR_JUNCTION: "Nerve-muscle junction",
    Category.MUSCLE: "Muscle",
    Category.SYSTEMIC: "Whole-body autoimmune disease",
    OnsetSpeed.HOURS_TO_DAYS: "hours to days",
    OnsetSpeed.DAYS_TO_WEEKS: "days to weeks",
    OnsetSpeed.WEEKS_TO_MONTHS: "weeks to months",
    OnsetSpeed.MONTHS_TO_YEARS: "months to years",
    OnsetSpeed.VARIES: "varies",
    Course.MONOPHASIC: "one episode, then recovery",
    Course.RELAPSING: "comes and goes (relapses)",
    Course.PROGRESSIVE: "keeps getting worse",
    Course.FLUCTUATING: "changes hour to hour or day to day",
    Course.VARIES: "varies",
    Distribution.ASCENDING: "rising from the feet",
    Distribution.PROXIMAL: "hips and thighs (proximal)",
    Distribution.DISTAL: "feet and lower legs (distal)",
    Distribution.BOTH_LEGS: "both legs (spinal cord pattern)",
    Distribution.ONE_SIDE: "one side of the body",
    Distribution.PATCHY: "one limb or patchy",
    Distribution.GENERALIZED: "legs and arms",
    Distribution.NOT_TYPICAL: "leg weakness not typical",
    Reflexes.REDUCED_OR_ABSENT: "reduced or absent",
    Reflexes.BRISK: "brisk",
    Reflexes.NORMAL: "usually normal",
    Reflexes.VARIES: "varies",
    Sensation.AFFECTED: "often involved",
    Sensation.SPARED: "usually spared",
    Sensation.VARIES: "varies",
    Fatigability.FATIGABLE: "worse with use, better with rest",
    Fatigability.IMPROVES_WITH_USE: "briefly better with use",
    Fatigability.NOT_TYPICAL: "not typical",
    Clue.VISION: "vision loss or eye pain",
    Clue.EYELIDS_DOUBLE_VISION: "drooping eyelids or double vision",
    Clue.FACE_WEAKNESS: "face weakness",
    Clue.SWALLOWING_SPEECH: "trouble swallowing or speaking",
    Clue.BREATHING: "breathing trouble",
    Clue.RASH: "skin rash",
    Clue.DRY_EYES_MOUTH: "dry eyes or mouth",
    Clue.BLADDER_BOWEL: "bladder or bowel problems",
    Clue.JOINT_PAIN: "joint pain",
    Clue.STIFFNESS_SPASMS: "stiffness and spasms",
    Clue.AUTONOMIC: "blood pressure, heart rate or sweating changes",
    Status.DRAFT: "draft",
    Status.REVIEWED: "reviewed",
}
