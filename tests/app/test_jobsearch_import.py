"""Importing JobSearch ads: good rows kept, bad rows reported, a second import updates instead of duplicating."""
import json

from sqlalchemy import func, select

from app.extensions import db
from app.models import Opportunity
from tests.factories import VASTERAS, WAREHOUSE_WORKER

GOOD = {"id": "9001", "headline": "Lagerarbetare till Västerås", "description": {"text": "Plock och pack."},
        "occupation": {"concept_id": WAREHOUSE_WORKER, "label": "Lagerarbetare"},
        "workplace_address": {"municipality_code": VASTERAS, "municipality": "Västerås"},
        "driving_license_required": True, "driving_license": [{"concept_id": "VTK8_WRx_GcM", "label": "B"}],
        "must_have": {"skills": [{"concept_id": "no-such-skill"}]}, "number_of_vacancies": 2,
        "application_deadline": "2026-12-24T23:59:59", "employer": {"name": "Lager AB",
                                                                    "organization_number": "5560160680"}}


def test_import_keeps_good_rows_and_reports_bad_ones(runner, tmp_path):
    rows = [GOOD, {"id": "9002"}, {**GOOD, "id": "9003", "workplace_address": {"municipality_code": "9999"}},
            {**GOOD, "id": "9004", "number_of_vacancies": "many"}]
    path = tmp_path / "ads.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{not json\n", encoding="utf-8")
    result = runner.invoke(args=["opportunities", "import-jobsearch", str(path)])
    assert result.exit_code == 0, result.output
    assert "ads added 1, updated 0, skipped 4" in result.output
    assert "row 2: skipped: no headline" in result.output and "unknown municipality code '9999'" in result.output
    assert "row 5: skipped: not valid JSON" in result.output and "unknown skills left out" in result.output
    ad = db.session.scalar(select(Opportunity).where(Opportunity.external_id == "pb-9001"))
    assert (ad.occupation_id, ad.municipality_code, ad.driving_licences, ad.seats, ad.skills_required) == \
        (WAREHOUSE_WORKER, VASTERAS, ["B"], 2, [])
    assert ad.organisation.org_number == "556016-0680"

    result = runner.invoke(args=["opportunities", "import-jobsearch", str(path)])
    assert "ads added 0, updated 1" in result.output
    assert db.session.scalar(select(func.count()).select_from(Opportunity)) == 1


def test_import_reads_a_search_response(runner, tmp_path):
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"total": {"value": 1}, "hits": [GOOD]}), encoding="utf-8")
    assert "ads added 1" in runner.invoke(args=["opportunities", "import-jobsearch", str(path)]).output


def test_an_ad_without_municipality_code_is_placed_by_postal_code_or_name(runner, tmp_path):
    """A place without a location ranks after every located one, so the importer tries every address field."""
    rows = [{**GOOD, "id": "9101", "workplace_address": {"postcode": "722 14", "city": "Västerås"}},
            {**GOOD, "id": "9102", "workplace_address": {"municipality": "Västerås kommun"}},
            {**GOOD, "id": "9103", "workplace_address": {"country": "Sverige"}}]
    path = tmp_path / "ads.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert "ads added 3" in runner.invoke(args=["opportunities", "import-jobsearch", str(path)]).output
    placed = dict(db.session.execute(select(Opportunity.external_id, Opportunity.municipality_code)).all())
    assert placed == {"pb-9101": VASTERAS, "pb-9102": VASTERAS, "pb-9103": None}
