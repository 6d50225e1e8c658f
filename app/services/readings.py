"""What the matcher reads from a person's own words, shown to the caseworker, and the caseworker's corrections.

The reading uses the matcher's own lexicon (matching/lexicon.py), word by word and pair by pair, so each concept
comes with the words it was read from (highlighted in the original text). Each concept is shown once, in the
caseworker's language (two concepts with the same name are one line). A caseworker can remove a wrong reading
or add a concept the reading missed: the correction is kept with the person (concept_correction, erased with
them), applied every time the matcher reads the profile (services/matching.seeker_record), and counted across
people as feedback on the lexicon (feedback()).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.extensions import db
from app.models import ConceptCorrection, JobseekerProfile, User
from app.services.audit import record_access
from app.services.concepts import labels_for

REMOVED, ADDED, RESTORED = "removed", "added", "restored"
READ_TYPES = ("occupation", "group", "skill")  # what a caseworker sees and corrects (education: its own field)
MAX_WORDS = 400  # a longer text is read in full by the matcher; the page highlights its first words
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class ReadConcept:
    concept_id: str
    label: str
    kind: str  # occupation, group, skill
    words: list[str] = field(default_factory=list)  # the words of the text it was read from
    state: str = "read"  # read, removed (by a caseworker), added (by a caseworker)


@dataclass
class Reading:
    segments: list[tuple[str, bool]]  # the original text in pieces: (text, highlighted)
    concepts: list[ReadConcept]  # read (and not removed) or added, each once
    removed: list[ReadConcept]


def _lexicon():
    import matching

    return matching.lexicon_for(matching.reference_data())


def _texts(profile: JobseekerProfile) -> list[str]:
    return [profile.about or ""] + [str(e.get("title", "")) for e in (profile.experience or [])]


def read_concepts(text: str) -> tuple[dict[tuple[str, str], list[tuple[int, int]]], list[re.Match]]:
    """(kind, concept id) → the spans of the words it was read from; and the text's word tokens."""
    lexicon = _lexicon()
    tokens = list(_TOKEN.finditer(text))[:MAX_WORDS]
    found: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for i, token in enumerate(tokens):
        for target in lexicon.scan(token.group()):
            found.setdefault(target, []).append(token.span())
        if i + 1 < len(tokens):
            pair = text[token.start():tokens[i + 1].end()]
            alone = set(lexicon.scan(token.group())) | set(lexicon.scan(tokens[i + 1].group()))
            for target in lexicon.scan(pair):
                if target not in alone:  # read from the two words together
                    found.setdefault(target, []).extend([token.span(), tokens[i + 1].span()])
    return {t: spans for t, spans in found.items() if t[0] in READ_TYPES}, tokens


def effective_corrections(profile_id: int) -> dict[str, str]:
    """Concept id → the caseworkers' last word on it: removed or added (restored ones are left out)."""
    last: dict[str, str] = {}
    for concept_id, action in db.session.execute(
            select(ConceptCorrection.concept_id, ConceptCorrection.action)
            .where(ConceptCorrection.profile_id == profile_id).order_by(ConceptCorrection.at, ConceptCorrection.id)):
        last[concept_id] = action
    return {c: a for c, a in last.items() if a in (REMOVED, ADDED)}


def reading_for(profile: JobseekerProfile, locale: str | None = None) -> Reading:
    """The concepts read from the person's own words (about), with the caseworkers' corrections applied."""
    text = profile.about or ""
    found, _tokens = read_concepts(text)
    for extra in _texts(profile)[1:]:  # experience titles count too, without highlights
        for target in read_concepts(extra)[0]:
            found.setdefault(target, [])
    corrections = effective_corrections(profile.id)
    labels = labels_for([cid for _kind, cid in found] + list(corrections), locale)
    concepts: dict[str, ReadConcept] = {}  # by label: each name once
    removed: dict[str, ReadConcept] = {}
    highlighted: set[tuple[int, int]] = set()
    for (kind, cid), spans in sorted(found.items(), key=lambda item: (READ_TYPES.index(item[0][0]), item[0][1])):
        label = labels.get(cid, cid)
        words = list(dict.fromkeys(text[a:b] for a, b in spans))
        target = removed if corrections.get(cid) == REMOVED else concepts
        entry = target.setdefault(label, ReadConcept(cid, label, kind, [], REMOVED if target is removed else "read"))
        entry.words.extend(w for w in words if w not in entry.words)
        if target is concepts:
            highlighted.update(spans)
    for cid, action in corrections.items():
        label = labels.get(cid, cid)
        if action == ADDED and label not in concepts:
            concepts[label] = ReadConcept(cid, label, "added", [], ADDED)
    return Reading(_segments(text, highlighted), list(concepts.values()), list(removed.values()))


def _segments(text: str, spans: set[tuple[int, int]]) -> list[tuple[str, bool]]:
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out


def correct(profile: JobseekerProfile, concept_id: str, action: str, actor: User) -> None:
    """Record a caseworker's correction (removed, added or restored); audited as a change of the profile; commits."""
    if action not in (REMOVED, ADDED, RESTORED):
        raise ValueError(action)
    db.session.add(ConceptCorrection(profile_id=profile.id, concept_id=concept_id, action=action, actor_id=actor.id))
    record_access(actor, profile, "caseworker_correct_reading")
    db.session.commit()


NO_CORRECTIONS = ((), (), ())


def for_matcher(profile_ids) -> dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    """Profile id → (concepts removed, occupations added, skills added) as the matcher must take them; people
    without corrections are left out. Two queries whatever the number of people (a matching run reads thousands)."""
    from app.models import Concept

    ids = list(profile_ids)
    if not ids:
        return {}
    last: dict[tuple[int, str], str] = {}
    for start in range(0, len(ids), 900):
        for pid, concept_id, action in db.session.execute(
                select(ConceptCorrection.profile_id, ConceptCorrection.concept_id, ConceptCorrection.action)
                .where(ConceptCorrection.profile_id.in_(ids[start:start + 900]))
                .order_by(ConceptCorrection.at, ConceptCorrection.id)):
            last[(pid, concept_id)] = action
    if not last:
        return {}
    added = {c for (_pid, c), a in last.items() if a == ADDED}
    types = dict(db.session.execute(select(Concept.id, Concept.type).where(Concept.id.in_(added))).all()) if added else {}
    out: dict[int, tuple[list, list, list]] = {}
    for (pid, concept_id), action in sorted(last.items()):
        removed, occupations, skills = out.setdefault(pid, ([], [], []))
        if action == REMOVED:
            removed.append(concept_id)
        elif action == ADDED and types.get(concept_id) == "occupation":
            occupations.append(concept_id)
        elif action == ADDED and types.get(concept_id) == "skill":
            skills.append(concept_id)
    return {pid: (tuple(r), tuple(o), tuple(s)) for pid, (r, o, s) in out.items()}


def feedback() -> list[tuple[str, str, int]]:
    """Feedback on the reading across people: (concept id, removed or added, how many people), most first.
    A concept removed for many people points at a wrong lexicon entry (matching/data/cues.csv)."""
    rows = db.session.execute(select(ConceptCorrection.concept_id, ConceptCorrection.action,
                                     func.count(func.distinct(ConceptCorrection.profile_id)))
                              .where(ConceptCorrection.action.in_((REMOVED, ADDED)))
                              .group_by(ConceptCorrection.concept_id, ConceptCorrection.action))
    return sorted(((c, a, n) for c, a, n in rows), key=lambda row: (-row[2], row[0], row[1]))
