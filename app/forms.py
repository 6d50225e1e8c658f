"""Fields and validators that several blueprints' forms share."""
from flask_babel import gettext as _, lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from app.labels import LEVEL_LABELS
from app.services import concepts

MAX_TERMS = 30
CEFR_CHOICES = [(code, label) for code, label in LEVEL_LABELS.items() if code != "native"]
DRIVING_LICENCES = ["AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE"]


class ActionForm(FlaskForm):
    """A button-only POST still carries a CSRF token."""


class ConceptTermsField(TextAreaField):
    """One occupation or skill per line, typed in any supported language; stores concept ids in .concept_ids.

    The page shows the labels in the reader's language; unknown terms are a validation error that
    names them, so nothing typed is silently lost.
    """

    def __init__(self, label=None, concept_type="skill", max_terms=MAX_TERMS, **kwargs):
        kwargs.setdefault("validators", [Length(max=4000)])
        kwargs.setdefault("render_kw", {"data-autocomplete": concept_type})
        super().__init__(label, **kwargs)
        self.concept_type = concept_type
        self.max_terms = max_terms
        self.concept_ids: list[str] = []

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
        if unknown:
            raise ValidationError(_("We did not recognise: %(terms)s. Check the spelling or choose another word.",
                                    terms=", ".join(unknown)))
        self.concept_ids = ids


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
