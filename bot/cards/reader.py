"""Which language a card reply is for, and what the reader is told when it cannot be theirs.

The language of a reply: the member's own Discord language for a private reply, the server's for a public post (so
a public card never reveals one member's language), English otherwise. A card shows its translated summary and red
flags only when the translation is reviewed and current (bot.knowledge.translations); otherwise it stays English
and one line, in the reader's language when the bot speaks it, says why. Nothing is said to English readers.
"""

from __future__ import annotations

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Condition
from bot.knowledge.translations import State, language_of, state_of, translated

ENGLISH = ("en-US", "en-GB")
# The reader's language, by Discord locale: the bot's own words for each state of a card's translation.
NOTICES: dict[str, dict[State, str]] = {
    "es": {
        State.CURRENT: (
            "Resumen y señales de alarma traducidos del inglés y revisados; el resto de la ficha está en inglés."
        ),
        State.DRAFT: (
            "La traducción al español de esta ficha aún no está revisada; mientras tanto se muestra en inglés."
        ),
        State.STALE: (
            "La ficha en inglés cambió después de traducirse; se muestra en inglés hasta que se actualice la "
            "traducción."
        ),
        State.MISSING: "Esta ficha aún no está traducida al español; se muestra en inglés.",
    },
    "fr": {
        State.CURRENT: (
            "Résumé et signes d'alerte traduits de l'anglais et relus ; le reste de la fiche est en anglais."
        ),
        State.DRAFT: (
            "La traduction française de cette fiche n'est pas encore relue ; en attendant, elle s'affiche en anglais."
        ),
        State.STALE: (
            "La fiche anglaise a changé depuis sa traduction ; elle s'affiche en anglais jusqu'à la mise à jour de "
            "la traduction."
        ),
        State.MISSING: "Cette fiche n'est pas encore traduite en français ; elle s'affiche en anglais.",
    },
    "de": {State.MISSING: "Diese Karte ist noch nicht ins Deutsche übersetzt und wird auf Englisch angezeigt."},
    "pt-BR": {State.MISSING: "Esta ficha ainda não foi traduzida para o português e aparece em inglês."},
}
OTHER_LANGUAGE = "This card is not translated into your language yet, so it is shown in English."


def card_for(kb: KnowledgeBase, key: str, locale: str | None) -> tuple[Condition, str | None]:
    """The card as the reader gets it, and the one line that says which language it is in (None: English)."""
    card = kb.by_key[key]
    if locale is None or locale in ENGLISH:
        return card, None
    language = language_of(locale)
    translation = kb.translation(language, key)
    state = state_of(translation, card)
    notices = NOTICES.get(language or "", NOTICES.get(locale, {}))
    notice = notices.get(state, OTHER_LANGUAGE if not notices else notices.get(State.MISSING))
    if translation is not None and state is State.CURRENT:
        return translated(card, translation), notice
    return card, notice
