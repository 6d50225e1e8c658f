"""Turn the matcher's explanation codes into sentences in the reader's language."""
from flask_babel import format_decimal, format_percent, gettext as _, lazy_gettext as _l, ngettext
from markupsafe import Markup, escape
from sqlalchemy import select

from app.extensions import db
from app.presentation.i18n import current_locale, format_list
from app.presentation.labels import BLOCK_LABELS, CHECK_LABELS, INFORMAL_TO_PERSON, INFORMAL_TO_STAFF
from app.models import ConceptLabel
from app.services.concepts import labels_for


def explanation_sentences(explanation: dict, for_staff: bool = True) -> list[str]:
    """Short, plain sentences: what matched, what is missing, which checks passed, how far it is.

    Jobseekers get the plain reasons; the score breakdown and what the matcher read from the
    profile are for the caseworker who reviews the suggestion.
    """
    sentences = []
    if explanation.get("requested_by_person"):
        sentences.append(_("The person found this place and asked for it themself."))
    if explanation.get("occupation_match"):
        sentences.append(_("The occupation is one the person wants."))
    if explanation.get("pathway_to"):
        sentences.append(_("This programme leads to: %(occupations)s.",
                           occupations=format_list(labels_for(explanation["pathway_to"]).values())))
    concept_ids = explanation.get("matched_skills", []) + explanation.get("missing_skills", [])
    names = labels_for(concept_ids)
    if explanation.get("matched_skills"):
        sentences.append(_("Matching skills: %(skills)s.",
                           skills=format_list(names[s] for s in explanation["matched_skills"])))
    if explanation.get("missing_skills"):
        sentences.append(_("Skills to learn: %(skills)s.",
                           skills=format_list(names[s] for s in explanation["missing_skills"])))
    blocks = explanation.get("blocks") or {}
    if blocks and for_staff:
        parts = [_("%(part)s %(share)s", part=BLOCK_LABELS.get(name, name), share=format_percent(share))
                 for name, share in sorted(blocks.items(), key=lambda item: -item[1])]
        sentences.append(_("Share of the score: %(parts)s.", parts=format_list(parts)))
    if explanation.get("distance_km") is not None:
        sentences.append(_("Distance: about %(km)s km.", km=format_decimal(round(explanation["distance_km"]))))
    if explanation.get("understood_occupations") and for_staff:
        understood = labels_for(explanation["understood_occupations"])  # each name once ("Städare", not twice)
        sentences.append(_("Understood from the profile: %(occupations)s.",
                           occupations=format_list(dict.fromkeys(understood[c] for c in explanation["understood_occupations"]))))
    informal = [c for c in explanation.get("informal_experience") or [] if c in INFORMAL_TO_STAFF]
    if informal and for_staff:
        sentences.append(_("Unpaid or informal experience that leads here: %(what)s.",
                           what=format_list([str(INFORMAL_TO_STAFF[c]) for c in informal])))
    if explanation.get("location_unknown"):
        sentences.append(_("The place's location is unknown, so it is ranked after every place that can be located."))
    for check in explanation.get("checks", []):
        if check in CHECK_LABELS:
            sentences.append(_("Checked: %(check)s.", check=CHECK_LABELS[check]))
    return sentences


# --- What the jobseeker reads: second person, only what matters for this place, in their own language. ---

MAX_SHARED_SKILLS = 3  # the few skills both sides share; never the place's whole list

# Checks the jobseeker is told about, in the second person (distance has its own sentence).
CHECK_SENTENCES = {
    "kind": _l("It is the kind of place you are looking for."),
    "licence": _l("You have the driving licence it needs."),
    "swedish": _l("Your Swedish is at the level it asks for."),
    "start": _l("You can start when it starts."),
    "age": _l("You are within its age limits."),
}


def own_language_labels(concept_ids, locale: str) -> dict[str, tuple[str, str]]:
    """concept id → (label, locale of the label): the reader's language where a label exists, else Swedish."""
    ids = [concept_id for concept_id in dict.fromkeys(concept_ids) if concept_id]
    if not ids:
        return {}
    rows = db.session.execute(
        select(ConceptLabel.concept_id, ConceptLabel.label)
        .where(ConceptLabel.concept_id.in_(ids), ConceptLabel.locale == locale, ConceptLabel.preferred.is_(True))
    ).all()
    found = {concept_id: (label, locale) for concept_id, label in rows}
    swedish = labels_for([i for i in ids if i not in found], "sv")
    found.update({concept_id: (label, "sv") for concept_id, label in swedish.items()})
    return found


def term(label: str, label_locale: str, locale: str) -> Markup:
    """A concept name for a sentence: plain in the reader's language; a Swedish term isolated and marked."""
    if label_locale == locale or label_locale != "sv":
        return Markup("<bdi>%s</bdi>") % label
    return Markup('<bdi lang="sv" class="sv-term">%s</bdi> <span class="sv-mark">%s</span>') % (label, _("(Swedish)"))


def reasons_for_jobseeker(match) -> list[Markup]:
    """Why this place is suggested, to the person: 'You want to work as …', 'You live 12 km away'.

    Only the matched occupation, at most MAX_SHARED_SKILLS skills both sides share, the distance and
    the checks that passed; names in the reader's language, or the Swedish term marked as Swedish.
    """
    explanation, opportunity, profile = match.explanation or {}, match.opportunity, match.profile
    locale = current_locale()
    shared = list(explanation.get("matched_skills") or [])[:MAX_SHARED_SKILLS]
    pathway = list(explanation.get("pathway_to") or [])
    occupation = opportunity.occupation_id if explanation.get("occupation_match") else None
    informal = [c for c in explanation.get("informal_experience") or [] if c in INFORMAL_TO_PERSON][:2]
    builds_on = opportunity.occupation_id or (pathway[0] if pathway else None)
    names = own_language_labels([occupation, *pathway, *shared, builds_on], locale)

    def named(concept_id):
        label, label_locale = names.get(concept_id, (concept_id, "sv"))
        return term(label, label_locale, locale)

    sentences = []
    if occupation and occupation in (profile.wanted_occupations or []):
        sentences.append(_filled(_("You want to work as %(occupation)s."), occupation=named(occupation)))
    elif occupation:
        sentences.append(_filled(_("What you have done fits work as %(occupation)s."), occupation=named(occupation)))
    for category in informal:  # unpaid work counts, without claiming years of employment
        sentence = escape(str(INFORMAL_TO_PERSON[category]))
        if builds_on:
            sentence += Markup(" ") + _filled(_("Work as %(occupation)s builds on that."), occupation=named(builds_on))
        sentences.append(sentence)
    if pathway:
        sentences.append(_filled(_("This programme leads to work as %(occupations)s."),
                                 occupations=_markup_list([named(c) for c in pathway])))
    if shared:
        sentences.append(_filled(_("You know what it needs: %(skills)s."),
                                 skills=_markup_list([named(c) for c in shared])))
    sentences.append(escape(distance_sentence(match)))
    for check in explanation.get("checks", []):
        if check in CHECK_SENTENCES:
            sentences.append(escape(str(CHECK_SENTENCES[check])))
    return sentences


def _filled(template: str, **parts: Markup) -> Markup:
    """A translated sentence (escaped) with its Markup parts put in: the parts keep their <bdi> marks."""
    return escape(template) % parts


def _markup_list(items: list[Markup]) -> Markup:
    """Markup items joined the way the reader's language joins lists, each item kept as Markup, each once
    (two occupations can share one translated name)."""
    items = list(dict.fromkeys(items))
    joined = escape(format_list(f"@@{index}@@" for index in range(len(items))))
    for index, item in enumerate(items):
        joined = joined.replace(f"@@{index}@@", item)
    return joined


def distance_sentence(match) -> str:
    """'It is in your municipality' or 'It is about 12 km from you' — never 'about 0 km'."""
    km = (match.explanation or {}).get("distance_km")
    if (match.explanation or {}).get("location_unknown"):
        return _("We do not know exactly where this place is. Ask your caseworker.")
    if match.opportunity.municipality_code == match.profile.municipality_code or (km is not None and km < 1):
        return _("It is in your municipality.")
    if km is None:
        return _("It is in another municipality.")
    rounded = int(round(km))
    return ngettext("It is about %(num)s km from you.", "It is about %(num)s km from you.", rounded)


def why_in_one_line(explanation: dict) -> str:
    """The queue row's summary of why: the wanted occupation, up to two matching skills (and how many more), the
    distance. Short words for a caseworker scanning thirty rows; the full sentences are one click away."""
    parts = []
    if explanation.get("occupation_match"):
        parts.append(_("wanted occupation"))
    elif explanation.get("pathway_to"):
        parts.append(_("leads to a wanted occupation"))
    skills = explanation.get("matched_skills") or []
    if skills:
        names = labels_for(skills[:2])
        shown = format_list([names[s] for s in skills[:2]])
        parts.append(shown if len(skills) <= 2 else _("%(skills)s and %(n)s more", skills=shown, n=len(skills) - 2))
    elif explanation.get("understood_occupations"):
        parts.append(_("read from the profile: %(occupations)s",
                       occupations=format_list(list(labels_for(explanation["understood_occupations"][:2]).values()))))
    if explanation.get("location_unknown"):
        parts.append(_("location unknown"))
    elif explanation.get("distance_km") is not None:
        km = round(explanation["distance_km"])
        parts.append(_("same municipality") if km < 1 else _("%(km)s km", km=format_decimal(km)))
    return " · ".join(parts)
