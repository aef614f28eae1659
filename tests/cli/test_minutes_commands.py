"""``council-app session minutes N`` and ``council-app minutes --date D``, as a secretary runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.cli import main
from council_app.council import sessions as s
from council_app.framework import Framework
from council_app.library import CaseLibrary
from tests.sittings import DAY, hold_sitting


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def words(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture
def library(tmp_path: Path, framework: Framework) -> Path:
    path = tmp_path / "council.sqlite"
    with CaseLibrary.open(path) as lib:
        hold_sitting(lib, framework)
    return path


def test_session_minutes_are_a_draft_until_the_sitting_is_closed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    at = ["--library", str(library)]
    draft = tmp_path / "draft.pdf"
    code, _, err = run(capsys, "session", "minutes", "1", "-o", str(draft), *at)
    assert code == 0, err
    assert f"Draft minutes (the sitting is not closed) of sitting 1 written to {draft}." in err
    assert "DRAFT — sitting 1 is open" in words(draft)

    assert run(capsys, "session", "close", "1", *at)[0] == 0
    final = tmp_path / "final.pdf"
    code, _, err = run(capsys, "session", "minutes", "1", "-o", str(final), *at)
    assert code == 0 and f"Minutes of sitting 1 written to {final}." in err
    text = words(final)
    assert "Final: sitting 1 is closed" in text and not re.search(r"\bDRAFT\b", text)
    # The head the minutes end with is the one `check` prints for the library as it is.
    code, out, _ = run(capsys, "check", *at)
    head = re.search(r"Head of the chain: ([0-9a-f]{64})", out)
    assert code == 0 and head is not None
    assert head.group(1) in text.replace(" ", "")


def test_minutes_by_date_are_those_of_the_sitting_that_day(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    at = ["--library", str(library)]
    target = tmp_path / "minutes.pdf"
    code, _, err = run(capsys, "minutes", "--date", DAY.isoformat(), "-o", str(target), *at)
    assert code == 0, err
    assert "of sitting 1, “December sitting” (3 cases), written to" in err
    text = words(target)
    assert "Sitting 1 · 2026-12-03" in text and "Present (4): Ana Silva" in text

    kept = target.read_bytes()
    code, _, err = run(capsys, "minutes", "--date", DAY.isoformat(), "-o", str(target), *at)
    assert code == 1 and "already exists; not overwritten (use --force" in err
    assert target.read_bytes() == kept


def test_two_sittings_on_one_day_are_named_not_guessed_between(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, library: Path
) -> None:
    with CaseLibrary.open(library) as lib:
        s.create_session(lib, "Extraordinary sitting", DAY)
    target = tmp_path / "minutes.pdf"
    at = ["--library", str(library)]
    code, _, err = run(capsys, "minutes", "--date", DAY.isoformat(), "-o", str(target), *at)
    assert code == 1
    assert (
        "2 sittings were recorded on 2026-12-03: 1 (“December sitting”); 2 (“Extraordinary" in err
    )
    assert "council-app session minutes N" in err and "Traceback" not in err
    assert not target.exists()


def test_a_date_with_decisions_but_no_sitting_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "minutes.pdf"
    code, _, err = run(capsys, "minutes", "--date", "2024-03-13", "-o", str(target))
    assert code == 0, err
    assert "No sitting was recorded that day, so they say that attendance is not on record." in err
    text = words(target)
    assert "Attendance is not on record" in text and "Present" not in text
