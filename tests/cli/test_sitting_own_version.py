"""``council-app session show`` reads each agenda item in its case's own framework version, as
``session vote`` and ``session decide`` record it, after the library has adopted another."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from council_app.case import Condition
from council_app.council import sessions as s
from council_app.library import CaseLibrary, import_document
from council_app.library import frameworks as fw
from council_app.library.demo import demo_document
from tests.agreement import pdf_text
from tests.framework.shapes import revised_outcomes_toml
from tests.test_cli import run

OLD = "EUC-2026-083"  # assessed under 2026.1
NEW = "EUC-2026-022"  # moved to 2027.1, where Restrict reads "Restrict the use"


@pytest.fixture
def lib(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "demo.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        fw.adopt(library, revised_outcomes_toml(), note="Restrictions carry conditions",
                 source="b.toml")  # fmt: skip
        fw.move_to_framework_in_force(library, NEW)
        session = s.create_session(library, "December sitting", date(2026, 12, 3))
        s.add_to_agenda(library, session, OLD)
        s.add_to_agenda(library, session, NEW)
        s.set_status(library, session, "open")
    return path, session


def test_the_sitting_shows_each_vote_in_its_cases_own_terms(
    capsys: pytest.CaptureFixture[str], lib: tuple[Path, int]
) -> None:
    path, session = lib
    for case_id in (OLD, NEW):
        code, out, err = run(
            capsys, "session", "vote", str(session), case_id, "Amara Okafor", "restrict",
            "--library", str(path),
        )  # fmt: skip
        assert code == 0, err
    code, out, err = run(capsys, "session", "show", str(session), "--library", str(path))
    assert code == 0, err
    old, new = out.split(f"2. {NEW}")
    assert "Amara Okafor: Restrict\n" in old and "Restrict the use" not in old
    assert "Amara Okafor: Restrict the use" in new


def test_the_minutes_read_each_item_in_its_cases_own_terms(
    capsys: pytest.CaptureFixture[str], lib: tuple[Path, int], tmp_path: Path
) -> None:
    path, session = lib
    with CaseLibrary.open(path) as library:
        old, new = (fw.case_framework(library, library.get_case(c)) for c in (OLD, NEW))
        consensus = "Decided by consensus."
        s.record_decision(library, old, session, OLD, "restrict", departure=consensus)
        s.record_decision(
            library, new, session, NEW, "restrict", conditions=[Condition("Narrowed use")],
            departure=consensus,
        )  # fmt: skip
    target = tmp_path / "minutes.pdf"
    code, _, err = run(
        capsys, "session", "minutes", str(session), "-o", str(target), "--library", str(path)
    )
    assert code == 0, err
    text = pdf_text(target.read_bytes())
    items = text[text.rindex(f"1. {OLD}") :]
    first, second = items.split(f"2. {NEW}")
    assert "Decision: Restrict " in first and "Restrict the use" not in first
    assert "Decision: Restrict the use" in second
