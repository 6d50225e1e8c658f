"""A profile to take along: a PDF of the person's profile in their language and Swedish side by side.

Rendered by WeasyPrint, which shapes Arabic, Dari and Ethiopic script through Pango/HarfBuzz with Debian's Noto
fonts and embeds (subsets of) the fonts it uses. Each column, and each of the person's own sentences, carries
its own lang and dir, so a right-to-left column stays right-to-left beside the Swedish one.
"""
from datetime import date

from babel import Locale
from flask import current_app, render_template
from flask_babel import force_locale, format_date, format_decimal, gettext as _

from app.presentation.i18n import RTL_LOCALES, SUPPORTED_LOCALES
from app.presentation.labels import KIND_LABELS, LEVEL_LABELS
from app.models import JobseekerProfile
from app.services.concepts import labels_for
from app.services.people import own_language

SWEDISH = "sv"


def _language_name(code: str, locale: str) -> str:
    try:
        return Locale.parse(locale).languages.get(code) or code
    except (ValueError, TypeError):
        return code


def sections(profile: JobseekerProfile, locale: str) -> list[dict]:
    """The profile's parts as (heading, lines) in one language; concept names from the taxonomy in that language."""
    with force_locale(locale):
        ids = list(profile.skills or []) + list(profile.wanted_occupations or []) + [profile.municipality_code]
        if profile.education_level:
            ids.append(profile.education_level)
        names = labels_for(ids, locale)
        languages = [_("%(language)s: %(level)s", language=_language_name(entry.get("code") or "", locale),
                       level=str(LEVEL_LABELS.get(entry.get("level"), entry.get("level") or "")))
                     for entry in profile.languages or [] if entry.get("code")]
        if profile.swedish_level:
            languages.insert(0, _("%(language)s: %(level)s", language=_language_name("sv", locale),
                                  level=str(LEVEL_LABELS.get(profile.swedish_level, profile.swedish_level))))
        experience = []
        for entry in profile.experience or []:
            if not entry.get("title"):
                continue
            years = entry.get("years")
            # The person's words stay a separate, isolated run: inside a sentence in another direction they would
            # be reordered with it (an Arabic job title in the Swedish column).
            experience.append({"text": entry["title"], "own": True, "years": None if years in (None, "") else
                               _("%(years)s years", years=format_decimal(float(years)))})
        looking = [str(KIND_LABELS.get(kind, kind)) for kind in profile.wanted_kinds or []]
        looking.append(_("Lives in %(place)s and can travel %(km)s km", place=names.get(profile.municipality_code, ""),
                         km=format_decimal(profile.travel_km or 0)))
        if profile.available_from:
            looking.append(_("Can start %(date)s", date=format_date(profile.available_from, "long")))
        parts = [
            {"heading": _("Occupations I am looking for"),
             "lines": [names[c] for c in profile.wanted_occupations or [] if c in names]},
            {"heading": _("Work experience"), "lines": experience},
            {"heading": _("Skills"), "lines": [names[c] for c in profile.skills or [] if c in names]},
            {"heading": _("Languages"), "lines": languages},
            {"heading": _("Driving licence"), "lines": [", ".join(profile.driving_licences)]
             if profile.driving_licences else []},
            {"heading": _("Education"), "lines": [names[profile.education_level]] if profile.education_level else []},
            {"heading": _("What I am looking for"), "lines": looking},
        ]
        if profile.about:
            parts.append({"heading": _("About me"), "lines": [{"text": profile.about, "own": True}]})
        return {"title": _("Profile"), "name_label": _("Name"), "parts": parts,
                "lang": locale.replace("_", "-"), "dir": "rtl" if locale in RTL_LOCALES else "ltr",
                "language": SUPPORTED_LOCALES.get(locale, locale)}


def render(profile: JobseekerProfile, locale: str | None) -> bytes:
    """The PDF: the person's language on one side, Swedish on the other (one column when it is Swedish)."""
    from weasyprint import HTML  # imported on use: loading Pango costs time that other pages need not pay

    locale = locale if locale in SUPPORTED_LOCALES else SWEDISH
    columns = [sections(profile, locale)]
    if locale != SWEDISH:
        columns.append(sections(profile, SWEDISH))
    with force_locale(locale):
        html = render_template("pdf/profile.html", profile=profile, columns=columns, today=date.today(),
                               own_lang=own_language(profile),
                               title=_("Profile from Jobbrygga"), page_lang=locale.replace("_", "-"),
                               page_dir="rtl" if locale in RTL_LOCALES else "ltr")
    return HTML(string=html, base_url=current_app.root_path).write_pdf()
