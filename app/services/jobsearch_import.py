"""Import job ads in Arbetsförmedlingen's JobSearch format as opportunities: good rows kept, bad rows reported."""
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from app.extensions import db
from app.presentation.labels import UNKNOWN_EMPLOYER  # pages show it translated
from app.models.user import utcnow
from app.models import Concept, Opportunity, Organisation, OrganisationKind
from app.services.orgnr import normalise_org_number
from matching import convert_jobsearch_ad as convert_ad


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, what was wrong)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def read_jobsearch_file(path: Path) -> Iterator[tuple[int, object]]:
    """Rows of a JSON Lines file, a JSON list, or a JobSearch response ({"hits": [...]}), numbered from 1."""
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and '"hits"' in stripped[:2000]):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield 1, error
            return
        yield from enumerate(data.get("hits", []) if isinstance(data, dict) else data, start=1)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield number, error


def import_jobsearch(rows: Iterable[tuple[int, object]]) -> ImportReport:
    """Convert and upsert each ad (by its JobSearch id); one bad row never stops the others."""
    report = ImportReport()
    known = _known_concepts()
    records = []
    for number, ad in rows:
        if isinstance(ad, Exception):
            report.errors.append((number, f"not valid JSON: {ad}"))
            continue
        problem = _problem(ad, known)
        if problem:
            report.errors.append((number, problem))
            continue
        record = convert_ad(ad)
        record["licence_codes"] = _licence_codes(ad, known)
        unknown_skills = [s for s in record["skills_required"] if s not in known["skill"]]
        if unknown_skills:
            report.warnings.append((number, f"unknown skills left out: {', '.join(unknown_skills)}"))
            record["skills_required"] = [s for s in record["skills_required"] if s in known["skill"]]
        if record["occupation"] and record["occupation"] not in known["occupation"]:
            report.warnings.append((number, f"unknown occupation left out: {record['occupation']}"))
            record["occupation"] = None
        records.append(record)
    upsert_ad_records(records, report)
    db.session.commit()
    return report


def _known_concepts() -> dict[str, set]:
    rows = db.session.execute(select(Concept.id, Concept.type, Concept.code).where(
        Concept.type.in_(("occupation", "skill", "municipality", "driving_licence"))))
    known: dict[str, set] = {"occupation": set(), "skill": set(), "municipality": set(), "driving_licence": set()}
    codes = {}
    for concept_id, concept_type, code in rows:
        known[concept_type].add(concept_id)
        if concept_type == "driving_licence":
            codes[concept_id] = code
    known["licence_code_by_id"] = codes
    return known


def _problem(ad, known) -> str | None:
    if not isinstance(ad, dict):
        return "not an ad object"
    if not ad.get("id") or not isinstance(ad.get("id"), (str, int)):
        return "no ad id"
    if not isinstance(ad.get("headline"), str) or not ad["headline"].strip():
        return "no headline"
    municipality = (ad.get("workplace_address") or {}).get("municipality_code")
    if municipality and municipality not in known["municipality"]:
        return f"unknown municipality code {municipality!r}"
    vacancies = ad.get("number_of_vacancies")
    if vacancies is not None and (not isinstance(vacancies, int) or vacancies < 0):
        return f"number_of_vacancies is not a whole number: {vacancies!r}"
    deadline = ad.get("application_deadline")
    if deadline:
        try:
            date.fromisoformat(str(deadline)[:10])
        except ValueError:
            return f"application_deadline is not a date: {deadline!r}"
    return None


def _licence_codes(ad: dict, known) -> list[str]:
    if not ad.get("driving_license_required"):
        return []
    codes = known["licence_code_by_id"]
    return sorted({codes.get(d.get("concept_id"), d.get("label")) for d in ad.get("driving_license") or []} - {None})


def upsert_ad_records(records: Iterable[dict], report: ImportReport, today: date | None = None,
                      shift_deadlines: bool = False) -> None:
    """Create or update one opportunity per ad record (benchmark format); employers found by number or name."""
    organisations: dict[str, Organisation] = {}
    today = today or date.today()
    for record in records:
        opportunity = db.session.scalar(select(Opportunity).where(Opportunity.external_id == record["id"]))
        if opportunity is None:
            opportunity = Opportunity(external_id=record["id"], kind="job",
                                      organisation=_organisation(record, organisations))
            db.session.add(opportunity)
            report.added += 1
        else:
            report.updated += 1
        deadline = date.fromisoformat(record["deadline"]) if record.get("deadline") else None
        if shift_deadlines and deadline:
            published = date.fromisoformat(record.get("published") or record["deadline"])
            deadline = today + max(deadline - published, timedelta(days=14))
        opportunity.title = record["title"][:200]
        opportunity.description = record.get("description") or ""
        opportunity.occupation_id = record.get("occupation")
        opportunity.skills_required = record.get("skills_required") or []
        opportunity.min_swedish = record.get("min_swedish")
        opportunity.driving_licences = record.get("licence_codes", record.get("driving_licence")) or []
        opportunity.municipality_code = record.get("municipality")
        opportunity.seats = max(int(record.get("seats") or 1), 1, opportunity.seats_taken or 0)
        opportunity.deadline = deadline


def _organisation(record: dict, cache: dict) -> Organisation:
    number = normalise_org_number(record.get("organisation_number") or "")
    name = (record.get("organisation") or UNKNOWN_EMPLOYER)[:200]
    key = number or name
    if key not in cache:
        existing = db.session.scalar(select(Organisation).where(
            Organisation.org_number == number if number else Organisation.name == name))
        # Platsbanken's employers are vetted at the source (Arbetsförmedlingen); by nobody here (vetted_by NULL),
        # so matching takes their ads in any municipality (services/matching.open_opportunities).
        cache[key] = existing or Organisation(name=name, org_number=number, kind=OrganisationKind.EMPLOYER,
                                              municipality_code=record.get("municipality"), vetted_at=utcnow())
        db.session.add(cache[key])
    return cache[key]
