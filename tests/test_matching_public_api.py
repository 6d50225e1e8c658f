"""app/ uses matching/ only through its public API: the names in matching.__all__, imported from `matching`."""
import ast
import inspect
from pathlib import Path

import matching
from app.config import APP_DIR
from matching import Matcher


def private_uses(source: str) -> list[str]:
    """Every use of matching/ in source that is not a public name of the package itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("matching.")]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module.startswith("matching."):
                found.append(node.module)
            elif node.module == "matching":
                found += [f"matching.{a.name}" for a in node.names if a.name not in matching.__all__]
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "matching"
              and node.attr not in matching.__all__):
            found.append(f"matching.{node.attr}")
    return found


def test_the_check_finds_private_imports():
    assert private_uses("from matching.taxonomy import reference_data") == ["matching.taxonomy"]
    assert private_uses("import matching.lexicon") == ["matching.lexicon"]
    assert private_uses("from matching import _reference, Matcher") == ["matching._reference"]
    assert private_uses("import matching\nx = matching.features.BLOCKS") == ["matching.features"]
    assert private_uses("from matching import Matcher, reference_data\nimport matching\nmatching.Matcher") == []


def test_app_imports_only_the_public_names_of_matching():
    offenders = {str(path.relative_to(APP_DIR.parent)): uses for path in sorted(Path(APP_DIR).rglob("*.py"))
                 if (uses := private_uses(path.read_text(encoding="utf-8")))}
    assert offenders == {}, "app/ may use only matching.__all__"


def test_every_public_name_exists():
    for name in matching.__all__:
        assert getattr(matching, name) is not None, name


def test_the_matcher_follows_scikit_learns_conventions():
    parameters = inspect.signature(Matcher.__init__).parameters
    assert "random_state" not in parameters  # it has no randomness: no parameter that does nothing
    assert "reference" in parameters  # reference data is configuration, not training data
    assert list(inspect.signature(Matcher.fit).parameters) == ["self", "opportunities", "y"]
    fitted = Matcher(k=2).fit([matching.Opportunity(id="1", kind="job", title="Lagerarbetare")])
    learned = {name for name in vars(fitted) if name not in parameters}
    assert learned and all(name.endswith("_") and not name.startswith("_") for name in learned), learned
    assert Matcher(k=3).get_params()["k"] == 3 and "reference" in Matcher().get_params()
