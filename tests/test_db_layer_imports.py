"""db/ is the storage layer: SQL and the schema, no models, no NLP, no service. It must not import the packages
above it (extraction, embeddings, service, reconcile): a rule it needs (a speaker's key) is computed by the service
and stored, so db/ queries the stored value (``flags.statement_speaker_key``, migration 0022).

No import-linter in this project: the rule is read from db/'s sources (every ``import`` and ``from ... import``,
inside functions too), so an import added anywhere in db/ fails here."""

from __future__ import annotations

import ast
from pathlib import Path

DB_DIR = Path(__file__).resolve().parent.parent / "db"
ABOVE_DB = ("extraction", "embeddings", "service", "reconcile", "plugin")
# Imports from above that predate this test, each to be removed rather than added to; none may join them.
KNOWN = {("lexical_index.py", "embeddings.text_normalize")}


def imports_from_above(path: Path) -> set[str]:
    """The modules above db/ that ``path`` imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        found.update(name for name in names if name.split(".")[0] in ABOVE_DB)
    return found


def test_db_imports_nothing_above_it() -> None:
    sources = sorted(DB_DIR.rglob("*.py"))
    assert len(sources) > 10  # the package was found
    found = {(str(path.relative_to(DB_DIR)), module) for path in sources for module in imports_from_above(path)}
    assert found - KNOWN == set()


def test_the_check_sees_an_import_from_above(tmp_path: Path) -> None:
    """The scan itself: a plain, a from- and a function-level import are each found; db's own are not."""
    module = tmp_path / "m.py"
    module.write_text(
        "import db.models\nfrom db.repositories import flags\nimport extraction.names\n"
        "def f():\n    from service.services import flags\n    import embeddings as e\n",
        encoding="utf-8",
    )
    assert imports_from_above(module) == {"extraction.names", "service.services", "embeddings"}
