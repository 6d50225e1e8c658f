"""The profile form: short questions in plain language."""
import unicodedata
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, FieldList, FormField, IntegerField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField, widgets)
from sqlalchemy import func, select
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from app.extensions import db
from app.models import Concept

from app.forms import FiniteDecimalField, Form, SubForm, options, DRIVING_LICENCES, ConceptTermsField, fill_municipality_choices, municipality_field
from app.presentation.labels import EDUCATION_LEVEL_LABELS, KIND_LABELS, LEVEL_LABELS
from app.services import concepts

LEVEL_CHOICES = list(LEVEL_LABELS.items())


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class LanguageEntry(SubForm):
    code = SelectField(_l("Language"), choices=[], default="")
    level = SelectField(_l("Level"), choices=options([("", "")] + LEVEL_CHOICES), default="")


class ExperienceEntry(SubForm):
    title = StringField(_l("What did you work with?"), validators=[Optional(), Length(max=120)])
    years = FiniteDecimalField(_l("Years"), places=1, validators=[Optional(), NumberRange(min=0, max=60)])


def _is_latin(text: str | None) -> bool:
    """Only Latin letters (with accents), spaces, hyphens and apostrophes: a name as in Swedish documents."""
    letters = [c for c in (text or "") if c.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(c, "") for c in letters)


def latin_letters(form, field):
    if field.data and not _is_latin(field.data):
        raise ValidationError(str(_l("Write your name with the letters A–Z, as in your Swedish documents "
                                     "(for example your residence permit). You can write it in your own script "
                                     "below.")))


class ProfileForm(Form):
    full_name = StringField(_l("Your name, as in your Swedish documents"),
                            description=_l("With the letters A–Z, as on your residence permit or ID card. "
                                           "Employers see this name."),
                            validators=[DataRequired(), Length(max=120), latin_letters])
    name_own_script = StringField(_l("Your name in your own script (optional)"),
                                  description=_l("Only you and your caseworker see it."),
                                  validators=[Optional(), Length(max=120)])
    phone = StringField(_l("Phone (optional)"), description=_l("Your caseworker can call you. Employers never see it before you say yes."),
                        validators=[Optional(), Length(max=32)])
    birth_year = IntegerField(_l("Year you were born"), description=_l("Some programmes have age limits."),
                              validators=[Optional(), NumberRange(min=1940, max=date.today().year - 15)])
    municipality_code = municipality_field(_l("Where do you live?"), description=_l("Choose your municipality."),
                                           validators=[DataRequired()])
    travel_km = IntegerField(_l("How far can you travel each day (km)?"), default=30,
                             description=_l("We only suggest places you can reach. 10 km is about 20 minutes by bus."),
                             validators=[DataRequired(), NumberRange(min=1, max=300)])
    swedish_level = SelectField(_l("How good is your Swedish?"),
                                description=_l("A1 is a beginner. C1 is very good. Guess if you are not sure."),
                                choices=options([("", _l("I have not started yet"))] + LEVEL_CHOICES), default="")
    languages = FieldList(FormField(LanguageEntry), label=_l("Other languages you speak"), min_entries=3, max_entries=3)
    education_level = SelectField(_l("Your highest education"), choices=[], default="",
                                  description=_l("The highest school you finished, in Sweden or in another country."))
    experience = FieldList(FormField(ExperienceEntry), label=_l("Work you have done"), min_entries=3, max_entries=3)
    wanted_occupations = ConceptTermsField(_l("Jobs you want (one per line)"), concept_type="occupation",
                                           free_text=True,
                                           description=_l("For example: forklift driver, warehouse worker. "
                                                          "Write in your own words if you like."))
    skills = ConceptTermsField(_l("Things you can do (one per line)"), concept_type="skill", free_text=True,
                               description=_l("For example: keeping a stockroom in order, serving customers. "
                                              "Write in your own words if you like."))
    driving_licences = MultiCheckboxField(_l("Driving licences you have"),
                                          description=_l("B is for a car. Leave empty if you have none."),
                                          choices=options([(code, code) for code in DRIVING_LICENCES]))
    wanted_kinds = MultiCheckboxField(_l("What are you looking for?"), choices=options(list(KIND_LABELS.items())),
                                      description=_l("Choose none if anything is fine."))
    available_from = DateField(_l("When can you start?"), description=_l("Leave empty if you can start now."),
                               validators=[Optional()])
    about = TextAreaField(_l("Tell us about yourself, in your own language"),
                          description=_l("What have you done? What do you like? What do you want to learn?"),
                          validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Save"))

    def fill_choices(self) -> None:
        fill_municipality_choices(self.municipality_code)
        # SUN 2020 top levels only (one digit), in order of level: detailed levels mean nothing to most people.
        self.education_level.choices = options([("", "")] + education_level_choices())
        language_choices = [("", "")] + concepts.choices("language", "code", keep=lambda c: c.code and len(c.code) == 2)
        for entry in self.languages:
            entry.form.code.choices = options(language_choices)

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs):
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)
        if obj is not None and not self.wanted_occupations.raw_data:  # built from the saved profile, not a post
            self.show_own_words(obj)

    def show_own_words(self, profile) -> None:
        """Put the person's own words (the terms the lists did not know) back after the recognised ones."""
        for field, own in ((self.wanted_occupations, profile.own_occupations), (self.skills, profile.own_skills)):
            if own:
                field.data = "\n".join([line for line in (field.data or "").splitlines() if line] + list(own))

    def values(self) -> dict:
        """What to save, in the shapes the profile stores."""
        return {
            "full_name": self.full_name.data.strip(),
            # A form that does not show the field (the caseworker's) leaves the stored value alone.
            **({"name_own_script": (self.name_own_script.data or "").strip() or None}
               if self.name_own_script.raw_data is not None and self.name_own_script.raw_data != [] else {}),
            "phone": (self.phone.data or "").strip() or None,
            "birth_year": self.birth_year.data,
            "municipality_code": self.municipality_code.data,
            "travel_km": self.travel_km.data,
            "swedish_level": self.swedish_level.data or None,
            "languages": [{"code": e.code.data, "level": e.level.data or None}
                          for e in self.languages if e.code.data],
            "education_level": self.education_level.data or None,
            "experience": [{"title": e.title.data.strip(), "years": float(e.years.data or 0)}
                           for e in self.experience if (e.title.data or "").strip()],
            "wanted_occupations": self.wanted_occupations.concept_ids,
            "own_occupations": self.wanted_occupations.free_terms,
            "skills": self.skills.concept_ids,
            "own_skills": self.skills.free_terms,
            "driving_licences": self.driving_licences.data or [],
            "wanted_kinds": self.wanted_kinds.data or [],
            "available_from": self.available_from.data,
            "about": (self.about.data or "").strip(),
        }


def education_level_choices() -> list[tuple[str, str]]:
    """(concept id, plain name) of the SUN top levels, lowest first."""
    levels = db.session.execute(select(Concept.id, Concept.code).where(
        Concept.type == "education_level", func.length(Concept.code) == 1)).all()
    return [(concept_id, str(EDUCATION_LEVEL_LABELS.get(code, code)))
            for concept_id, code in sorted(levels, key=lambda row: row.code)]


def education_level_name(concept_id: str | None) -> str | None:
    """The plain name of a stored education level (top level of SUN), or its Swedish label for a detailed one."""
    if not concept_id:
        return None
    code = db.session.scalar(select(Concept.code).where(Concept.id == concept_id))
    if code in EDUCATION_LEVEL_LABELS:
        return str(EDUCATION_LEVEL_LABELS[code])
    return concepts.label_for(concept_id)


class DeleteAccountForm(Form):
    """Deleting everything is final, so the person ticks a box first (no word to type in a second script)."""
    confirm = BooleanField(_l("I understand that my account and everything about me will be deleted, "
                              "and that this cannot be undone."),
                           validators=[DataRequired(message=_l("Tick the box if you want to delete everything."))])
    submit = SubmitField(_l("Delete my account and my data"))
