"""Case packages from the app: export a member's assessment, merge one with a choice."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from council_app.case import Assessment
from council_app.library import CaseLibrary
from council_app.library.package import make_package, read_package_file, write_package
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from council_app.ui.packages.export_dialog import ExportPackageDialog
from council_app.ui.packages.merge_dialog import MergeDialog
from tests.factories import ratings

CASE = "EUC-2026-083"


def test_export_a_case_package_from_the_selected_case(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    assert window.select_case(CASE)
    window.export_package_action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.packages.dialog, ExportPackageDialog), timeout=10_000)
    dialog = window.packages.dialog
    assert isinstance(dialog, ExportPackageDialog)
    member = dialog.member
    assert member
    target = tmp_path / "prepared.councilcase"
    dialog.file_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists, timeout=10_000)
    package = read_package_file(target)
    assert (package.manifest.case_id, package.manifest.member) == (CASE, member)


def test_merge_a_package_with_a_conflict_after_choosing(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    # The same member revised their assessment on their laptop.
    laptop = tmp_path / "laptop.sqlite"
    with CaseLibrary.open(demo_path, readonly=True) as session:
        case = session.get_case(CASE)
    member = case.assessments[0].member
    revised = Assessment(member=member, notes="Revised after the hearing.", **ratings(harm=4))
    with CaseLibrary.open(laptop) as library:
        library.save_case(
            replace(
                case,
                assessments=tuple(revised if a.member == member else a for a in case.assessments),
                revision=0,  # new to the laptop's library
            )
        )
        package_file = tmp_path / "revised.councilcase"
        write_package(package_file, make_package(library, CASE, member))

    library_actions.import_file(window, package_file)  # a package is merged, never imported over
    qtbot.waitUntil(lambda: isinstance(window.packages.dialog, MergeDialog), timeout=10_000)
    dialog = window.packages.dialog
    assert isinstance(dialog, MergeDialog)
    assert not dialog.merge_button.isEnabled()  # the user must choose first
    assert dialog.take_assessment is not None
    dialog.take_assessment.click()
    assert dialog.merge_button.isEnabled()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Merged into" in window.statusBar().currentMessage(), timeout=10_000)
    window.workers.wait()
    with CaseLibrary.open(demo_path) as library:
        merged = library.get_case(CASE)
        assert merged.assessment_by(member) == revised
        assert len(merged.assessments) == len(case.assessments)


def test_a_tampered_package_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    with CaseLibrary.open(demo_path, readonly=True) as library:
        document = make_package(library, CASE, library.get_case(CASE).assessments[0].member)
    document["content"]["case"]["title"] = "Altered on the way"
    bad = tmp_path / "bad.councilcase"
    bad.write_text(json.dumps(document), encoding="utf-8")
    library_actions.import_file(window, bad)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "does not match its checksum" in warnings[0]
    assert window.packages.dialog is None
