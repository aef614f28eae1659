"""Shared fixtures.

The tests never touch a user's real files: before anything else runs, the data folder
(``COUNCIL_APP_DATA_DIR``) and the XDG folders point into a temporary directory, and Qt uses its
offscreen platform so the GUI tests need no display.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

_SANDBOX = Path(tempfile.mkdtemp(prefix="council-desk-tests-"))
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["COUNCIL_APP_DATA_DIR"] = str(_SANDBOX / "data")
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())
os.environ.pop("COUNCIL_APP_DEBUG", None)

import pytest  # noqa: E402

from council_app.case import Case  # noqa: E402
from council_app.framework import Framework, bundled_framework  # noqa: E402
from council_app.library import CaseLibrary, import_document  # noqa: E402
from council_app.library.demo import demo_document  # noqa: E402
from tests.factories import make_case  # noqa: E402


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder for each test, standing in for the user's."""
    folder = tmp_path / "user-data"
    monkeypatch.setenv("COUNCIL_APP_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def framework() -> Framework:
    return bundled_framework()


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "cases.sqlite"


@pytest.fixture
def library(library_path: Path) -> Iterator[CaseLibrary]:
    with CaseLibrary.open(library_path) as lib:
        yield lib


@pytest.fixture
def demo_cases() -> tuple[Case, ...]:
    return demo_document().cases


@pytest.fixture
def demo_library(library: CaseLibrary) -> CaseLibrary:
    import_document(library, demo_document())
    return library


@pytest.fixture
def sample_case() -> Case:
    return make_case()
