"""How a question reads: prompts in both directions, answer labels, and a wrong pick explained in a few words.
Private to the quiz."""

from __future__ import annotations

from collections.abc import Iterable

from bot.knowledge.facets import ANTIBODIES, CATEGORY, CAUTIONS, COURSE, FATIGABILITY, ONSET, REFLEXES, SENSATION, Facet
from bot.knowledge.models import Condition
from bot.knowledge.vocab import Agent, Category, CautionKind, Course, Fatigability, OnsetSpeed, Reflexes, Sensation
from bot.quiz.question import Question

# Forward prompts ask which card has a value; reverse prompts ask which value a card has.
_CATEGORY_TARGETS: dict[Category, str] = {
    Category.CENTRAL_NERVOUS_SYSTEM: "The brain and spinal cord",
    Category.PERIPHERAL_NERVES: "The peripheral nerves",
    Category.NEUROMUSCULAR_JUNCTION: "The nerve-muscle junction",
    Category.MUSCLE: "The muscles",
    Category.SYSTEMIC: "Many parts of the body (a whole-body autoimmune disease)",
}
FORWARD: dict[tuple[str, str], str] = {
    **{
        (CATEGORY.key, c.value): f"In which of these does the immune system mainly attack {t[0].lower() + t[1:]}?"
        for c, t in _CATEGORY_TARGETS.items()
    },
    **{
        (ONSET.key, s.value): f"Which of these usually comes on over {s.label}?"
        for s in OnsetSpeed
        if s is not OnsetSpeed.VARIES
    },
    (COURSE.key, Course.MONOPHASIC): "Which of these is usually one episode, followed by recovery?",
    (COURSE.key, Course.RELAPSING): "Which of these usually comes and goes in relapses?",
    (COURSE.key, Course.PROGRESSIVE): "Which of these usually keeps getting worse over time?",
    (COURSE.key, Course.FLUCTUATING): "In which of these do symptoms usually change from hour to hour or day to day?",
    (COURSE.key, Course.STEPWISE): "Which of these typically worsens in steps rather than steadily?",
    (REFLEXES.key, Reflexes.REDUCED_OR_ABSENT): "Which of these typically has reduced or absent reflexes?",
    (REFLEXES.key, Reflexes.BRISK): "Which of these typically has brisk reflexes?",
    (REFLEXES.key, Reflexes.NORMAL): "Which of these usually has normal reflexes?",
    (SENSATION.key, Sensation.AFFECTED): "In which of these is feeling (sensation) often affected?",
    (SENSATION.key, Sensation.SPARED): "In which of these is feeling (sensation) usually spared?",
    (FATIGABILITY.key, Fatigability.FATIGABLE): (
        "Which condition's weakness typically gets worse with use and better with rest?"
    ),
    (FATIGABILITY.key, Fatigability.IMPROVES_WITH_USE): (
        "In which of these does weakness typically get briefly better with use?"
    ),
}
ANTIBODYFORWARD = "In which of these is {antibody} a typical antibody?"
# No reverse fatigability question: the only two answers are too close to set against each other.
REVERSE: dict[str, str] = {
    CATEGORY.key: "What does the immune system mainly attack in {name}?",
    ONSET.key: "Which of these fits how fast {name} usually comes on?",
    COURSE.key: "Which of these fits the usual course of {name}?",
    REFLEXES.key: "What are the reflexes usually like in {name}?",
    SENSATION.key: "What usually happens to feeling (sensation) in {name}?",
    ANTIBODIES.key: "Which of these antibodies is typical of {name}?",
}
# The caution kinds a quiz asks about: both are facts a learner can be asked to recall; "risk" is context.
CAUTIONREVERSE: dict[CautionKind, str] = {
    CautionKind.WORSENS: "Which of these can make {name} worse?",
    CautionKind.NO_BENEFIT: "Which of these does not help in {name}, although it treats similar conditions?",
}
CAUTIONFORWARD: dict[CautionKind, str] = {
    CautionKind.WORSENS: "In which of these conditions can this make things worse: {agent}?",
    CautionKind.NO_BENEFIT: (
        "In which of these conditions does this not help, although it treats similar ones: {agent}?"
    ),
}


def value_label(facet: Facet, value: str) -> str:
    """How a controlled value reads as an answer option."""
    if facet is CATEGORY:
        return _CATEGORY_TARGETS[Category(value)]
    if facet is CAUTIONS:
        return _capital(Agent(value).label)
    assert facet.vocabulary is not None  # every quizzed facet has one
    label = facet.vocabulary(value).label
    if facet is ANTIBODIES:
        return label  # "anti-GQ1b", as written
    return ("Over " + label) if facet is ONSET else _capital(label)


def _capital(text: str) -> str:
    return text[0].upper() + text[1:] if text and not text[:2].isupper() else text


def fact_about(card: Condition, question: Question) -> str:
    """What a card says on the question's facet, in a few words: shown to someone who picked that card wrongly."""
    if question.facet is CAUTIONS:
        return f"it is treated with {Agent(question.value).label}"
    facet = question.facet
    values = facet.values(card)
    if facet is ANTIBODIES:
        return f"typical antibodies: {_names(facet, values)}" if values else "no antibody is typical"
    labels = _names(facet, values).lower()
    prefix = {
        CATEGORY.key: "mainly attacks",
        ONSET.key: "usually comes on",
        COURSE.key: "usual course",
        REFLEXES.key: "reflexes",
        SENSATION.key: "feeling (sensation)",
        FATIGABILITY.key: "weakness with use",
    }[facet.key]
    return f"{prefix}: {labels}"


def _names(facet: Facet, values: Iterable[object]) -> str:
    separator = ", " if facet is ANTIBODIES else " / "
    return separator.join(value_label(facet, str(v)) for v in values)
