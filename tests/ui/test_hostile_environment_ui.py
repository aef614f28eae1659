"""Trust, in the app: a read-only library, a full disk, an awkward path, a missing resource,
and no network, with the main window driven as a user would.

Every refusal must reach the user as a message box with the core's sentence (captured here by
replacing ``QMessageBox.warning``/``critical``), and leave the library as it was. The ways the
environment is made hostile are those of ``tests/test_hostile_environment.py``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.library import CaseLibrary, write_document
from council_app.library.demo import demo_document
from council_app.library.exchange import case_document, library_document
from council_app.ui import app as app_module
from council_app.ui import icons
from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow
from council_app.ui.memo_preview import MemoPreview
from council_app.ui.workspace.case_workspace import CaseWorkspace
from council_app.ui.workspace.rating_pages import FactsPage
from tests.factories import make_case
from tests.test_hostile_environment import (
    DECIDED_CASE,
    NON_ASCII_FOLDER,
    disk_fills_while_writing,
    every_connection_full,
    every_connection_read_only,
    generated_document,
    leftovers,
    library_dump,
    make_demo_library,
    read_only,
    resource_missing,
    says_disk_full,
)
from tests.test_no_network import NetworkGuard

Messages = list[tuple[str, str]]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> Messages:
    """The (title, text) of every warning and critical message box, instead of showing them."""
    shown: Messages = []

    def capture(
        _parent: object, title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", capture)
    monkeypatch.setattr(QMessageBox, "critical", capture)
    return shown


@pytest.fixture
def app_starts_without_event_loop(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``run_app`` returns instead of running the event loop; its windows are closed after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(QApplication, "exec", lambda *_args: 0)
    yield
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.workers.wait()
            widget.close()
            widget.deleteLater()
    QApplication.sendPostedEvents()


def open_window(qtbot: QtBot, path: Path, framework: Framework) -> MainWindow:
    win = MainWindow(path, framework)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10_000)
    return win


def open_workspace(qtbot: QtBot, window: MainWindow, case_id: str) -> CaseWorkspace:
    window.open_case(case_id)
    qtbot.waitUntil(lambda: window.current_workspace() is not None, timeout=10_000)
    workspace = window.current_workspace()
    assert workspace is not None
    return workspace


def wait_for_message(qtbot: QtBot, shown: Messages, *, count: int = 1) -> str:
    qtbot.waitUntil(lambda: len(shown) >= count, timeout=10_000)
    return shown[-1][1]


def case_file(folder: Path) -> Path:
    path = folder / "incoming case.json"
    path.write_text(json.dumps(case_document(make_case())), encoding="utf-8")
    return path


def change_title_and_save(qtbot: QtBot, workspace: CaseWorkspace) -> None:
    facts = workspace.page("facts")
    assert isinstance(facts, FactsPage)
    workspace.go_to("facts")
    facts.title.end(False)
    qtbot.keyClicks(facts.title, " (revised)")
    workspace.on_save()


# -- a read-only library -------------------------------------------------------------------------


def check_read_only_refusals(
    qtbot: QtBot, window: MainWindow, shown: Messages, incoming: Path
) -> None:
    library_actions.import_file(window, incoming)
    message = wait_for_message(qtbot, shown)
    assert "read-only" in message
    assert "nothing was changed" in message.lower()

    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    change_title_and_save(qtbot, workspace)
    qtbot.waitUntil(lambda: any(title == "Save case" for title, _ in shown), timeout=10_000)
    saving = next(text for title, text in shown if title == "Save case")
    assert "read-only" in saving
    # The draft kept while typing cannot be written either, and the workspace says so.
    workspace.editor.autosave_now()
    qtbot.waitUntil(lambda: workspace.autosave.text().startswith("Not saved"), timeout=10_000)
    assert "read-only" in workspace.autosave.text()
    window.workers.wait()


def test_a_read_only_library_file_is_a_message_in_the_app(
    qtbot: QtBot,
    demo_path: Path,
    framework: Framework,
    tmp_path: Path,
    warnings: Messages,
) -> None:
    """A real 0o444 file; as root the test's thread, and so the workers it starts, lose the
    override that lets root write anyway."""
    incoming = case_file(tmp_path)
    before = library_dump(demo_path)
    with read_only(demo_path):
        window = open_window(qtbot, demo_path, framework)
        check_read_only_refusals(qtbot, window, warnings, incoming)
    assert library_dump(demo_path) == before


def test_a_library_sqlite_may_only_read_is_a_message_in_the_app(
    qtbot: QtBot,
    demo_path: Path,
    framework: Framework,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: Messages,
) -> None:
    incoming = case_file(tmp_path)
    before = library_dump(demo_path)
    with monkeypatch.context() as patch:
        every_connection_read_only(patch, demo_path)
        window = open_window(qtbot, demo_path, framework)
        check_read_only_refusals(qtbot, window, warnings, incoming)
    assert library_dump(demo_path) == before


@pytest.mark.usefixtures("app_starts_without_event_loop")
def test_a_library_in_a_read_only_folder_opens_read_only_in_the_app(
    qtbot: QtBot, tmp_path: Path, warnings: Messages
) -> None:
    """A WAL library where SQLite cannot make its -shm file (read-only media, a 0o555 folder)
    is still the council's record: the window opens it to read, says so, and offers no edit.
    It used to end the app with "the folder is missing or not accessible"."""
    path = make_demo_library(tmp_path / "archive" / "2019.sqlite")
    before = library_dump(path)
    CaseLibrary.open(path).close()  # the last writer out removes the -wal and -shm files
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    with read_only(path, path.parent):
        assert app_module.run_app(path) == 0
        [window] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w.library_path == path
        ]
        qtbot.waitUntil(
            lambda: window.model.rowCount() == len(demo_document().cases), timeout=10_000
        )
        assert window.windowTitle().endswith("(read-only)")
        assert window.read_only_reason is not None
        assert "read-only" in window.read_only_reason
        for name in ("new_action", "delete_action", "import_action", "settings_action"):
            assert not getattr(window, name).isEnabled(), name
        assert window.memo_action.isEnabled() and window.export_all_action.isEnabled()
        window.workers.wait()
        assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # nothing written
    assert warnings == []
    assert library_dump(path) == before


# -- a full disk ---------------------------------------------------------------------------------


def test_a_full_disk_is_a_message_and_the_library_keeps_its_cases(
    qtbot: QtBot,
    window: MainWindow,
    demo_path: Path,
    framework: Framework,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: Messages,
) -> None:
    many = tmp_path / "many cases.json"
    write_document(many, library_document(generated_document(framework).cases))
    before = library_dump(demo_path)
    with monkeypatch.context() as patch:
        every_connection_full(patch, demo_path)
        library_actions.import_file(window, many)
        message = wait_for_message(qtbot, warnings)
        window.workers.wait()
    assert "the disk is full" in message
    assert "Nothing was changed" in message
    assert library_dump(demo_path) == before
    # With room again the app carries on with the same library.
    library_actions.import_file(window, many)
    qtbot.waitUntil(
        lambda: window.model.rowCount() == len(demo_document().cases) + 30, timeout=10_000
    )


def test_a_full_disk_while_exporting_is_a_message_and_leaves_no_file(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: Messages,
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    with monkeypatch.context() as patch:
        disk_fills_while_writing(patch)
        window.workers.export(out / "library.json", None)
        message = wait_for_message(qtbot, warnings)
        window.workers.wait()
    assert str(out / "library.json") in message
    assert says_disk_full(message), message
    assert leftovers(out, set()) == []


def test_a_full_disk_while_exporting_the_memo_is_a_message_and_leaves_no_file(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: Messages,
) -> None:
    preview = render_preview(qtbot, window, DECIDED_CASE)
    out = tmp_path / "memos"
    out.mkdir()
    target = out / "memo.pdf"
    with monkeypatch.context() as patch:
        disk_fills_while_writing(patch)
        preview.export_to(target)
    [(title, message)] = warnings
    assert title == "Export memo"
    assert str(target) in message
    assert says_disk_full(message), message
    assert leftovers(out, set()) == []
    assert not preview.status.text().startswith("Exported")
    preview.close()


def render_preview(qtbot: QtBot, window: MainWindow, case_id: str) -> MemoPreview:
    window.select_case(case_id)
    with qtbot.waitSignal(window.workers.memo_rendered, timeout=20_000):
        preview = library_actions.memo_of_current_case(window)
    assert preview is not None  # a child of the window, deleted when it closes
    qtbot.waitUntil(preview.export_button.isEnabled, timeout=10_000)
    return preview


# -- a path with spaces and non-ASCII characters -------------------------------------------------


def test_the_app_works_in_a_folder_with_spaces_and_non_ascii_characters(
    qtbot: QtBot, framework: Framework, tmp_path: Path, warnings: Messages
) -> None:
    folder = tmp_path / NON_ASCII_FOLDER / "sous-dossier à espaces"
    path = make_demo_library(folder / "bibliothèque – 2027.sqlite")
    window = open_window(qtbot, path, framework)
    assert window.windowHandle().title().endswith("bibliothèque – 2027.sqlite")

    qtbot.keyClicks(window.search, "refugees")
    qtbot.waitUntil(lambda: window.model.rowCount() < len(demo_document().cases), timeout=5000)
    window.search.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=5000)

    with qtbot.waitSignal(window.workers.imported, timeout=10_000):
        library_actions.import_file(window, case_file(folder))
    workspace = open_workspace(qtbot, window, "EUC-2022-014")
    with qtbot.waitSignal(workspace.saved, timeout=10_000):
        change_title_and_save(qtbot, workspace)

    preview = render_preview(qtbot, window, DECIDED_CASE)
    memo = folder / "mémo – 会议.pdf"
    preview.export_to(memo)
    assert memo.read_bytes().startswith(b"%PDF")
    preview.close()
    exported = folder / "export – tout.json"
    with qtbot.waitSignal(window.workers.exported, timeout=10_000):
        window.workers.export(exported, None)
    assert len(json.loads(exported.read_text(encoding="utf-8"))["cases"]) == (
        len(demo_document().cases) + 1
    )
    window.workers.wait()
    assert warnings == []
    with CaseLibrary.open(path, readonly=True) as library:
        assert library.get_case("EUC-2022-014").title.endswith(" (revised)")
        assert library.has_case("TST-2025-001")


# -- a missing resource file ---------------------------------------------------------------------


@pytest.fixture
def icon_cache() -> Iterator[None]:
    icons.app_icon.cache_clear()
    yield
    icons.app_icon.cache_clear()


@pytest.mark.usefixtures("app_starts_without_event_loop", "icon_cache")
def test_a_missing_framework_file_is_a_message_at_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warnings: Messages
) -> None:
    with resource_missing("framework.toml", monkeypatch, tmp_path):
        assert app_module.run_app(tmp_path / "library.sqlite") == 1
    [(_, message)] = warnings
    assert "framework.toml" in message
    assert "Reinstall Council Desk" in message


@pytest.mark.usefixtures("app_starts_without_event_loop", "icon_cache")
def test_a_missing_demo_library_is_a_message_at_first_start(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warnings: Messages, data_dir: Path
) -> None:
    with resource_missing("demo-library.json", monkeypatch, tmp_path):
        try:
            code = app_module.run_app(None)
        finally:
            assert not (data_dir / "library.sqlite").exists()
    assert code == 1
    [(_, message)] = warnings
    assert "demo-library.json" in message
    assert "Reinstall Council Desk" in message


@pytest.mark.usefixtures("app_starts_without_event_loop", "icon_cache")
def test_a_missing_icon_does_not_stop_the_app_without_a_word(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warnings: Messages
) -> None:
    library = make_demo_library(tmp_path / "library.sqlite")
    with resource_missing("icons/council-desk.svg", monkeypatch, tmp_path):
        code = app_module.run_app(library)
    if code == 0:  # started without its icon: fine
        assert warnings == []
    else:  # or refused to, saying why
        assert code == 1
        [(_, message)] = warnings
        assert "council-desk.svg" in message


@pytest.mark.usefixtures("icon_cache")
def test_a_missing_font_is_a_clear_message_in_the_memo_preview(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    warnings: Messages,
) -> None:
    with resource_missing("fonts/DejaVuSans.ttf", monkeypatch, tmp_path):
        window.select_case(DECIDED_CASE)
        preview = library_actions.memo_of_current_case(window)
        assert preview is not None
        wait_for_message(qtbot, warnings)
        window.workers.wait()
    assert preview.status.text() == "The memo could not be made."
    preview.close()
    message = warnings[-1][1]
    assert "DejaVuSans.ttf" in message
    assert "Reinstall Council Desk" in message


# -- no network ----------------------------------------------------------------------------------


def test_the_app_opens_no_socket(
    qtbot: QtBot,
    demo_path: Path,
    framework: Framework,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: Messages,
) -> None:
    guard = NetworkGuard(monkeypatch)
    try:
        window = open_window(qtbot, demo_path, framework)
        qtbot.keyClicks(window.search, "voice cloning")
        qtbot.waitUntil(lambda: "match" in window.count_label.text(), timeout=5000)
        window.search.clear()
        qtbot.waitUntil(lambda: window.model.rowCount() == len(demo_document().cases), timeout=5000)
        assert window.select_case("EUC-2025-019")
        qtbot.waitUntil(lambda: window.case_view.case is not None, timeout=5000)

        workspace = open_workspace(qtbot, window, "EUC-2025-055")
        for step in workspace.steps:
            workspace.go_to(step.key)
        page = workspace.page("precedents")
        qtbot.waitUntil(lambda: page.list.count() > 0, timeout=15_000)

        preview = render_preview(qtbot, window, DECIDED_CASE)
        with qtbot.waitSignal(window.workers.memo_rendered, timeout=20_000):
            preview.variant.setCurrentIndex(1)
        preview.export_to(tmp_path / "memo.pdf")
        preview.close()

        with qtbot.waitSignal(window.workers.imported, timeout=10_000):
            library_actions.import_file(window, case_file(tmp_path))
        with qtbot.waitSignal(window.workers.exported, timeout=10_000):
            window.workers.export(tmp_path / "all.json", None)
        window.workers.wait()
        assert warnings == []
        guard.check()
    finally:
        guard.remove()
