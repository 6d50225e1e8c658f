"""The profile PDF in every locale: read back with pdftotext (the person's language and the Swedish occupation
names), fonts embedded (pdffonts); one PDF per locale is kept in test-artifacts/ for people to look at."""
import shutil
import subprocess
import unicodedata

import pytest
from flask_babel import force_locale, gettext as _
from sqlalchemy import select

from app.config import PROJECT_DIR
from app.presentation.i18n import SUPPORTED_LOCALES
from app.models import AuditEvent, Role
from app.services.concepts import labels_for
from app.extensions import db
from tests import factories as f

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext, pdffonts)")
ARTIFACTS = PROJECT_DIR / "test-artifacts"
# Something the person wrote themself, in the language they write in.
OWN_WORDS = {
    "sv": "Jag har packat varor i två år.",
    "en": "I packed goods for two years.",
    "ar": "عملت في مستودع لمدة سنتين",
    "so": "Waxaan ka shaqeeyay bakhaar laba sano.",
    "ti": "ኣብ መኽዘን ክልተ ዓመት ሰሪሐ",
    "fa_AF": "دو سال در گدام کار کردم",
    "uk": "Я два роки працював на складі.",
}


def _text(pdf: bytes, path) -> str:
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(_plain(out.stdout).split())


def _plain(text: str) -> str:
    """Shaped Arabic comes back as presentation forms (NFKC gives the letters typed); pdftotext adds bidi marks
    and drops the zero-width non-joiner of Dari words (format characters are compared without them)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Cf")


def _words_in(text: str, phrase: str) -> bool:
    """Every word of phrase is in text (a right-to-left line may come back with its words in visual order)."""
    return all(word in text for word in phrase.split())


@pytest.mark.parametrize("locale", list(SUPPORTED_LOCALES))
def test_the_pdf_has_the_persons_language_and_swedish_side_by_side(browser, locale, tmp_path):
    account = f.user(Role.JOBSEEKER, locale=locale, full_name="Test Person")
    f.profile(account, about=OWN_WORDS[locale], wanted_occupations=[f.WAREHOUSE_WORKER, f.ASSISTANT_NURSE],
              experience=[{"title": OWN_WORDS[locale], "years": 2}], driving_licences=["B"],
              languages=[{"code": "ar", "level": "native"}], swedish_level="A2")
    browser.login(account.email, f.PASSWORD)
    response = browser.get("/me/profile.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = response.get_data()
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"profile-{locale}.pdf").write_bytes(pdf)
    text = _text(pdf, tmp_path / "profile.pdf")

    swedish_names = labels_for([f.WAREHOUSE_WORKER, f.ASSISTANT_NURSE], "sv")
    for name in swedish_names.values():
        assert _words_in(text, name), name
    with force_locale(locale):
        heading = _("Occupations I am looking for")
    with force_locale("sv"):
        swedish_heading = _("Occupations I am looking for")
    assert _words_in(text, _plain(heading)), heading
    assert _words_in(text, swedish_heading)
    assert _words_in(text, _plain(OWN_WORDS[locale]))

    fonts = subprocess.run(["pdffonts", str(tmp_path / "profile.pdf")], capture_output=True, check=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts  # every font embedded


def test_the_caseworker_prints_the_profile_and_the_read_is_recorded(browser, tmp_path):
    person = f.profile(f.user(Role.JOBSEEKER, locale="ti"), full_name="Selam Printperson")
    caseworker = f.user(Role.CASEWORKER)
    other = f.user(Role.CASEWORKER, municipality_code=f.ESKILSTUNA)
    browser.login(other.email, f.PASSWORD)
    assert browser.get(f"/caseworker/people/{person.id}/profile.pdf").status_code == 404
    browser.logout()
    browser.login(caseworker.email, f.PASSWORD)
    response = browser.get(f"/caseworker/people/{person.id}/profile.pdf")
    assert response.status_code == 200
    assert "Selam Printperson" in _text(response.get_data(), tmp_path / "p.pdf")
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.profile_id == person.id,
                                                                 AuditEvent.actor_id == caseworker.id)).all()
    assert actions == ["caseworker_profile_pdf"]
