"""One version, from the package metadata, wherever the app names itself."""

from __future__ import annotations

import io
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app import __version__
from council_app.cli import main
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_the_installed_package_version() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert __version__ == version("council-desk") == declared["project"]["version"]


def test_the_memo_names_the_version(demo_library: CaseLibrary, framework: Framework) -> None:
    memo = prepare_memo(demo_library, framework, demo_library.get_case("EUC-2025-011"))
    reader = PdfReader(io.BytesIO(render_memo(memo)))
    text = " ".join((page.extract_text() or "") for page in reader.pages)
    assert f"Drafted automatically by Council Desk {__version__}" in " ".join(text.split())
    assert reader.metadata is not None
    assert reader.metadata.creator == f"Council Desk {__version__}"


def test_version_option(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"Council Desk {__version__}"
