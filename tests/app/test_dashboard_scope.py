"""The dashboard's area and period: a caseworker sees their municipality or its shared pool, never more; an
administrator any municipality or pool; the period leaves older cases out; exports follow what the page shows."""
import csv
import io
from datetime import date, datetime, timedelta, timezone

import pytest

from app.models import Role
from app.services import dashboard
from tests import factories as f

NOW = datetime.now(timezone.utc)


@pytest.fixture
def cases():
    """Five placed cases in Västerås this month, five in Eskilstuna (same pool), five in Västerås two years ago."""
    for i in range(5):
        f.match(f.profile(None, full_name=f"V{i}"), f.opportunity(), status="placed", created_at=NOW - timedelta(days=3))
        f.match(f.profile(None, full_name=f"E{i}", municipality_code=f.ESKILSTUNA),
                f.opportunity(municipality_code=f.ESKILSTUNA), status="placed", created_at=NOW - timedelta(days=3))
        f.match(f.profile(None, full_name=f"O{i}"), f.opportunity(), status="placed",
                created_at=NOW - timedelta(days=800))


def _placed(scope) -> int:
    with_values = dashboard.outcomes_by_kind(scope).rows
    return sum(values[5] or 0 for _label, values in with_values)


def test_scopes(app, cases):
    with app.test_request_context():
        caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
        admin = f.user(Role.ADMIN)
        assert _placed(dashboard.scope_for(caseworker)) == 5  # mine, the last 12 months
        assert _placed(dashboard.scope_for(caseworker, "pool")) == 10
        assert _placed(dashboard.scope_for(caseworker, "pool", 24)) == 10  # 800 days ago is older than 24 months
        assert _placed(caseworker) == 10  # without a period (the old call): every case of the municipality
        # A caseworker cannot widen the scope with an administrator's values.
        for area in ("pool:malardalen", f.ESKILSTUNA, "", None, "all"):
            assert dashboard.scope_for(caseworker, area).municipalities == (f.VASTERAS,), area
        assert dashboard.scope_for(admin).municipalities is None and _placed(dashboard.scope_for(admin)) == 10
        assert _placed(dashboard.scope_for(admin, f.ESKILSTUNA)) == 5
        assert _placed(dashboard.scope_for(admin, "pool:malardalen")) == 10
        assert dashboard.scope_for(admin, "pool:nowhere").municipalities is None
        assert dashboard.scope_for(admin, months=7).months == 12  # only the offered periods
        scope = dashboard.scope_for(admin, months=3, today=date(2026, 2, 15))
        assert scope.since == date(2025, 12, 1) and len(dashboard.placements_per_month(scope).rows) == 3


def test_page_and_export_follow_the_chosen_area(browser, cases):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS, locale="en")
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/dashboard?area=pool&months=24").get_data(as_text=True)
    assert '<option value="pool" selected>' in page and '<option value="24" selected>' in page
    assert 'name="area" value="pool"' in page  # the export carries the same choice
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    text = browser.post("/caseworker/dashboard/outcomes-by-kind.csv",
                        data={"csrf_token": token, "area": "pool", "months": "24"}).get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[1][6] == "10"
    # Abbreviated headings for a phone, the full text kept for screen readers.
    assert '<span class="th-full">Approved, waiting for the person</span><span class="th-short" aria-hidden="true">' in page
