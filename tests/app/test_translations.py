"""Catalogs: in step with the code, complete in every locale, placeholders intact, and compilable."""
import pytest
from babel.messages.pofile import read_po

from app.commands.translate import BABEL_CFG, TRANSLATIONS
from app.presentation.i18n import SUPPORTED_LOCALES, compile_catalogs
from app.commands.translation_check import check_catalogs, placeholders


def test_catalogs_are_current_and_complete():
    assert check_catalogs(TRANSLATIONS, BABEL_CFG, list(SUPPORTED_LOCALES)) == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_placeholders_survive_translation(locale):
    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not (message.id and message.string):
            continue
        if message.pluralizable:  # every plural form keeps the placeholders of the English plural
            for form in message.string:
                assert placeholders(form) == placeholders(message.id[1]), (message.id, form)
        else:
            assert placeholders(message.id) == placeholders(message.string), message.id


def test_every_catalog_compiles(tmp_path):
    assert len(compile_catalogs(TRANSLATIONS)) == len(SUPPORTED_LOCALES)


def test_check_reports_an_untranslated_message(tmp_path):
    broken = tmp_path / "translations"
    for path in TRANSLATIONS.rglob("*.po*"):
        target = broken / path.relative_to(TRANSLATIONS)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    po = broken / "sv" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Logga in"', 'msgstr ""', 1), encoding="utf-8")
    assert any(problem.startswith("sv:") for problem in check_catalogs(broken, BABEL_CFG, ["sv"]))


CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_plural_header_follows_the_cldr_rules(locale):
    """The catalog's Plural-Forms picks, for every whole number, the form of Babel's CLDR category (in CLDR order)."""
    import gettext

    from babel import Locale

    with (TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    rule = Locale.parse(locale).plural_form
    numbers = range(0, 1201)
    categories = [c for c in CLDR_ORDER if any(rule(n) == c for n in numbers)]  # those whole numbers reach
    assert catalog.num_plurals == len(categories), catalog.plural_forms
    form_of = gettext.c2py(catalog.plural_expr)
    wrong = [n for n in numbers if form_of(n) != categories.index(rule(n))]
    assert wrong == [], f"{locale}: {catalog.plural_forms} picks the wrong form for {wrong[:10]}"
    for message in catalog:
        if message.id and message.pluralizable and message.string:
            assert len(message.string) == catalog.num_plurals, message.id
