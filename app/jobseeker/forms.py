"""The profile form: short questions in plain language."""
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, FieldList, FormField, IntegerField, SelectField,
                     SelectMultipleField, StringField, SubmitField, TextAreaField, widgets)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.forms import FiniteDecimalField, Form, SubForm, options, DRIVING_LICENCES, ConceptTermsField, fill_municipality_choices, municipality_field
from app.labels import KIND_LABELS, LEVEL_LABELS
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


class ProfileForm(Form):
    full_name = StringField(_l("Your name"), description=_l("Your first name and last name."), validators=[DataRequired(), Length(max=120)])
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
                                           description=_l("For example: Truckförare, Lagerarbetare"))
    skills = ConceptTermsField(_l("Things you can do (one per line)"), concept_type="skill",
                               description=_l("For example: Lagerhållning, Kundtjänst"))
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
        # SUN 2020 top levels only (one digit): detailed levels mean nothing to most people.
        self.education_level.choices = options(
            [("", "")] + concepts.choices("education_level", keep=lambda c: c.code and len(c.code) == 1))
        language_choices = [("", "")] + concepts.choices("language", "code", keep=lambda c: c.code and len(c.code) == 2)
        for entry in self.languages:
            entry.form.code.choices = options(language_choices)

    def values(self) -> dict:
        """What to save, in the shapes the profile stores."""
        return {
            "full_name": self.full_name.data.strip(),
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
            "skills": self.skills.concept_ids,
            "driving_licences": self.driving_licences.data or [],
            "wanted_kinds": self.wanted_kinds.data or [],
            "available_from": self.available_from.data,
            "about": (self.about.data or "").strip(),
        }


class DeleteAccountForm(Form):
    """Deleting everything is final, so the person ticks a box first (no word to type in a second script)."""
    confirm = BooleanField(_l("I understand that my account and everything about me will be deleted, "
                              "and that this cannot be undone."),
                           validators=[DataRequired(message=_l("Tick the box if you want to delete everything."))])
    submit = SubmitField(_l("Delete my account and my data"))
