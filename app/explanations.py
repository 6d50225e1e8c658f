"""Turn the matcher's explanation codes into sentences in the reader's language."""
from flask_babel import format_decimal, format_percent, gettext as _

from app.i18n import format_list
from app.labels import BLOCK_LABELS, CHECK_LABELS
from app.services.concepts import labels_for


def explanation_sentences(explanation: dict, for_staff: bool = True) -> list[str]:
    """Short, plain sentences: what matched, what is missing, which checks passed, how far it is.

    Jobseekers get the plain reasons; the score breakdown and what the matcher read from the
    profile are for the caseworker who reviews the suggestion.
    """
    sentences = []
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
    for check in explanation.get("checks", []):
        if check in CHECK_LABELS:
            sentences.append(_("Checked: %(check)s.", check=CHECK_LABELS[check]))
    return sentences


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
    if explanation.get("distance_km") is not None:
        parts.append(_("%(km)s km", km=format_decimal(round(explanation["distance_km"]))))
    return " · ".join(parts)
