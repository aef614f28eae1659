"""The main window: the library, the sittings and re-review in the first tabs, then a workspace
tab for each open case.

The window is the frame: its tabs, menus (:mod:`council_app.ui.menus`), status bar and the pages
built when first needed. What a member does to the library from it (new, duplicate, delete with
undo, import, export, memo, settings) is in :mod:`council_app.ui.library.library_actions`, and
the work itself an operation in :mod:`council_app.ui.operations`, run by the workers.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

# Qt's namespace of enums is read as QtCore.Qt inside methods, never imported by name: PySide6
# builds all 94 of its Python enums when the name is first reached (30–60 ms), and the window
# is shown before anything needs one.
from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from council_app import APP_NAME
from council_app.errors import CouncilError
from council_app.ui.app_settings import AppSettings
from council_app.ui.icons import app_icon
from council_app.ui.library import library_actions
from council_app.ui.menus import build_menus, fill_drafts_menu, give_shortcuts, show_shortcuts
from council_app.ui.window_geometry import restore_geometry
from council_app.ui.window_status import WindowStatusBar

if TYPE_CHECKING:
    # Event classes are named for annotations only: the first of them builds QEvent's enum of
    # some 180 members, which showing the window does not need.
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QLabel, QTableView

    from council_app.framework import Framework
    from council_app.library.changes import LibraryChanges
    from council_app.ui import operations
    from council_app.ui.library.beside_dock import BesideDock
    from council_app.ui.library.case_table_model import CaseTableModel
    from council_app.ui.library.case_view import CaseView
    from council_app.ui.library.library_page import LibraryPage, SearchBox
    from council_app.ui.library.library_tasks import LibraryWorkers
    from council_app.ui.packages.package_flow import PackageFlow
    from council_app.ui.review.review_tab import ReviewTab
    from council_app.ui.settings.settings_dialog import SettingsDialog
    from council_app.ui.sittings.sittings_tab import SittingsTab
    from council_app.ui.workspace.case_workspace import CaseWorkspace

# Where the pages sit. The library page is built once the window has first been painted; the
# sittings and re-review pages the first time they are shown or used.
LIBRARY_INDEX = 0
SITTINGS_INDEX = 1
REVIEW_INDEX = 2
# If no paint comes (a window opened minimised, or never shown), the pages are built anyway.
BUILD_PAGES_AFTER_MS = 400
# What the window asks for before it is fitted to its screen (see window_geometry).
DEFAULT_WINDOW_SIZE = QtCore.QSize(1360, 820)
# How often to look whether another process (a second window, a command) changed the library.
WATCH_INTERVAL_MS = 2000


class MainWindow(QMainWindow):
    # The menus' actions, made by menus.build_menus.
    close_tab_action: QAction
    delete_action: QAction
    duplicate_action: QAction
    export_all_action: QAction
    export_case_action: QAction
    export_package_action: QAction
    import_action: QAction
    import_request_action: QAction
    ask_clarification_action: QAction
    memo_action: QAction
    merge_package_action: QAction
    new_action: QAction
    open_action: QAction
    settings_action: QAction
    undo_library_action: QAction
    open_library_action: QAction
    drafts_menu: QMenu
    recent_menu: QMenu
    view_menu: QMenu

    library_switch_requested = Signal(Path)
    pages_built = Signal()  # the library page is up and reading the library

    def __init__(
        self,
        library_path: Path,
        framework: Framework | None = None,
        parent: QWidget | None = None,
        *,
        app_settings: AppSettings | None = None,
    ) -> None:
        """The window's frame: title, tabs, menus and status bar, cheap enough to show at once.

        The library page, the workers and the framework (None: the bundled one) are made when
        first used, which is right after the window is first painted: a member starting the app
        sees its window in about the time of an empty one, and the cases a moment later.
        """
        super().__init__(parent)
        self.library_path = library_path
        self._framework = framework
        self.app_settings = app_settings or AppSettings()
        self._workers: LibraryWorkers | None = None
        self._library: LibraryPage | None = None
        self._beside: BesideDock | None = None
        self._started = False
        self.library_settings: operations.LibrarySettings | None = None
        self._watch_timer: QTimer | None = None
        self.last_import: Path | None = None  # offered again if its cases must be replaced
        self.last_request: object | None = None  # the last request imported, with its report
        self.settings_dialog: SettingsDialog | None = None  # the one open, if any
        self._framework_pending = False  # a new framework waits for Settings to close
        # Why the library is open read-only (see read_only.open_read_only), or None.
        self.read_only_reason: str | None = None
        self.read_only_bar: QToolBar | None = None
        self.library_undo = QUndoStack(self)
        # "[*]": Qt shows a "*" there while the case in the current tab has unsaved changes.
        self.setWindowTitle(f"{APP_NAME} — {library_path.name}[*]")
        self.setWindowIcon(app_icon())
        self.setObjectName("main_window")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setAccessibleName("Library and open cases")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self._sittings: SittingsTab | None = None
        self._review: ReviewTab | None = None
        self._packages: PackageFlow | None = None
        # Set when the first case is opened: before that no workspace exists, and its module
        # (precedents, scoring) is not imported just to say so.
        self._workspace_type: type[CaseWorkspace] | None = None
        # Each page is a placeholder until it is built. No mnemonics on the last two: the pages
        # use most letters for their own controls; Ctrl+2 and Ctrl+3 reach them.
        for title in ("&Library", "Sittings", "Re-review"):
            index = self.tabs.addTab(QWidget(), title)
            self.tabs.tabBar().setTabButton(
                index, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
        self.tabs.tabCloseRequested.connect(self.on_tab_close_requested)
        self.tabs.currentChanged.connect(self.on_tab_changed)
        self.setCentralWidget(self.tabs)

        # Shortcuts are given with the library page (menus.give_shortcuts): making a QKeySequence
        # builds Qt's enums, which the window does not need to be shown.
        self.toolbar: QToolBar | None = None
        self._shortcuts: list[tuple[QAction, str | QKeySequence.StandardKey]] = []
        build_menus(self)
        self.status_bar = WindowStatusBar()
        self.setStatusBar(self.status_bar)
        self.status_bar.showMessage("Opening the library…")
        # Saved when the window closes; restored onto a screen that still exists.
        restore_geometry(self, self.app_settings.window_geometry("main"), DEFAULT_WINDOW_SIZE)
        QTimer.singleShot(BUILD_PAGES_AFTER_MS, self._start)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # Built after the paint, not during it: the window reaches the screen first.
        if not self._started:
            QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        """Build the library page and start reading the library (once)."""
        if self._started:
            return
        self._started = True
        try:
            self.framework  # noqa: B018 - loaded here so that a broken install is told plainly
        except CouncilError as error:
            QMessageBox.critical(self, APP_NAME, str(error))
            self.close()
            QApplication.exit(1)
            return
        from council_app.ui import operations

        # Once the cases are listed, what the first case and memo need is imported meanwhile.
        self.workers.cases_listed.connect(
            self._warm_up, QtCore.Qt.ConnectionType.SingleShotConnection
        )
        self.reload()
        operations.scheduled_backup(self.workers, self.status_bar.on_backup_taken)
        # Another window or a command may change the library too: look every few seconds.
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(WATCH_INTERVAL_MS)
        self._watch_timer.timeout.connect(self.workers.watch_for_changes)
        self._watch_timer.start()
        self.workers.watch_for_changes()  # the first look notes where the library stands
        self.statusBar().showMessage(str(self.library_path))
        self.pages_built.emit()

    def _warm_up(self, _listed: object) -> None:
        from council_app.ui.warm_up import warm_up

        warm_up()

    @property
    def framework(self) -> Framework:
        if self._framework is None:
            from council_app.library.frameworks import framework_at

            # The library's own framework, the last version it adopted (read before anything
            # is built on it; a few milliseconds).
            self._framework = framework_at(self.library_path)
        return self._framework

    @property
    def workers(self) -> LibraryWorkers:
        if self._workers is None:
            from council_app.ui.library.library_tasks import LibraryWorkers

            workers = LibraryWorkers(self.library_path, self.framework, self)
            workers.failed.connect(self.on_work_failed)
            workers.imported.connect(self.status_bar.on_imported)
            workers.import_refused.connect(functools.partial(library_actions.import_refused, self))
            workers.request_imported.connect(
                functools.partial(library_actions.request_imported, self)
            )
            workers.exported.connect(self.status_bar.tell_done)
            workers.busy_changed.connect(self.status_bar.busy.setVisible)
            workers.library_changed.connect(self.on_library_changed)
            self._workers = workers
        return self._workers

    @property
    def library(self) -> LibraryPage:
        if self._library is None:
            from council_app.ui.library.library_page import LibraryPage

            page = LibraryPage(self.workers, self.framework)
            page.case_opened.connect(self.open_case)
            give_shortcuts(self)
            # Delete and undo act on the library's list only, not in a case's workspace.
            for action in (self.delete_action, self.undo_library_action):
                action.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.table.addAction(self.delete_action)
            page.addAction(self.undo_library_action)
            page.size_columns(self.width())
            page.count_label.setText("Loading the library…")
            self._library = page
            self._put_page(LIBRARY_INDEX, page, "&Library")

            self.beside  # noqa: B018 - its menu entry comes with the library page
        return self._library

    @property
    def beside(self) -> BesideDock:
        """The dock a case is opened in beside the workspace (hidden until one is)."""
        if self._beside is None:
            from council_app.ui.library.beside_dock import BesideDock

            dock = BesideDock(self.framework, self.workers, self)
            self.beside_view = dock.view
            self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()
            self._beside = dock
            self.view_menu.addAction(dock.toggleViewAction())
        return self._beside

    # The library page's widgets, which tests, menus and the self-test address through the window.
    @property
    def search(self) -> SearchBox:
        return self.library.search

    @property
    def table(self) -> QTableView:
        return self.library.table

    @property
    def model(self) -> CaseTableModel:
        return self.library.model

    @property
    def proxy(self) -> QtCore.QSortFilterProxyModel:
        return self.library.proxy

    @property
    def count_label(self) -> QLabel:
        return self.library.count_label

    @property
    def case_view(self) -> CaseView:
        return self.library.case_view

    # -- the pages built when first needed -------------------------------------------------------

    @property
    def sittings(self) -> SittingsTab:
        if self._sittings is None:
            from council_app.ui.sittings.sittings_tab import SittingsTab

            tab = SittingsTab(self.workers, self.framework)
            tab.case_open_requested.connect(self.open_case)
            self._sittings = tab
            self._put_page(SITTINGS_INDEX, tab, "Sittings")
        return self._sittings

    @property
    def review(self) -> ReviewTab:
        if self._review is None:
            from council_app.ui.review.review_tab import ReviewTab

            tab = ReviewTab(self.workers, self.framework)
            tab.case_open_requested.connect(self.open_case)
            tab.supersede_requested.connect(functools.partial(library_actions.supersede, self))
            tab.commitments.member = self.app_settings.member
            self._review = tab
            self._put_page(REVIEW_INDEX, tab, "Re-review")
        return self._review

    @property
    def packages(self) -> PackageFlow:
        if self._packages is None:
            from council_app.ui.packages.package_flow import PackageFlow

            self._packages = PackageFlow(self.workers, self)
            self._packages.message.connect(self.status_bar.on_package_message)
            self._packages.merged.connect(self.on_package_merged)
        return self._packages

    def _put_page(self, index: int, page: QWidget, title: str) -> None:
        """Put the built page in place of its placeholder, keeping the tab shown as it was."""
        placeholder = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, title)
            self.tabs.tabBar().setTabButton(
                index, self.tabs.tabBar().ButtonPosition.RightSide, None
            )
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        if placeholder is not None:
            placeholder.deleteLater()

    # -- the library ---------------------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        from council_app.ui import operations

        self.library.reload()
        operations.load_settings(self.workers, self.on_settings_loaded)
        self.reload_current_page(force=True)

    def reload_current_page(self, *, force: bool = False) -> None:
        """The sittings and re-review pages are read when shown, so they never show stale work;
        one shown again with nothing changed since it was read (no change reported, the same
        day) is not read again, unless ``force``."""
        index = self.tabs.currentIndex()
        if index == SITTINGS_INDEX:
            self.sittings.reload(force=force)
        elif index == REVIEW_INDEX:
            self.review.reload(force=force)

    @Slot(int)
    def on_tab_changed(self, _index: int) -> None:
        self._show_modified()
        self.reload_current_page()

    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def after_library_change(self, message: str = "", *, select: str | None = None) -> None:
        """After a write: say what was done. The views redraw when the write's report of what
        it changed arrives (on_library_changed), right after this."""
        if select:
            self.library._pending_selection = select
        self.status_bar.tell_done(message)

    @Slot(object)
    def on_library_changed(self, changes: LibraryChanges) -> None:
        """Every view decides for itself whether a change concerns it (the library page, the
        sittings and re-review tabs listen too); the window keeps its settings and each open
        case up to date."""
        from council_app.library.changes import FRAMEWORK_VERSIONS, MEMBERS, SETTINGS, SITTINGS
        from council_app.ui import operations

        if changes.touches(FRAMEWORK_VERSIONS) and self._framework is not None:
            operations.framework_in_force(self.workers, self.on_framework_read)
        if changes.touches(SETTINGS) or changes.touches(MEMBERS):
            operations.load_settings(self.workers, self.on_settings_loaded)
        # A case is scored with the settings' weights and without whoever stood aside at any
        # of its sittings: a recusal changes the sittings, not the case, and must reach it too.
        scoring = changes.touches(SETTINGS) or changes.touches(SITTINGS)
        for workspace in self.workspaces():
            if changes.touches_case(workspace.editor.key) or scoring:
                workspace.on_library_changed(changes)
        if self._beside is not None and self._beside.isVisible():
            shown = self.beside_view.case
            if shown is not None and changes.touches_case(shown.id):
                self.open_beside(shown.id)

    def on_framework_read(self, framework: Framework) -> None:
        """Another framework is in force: the window is built anew on it.

        Every list, sitting and score of the window follows the framework it was built with,
        so the window reopens the library rather than show some views in the old terms (an
        open case with unsaved changes is asked about first, as when another library opens).
        """
        if framework == self._framework:
            return
        dialog = self.settings_dialog
        if dialog is not None and dialog.isVisible():
            # Adopted from Settings › Framework, say: the window follows once the dialog that
            # says so is closed, not from under it.
            if not self._framework_pending:
                self._framework_pending = True
                dialog.finished.connect(lambda _result: self._follow_framework(framework))
            return
        self._follow_framework(framework)

    def _follow_framework(self, framework: Framework) -> None:
        self._framework_pending = False
        if framework == self._framework:
            return
        self.status_bar.tell_done(
            f"Framework {framework.version} is now in force; reopen the library for the "
            "window to follow it (cases already assessed keep their own framework)."
        )
        self.library_switch_requested.emit(self.library_path)

    def on_settings_loaded(self, settings: operations.LibrarySettings) -> None:
        self.library_settings = settings
        fill_drafts_menu(self, settings.drafts)

    @Slot()
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.library.focus_search()

    def select_case(self, case_id: str) -> bool:
        return self.library.select_case(case_id)

    def selected_case_id(self) -> str | None:
        return self.library.selected_case_id()

    def run_search(self) -> None:
        self.library.run_search()

    def current_workspace(self) -> CaseWorkspace | None:
        widget = self.tabs.currentWidget()
        kind = self._workspace_type
        return widget if kind is not None and isinstance(widget, kind) else None

    def workspaces(self) -> list[CaseWorkspace]:
        kind = self._workspace_type
        if kind is None:
            return []
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), kind)]

    # -- opening, creating, deleting cases -----------------------------------------------------

    @Slot(str)
    def open_case(self, case_id: str) -> None:
        from council_app.ui import operations

        if self.read_only_reason is not None:
            # Nothing typed in a workspace could be saved (not even as a draft): the case is
            # shown for reading instead.
            self.open_beside(case_id)
            return
        for workspace in self.workspaces():
            if workspace.editor.key == case_id:
                self.tabs.setCurrentWidget(workspace)
                return
        operations.open_case(
            self.workers, case_id, functools.partial(library_actions.open_workspace, self)
        )

    def _show_modified(self) -> None:
        workspace = self.current_workspace()
        self.setWindowModified(workspace is not None and workspace.modified)

    def on_member_chosen(self, member: str) -> None:
        self.app_settings.member = member
        if self._review is not None:
            self._review.commitments.member = member  # who records a condition's status

    @Slot()
    def on_open_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            QMessageBox.information(self, APP_NAME, "Select a case to open it.")
            return
        self.open_case(case_id)

    # -- tabs and the beside view --------------------------------------------------------------

    @Slot(int)
    def on_tab_close_requested(self, index: int) -> None:
        widget = self.tabs.widget(index)
        kind = self._workspace_type
        if kind is not None and isinstance(widget, kind) and widget.can_close():
            widget.editor.autosave_now()
            self.tabs.removeTab(index)
            widget.deleteLater()

    @Slot()
    def on_close_tab(self) -> None:
        if self.tabs.currentIndex() > 0:
            self.on_tab_close_requested(self.tabs.currentIndex())

    @Slot()
    def on_next_tab(self) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())

    @Slot(str)
    def open_beside(self, case_id: str) -> None:
        self.beside.open_case(case_id)

    # -- what work reports -------------------------------------------------------------------------

    @Slot(str)
    def on_work_failed(self, message: str) -> None:
        self.count_label.setText("Something could not be done; see the message.")
        self.status_bar.tell_failure(message)

    @Slot(str, str)
    def on_package_merged(self, case_id: str, message: str) -> None:
        self.after_library_change(message, select=case_id)

    # -- help ----------------------------------------------------------------------------------

    @Slot()
    def on_show_shortcuts(self) -> None:
        show_shortcuts(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        for workspace in self.workspaces():
            if not workspace.can_close():
                event.ignore()
                return
        for workspace in self.workspaces():
            workspace.editor.autosave_now()
        self.app_settings.set_window_geometry("main", self.saveGeometry())
        self.app_settings.sync()
        if self._sittings is not None:
            self._sittings.close_presenter()
        if self._watch_timer is not None:  # a closed window no longer looks for changes
            self._watch_timer.stop()
        if self._workers is not None:  # none yet if the window closes before its pages are built
            self._workers.close(10000)
        self._started = True  # a window closed before its first paint builds nothing after
        super().closeEvent(event)
