"""Exports for Swedish offices: XLSX with names, dates and numbers; CSV with ;, BOM and decimal commas; no cell a
formula whatever the separator (issue 13, finding 4); exports only as a POST with the CSRF token (finding 10)."""
import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Role
from app.services import dashboard
from app.services.exports import csv_text, safe_cell, xlsx_bytes
from tests import factories as f

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(A1)", "-2+3", "@cmd", "Nina;=2+3;Nan", ";=cmd|' /C calc'!A0;",
           "Ali, =1+1", "\t=tab", "a\n=line"]


def _export(browser, url, page="/caseworker/people"):
    response = browser.submit(url, page=page)
    assert response.status_code == 200, response.status_code
    return response


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("value", HOSTILE)
def test_no_part_of_a_cell_starts_a_formula_whatever_the_separator(value):
    safe = safe_cell(value)
    for separator in (";", ",", "\t", "\n", "\r"):
        for part in safe.split(separator):
            assert not part.lstrip(" ").startswith(("=", "+", "-", "@")), (value, separator, part)
    assert safe.replace("'", "") == value.replace("'", "")  # nothing else is changed or lost


def test_ordinary_text_and_numbers_are_left_alone():
    assert safe_cell("Åsa Öberg") == "Åsa Öberg"
    assert safe_cell("Västerås, Eskilstuna") == "Västerås, Eskilstuna"
    rows = _csv_rows(csv_text(["a", "b", "c"], [[-2, 2.5, date(2026, 3, 1)]]))
    assert rows[1] == ["-2", "2,5", "2026-03-01"]  # numbers stay numbers (a sign is not a formula), decimal comma


def test_people_csv_opens_as_columns_in_swedish_excel(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    f.profile(f.user(), full_name="Nina;=2+3;Nan", phone=";=cmd|' /C calc'!A0;", birth_year=1990)
    f.profile(f.user(), full_name="Åsa Öberg", birth_year=2000)
    browser.login(caseworker.email, f.PASSWORD)
    response = _export(browser, "/caseworker/people.csv")
    assert response.mimetype == "text/csv"
    rows = _csv_rows(response.get_data(as_text=True))
    assert len(rows) == 3 and all(len(row) == len(rows[0]) for row in rows)  # ; splits into the same columns
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Åsa Öberg"][4] == "Västerås"  # the name, not the code 1980
    assert "1980" not in response.get_data(as_text=True)
    # Even a program that splits on every ; regardless of quotes finds no cell starting a formula.
    for line in response.get_data(as_text=True)[1:].splitlines():
        for part in line.split(";"):
            assert not part.strip('"').startswith(FORMULA_STARTS), line


def test_people_xlsx_has_names_types_filters_and_neutralised_cells(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    for name in HOSTILE[:5]:
        f.profile(f.user(), full_name=name)
    f.profile(f.user(), full_name="Åsa Öberg", birth_year=2001)
    browser.login(caseworker.email, f.PASSWORD)
    response = _export(browser, "/caseworker/people.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["Referens", "Namn", "E-post", "Telefon", "Kommun"] or header[1] == "Name"
    assert all(c.font.bold for c in sheet[1])
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{sheet.max_row}"
    assert sheet.freeze_panes == "A2"
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    asa = rows["Åsa Öberg"]
    assert asa[4].value == "Västerås"
    assert isinstance(asa[0].value, int) and asa[6].value == 2001  # reference and birth year are numbers
    assert isinstance(asa[7].value, date) and asa[7].is_date  # registered: a date cell
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value  # no formula anywhere
            if isinstance(cell.value, str):
                assert not cell.value.startswith(FORMULA_STARTS), cell.value
    hostile = rows["'=HYPERLINK(\"http://x\",\"y\")"][1]
    assert hostile.data_type == "s" and hostile.quotePrefix  # Excel's own "this is text"


def test_xlsx_of_a_dashboard_table_keeps_numbers_and_words():
    table = dashboard.Table("t", "Väntetider: dagar/steg", "", "=Steg", ["Median"], [("A", [2.5]), ("B", [None])])
    with_suppressed = [["A", 2.5], ["B", "färre än 5"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table.title, [table.group, "Median"], with_suppressed))).active
    assert sheet.title == "Väntetider  dagar steg"[:31]  # : and / are not allowed in a sheet name
    assert sheet["A1"].value == "'=Steg" and sheet["B2"].value == 2.5 and sheet["B3"].value == "färre än 5"


def test_an_export_is_a_post_with_the_csrf_token(browser, client):
    """Finding 10: a plain cross-site link (a GET, or a POST without the token) runs no export and writes no event."""
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    f.profile(f.user(), full_name="Länkad Person")
    browser.login(caseworker.email, f.PASSWORD)
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    for url in ("/caseworker/people.csv", "/caseworker/people.xlsx", "/caseworker/dashboard/seats.csv",
                "/caseworker/dashboard/seats.xlsx"):
        assert browser.get(url).status_code == 405, url
        refused = browser.post(url, data={})
        assert refused.status_code == 400 and "Länkad" not in refused.get_data(as_text=True), url
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
    page = browser.get("/caseworker/people").get_data(as_text=True)
    assert 'method="post" action="/caseworker/people.xlsx"' in page and 'formaction="/caseworker/people.csv"' in page
    assert "Länkad Person" in _export(browser, "/caseworker/people.csv").get_data(as_text=True)
    exported = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "caseworker_export")).all()
    assert len(exported) == 1


def test_a_search_exports_only_what_it_found(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    f.profile(f.user(), full_name="Sökt Person")
    f.profile(f.user(), full_name="Annan Person")
    browser.login(caseworker.email, f.PASSWORD)
    page = browser.get("/caseworker/people?q=sökt").get_data(as_text=True)
    assert 'name="q" type="hidden" value="sökt"' in page
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    text = browser.post("/caseworker/people.csv", data={"csrf_token": token, "q": "sökt"}).get_data(as_text=True)
    assert "Sökt Person" in text and "Annan Person" not in text


def test_people_list_shows_municipality_names(browser):
    caseworker = f.user(Role.CASEWORKER, municipality_code=f.VASTERAS)
    f.profile(f.user(), full_name="Listad Person")
    browser.login(caseworker.email, f.PASSWORD)
    body = browser.get("/caseworker/people").get_data(as_text=True)
    assert "<td>Västerås</td>" in body and "<td>1980</td>" not in body
