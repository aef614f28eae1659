"""The main window: the library's cases, a search box, and the selected case beside them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    QUrl,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app import APP_NAME, __version__
from council_app.case import Case, CaseSummary
from council_app.errors import ImportRefused
from council_app.framework import Framework
from council_app.library.exchange import ImportReport
from council_app.library.search import SearchHit
from council_app.ui.case_table_model import CASE_ID_ROLE, SORT_ROLE, CaseRow, CaseTableModel
from council_app.ui.case_view import CaseView
from council_app.ui.icons import app_icon
from council_app.ui.library_tasks import LibraryWorkers
from council_app.ui.memo_preview import MemoPreview
from council_app.ui.snippet_delegate import TitleWithSnippetDelegate

SEARCH_DELAY_MS = 180

SHORTCUTS = (
    ("Ctrl+F", "Search the library"),
    ("Esc (in the search box)", "Clear the search"),
    ("Down (in the search box)", "Move to the list of cases"),
    ("Enter (in the list)", "Read the selected case"),
    ("Ctrl+M", "Preview and export the selected case's decision memo"),
    ("Ctrl+I", "Import cases from an exchange file"),
    ("Ctrl+E", "Export the selected case"),
    ("Ctrl+Shift+E", "Export the whole library"),
    ("F5", "Reload the library"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)


class SearchBox(QLineEdit):
    """The search field; Down moves to the results, Escape clears."""

    def __init__(self, results: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results

    def keyPressEvent(self, event: object) -> None:  # noqa: N802
        from PySide6.QtGui import QKeyEvent

        assert isinstance(event, QKeyEvent)
        if event.key() == Qt.Key.Key_Down:
            self.results.setFocus()
            if self.results.model().rowCount() > 0:
                current = self.results.currentIndex()
                self.results.selectRow(current.row() if current.isValid() else 0)
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class MainWindow(QMainWindow):
    def __init__(
        self, library_path: Path, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.framework = framework
        self.workers = LibraryWorkers(library_path, framework, self)
        self._all_cases: list[CaseSummary] = []
        self._pending_selection: str | None = None

        self.setWindowTitle(f"{APP_NAME} — {library_path.name}")
        self.setWindowIcon(app_icon())
        self.setObjectName("main_window")

        self.model = CaseTableModel(framework, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setItemDelegateForColumn(
            CaseTableModel.TITLE, TitleWithSnippetDelegate(self.table)
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.on_header_menu)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setAccessibleName("Case table columns")
        header.setAccessibleDescription("Click a column heading to sort the cases by it.")
        self.table.setAccessibleName("Cases")
        self.table.setAccessibleDescription(
            "The cases in the library. Select one to read it beside the list."
        )

        self.search = SearchBox(self.table)
        self.search.setObjectName("search_box")
        self.search.setPlaceholderText("Search cases: words from titles, use cases, rationales…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search cases")
        self.search.setAccessibleDescription(
            "Type words to find the cases that contain them; results update as you type."
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("count_label")
        self.count_label.setAccessibleName("Number of cases shown")

        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)

        self.case_view = CaseView(framework)
        self.case_view.setObjectName("case_view")
        self.case_view.anchorClicked.connect(self.on_case_link_clicked)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("main_splitter")
        splitter.addWidget(left)
        splitter.addWidget(self.case_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.splitter = splitter

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self.on_search_text_changed)

        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.table.activated.connect(self.on_case_activated)

        self.workers.cases_listed.connect(self.on_cases_listed)
        self.workers.search_finished.connect(self.on_search_finished)
        self.workers.case_loaded.connect(self.on_case_loaded)
        self.workers.failed.connect(self.on_work_failed)
        self.workers.imported.connect(self.on_imported)
        self.workers.import_refused.connect(self.on_import_refused)
        self.workers.exported.connect(self.on_exported)

        self._build_menus()
        self.statusBar().showMessage(str(library_path))
        self._size_to_screen()
        self.reload()

    # -- set-up ----------------------------------------------------------------------------

    def _action(
        self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.import_action = self._action("&Import cases…", "Ctrl+I", self.on_import)
        self.export_case_action = self._action(
            "&Export selected case…", "Ctrl+E", self.on_export_case
        )
        self.export_all_action = self._action(
            "Export &whole library…", "Ctrl+Shift+E", self.on_export_library
        )
        self.memo_action = self._action("Decision &memo…", "Ctrl+M", self.on_memo)
        file_menu.addAction(self.memo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_case_action)
        file_menu.addAction(self.export_all_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", QKeySequence.StandardKey.Quit, self.close))

        view_menu = bar.addMenu("&View")
        view_menu.addAction(
            self._action("&Search", QKeySequence.StandardKey.Find, self.focus_search)
        )
        view_menu.addAction(self._action("&Reload library", "F5", self.reload))

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard shortcuts", "F1", self.on_show_shortcuts))
        help_menu.addAction(self._action(f"&About {APP_NAME}", None, self.on_about))

    def _size_to_screen(self) -> None:
        screen = QGuiApplication.primaryScreen()
        width, height = 1360, 820
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.92))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)
        metrics = self.table.fontMetrics()
        for column, sample in (
            (CaseTableModel.ID, "EUC-2026-000"),
            (CaseTableModel.STATE, "Approve with conditions"),
            (CaseTableModel.PRODUCT, "CRM Data Enrichment"),
            (CaseTableModel.SECTOR, "defence-adjacent"),
            (CaseTableModel.REGIONS, "GB, IE, FR"),
            (CaseTableModel.SUBMITTED, "2026-12-31"),
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        self.table.horizontalHeader().setSectionResizeMode(
            CaseTableModel.TITLE, QHeaderView.ResizeMode.Stretch
        )
        # On a laptop screen the title matters more than sector and regions; both can be
        # shown again from the column headings' menu.
        narrow = width < 1700
        self.table.setColumnHidden(CaseTableModel.SECTOR, narrow)
        self.table.setColumnHidden(CaseTableModel.REGIONS, narrow)
        self._set_search_columns(searching=False)
        self.splitter.setSizes([int(width * 0.58), int(width * 0.42)])

    def _set_search_columns(self, *, searching: bool) -> None:
        """Search results are three lines high: the title, then the passage that matched."""
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(line * (3 if searching else 1) + 12)

    @Slot(QPoint)
    def on_header_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for column, title in enumerate(CaseTableModel.COLUMNS):
            if column in (CaseTableModel.ID, CaseTableModel.TITLE):
                continue
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    # -- loading and searching ---------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        self.count_label.setText("Loading the library…")
        self.workers.list_cases()
        if self.search.text().strip():
            self.run_search()

    @Slot()
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(str)
    def on_search_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def run_search(self) -> None:
        query = self.search.text()
        if not query.strip():
            self._show_rows([CaseRow(s) for s in self._all_cases], searching=False)
            return
        self.count_label.setText("Searching…")
        self.workers.search(query)

    @Slot(object)
    def on_cases_listed(self, summaries: list[CaseSummary]) -> None:
        self._all_cases = summaries
        if not self.search.text().strip():
            self._show_rows([CaseRow(s) for s in summaries], searching=False)

    @Slot(str, object)
    def on_search_finished(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.search.text():
            return  # the user has typed on; a newer search is on its way
        self._show_rows([CaseRow(h.case, h.snippet) for h in hits], searching=True)

    def _show_rows(self, rows: list[CaseRow], *, searching: bool) -> None:
        selected = self.selected_case_id() or self._pending_selection
        self.model.set_rows(rows)
        if searching:
            # Show search results in order of relevance until the user sorts a column.
            self.proxy.sort(-1)
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._set_search_columns(searching=searching)
        total = len(self._all_cases)
        if searching:
            self.count_label.setText(
                f"{len(rows)} of {total} cases match “{self.search.text().strip()}”."
                if rows
                else f"No case matches “{self.search.text().strip()}”."
            )
        else:
            self.count_label.setText(f"{total} case{'s' if total != 1 else ''} in this library.")
        if selected:
            self.select_case(selected)

    def select_case(self, case_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CASE_ID_ROLE) == case_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                self._pending_selection = None
                return True
        return False

    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(CASE_ID_ROLE)
        return str(value) if value else None

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            return
        if self.case_view.case is None or self.case_view.case.id != case_id:
            self.workers.load_case(case_id)

    @Slot(object)
    def on_case_loaded(self, case: Case) -> None:
        if self.selected_case_id() in (case.id, None):
            self.case_view.show_case(case)

    @Slot(QModelIndex)
    def on_case_activated(self, _index: QModelIndex) -> None:
        self.case_view.setFocus()

    @Slot(QUrl)
    def on_case_link_clicked(self, url: QUrl) -> None:
        if url.scheme() != "case":
            return
        case_id = url.path()
        if not self.select_case(case_id):
            if any(s.id == case_id for s in self._all_cases):
                self._pending_selection = case_id
                self.search.clear()
                self.run_search()
            else:
                self.statusBar().showMessage(f"{case_id} is not in this library.", 6000)

    @Slot(str)
    def on_work_failed(self, message: str) -> None:
        self.count_label.setText("The library could not be read.")
        QMessageBox.warning(self, APP_NAME, message)

    # -- import and export -------------------------------------------------------------------

    @Slot()
    def on_import(self) -> None:
        file, _ = QFileDialog.getOpenFileName(
            self,
            "Import cases",
            str(Path.home()),
            "Council Desk exchange files (*.json);;All files (*)",
        )
        if file:
            self.import_file(Path(file))

    def import_file(self, file: Path, *, replace: bool = False) -> None:
        self._last_import = file
        self.statusBar().showMessage(f"Importing {file.name}…")
        self.workers.import_file(file, replace=replace)

    @Slot(object)
    def on_imported(self, report: ImportReport) -> None:
        self.statusBar().showMessage(report.summary(), 10000)
        self.reload()

    @Slot(str, object)
    def on_import_refused(self, message: str, refusal: ImportRefused) -> None:
        self.statusBar().clearMessage()
        if "--replace" in str(refusal.args[0]):
            answer = QMessageBox.question(
                self,
                "Replace cases?",
                f"{len(refusal.problems)} case(s) in the file are already in the library with "
                f"different content:\n\n{', '.join(refusal.problems[:20])}\n\n"
                "Replace them with the versions in the file?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.import_file(self._last_import, replace=True)
            return
        QMessageBox.warning(self, "Import refused", message)

    def _export_target(self, suggested: str) -> Path | None:
        file, _ = QFileDialog.getSaveFileName(
            self, "Export", str(Path.home() / suggested), "Council Desk exchange files (*.json)"
        )
        return Path(file) if file else None

    @Slot()
    def on_export_case(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            QMessageBox.information(self, APP_NAME, "Select a case to export first.")
            return
        target = self._export_target(f"{case_id}.json")
        if target:
            self.workers.export(target, [case_id])

    @Slot()
    def on_export_library(self) -> None:
        target = self._export_target("council-library.json")
        if target:
            self.workers.export(target, None)

    @Slot(str)
    def on_exported(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    @Slot()
    def on_memo(self) -> MemoPreview | None:
        case_id = self.selected_case_id()
        if case_id is None:
            QMessageBox.information(self, APP_NAME, "Select a case to see its decision memo.")
            return None
        preview = MemoPreview(self.workers, case_id, self)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.show()
        return preview

    # -- help --------------------------------------------------------------------------------

    @Slot()
    def on_show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in SHORTCUTS)
        box = QMessageBox(self)
        box.setWindowTitle("Keyboard shortcuts")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<table cellpadding='4'>{rows}</table>")
        box.open()

    @Slot()
    def on_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Decision support for an ethical-use advisory council: the decision framework, "
            "the case library and its precedents, offline.</p>"
            f"<p>Library: {self.library_path}</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._search_timer.stop()
        self.workers.wait(10000)
        super().closeEvent(event)
