"""Load the packaged reference data (matching/data) into the Concept tables; safe to run again."""
import csv
import gzip
from pathlib import Path

from sqlalchemy import delete, insert, select, update

from app.extensions import db
from app.models import Concept, ConceptLabel, ConceptRelation
from app.services.concept_search import forget_index
from matching import DATA_DIR, normalise

LABEL_FILES = ("labels.csv.gz", "labels_translated.csv.gz")


def _rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _float(value: str) -> float | None:
    return float(value) if value else None


def import_taxonomy(data_dir: Path = DATA_DIR, types: set[str] | None = None) -> dict[str, int]:
    """Insert new concepts, update changed ones, replace labels and relations; returns counts.

    types limits the import to some concept types (tests use a slice of the real data).
    """
    concepts = [
        {"id": r["id"], "type": r["type"], "code": r["code"] or None, "parent_id": r["parent_id"] or None,
         "lat": _float(r["lat"]), "lon": _float(r["lon"]), "flags": r["flags"]}
        for r in _rows(data_dir / "concepts.csv.gz") if types is None or r["type"] in types
    ]
    wanted = {c["id"] for c in concepts}
    existing = set(db.session.scalars(select(Concept.id)))
    new = [c for c in concepts if c["id"] not in existing]
    if new:
        db.session.execute(insert(Concept), new)
    changed = [c for c in concepts if c["id"] in existing]
    if changed:
        db.session.execute(update(Concept), changed)

    labels = []
    for name in LABEL_FILES:
        if (data_dir / name).exists():
            labels += [
                {"concept_id": r["concept_id"], "locale": r["locale"], "label": r["label"][:300],
                 "normalised": normalise(r["label"])[:300], "preferred": r["preferred"] == "1",
                 "reviewed": r["reviewed"] == "1"}
                for r in _rows(data_dir / name) if r["concept_id"] in wanted
            ]
    db.session.execute(delete(ConceptLabel).where(ConceptLabel.concept_id.in_(wanted)) if types
                       else delete(ConceptLabel))
    db.session.execute(insert(ConceptLabel), labels)

    relations = [
        {"source_id": r["source"], "target_id": r["target"], "kind": r["kind"], "weight": float(r["weight"] or 1)}
        for r in _rows(data_dir / "relations.csv.gz") if r["source"] in wanted and r["target"] in wanted
    ]
    db.session.execute(delete(ConceptRelation).where(ConceptRelation.source_id.in_(wanted)) if types
                       else delete(ConceptRelation))
    if relations:
        db.session.execute(insert(ConceptRelation), relations)
    db.session.commit()
    forget_index()
    return {"concepts_added": len(new), "concepts_updated": len(changed), "labels": len(labels),
            "relations": len(relations)}
