"""Is every catalog in step with the code, complete, and true to its placeholders?"""
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def check_catalogs(translations: Path, babel_cfg: Path, locales: list[str]) -> list[str]:
    """Return the problems found; empty means the catalogs can ship."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "messages.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", str(babel_cfg),
                        "-k", "_l", "--no-location",
                        "--ignore-dirs", ".* __pycache__", "-o", str(fresh), str(babel_cfg.parent)], check=True)
        expected = _ids(_catalog(fresh))
    template = translations / "messages.pot"
    if not template.exists() or _ids(_catalog(template)) != expected:
        problems.append("messages.pot is stale: run `flask translate update`")
    for locale in locales:
        po = translations / locale / "LC_MESSAGES" / "messages.po"
        if not po.exists():
            problems.append(f"{locale}: no catalog")
            continue
        catalog = _catalog(po)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy or
                                                      (isinstance(m.string, tuple) and not all(m.string)))]
        absent = expected - _ids(catalog)
        if missing or absent:
            problems.append(f"{locale}: {len(missing) + len(absent)} of {len(expected)} messages untranslated")
        for message in catalog:
            if message.id and message.string:
                source = message.id if isinstance(message.id, str) else message.id[0]
                target = message.string if isinstance(message.string, str) else message.string[0]
                if target and placeholders(source) != placeholders(target):
                    problems.append(f"{locale}: placeholders differ in {source!r}")
    return problems
