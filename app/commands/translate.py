"""`flask translate extract|update|compile|check`: the gettext catalogs under translations/."""
import subprocess
import sys

import click
from flask.cli import AppGroup

from app.config import PROJECT_DIR
from app.presentation.i18n import SUPPORTED_LOCALES, compile_catalogs

TRANSLATIONS = PROJECT_DIR / "translations"
POT = TRANSLATIONS / "messages.pot"
BABEL_CFG = PROJECT_DIR / "app" / "babel.cfg"

translate_cli = AppGroup("translate", help="Translation catalogs.")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)


@translate_cli.command("extract")
def translate_extract() -> None:
    """Write translations/messages.pot from the code and templates."""
    # --ignore-dirs: Babel's default also skips folders starting with "_", such as templates/_macros.
    _pybabel("extract", "-F", str(BABEL_CFG), "-k", "_l", "--no-location", "--sort-output", "--ignore-dirs", ".* __pycache__",
             "--omit-header", "-o", str(POT), str(PROJECT_DIR / "app"))


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then merge new strings into every locale's catalog (creating missing ones)."""
    translate_extract.callback()
    for locale in SUPPORTED_LOCALES:
        po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
        command = "update" if po.exists() else "init"
        _pybabel(command, "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale, "--no-wrap",
                 *(["--ignore-obsolete", "--no-fuzzy-matching"] if command == "update" else []))


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalog to .mo."""
    click.echo(f"catalogs compiled: {len(compile_catalogs(TRANSLATIONS))}")


@translate_cli.command("check")
@click.option("--locale", "locales", multiple=True, help="Only these locales must be complete.")
def translate_check(locales: tuple[str, ...]) -> None:
    """Fail when the template is stale or a catalog lacks translations."""
    from app.commands.translation_check import check_catalogs

    problems = check_catalogs(TRANSLATIONS, BABEL_CFG, list(locales) or list(SUPPORTED_LOCALES))
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("translations: up to date and complete")
