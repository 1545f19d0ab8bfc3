"""Who says it and which links are ours, in words: one wording for cards, details and exports.

Pure: the components turn these into HTML, the exports into notes.
"""

from __future__ import annotations

from gapwatch.i18n import Lang, t
from gapwatch.model import Attributed, Briefing, Inference


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
        words=inference.words,
        value=inference_value_name(inference, briefing, lang),
        reasoning=inference.reasoning.in_lang(lang),
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


def status_basis_label(item: Attributed, lang: Lang) -> str:
    """'Reported agenda (discussed): «يدعو» (¶ 11)', for tables."""
    basis = item.status_basis
    words = t("status_basis_words", lang, words=basis.text_ar, paragraph=basis.paragraph)
    return f"{t(item.status, lang)}: {words}"


def marked_name(name: str, item: Attributed, field: str, value: str, lang: Lang) -> str:
    """`name`, followed by '(our inference)' when the item's link to `value` is ours."""
    if item.inferred(field, value) is None:
        return name
    return f"{name} {t('our_inference_mark', lang)}"
