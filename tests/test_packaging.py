"""The wheel that the README's first command installs carries everything the app needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_the_resources_and_entry_points(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "-q",
                "-w",
                str(tmp_path),
                str(ROOT),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    [wheel] = tmp_path.glob("council_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for resource in (
        "council_app/resources/framework.toml",
        "council_app/resources/demo-library.json",
        "council_app/resources/schema/council-exchange.schema.json",
        "council_app/resources/schema/framework.schema.json",
        "council_app/resources/icons/council-desk.svg",
    ):
        assert resource in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "council-app = council_app.cli:main" in text
    assert "council-desk = council_app.ui.app:main" in text
