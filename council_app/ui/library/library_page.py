"""The library page: the case table with search as you type, filter chips, and the selected
case to read beside it. Searches and filters run in the core (FTS5) on a worker thread."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case, CaseSummary
from council_app.framework import Framework
from council_app.library.changes import WATCH_LIST, LibraryChanges
from council_app.library.search import (
    FIRST_PASSAGES,
    LIST_HITS,
    Passage,
    SearchHit,
    search_prompt,
)
from council_app.ui.common.id_column import COLUMN_PADDING, fit_id_column
from council_app.ui.common.numbers import count_text, number_text
from council_app.ui.common.row_table_model import SourceSortProxy
from council_app.ui.library.case_table_model import CASE_ID_ROLE, SORT_ROLE, CaseRow, CaseTableModel
from council_app.ui.library.case_view import CaseView
from council_app.ui.library.filter_bar import FilterBar
from council_app.ui.library.library_tasks import CasesListed, LibraryWorkers
from council_app.ui.library.snippet_delegate import TitleWithSnippetDelegate
from council_app.ui.long_lived_rows import rows_shown

# A search starts as soon as the text changes (a zero timer folds the changes of one event, a
# paste or a programmatic edit, into one search); the search it makes stale is cancelled on
# its worker (LibraryWorkers.submit's cancel_stale), so typing fast costs no queue of searches.
SEARCH_DELAY_MS = 0
# How long the list must rest after a scroll before the passages of the rows in view are asked
# for: a drag through hundreds of rows asks once, at the end.
PASSAGE_DELAY_MS = 60
# Rows below the view whose passages are asked for with it, so a short scroll finds them there.
PASSAGE_LOOKAHEAD = 10
# Room beside a column's text for the cell's margins and the sort indicator.


class SearchBox(QLineEdit):
    """The search field; Down moves to the results, Escape clears."""

    def __init__(self, results: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results

    def keyPressEvent(self, event: QKeyEvent) -> None:
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


class LibraryPage(QWidget):
    case_opened = Signal(str)  # Enter or double-click on a case
    selection_changed = Signal(object)  # the selected case id, or None

    def __init__(
        self, workers: LibraryWorkers, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workers = workers
        self.framework = framework
        # The cases listed: the newest first, then every one (LibraryWorkers.list_cases).
        self._listed = CasesListed([], 0)
        self._shown_query = ""  # the search the rows on show came from
        # Enter submits the search: its last word is then a whole word, not one being typed
        # (the core's rule, search._plain_phrases). Typing again makes it a search as you type.
        self._submitted = False
        self._shown_typing = True  # whether the rows on show came from a search as you type
        self._pending_selection: str | None = None
        self.setObjectName("library_page")

        self.model = CaseTableModel(framework, self)
        self.proxy = SourceSortProxy(self)
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
            "The cases in the library. Select one to read it beside the list; press Enter to open it."
        )

        self.search = SearchBox(self.table)
        self.search.setObjectName("search_box")
        self.search.setPlaceholderText("Search cases: words from titles, use cases, rationales…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search cases")
        self.search.setAccessibleDescription(
            "Type words to find the cases that contain them; results update as you type, "
            "and Enter searches for the words typed as whole words."
        )
        self.filters = FilterBar(framework)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # a long message must not widen the list
        self.count_label.setObjectName("count_label")
        self.count_label.setAccessibleName("Number of cases shown")
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(search_label)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.filters)
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
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self.on_search_edited)
        self.search.returnPressed.connect(self.on_search_submitted)
        self.filters.changed.connect(self.run_search)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.table.activated.connect(self.on_case_activated)
        workers.cases_listed.connect(self.on_cases_listed)
        workers.search_finished.connect(self.on_search_finished)
        workers.passages_found.connect(self.on_passages_found)
        workers.case_loaded.connect(self.on_case_loaded)
        workers.library_changed.connect(self.on_library_changed)
        self._passage_timer = QTimer(self)
        self._passage_timer.setSingleShot(True)
        self._passage_timer.setInterval(PASSAGE_DELAY_MS)
        self._passage_timer.timeout.connect(self.ask_passages_in_view)
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._passage_timer.start())
        self.proxy.layoutChanged.connect(self._passage_timer.start)  # sorted by a column

    def size_columns(self, width: int) -> None:
        metrics = self.table.fontMetrics()
        for column, sample in (
            (CaseTableModel.ID, "EUC-2026-000"),
            (CaseTableModel.STATE, "Approve with conditions"),
            (CaseTableModel.PRODUCT, "CRM Data Enrichment"),
            (CaseTableModel.SECTOR, "defence-adjacent"),
            (CaseTableModel.REGIONS, "GB, IE, FR"),
            (CaseTableModel.SUBMITTED, "2026-12-31"),
        ):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + COLUMN_PADDING)
        self.table.horizontalHeader().setSectionResizeMode(
            CaseTableModel.TITLE, QHeaderView.ResizeMode.Stretch
        )
        # On a laptop screen the title matters more than sector and regions; both can be
        # shown again from the column headings' menu.
        narrow = width < 1700
        self.table.setColumnHidden(CaseTableModel.SECTOR, narrow)
        self.table.setColumnHidden(CaseTableModel.REGIONS, narrow)
        self._set_search_rows(searching=False)
        self.splitter.setSizes([int(width * 0.58), int(width * 0.42)])

    def _set_search_rows(self, *, searching: bool) -> None:
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

    # -- loading and searching ------------------------------------------------------------------

    def reload(self) -> None:
        self.count_label.setText("Loading the library…")
        self.workers.list_cases()
        if self.searching:
            self.run_search()

    @property
    def shown_query(self) -> str:
        """The text of the search whose rows the list shows now (it lags what is typed)."""
        return self._shown_query

    @property
    def searching(self) -> bool:
        return bool(self.search.text().strip()) or not self.filters.is_empty()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @Slot(str)
    def on_search_edited(self, _text: str) -> None:
        self._submitted = False
        self._search_timer.start()

    @Slot()
    def on_search_submitted(self) -> None:
        self._search_timer.stop()
        self._submitted = True
        self.run_search()

    @Slot()
    def run_search(self) -> None:
        if not self.searching:
            self._show_rows([CaseRow(s) for s in self._listed.summaries], searching=False)
            return
        self.count_label.setText("Searching…")
        self.workers.search(
            self.search.text(),
            self.filters.filters(),
            due_for_review=self.filters.due_for_review_only(),
            typing=not self._submitted,
        )

    @Slot(object)
    def on_library_changed(self, changes: LibraryChanges) -> None:
        """A write here or elsewhere changed the library: the list, and the case read beside
        it, show what it holds now."""
        if changes.any_case:
            self.reload()
            shown = self.case_view.case
            if shown is not None and changes.touches_case(shown.id):
                self.workers.load_case(
                    shown.id,
                    failed=lambda _message: self.case_view.show_placeholder(
                        f"{shown.id} is no longer in this library."
                    ),
                )
        elif changes.touches(WATCH_LIST):
            self.on_due_changed()

    @Slot()
    def on_due_changed(self) -> None:
        """What is due for review changed (the watch list did): the "Review due" list with it."""
        if self.filters.due_for_review_only():
            self.run_search()

    @Slot(object)
    def on_cases_listed(self, listed: CasesListed) -> None:
        self._listed = listed
        summaries = listed.summaries
        fit_id_column(self.table, CaseTableModel.ID, (s.id for s in summaries))
        if listed.complete:  # the regions of the newest cases only would leave some out
            self.filters.set_regions(sorted({r for s in summaries for r in s.regions}))
        if not self.searching:
            self._show_rows([CaseRow(s) for s in summaries], searching=False)
        if listed.complete:
            rows_shown(len(summaries))

    @Slot(str, object)
    def on_search_finished(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.search.text():
            return  # the user has typed on; a newer search is on its way
        worded = bool(query.strip())
        self._shown_query = query
        self._shown_typing = not self._submitted
        rows = [
            CaseRow(hit.case, hit.snippet, passage_pending=worded and number >= FIRST_PASSAGES)
            for number, hit in enumerate(hits)
        ]
        self._show_rows(rows, searching=worded)
        if not worded:
            self._describe_count(len(hits), filtered=True)
        self._passage_timer.start()  # a tall window shows more rows than came with passages

    @Slot()
    def ask_passages_in_view(self) -> None:
        """Ask for the passages of the search hits in view (and a few below) that lack them."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        last = rows - 1 if last < 0 else min(rows - 1, last + PASSAGE_LOOKAHEAD)
        source = [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row() for row in range(first, last + 1)
        ]
        pending = self.model.passages_pending(source)
        if pending:  # for the search the rows came from, though the user may have typed on
            self.workers.find_passages(self._shown_query, pending, typing=self._shown_typing)

    @Slot(str, object)
    def on_passages_found(self, query: str, found: dict[str, Passage]) -> None:
        if query != self._shown_query:
            return  # passages of an earlier search; its rows are gone
        self.model.fill_passages(found)
        # Rows scrolled to while these were found were asked for in a request that gave way
        # to this one (only the latest of a kind is delivered): ask again for what is in view.
        self._passage_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.model.rowCount():
            self._passage_timer.start()

    def _show_rows(self, rows: list[CaseRow], *, searching: bool) -> None:
        selected = self.selected_case_id() or self._pending_selection
        self.model.set_rows(rows)
        if searching:
            # Show search results in order of relevance until the user sorts a column.
            self.proxy.sort(-1)
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._set_search_rows(searching=searching)
        total = self._listed.total
        if searching:
            text = self.search.text().strip()
            if len(rows) >= LIST_HITS:
                # The list holds the best matches only; how many more there are is not counted
                # (counting every match of a common word costs as much as ranking them).
                self.count_label.setText(
                    f"The {len(rows)} best matches for “{text}” are shown; add words or "
                    "filters to narrow the search."
                )
            elif rows:
                self.count_label.setText(
                    f"{number_text(len(rows))} of {count_text(total, 'case')} match “{text}”."
                )
            else:
                self.count_label.setText(search_prompt(text) or f"No case matches “{text}”.")
        else:
            self._describe_count(len(rows), filtered=False)
        if selected:
            self.select_case(selected)
        shown = self.case_view.case
        every_row = self.searching or self._listed.complete  # not only the newest cases yet
        if shown is not None and every_row and not any(row.summary.id == shown.id for row in rows):
            # A filter, a search or a deletion has just hidden the case being read: the pane
            # lets go of it rather than show a case the list does not (issue 17, point 7).
            self.case_view.show_placeholder(
                f"{shown.id} is not among the cases listed. Select a case to read it."
            )

    def _describe_count(self, shown: int, *, filtered: bool) -> None:
        total = self._listed.total
        if filtered:
            self.count_label.setText(
                f"{number_text(shown)} of {count_text(total, 'case')} pass the filters."
            )
        else:
            self.count_label.setText(f"{count_text(total, 'case')} in this library.")

    def select_case(self, case_id: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CASE_ID_ROLE) == case_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                self._pending_selection = None
                return True
        self._pending_selection = case_id
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
        self.selection_changed.emit(case_id)
        if case_id is None:
            return
        if self.case_view.case is None or self.case_view.case.id != case_id:
            self.workers.load_case(case_id)

    @Slot(object, object)
    def on_case_loaded(self, case: Case, superseded_by: tuple[CaseSummary, ...]) -> None:
        """Show the case selected, or a new reading of the case shown (the library changed);
        a case loaded for a row that has since left the list stays unshown."""
        selected = self.selected_case_id()
        shown = self.case_view.case
        if selected == case.id or (selected is None and shown is not None and shown.id == case.id):
            self.case_view.show_case(case, superseded_by)

    @Slot(QModelIndex)
    def on_case_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.case_opened.emit(str(case_id))

    @Slot(QUrl)
    def on_case_link_clicked(self, url: QUrl) -> None:
        if url.scheme() != "case":
            return
        case_id = url.path()
        if not self.select_case(case_id):
            if not self._listed.complete or any(s.id == case_id for s in self._listed.summaries):
                self.search.clear()
                self.filters.on_clear()
                self.run_search()
            else:
                self._pending_selection = None
                window = self.window()
                if isinstance(window, QMainWindow):
                    window.statusBar().showMessage(f"{case_id} is not in this library.", 6000)
