"""Who says it and which links are ours, in words: one wording for cards, details and exports.

Pure: the components turn these into HTML, the exports into notes.
"""

from __future__ import annotations

from gapwatch.briefing import Briefing
from gapwatch.i18n import Lang, t
from gapwatch.model import Attributed, Inference

# Unicode "right-to-left isolate" … "pop directional isolate": Arabic words quoted inside an
# English sentence keep their own order, and the sentence's punctuation and numbers stay put.
_RLI, _PDI = "\u2067", "\u2069"


def isolate_arabic(words: str) -> str:
    """`words` wrapped in a right-to-left isolate, for quoting inside left-to-right text."""
    return f"{_RLI}{words}{_PDI}"


def inference_value_name(inference: Inference, briefing: Briefing, lang: Lang) -> str:
    """The name of what we attached: an actor, a place or an event, in `lang`."""
    if inference.field in ("actor_ids", "speaker_id"):
        return briefing.actor(inference.value).name.in_lang(lang)
    if inference.field == "place_ids":
        return briefing.place(inference.value).name.in_lang(lang)
    return briefing.event(inference.value).title.in_lang(lang)


def inference_text(inference: Inference, briefing: Briefing, lang: Lang) -> str:
    """One inference in words: '«قوات عراقية وكردية» read as Peshmerga: …'."""
    return t(
        "inference_reads",
        lang,
        words=isolate_arabic(inference.words),
        value=inference_value_name(inference, briefing, lang),
        reasoning=inference.reasoning.in_lang(lang),
    )


def inference_short_text(inference: Inference, briefing: Briefing, lang: Lang) -> str:
    """'Our inference: «قوات عراقية وكردية» read as Peshmerga', where there is no room for the
    reasoning (a map popup; the reasoning is in the details under the map)."""
    return t(
        "inference_reads_short",
        lang,
        words=isolate_arabic(inference.words),
        value=inference_value_name(inference, briefing, lang),
    )


def said_by_label(item: Attributed, lang: Lang) -> str:
    """'Federal side — Joint Operations Command spokesman …', for tables."""
    return f"{t(f'side_{item.said_by.side}', lang)} — {item.said_by.office.in_lang(lang)}"


def said_by_text(item: Attributed, lang: Lang) -> str:
    """'Who says it: Federal side — Joint Operations Command spokesman …', for notes."""
    return t(
        "export_note_said_by",
        lang,
        side=t(f"side_{item.said_by.side}", lang),
        office=item.said_by.office.in_lang(lang),
    )


def status_basis_words(item: Attributed, lang: Lang) -> str:
    """'the words «يدعو» (¶ 11)': where in its cited span an item's status comes from."""
    basis = item.status_basis
    return t(
        "status_basis_words",
        lang,
        words=isolate_arabic(basis.text_ar),
        paragraph=basis.paragraph,
    )


def status_basis_label(item: Attributed, lang: Lang) -> str:
    """'Reported agenda (discussed): the words «يدعو» (¶ 11)', for tables."""
    return f"{t(item.status, lang)}: {status_basis_words(item, lang)}"


def marked_name(name: str, item: Attributed, field: str, value: str, lang: Lang) -> str:
    """`name`, followed by '(our inference)' when the item's link to `value` is ours."""
    if item.inferred(field, value) is None:
        return name
    return f"{name} {t('our_inference_mark', lang)}"
