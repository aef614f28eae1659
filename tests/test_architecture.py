"""The shape of the code: a Qt-free core, and documentation in step with the code."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from council_app import resources
from council_app.library import CaseLibrary

ROOT = Path(__file__).resolve().parent.parent
CORE = [
    p
    for p in (ROOT / "council_app").rglob("*.py")
    if "ui" not in p.relative_to(ROOT / "council_app").parts
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_never_imports_qt() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in CORE
        if any(name.split(".")[0] == "PySide6" for name in imported_modules(p))
    ]
    assert offenders == []


def test_importing_the_core_and_cli_loads_no_qt() -> None:
    code = (
        "import sys, council_app.cli, council_app.library, council_app.framework, "
        "council_app.library.search, council_app.library.exchange; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_schema_document_names_every_table_and_column() -> None:
    doc = (ROOT / "docs" / "library-schema.md").read_text(encoding="utf-8")
    library = CaseLibrary.in_memory()
    missing = []
    for table in library.db.tables:
        if table.name.startswith(("case_text_fts_", "case_terms_fts_", "case_words_fts_")):
            if f"`{table.name}`" not in doc:
                missing.append(table.name)
            continue
        if f"`{table.name}`" not in doc:
            missing.append(table.name)
        for column in table.columns:
            if not re.search(rf"`{re.escape(column.name)}`", doc):
                missing.append(f"{table.name}.{column.name}")
    assert missing == []


def test_exchange_format_document_names_every_field() -> None:
    doc = (ROOT / "docs" / "exchange-format.md").read_text(encoding="utf-8")
    schema = json.loads(resources.read_text(resources.EXCHANGE_SCHEMA_FILE))
    fields: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            properties = node.get("properties")
            if isinstance(properties, dict):
                fields.update(properties)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    assert sorted(f for f in fields if f"`{f}`" not in doc) == []


def modules_loaded_by(code: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules under these names that running ``code`` in a fresh interpreter imports."""
    probe = (
        f"{code}; import sys; print(sorted(m for m in sys.modules if m.startswith({prefixes!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return list(ast.literal_eval(result.stdout.strip()))


def test_starting_the_app_imports_only_what_its_first_window_needs() -> None:
    """The window is shown before the framework, the library page and the case model load."""
    later = (
        "council_app.case",
        "council_app.framework",
        "council_app.library.audit",
        "council_app.library.search",
        "council_app.ui.library.library_page",
        "council_app.ui.operations",
        "sqlite_utils",
        "jsonschema",
        "networkx",
        "reportlab",
    )
    assert modules_loaded_by("import council_app.ui.app", later) == []


def test_building_the_command_line_imports_neither_the_framework_nor_the_case_model() -> None:
    """The parser is built on every start, from council_app.vocabulary among others; importing
    the framework package for its outcome keys would add some 60 ms to each command."""
    code = "import council_app.cli; council_app.cli.build_parser()"
    assert modules_loaded_by(code, ("council_app.framework", "council_app.case")) == []
