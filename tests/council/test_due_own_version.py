"""Decisions due for review read in the version they were taken under: after a framework without
"defer" is adopted, a deferral taken under 2026.1 is still listed, titled and reviewed as a
Defer, by the command line and the Re-review tab alike, instead of failing on a key the
framework in force lacks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from council_app.case_edits import default_review_by
from council_app.council.review import due_for_review
from council_app.library import CaseLibrary, import_document
from council_app.library import frameworks as fw
from council_app.library.demo import demo_document
from tests.framework.shapes import sixfold_toml
from tests.test_cli import run

TODAY = date(2026, 12, 3)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        text = sixfold_toml().replace('version = "2026.1"', 'version = "2027.1"', 1)
        fw.adopt(library, text, note="Sustainability; the deferral is a pause", source="t")
        assert "defer" not in fw.framework_in_force(library).outcome_keys
    return path


def _deferrals(path: Path) -> list:  # type: ignore[type-arg]
    with CaseLibrary.open(path, readonly=True) as library:
        items = due_for_review(library, TODAY)
    deferred = [i for i in items if i.case.outcome == "defer"]
    assert deferred, "the demo library has a deferral due for review"
    return deferred


def test_each_item_due_carries_the_framework_it_was_decided_under(lib: Path) -> None:
    for item in _deferrals(lib):
        assert item.framework is not None
        assert item.framework.version == "2026.1"
        assert item.framework.outcome_title("defer") == "Defer"
        assert default_review_by(item.framework, "defer", TODAY) is not None


def test_due_and_review_on_the_command_line_name_the_decision_as_taken(
    capsys: pytest.CaptureFixture[str], lib: Path
) -> None:
    code, out, err = run(capsys, "due", "--today", TODAY.isoformat(), "--library", str(lib))
    assert code == 0, err
    case_id = _deferrals(lib)[0].case.id
    line = next(line for line in out.splitlines() if line.startswith(case_id))
    assert line.endswith("(Defer)")
    code, out, err = run(capsys, "review", case_id, "--next", "2027-03-01", "--library", str(lib))
    assert code == 0, err
    assert f"Reviewed: {case_id} — Defer stands" in out


def test_the_re_review_tab_titles_and_reviews_it_in_its_own_version(qtbot, lib: Path) -> None:  # type: ignore[no-untyped-def]
    from council_app.ui.review.due_table import DueTableModel
    from council_app.ui.review.review_form import ReviewForm

    with CaseLibrary.open(lib, readonly=True) as library:
        in_force = fw.framework_in_force(library)
    items = _deferrals(lib)
    model = DueTableModel(in_force)
    model.set_rows(items)
    assert model.index(0, DueTableModel.DECISION).data() == "Defer"
    form = ReviewForm(in_force)
    qtbot.addWidget(form)
    form.open_for(items[0], TODAY)
    assert "Defer" in form.subject.text()
    assert form.next_hint.text().startswith("Defer: reviewed every")


def test_lists_name_an_outcome_the_framework_in_force_no_longer_has(
    capsys: pytest.CaptureFixture[str], lib: Path
) -> None:
    """The case list mixes decisions of every version: a Defer taken under 2026.1 reads Defer
    under a framework whose deferral is Pause, rather than stopping the list."""
    code, out, err = run(capsys, "list", "--library", str(lib))
    assert code == 0, err
    case_id = _deferrals(lib)[0].case.id
    line = next(line for line in out.splitlines() if line.startswith(case_id))
    assert "  Defer  " in line
    code, out, err = run(capsys, "search", "deferral", "--library", str(lib))
    assert code == 0, err
