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
    STEPWISE = "stepwise"
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
    NERVE_PAIN = "nerve_pain"
    CONSTITUTIONAL = "constitutional"
    UNSTEADY_WALKING = "unsteady_walking"


class Status(Vocab):
    DRAFT = "draft"
    REVIEWED = "reviewed"


class SourceKind(Vocab):
    GUIDELINE = "guideline"
    CRITERIA = "criteria"
    REVIEW = "review"
    TRIAL = "trial"
    STUDY = "study"
    AGENCY = "agency"
    FOUNDATION = "foundation"


class CautionKind(Vocab):
    WORSENS = "worsens"  # can make the disease worse or trigger a crisis
    NO_BENEFIT = "no_benefit"  # shown not to help here, although it helps elsewhere
    RISK = "risk"  # a danger that comes with a treatment or situation in this condition


def _labelled(name: str, pairs: dict[str, str]) -> type[Vocab]:
    """A vocabulary whose labels are written beside its values (long lists read better this way)."""
    vocab = Vocab(name, {key.upper(): key for key in pairs})  # type: ignore[call-overload]
    _LABELS.update({vocab(key): label for key, label in pairs.items()})
    return vocab


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
    Course.STEPWISE: "worsens in steps",
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
    Clue.NERVE_PAIN: "burning or shooting nerve pain",
    Clue.CONSTITUTIONAL: "fever, weight loss or night sweats",
    Clue.UNSTEADY_WALKING: "unsteady walking or poor balance",
    Status.DRAFT: "draft",
    Status.REVIEWED: "reviewed",
    SourceKind.GUIDELINE: "guideline",
    SourceKind.CRITERIA: "criteria",
    SourceKind.REVIEW: "review",
    SourceKind.TRIAL: "trial",
    SourceKind.STUDY: "study",
    SourceKind.AGENCY: "agency",
    SourceKind.FOUNDATION: "foundation",
    CautionKind.WORSENS: "can make it worse",
    CautionKind.NO_BENEFIT: "does not help",
    CautionKind.RISK: "risk",
}

# Antibodies by one canonical name each, so /compare and /quiz never spell one antibody two ways.
Antibody = _labelled(
    "Antibody",
    {
        "aqp4": "AQP4-IgG",
        "mog": "MOG-IgG",
        "achr": "anti-AChR",
        "musk": "anti-MuSK",
        "lrp4": "anti-LRP4",
        "vgcc": "anti-P/Q-type VGCC",
        "sox1": "anti-SOX1",
        "gad65": "anti-GAD65",
        "amphiphysin": "anti-amphiphysin",
        "glyr": "anti-GlyR",
        "dppx": "anti-DPPX",
        "gq1b": "anti-GQ1b",
        "gm1": "anti-GM1",
        "gd1a": "anti-GD1a",
        "nf155": "anti-NF155",
        "cntn1": "anti-CNTN1",
        "caspr1": "anti-Caspr1",
        "nf186": "anti-NF186/NF140 (pan-neurofascin)",
        "hmgcr": "anti-HMGCR",
        "srp": "anti-SRP",
        "mi2": "anti-Mi-2",
        "mda5": "anti-MDA5",
        "tif1g": "anti-TIF1-γ",
        "nxp2": "anti-NXP2",
        "sae": "anti-SAE",
        "jo1": "anti-Jo-1",
        "other_synthetase": "other anti-synthetase (PL-7, PL-12, EJ, OJ)",
        "cn1a": "anti-cN1A (NT5C1A)",
        "ana": "ANA",
        "dsdna": "anti-dsDNA",
        "sm": "anti-Sm",
        "antiphospholipid": "antiphospholipid antibodies",
        "ro60": "anti-Ro60/SSA",
        "ro52": "anti-Ro52",
        "la": "anti-La/SSB",
        "rf": "rheumatoid factor",
        "anca": "ANCA (MPO or PR3)",
        "cryoglobulins": "cryoglobulins",
        "hu": "anti-Hu",
    },
)

# What a treatment or caution statement is about: lets /quiz set a card's cautions against its own treatments.
Agent = _labelled(
    "Agent",
    {
        "corticosteroids": "corticosteroids",
        "ivig": "IVIg",
        "scig": "subcutaneous immunoglobulin",
        "plasma_exchange": "plasma exchange",
        "anti_cd20": "anti-CD20 antibodies (rituximab, ocrelizumab, ofatumumab, ublituximab)",
        "anti_cd19": "inebilizumab (anti-CD19)",
        "il6_receptor": "IL-6 receptor blockers (satralizumab, tocilizumab)",
        "complement_c5": "complement C5 inhibitors (eculizumab, ravulizumab, zilucoplan)",
        "fcrn": "FcRn blockers (efgartigimod, rozanolixizumab, nipocalimab)",
        "interferon_beta": "interferon beta",
        "glatiramer": "glatiramer acetate",
        "natalizumab": "natalizumab",
        "s1p_modulators": "S1P receptor modulators (fingolimod, siponimod, ozanimod, ponesimod)",
        "fumarates": "fumarates (dimethyl fumarate, diroximel fumarate)",
        "teriflunomide": "teriflunomide",
        "cladribine": "cladribine",
        "alemtuzumab": "alemtuzumab",
        "azathioprine": "azathioprine",
        "mycophenolate": "mycophenolate",
        "methotrexate": "methotrexate",
        "cyclophosphamide": "cyclophosphamide",
        "calcineurin_inhibitors": "calcineurin inhibitors (tacrolimus, ciclosporin, voclosporin)",
        "hydroxychloroquine": "hydroxychloroquine",
        "belimumab": "belimumab",
        "anifrolumab": "anifrolumab",
        "anti_tnf": "TNF inhibitors",
        "pyridostigmine": "pyridostigmine",
        "amifampridine": "amifampridine (3,4-DAP)",
        "thymectomy": "thymectomy",
        "benzodiazepines": "benzodiazepines",
        "baclofen": "baclofen",
        "gabapentinoids": "gabapentinoids (gabapentin, pregabalin)",
        "botulinum_toxin": "botulinum toxin",
        "aminoglycosides": "aminoglycoside antibiotics",
        "fluoroquinolones": "fluoroquinolone antibiotics",
        "macrolides": "macrolide antibiotics",
        "magnesium": "IV magnesium",
        "beta_blockers": "beta blockers",
        "neuromuscular_blockers": "neuromuscular blocking drugs",
        "checkpoint_inhibitors": "immune checkpoint inhibitors",
        "statins": "statins",
        "penicillamine": "penicillamine",
        "live_vaccines": "live vaccines",
        "cancer_treatment": "treating the underlying cancer",
        "muscarinic_agonists": "muscarinic agonists (pilocarpine, cevimeline)",
        "potassium": "potassium replacement",
        "anticoagulation": "anticoagulation",
        "nsaids": "NSAIDs",
        "sun_protection": "sun protection",
        "heat": "heat and fever",
        "rehabilitation": "physiotherapy and rehabilitation",
        "hsct": "autologous stem-cell transplantation",
        "avacopan": "avacopan (C5a receptor blocker)",
        "jak_inhibitors": "JAK inhibitors",
        "pcsk9_inhibitors": "PCSK9 inhibitors",
        "sunlight": "sunlight (UV light)",
        "immunosuppressants": "other immunosuppressants",
    },
)
