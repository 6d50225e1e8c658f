"""Fields and validators that several blueprints' forms share."""
import math
from decimal import Decimal
from flask_babel import get_translations, gettext as _, lazy_gettext as _l, ngettext
from flask_wtf import FlaskForm
from flask_wtf.i18n import translations as wtforms_translations
from wtforms import DecimalField, Form as WTForm, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.presentation.labels import LEVEL_LABELS
from app.services import concepts

MAX_TERMS = 30
CEFR_CHOICES = [(code, label) for code, label in LEVEL_LABELS.items() if code != "native"]
DRIVING_LICENCES = ["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"]


class _Translations:
    """WTForms' own messages ("This field is required.") from our catalogs first, then from WTForms' catalogs.

    WTForms ships no Somali or Tigrinya, and its Persian is not Dari: our catalogs carry these messages in all
    seven locales (listed in _wtforms_messages so that `flask translate extract` finds them).
    """

    def gettext(self, string: str) -> str:
        translated = get_translations().ugettext(string)  # unformatted: WTForms fills the placeholders
        return translated if translated != string else wtforms_translations.gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        translated = get_translations().ungettext(singular, plural, n)
        return translated if translated not in (singular, plural) else wtforms_translations.ngettext(singular, plural, n)


class TranslatedMeta:
    """Meta for every form and sub-form: validation messages in the page's language."""

    def get_translations(self, form):
        return _TRANSLATIONS


_TRANSLATIONS = _Translations()


class Form(FlaskForm):
    """Base of every form: CSRF (Flask-WTF) and WTForms' messages in all seven languages."""

    class Meta(TranslatedMeta):
        pass


class SubForm(WTForm):
    """A group of fields repeated inside a form (FormField): no CSRF of its own, same messages."""

    class Meta(TranslatedMeta):
        pass


def _wtforms_messages() -> None:  # pragma: no cover - never called: lists WTForms' messages for extraction
    _("This field is required.")
    _("Invalid email address.")
    _("Not a valid choice.")
    _("Invalid Choice: could not coerce.")
    _("Not a valid date value.")
    _("Not a valid time value.")
    _("Not a valid integer value.")
    _("Not a valid decimal value.")
    _("Number must be at least %(min)s.")
    _("Number must be at most %(max)s.")
    _("Number must be between %(min)s and %(max)s.")
    _("Field must be between %(min)d and %(max)d characters long.")
    ngettext("Field cannot be longer than %(max)d character.", "Field cannot be longer than %(max)d characters.", 1)
    ngettext("Field must be at least %(min)d character long.", "Field must be at least %(min)d characters long.", 1)
    ngettext("'%(value)s' is not a valid choice for this field.",
             "'%(value)s' are not valid choices for this field.", 1)


class FiniteDecimalField(DecimalField):
    """A decimal number; NaN, sNaN and Infinity are refused as not a number (Decimal parses them, and
    comparing sNaN raises, which was a server error)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        value = self.data  # a Decimal from the form, or a float when WTForms parsed it without one
        if value is not None and not _finite(value):
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))


def _finite(value) -> bool:
    try:
        return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
    except TypeError:
        return False


class ActionForm(Form):
    """A button-only POST still carries a CSRF token."""


class ConceptTermsField(TextAreaField):
    """One occupation or skill per line, typed in any supported language; stores concept ids in .concept_ids.

    The page shows the labels in the reader's language; unknown terms are a validation error that
    names them, so nothing typed is silently lost — or, with free_text=True (a jobseeker's own profile),
    kept as the person's own words in .free_terms, never refused.
    """

    def __init__(self, label=None, concept_type="skill", max_terms=MAX_TERMS, free_text=False, **kwargs):
        kwargs.setdefault("validators", [Length(max=4000)])
        kwargs.setdefault("render_kw", {"data-autocomplete": concept_type})
        super().__init__(label, **kwargs)
        self.concept_type = concept_type
        self.max_terms = max_terms
        self.free_text = free_text
        self.concept_ids: list[str] = []
        self.free_terms: list[str] = []

    def process_data(self, value):
        # Called with concept ids when the form is built from a saved object.
        self.concept_ids = list(value or [])
        self.data = "\n".join(concepts.labels_for(self.concept_ids)[cid] for cid in self.concept_ids)

    def terms(self) -> list[str]:
        seen = []
        for line in (self.data or "").splitlines():
            term = line.strip()
            if term and term not in seen:
                seen.append(term)
        return seen

    def pre_validate(self, form):
        terms = self.terms()
        if len(terms) > self.max_terms:
            raise ValidationError(_("Write at most %(n)s items.", n=self.max_terms))
        if any(len(term) > 200 for term in terms):
            raise ValidationError(_("Each line can be at most 200 characters."))
        ids, unknown = concepts.resolve_terms(terms, self.concept_type)
        # Labels may contain commas, so a line is split on commas only when it matched nothing whole.
        parts = [part.strip() for term in unknown for part in term.split(",") if part.strip()]
        if parts and any("," in term for term in unknown):
            more_ids, unknown = concepts.resolve_terms(parts, self.concept_type)
            ids += [concept_id for concept_id in more_ids if concept_id not in ids]
        if unknown and not self.free_text:
            raise ValidationError(_("We did not recognise: %(terms)s. Check the spelling or choose another word.",
                                    terms=", ".join(unknown)))
        self.concept_ids = ids
        self.free_terms = list(unknown)  # the person's own words, kept as typed


def municipality_field(label=_l("Municipality"), **kwargs) -> SelectField:
    return SelectField(label, choices=[], default="", **kwargs)


def fill_municipality_choices(field: SelectField, blank_label: str | None = None) -> None:
    field.choices = options([("", blank_label or _("Choose a municipality"))] + concepts.choices("municipality"))


def single_concept_validator(concept_type: str):
    def _check(form, field):
        if field.data:
            ids, unknown = concepts.resolve_terms([field.data.strip()], concept_type)
            if unknown:
                raise ValidationError(_("We did not recognise: %(terms)s. Check the spelling or choose another word.",
                                        terms=field.data.strip()))
            field.concept_id = ids[0]
        else:
            field.concept_id = None
    return _check


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the SelectChoice objects WTForms expects."""
    return [pair if isinstance(pair, SelectChoice) else SelectChoice(*pair) for pair in pairs]


class ApiKeyForm(Form):
    """Name a new API key (the key itself is shown once, after saving)."""

    name = StringField(_l("Name of the key"), description=_l("For example the system that will use it."),
                       validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Make a key"))


class MunicipalityApiKeyForm(ApiKeyForm):
    municipality_code = municipality_field(_l("Municipality"), validators=[DataRequired()])

    def fill_choices(self, codes) -> None:
        """Every municipality for an administrator (codes None), else only the caseworker's own."""
        fill_municipality_choices(self.municipality_code)
        if codes is not None:
            self.municipality_code.choices = [c for c in self.municipality_code.choices if c.value in codes]


class SatisfactionForm(Form):
    """The one-question survey (app/services/satisfaction.py): a score 1–10 and a short comment, or "don't ask"."""

    score = RadioField(_l("How satisfied are you overall?"), choices=[SelectChoice(n, str(n)) for n in range(1, 11)], coerce=int,
                       validate_choice=False)
    comment = TextAreaField(_l("Anything you want to add? (you can leave it empty)"),
                            description=_l("Do not write names or other personal details."),
                            validators=[Length(max=300)])
    send = SubmitField(_l("Send my answer"))
    dismiss = SubmitField(_l("Do not ask me"))

    def validate_score(self, field):
        if self.dismiss.data or field.errors:  # dismissing needs no score; a value that is no number said so
            return
        if field.data not in range(1, 11):
            raise ValidationError(_("Choose a number from 1 to 10, or press \"Do not ask me\"."))
