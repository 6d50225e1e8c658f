"""Supported locales, the locale selection chain and locale-aware template helpers."""
from pathlib import Path

from babel.lists import format_list as babel_format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import current_app, request, session
from flask_babel import format_date, format_decimal, get_locale
from flask_login import current_user

# One list of locales: code → the language's name in itself (for the language switcher).
SUPPORTED_LOCALES = {
    "sv": "Svenska",
    "en": "English",
    "ar": "العربية",
    "so": "Soomaali",
    "ti": "ትግርኛ",
    "fa_AF": "دری",
    "uk": "Українська",
}
RTL_LOCALES = frozenset({"ar", "fa_AF"})
DEFAULT_LOCALE = "sv"


def select_locale() -> str:
    """Saved preference → session choice → browser → Swedish (an API call: Accept-Language only)."""
    from app.api import is_api_request

    if is_api_request():
        return _from_accept_language()
    if current_user and current_user.is_authenticated and current_user.locale in SUPPORTED_LOCALES:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in SUPPORTED_LOCALES:
        return chosen
    return _from_accept_language()


def _from_accept_language() -> str:
    # Browsers send "fa-AF"; Werkzeug matches it against our "fa_AF" spelling.
    browser = request.accept_languages.best_match([c.replace("_", "-") for c in SUPPORTED_LOCALES])
    return browser.replace("-", "_") if browser else DEFAULT_LOCALE


def current_locale() -> str:
    locale = get_locale()
    return str(locale) if locale else DEFAULT_LOCALE


def text_direction() -> str:
    return "rtl" if current_locale() in RTL_LOCALES else "ltr"


def html_lang() -> str:
    return current_locale().replace("_", "-")


def format_list(items) -> str:
    """A list joined the way the reader's language joins lists ("a, b och c", "a، b و c")."""
    items = [str(item) for item in items]
    return babel_format_list(items, locale=current_locale()) if items else ""


def compile_catalogs(translations_dir: Path | None = None, stale_only: bool = False) -> list[Path]:
    """Compile every messages.po below translations_dir into messages.mo; return the written files.

    stale_only: leave a messages.mo that is newer than its messages.po (`flask setup`: catalogs compiled when the
    code was installed need no write access to the code folder afterwards)."""
    if translations_dir is None:
        translations_dir = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    written = []
    for po_path in sorted(translations_dir.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if stale_only and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


def init_app(app) -> None:
    from app.presentation import labels

    app.jinja_env.globals.update(
        KIND_LABELS=labels.KIND_LABELS,
        KIND_EXPLAINED=labels.KIND_EXPLAINED,
        LEVEL_LABELS=labels.LEVEL_LABELS,
        STATUS_LABELS=labels.STATUS_LABELS,
        JOBSEEKER_STATUS_LABELS=labels.JOBSEEKER_STATUS_LABELS,
        SUPPORTED_LOCALES=SUPPORTED_LOCALES,
        current_locale=current_locale,
        text_direction=text_direction,
        html_lang=html_lang,
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.filters["list"] = format_list
    app.jinja_env.filters["employer_name"] = labels.employer_name
