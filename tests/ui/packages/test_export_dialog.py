"""Exporting a member's assessment as a case package, in the export dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from council_app.case import Case
from council_app.ui.packages.export_dialog import PACKAGE_FILE_FILTER, ExportPackageDialog, slug
from tests.factories import make_case
from tests.ui.packages.dialog_checks import TIMEOUT, click, interactive_without_names


@pytest.fixture
def case() -> Case:
    return make_case("CASE-1")  # assessed by Priya Raman and Élodie Marchand


def export_dialog(qtbot: QtBot, case: Case, folder: Path) -> ExportPackageDialog:
    dialog = ExportPackageDialog(case, folder)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_slugs_are_safe_file_names() -> None:
    assert slug("Élodie Marchand") == "elodie-marchand"
    assert slug("  Dr. O'Neil / Legal ") == "dr-o-neil-legal"
    assert slug("王") == "member"


def test_the_file_follows_the_member_until_edited(qtbot: QtBot, case: Case, tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, case, tmp_path)
    assert [dialog.member_combo.itemText(i) for i in range(dialog.member_combo.count())] == [
        "Priya Raman (submitted 10 March 2025)",
        "Élodie Marchand (submitted 11 March 2025)",
    ]
    assert dialog.file_edit.text() == str(tmp_path / "CASE-1-priya-raman.councilcase")
    dialog.member_combo.setCurrentIndex(1)
    assert dialog.member == "Élodie Marchand"
    assert dialog.file_edit.text() == str(tmp_path / "CASE-1-elodie-marchand.councilcase")

    dialog.file_edit.clear()
    qtbot.keyClicks(dialog.file_edit, "for-the-session")
    dialog.member_combo.setCurrentIndex(0)
    assert dialog.file_edit.text() == "for-the-session"  # the user's name stays
    # A bare name lands in the default folder and gets the package suffix.
    assert dialog.chosen_path() == tmp_path / "for-the-session.councilcase"

    with qtbot.waitSignal(dialog.export_requested, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.export_button)
    assert blocker.args == [
        "CASE-1",
        "Priya Raman",
        tmp_path / "for-the-session.councilcase",
        False,
    ]
    assert dialog.result() == ExportPackageDialog.DialogCode.Accepted


def test_a_member_can_be_chosen_by_name(qtbot: QtBot, case: Case, tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, case, tmp_path)
    dialog.select_member("Élodie Marchand")
    assert dialog.member_combo.currentIndex() == 1
    with pytest.raises(ValueError, match="Cy has not assessed CASE-1"):
        dialog.select_member("Cy")


def test_an_existing_file_is_replaced_only_when_ticked(
    qtbot: QtBot, case: Case, tmp_path: Path
) -> None:
    existing = tmp_path / "CASE-1-priya-raman.councilcase"
    existing.write_text("{}", encoding="utf-8")
    dialog = export_dialog(qtbot, case, tmp_path)
    assert dialog.replace_check.isVisible()
    assert dialog.replace_check.text() == "&Replace the existing file"
    assert dialog.file_problem.text() == (
        f"CASE-1-priya-raman.councilcase already exists in {tmp_path}."
    )
    assert not dialog.export_button.isEnabled()
    click(qtbot, dialog.replace_check)
    assert dialog.export_button.isEnabled()

    # Another member's file does not exist: no question, and the tick does not carry over.
    dialog.member_combo.setCurrentIndex(1)
    assert not dialog.replace_check.isVisible() and not dialog.file_problem.isVisible()
    dialog.member_combo.setCurrentIndex(0)
    assert not dialog.replace_check.isChecked()
    assert not dialog.export_button.isEnabled()

    click(qtbot, dialog.replace_check)
    with qtbot.waitSignal(dialog.export_requested, timeout=TIMEOUT) as blocker:
        click(qtbot, dialog.export_button)
    assert blocker.args == ["CASE-1", "Priya Raman", existing, True]
    assert existing.read_text(encoding="utf-8") == "{}"  # the dialog writes nothing


def test_browse_asks_for_a_package_file(
    qtbot: QtBot, case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []
    chosen = tmp_path / "elsewhere.councilcase"

    def save_dialog(_parent: QWidget, _title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append((start, filters))
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    dialog = export_dialog(qtbot, case, tmp_path)
    click(qtbot, dialog.browse_button)
    assert asked == [(str(tmp_path / "CASE-1-priya-raman.councilcase"), PACKAGE_FILE_FILTER)]
    assert PACKAGE_FILE_FILTER == "Case packages (*.councilcase)"
    assert dialog.chosen_path() == chosen
    dialog.member_combo.setCurrentIndex(1)
    assert dialog.chosen_path() == chosen  # a chosen file is not renamed after the member

    # The file dialog already asked whether to replace a file; it is not asked twice.
    chosen.write_text("{}", encoding="utf-8")
    dialog.file_edit.setText("")
    click(qtbot, dialog.browse_button)
    assert dialog.replace_check.isVisible() and dialog.replace_check.isChecked()
    assert dialog.export_button.isEnabled()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    click(qtbot, dialog.browse_button)  # cancelled: nothing changes
    assert dialog.chosen_path() == chosen


def test_a_missing_folder_or_no_file_cannot_be_exported(
    qtbot: QtBot, case: Case, tmp_path: Path
) -> None:
    dialog = export_dialog(qtbot, case, tmp_path)
    dialog.file_edit.setText(str(tmp_path / "no-such-folder" / "a.councilcase"))
    assert not dialog.export_button.isEnabled()
    assert "does not exist" in dialog.file_problem.text()
    dialog.file_edit.setText("   ")
    assert not dialog.export_button.isEnabled()
    assert dialog.file_problem.text() == "Give the file to write the package to."
    with qtbot.assertNotEmitted(dialog.export_requested):
        dialog.on_export()


def test_a_case_nobody_assessed_cannot_be_exported(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = export_dialog(qtbot, make_case("CASE-1", assessments=()), tmp_path)
    assert dialog.no_assessment.isVisible()
    assert dialog.no_assessment.text().startswith("Nobody has assessed CASE-1 yet")
    assert not dialog.member_combo.isEnabled()
    assert dialog.member is None
    assert not dialog.export_button.isEnabled()
    with qtbot.assertNotEmitted(dialog.export_requested):
        dialog.on_export()


def test_every_interactive_widget_of_the_export_dialog_has_a_name(
    qtbot: QtBot, case: Case, tmp_path: Path
) -> None:
    (tmp_path / "CASE-1-priya-raman.councilcase").write_text("{}", encoding="utf-8")
    dialog = export_dialog(qtbot, case, tmp_path)
    assert dialog.replace_check.isVisible()
    assert interactive_without_names(dialog) == []
    buddies = {
        label.buddy(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies[dialog.member_combo] == "&Member:"
    assert buddies[dialog.file_edit] == "&File:"
    expected = [
        dialog.member_combo,
        dialog.file_edit,
        dialog.browse_button,
        dialog.replace_check,
        dialog.export_button,
        dialog.cancel_button,
    ]
    chain: list[QWidget] = []
    widget: QWidget | None = expected[0]
    for _ in range(100):
        if widget is None:
            break
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain == expected
