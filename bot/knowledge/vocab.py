"""Controlled vocabularies for the facets that commands filter and compare on.

Each value carries a short label for cards and comparisons. Content authors write the value (the enum's
string); readers see the label. Adding a value here is a content-schema change: regenerate the JSON Schema.

Longer than the usual 300 lines only because it lists every controlled value with its label (antibodies and
treatments number about a hundred); there is no logic here to split.
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


class Antibody(Vocab):
    """Antibodies by one canonical name each, so /compare and /quiz never spell one antibody two ways."""

    AQP4 = "aqp4"
    MOG = "mog"
    ACHR = "achr"
    MUSK = "musk"
    LRP4 = "lrp4"
    VGCC = "vgcc"
    SOX1 = "sox1"
    GAD65 = "gad65"
    AMPHIPHYSIN = "amphiphysin"
    GLYR = "glyr"
    DPPX = "dppx"
    GQ1B = "gq1b"
    GM1 = "gm1"
    GD1A = "gd1a"
    NF155 = "nf155"
    CNTN1 = "cntn1"
    CASPR1 = "caspr1"
    NF186 = "nf186"
    HMGCR = "hmgcr"
    SRP = "srp"
    MI2 = "mi2"
    MDA5 = "mda5"
    TIF1G = "tif1g"
    NXP2 = "nxp2"
    SAE = "sae"
    JO1 = "jo1"
    OTHER_SYNTHETASE = "other_synthetase"
    CN1A = "cn1a"
    ANA = "ana"
    DSDNA = "dsdna"
    SM = "sm"
    ANTIPHOSPHOLIPID = "antiphospholipid"
    RO60 = "ro60"
    RO52 = "ro52"
    LA = "la"
    RF = "rf"
    ANCA = "anca"
    CRYOGLOBULINS = "cryoglobulins"
    HU = "hu"


_LABELS.update(
    {
        Antibody.AQP4: "AQP4-IgG",
        Antibody.MOG: "MOG-IgG",
        Antibody.ACHR: "anti-AChR",
        Antibody.MUSK: "anti-MuSK",
        Antibody.LRP4: "anti-LRP4",
        Antibody.VGCC: "anti-P/Q-type VGCC",
        Antibody.SOX1: "anti-SOX1",
        Antibody.GAD65: "anti-GAD65",
        Antibody.AMPHIPHYSIN: "anti-amphiphysin",
        Antibody.GLYR: "anti-GlyR",
        Antibody.DPPX: "anti-DPPX",
        Antibody.GQ1B: "anti-GQ1b",
        Antibody.GM1: "anti-GM1",
        Antibody.GD1A: "anti-GD1a",
        Antibody.NF155: "anti-NF155",
        Antibody.CNTN1: "anti-CNTN1",
        Antibody.CASPR1: "anti-Caspr1",
        Antibody.NF186: "anti-NF186/NF140 (pan-neurofascin)",
        Antibody.HMGCR: "anti-HMGCR",
        Antibody.SRP: "anti-SRP",
        Antibody.MI2: "anti-Mi-2",
        Antibody.MDA5: "anti-MDA5",
        Antibody.TIF1G: "anti-TIF1-γ",
        Antibody.NXP2: "anti-NXP2",
        Antibody.SAE: "anti-SAE",
        Antibody.JO1: "anti-Jo-1",
        Antibody.OTHER_SYNTHETASE: "other anti-synthetase (PL-7, PL-12, EJ, OJ)",
        Antibody.CN1A: "anti-cN1A (NT5C1A)",
        Antibody.ANA: "ANA",
        Antibody.DSDNA: "anti-dsDNA",
        Antibody.SM: "anti-Sm",
        Antibody.ANTIPHOSPHOLIPID: "antiphospholipid antibodies",
        Antibody.RO60: "anti-Ro60/SSA",
        Antibody.RO52: "anti-Ro52",
        Antibody.LA: "anti-La/SSB",
        Antibody.RF: "rheumatoid factor",
        Antibody.ANCA: "ANCA (MPO or PR3)",
        Antibody.CRYOGLOBULINS: "cryoglobulins",
        Antibody.HU: "anti-Hu",
    }
)


class Agent(Vocab):
    """What a treatment or caution statement is about: lets /quiz set a card's cautions against its own treatments."""

    CORTICOSTEROIDS = "corticosteroids"
    IVIG = "ivig"
    SCIG = "scig"
    PLASMA_EXCHANGE = "plasma_exchange"
    ANTI_CD20 = "anti_cd20"
    ANTI_CD19 = "anti_cd19"
    IL6_RECEPTOR = "il6_receptor"
    COMPLEMENT_C5 = "complement_c5"
    FCRN = "fcrn"
    INTERFERON_BETA = "interferon_beta"
    GLATIRAMER = "glatiramer"
    NATALIZUMAB = "natalizumab"
    S1P_MODULATORS = "s1p_modulators"
    FUMARATES = "fumarates"
    TERIFLUNOMIDE = "teriflunomide"
    CLADRIBINE = "cladribine"
    ALEMTUZUMAB = "alemtuzumab"
    AZATHIOPRINE = "azathioprine"
    MYCOPHENOLATE = "mycophenolate"
    METHOTREXATE = "methotrexate"
    CYCLOPHOSPHAMIDE = "cyclophosphamide"
    CALCINEURIN_INHIBITORS = "calcineurin_inhibitors"
    HYDROXYCHLOROQUINE = "hydroxychloroquine"
    BELIMUMAB = "belimumab"
    ANIFROLUMAB = "anifrolumab"
    ANTI_TNF = "anti_tnf"
    PYRIDOSTIGMINE = "pyridostigmine"
    AMIFAMPRIDINE = "amifampridine"
    THYMECTOMY = "thymectomy"
    BENZODIAZEPINES = "benzodiazepines"
    BACLOFEN = "baclofen"
    GABAPENTINOIDS = "gabapentinoids"
    BOTULINUM_TOXIN = "botulinum_toxin"
    AMINOGLYCOSIDES = "aminoglycosides"
    FLUOROQUINOLONES = "fluoroquinolones"
    MACROLIDES = "macrolides"
    MAGNESIUM = "magnesium"
    BETA_BLOCKERS = "beta_blockers"
    NEUROMUSCULAR_BLOCKERS = "neuromuscular_blockers"
    CHECKPOINT_INHIBITORS = "checkpoint_inhibitors"
    STATINS = "statins"
    PENICILLAMINE = "penicillamine"
    LIVE_VACCINES = "live_vaccines"
    CANCER_TREATMENT = "cancer_treatment"
    MUSCARINIC_AGONISTS = "muscarinic_agonists"
    POTASSIUM = "potassium"
    ANTICOAGULATION = "anticoagulation"
    NSAIDS = "nsaids"
    SUN_PROTECTION = "sun_protection"
    HEAT = "heat"
    REHABILITATION = "rehabilitation"
    HSCT = "hsct"
    AVACOPAN = "avacopan"
    JAK_INHIBITORS = "jak_inhibitors"
    PCSK9_INHIBITORS = "pcsk9_inhibitors"
    SUNLIGHT = "sunlight"
    IMMUNOSUPPRESSANTS = "immunosuppressants"


_LABELS.update(
    {
        Agent.CORTICOSTEROIDS: "corticosteroids",
        Agent.IVIG: "IVIg",
        Agent.SCIG: "subcutaneous immunoglobulin",
        Agent.PLASMA_EXCHANGE: "plasma exchange",
        Agent.ANTI_CD20: "anti-CD20 antibodies (rituximab, ocrelizumab, ofatumumab, ublituximab)",
        Agent.ANTI_CD19: "inebilizumab (anti-CD19)",
        Agent.IL6_RECEPTOR: "IL-6 receptor blockers (satralizumab, tocilizumab)",
        Agent.COMPLEMENT_C5: "complement C5 inhibitors (eculizumab, ravulizumab, zilucoplan)",
        Agent.FCRN: "FcRn blockers (efgartigimod, rozanolixizumab, nipocalimab)",
        Agent.INTERFERON_BETA: "interferon beta",
        Agent.GLATIRAMER: "glatiramer acetate",
        Agent.NATALIZUMAB: "natalizumab",
        Agent.S1P_MODULATORS: "S1P receptor modulators (fingolimod, siponimod, ozanimod, ponesimod)",
        Agent.FUMARATES: "fumarates (dimethyl fumarate, diroximel fumarate)",
        Agent.TERIFLUNOMIDE: "teriflunomide",
        Agent.CLADRIBINE: "cladribine",
        Agent.ALEMTUZUMAB: "alemtuzumab",
        Agent.AZATHIOPRINE: "azathioprine",
        Agent.MYCOPHENOLATE: "mycophenolate",
        Agent.METHOTREXATE: "methotrexate",
        Agent.CYCLOPHOSPHAMIDE: "cyclophosphamide",
        Agent.CALCINEURIN_INHIBITORS: "calcineurin inhibitors (tacrolimus, ciclosporin, voclosporin)",
        Agent.HYDROXYCHLOROQUINE: "hydroxychloroquine",
        Agent.BELIMUMAB: "belimumab",
        Agent.ANIFROLUMAB: "anifrolumab",
        Agent.ANTI_TNF: "TNF inhibitors",
        Agent.PYRIDOSTIGMINE: "pyridostigmine",
        Agent.AMIFAMPRIDINE: "amifampridine (3,4-DAP)",
        Agent.THYMECTOMY: "thymectomy",
        Agent.BENZODIAZEPINES: "benzodiazepines",
        Agent.BACLOFEN: "baclofen",
        Agent.GABAPENTINOIDS: "gabapentinoids (gabapentin, pregabalin)",
        Agent.BOTULINUM_TOXIN: "botulinum toxin",
        Agent.AMINOGLYCOSIDES: "aminoglycoside antibiotics",
        Agent.FLUOROQUINOLONES: "fluoroquinolone antibiotics",
        Agent.MACROLIDES: "macrolide antibiotics",
        Agent.MAGNESIUM: "IV magnesium",
        Agent.BETA_BLOCKERS: "beta blockers",
        Agent.NEUROMUSCULAR_BLOCKERS: "neuromuscular blocking drugs",
        Agent.CHECKPOINT_INHIBITORS: "immune checkpoint inhibitors",
        Agent.STATINS: "statins",
        Agent.PENICILLAMINE: "penicillamine",
        Agent.LIVE_VACCINES: "live vaccines",
        Agent.CANCER_TREATMENT: "treating the underlying cancer",
        Agent.MUSCARINIC_AGONISTS: "muscarinic agonists (pilocarpine, cevimeline)",
        Agent.POTASSIUM: "potassium replacement",
        Agent.ANTICOAGULATION: "anticoagulation",
        Agent.NSAIDS: "NSAIDs",
        Agent.SUN_PROTECTION: "sun protection",
        Agent.HEAT: "heat and fever",
        Agent.REHABILITATION: "physiotherapy and rehabilitation",
        Agent.HSCT: "autologous stem-cell transplantation",
        Agent.AVACOPAN: "avacopan (C5a receptor blocker)",
        Agent.JAK_INHIBITORS: "JAK inhibitors",
        Agent.PCSK9_INHIBITORS: "PCSK9 inhibitors",
        Agent.SUNLIGHT: "sunlight (UV light)",
        Agent.IMMUNOSUPPRESSANTS: "other immunosuppressants",
    }
)
