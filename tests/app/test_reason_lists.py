"""Reasons name each thing once, even when two taxonomy concepts share one translated name."""
from flask_babel import force_locale
from markupsafe import Markup

from app.presentation.explanations import _markup_list


def test_two_occupations_with_one_arabic_name_are_named_once(app):
    name = Markup('<bdi lang="ar">عامل الرعاية المنزلية</bdi>')
    with app.test_request_context(), force_locale("ar"):
        joined = _markup_list([name, name, Markup("<bdi>Undersköterska</bdi>")])
    assert joined.count("عامل الرعاية المنزلية") == 1 and "Undersköterska" in joined
