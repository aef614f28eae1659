"""The Commitments view of the Re-review tab: every condition of a standing decision, with who
owes it, by when, where it stands today and the evidence recorded for it; and the four things a
member does with one: update its status, attach evidence, save a stored evidence file, open the
case.

The page computes nothing about where a condition stands and writes nothing: the tab reads the
list on a worker (:func:`council_app.ui.council_operations.load_commitments`) and hands it to
:meth:`CommitmentsPage.show_commitments`; the dialogs' requests leave as signals, carrying the
revision of the case the page read, and the tab has the core record them.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Evidence
from council_app.council.commitments import Commitment, evidence_words
from council_app.ui.common.dates import date_text
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.id_column import fit_id_column
from council_app.ui.common.palette import attention_tint
from council_app.ui.common.row_table_model import RowTableModel
from council_app.ui.common.status_message import StatusMessage
from council_app.ui.review.commitments_table import (
    CASE_ID_ROLE,
    NOT_KEPT_FILTER,
    NUMBER_ROLE,
    STATUS_FILTERS,
    CommitmentsFilter,
    CommitmentsModel,
    commitments_heading,
    due_text,
    filter_title,
)
from council_app.ui.review.condition_dialogs import EvidenceDialog, StatusDialog
from council_app.ui.review.review_tables import (
    SORT_ROLE,
    WIDEST_DATE,
    ModelIndex,
    review_table,
    size_columns,
)
from council_app.user_files import size_words
from council_app.vocabulary import condition_status_title

# As the due table's overdue rows: the warning hue, lightly.


class EvidenceModel(RowTableModel[Evidence]):
    """The evidence of the selected condition, oldest first."""

    COLUMNS = ("Added", "File", "Note", "By")
    ADDED, FILE, NOTE, BY = range(4)

    def _text(self, e: Evidence, column: int) -> str:
        if column == self.ADDED:
            return date_text(e.added_on)
        if column == self.FILE:
            return f"{e.file_name} ({size_words(e.size)})" if e.file_name else "—"
        if column == self.NOTE:
            return e.note
        if column == self.BY:
            return e.added_by
        return ""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        e = self.row_for_index(index)
        if e is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(e, index.column())
        if role == SORT_ROLE:
            return (
                e.added_on.isoformat()
                if index.column() == self.ADDED
                else self._text(e, index.column())
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return evidence_words(e)
        return None


def condition_html(c: Commitment) -> str:
    """The selected condition in full: what it is, where it stands and its history."""
    e = html.escape
    kind = c.framework.condition_kind(c.condition.kind)
    facts = [
        ("Kind", c.kind_title + (f" — {kind.description}" if kind and kind.description else "")),
        ("Owner", c.condition.owner or "not named"),
        ("Due", due_text(c) or "no date"),
    ]
    rows = "".join(
        f"<tr><td style='padding-right:10px'><b>{e(k)}</b></td><td>{e(v)}</td></tr>"
        for k, v in facts
    )
    status = condition_status_title(c.standing.status)
    back = (
        " <b>The framework calls the decision back for review.</b>"
        if c.standing.calls_review
        else ""
    )
    history = "".join(
        f"<li>{e(date_text(h.on))}: <b>{e(condition_status_title(h.status))}</b>"
        + (f" by {e(h.by)}" if h.by else "")
        + (f" — {e(h.note)}" if h.note else "")
        + "</li>"
        for h in reversed(c.condition.history)
    )
    decided = f", decided {e(date_text(c.decided))}" if c.decided else ""
    return (
        f"<p><b>{e(c.case_id)}</b> — {e(c.title)}<br>"
        f"<i>{e(c.framework.outcome_title(c.outcome))}{decided}</i></p>"
        f"<p><b>Condition {c.number}:</b> {e(c.condition.text)}</p>"
        f"<table cellspacing='0' cellpadding='1'>{rows}</table>"
        f"<p><b>{e(status)} today.</b> {e(c.standing.why)}{back}</p>"
        + (f"<p><b>Status history</b>, latest first</p><ul>{history}</ul>" if history else "")
    )


class CommitmentsPage(QWidget):
    """The Commitments view: the conditions, filtered and sorted, a detail pane, the actions."""

    case_activated = Signal(str)
    # case id, number, revision read, status, on, by, note
    status_requested = Signal(str, int, int, str, object, str, str)
    # case id, number, revision read, file (Path or None), note, on, by, who may read it
    evidence_requested = Signal(str, int, int, object, str, object, str, str)
    # sha256, file name, target
    save_requested = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commitments_page")
        self.today = date.today()
        self.revisions: dict[str, int] = {}
        self.members: tuple[str, ...] = ()
        self.member = ""  # who records, proposed in the dialogs (the window's last member)
        self.dialog: StatusDialog | EvidenceDialog | None = None
        self._sized = False

        self.heading = QLabel(commitments_heading([]))
        self.heading.setObjectName("commitments_heading")
        self.heading.setWordWrap(True)
        self.heading.setFont(bold_font(self.font(), 1.25))
        self.heading.setAccessibleName("Conditions of standing decisions")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("commitments_status_filter")
        for choice in STATUS_FILTERS:
            self.status_filter.addItem(filter_title(choice), choice)
        self.status_filter.setCurrentIndex(self.status_filter.findData(NOT_KEPT_FILTER))
        self.status_filter.setAccessibleName("Show conditions")
        self.status_filter.setAccessibleDescription("Show the conditions in this status.")
        status_label = QLabel("Sho&w:")
        status_label.setBuddy(self.status_filter)
        self.owner_filter = QLineEdit()
        self.owner_filter.setObjectName("commitments_owner_filter")
        self.owner_filter.setClearButtonEnabled(True)
        self.owner_filter.setPlaceholderText("Any owner")
        self.owner_filter.setAccessibleName("Owner")
        self.owner_filter.setAccessibleDescription("Show the conditions whose owner contains this.")
        owner_label = QLabel("&Owner:")
        owner_label.setBuddy(self.owner_filter)
        self.shown = QLabel()
        self.shown.setAccessibleName("Conditions shown")

        self.model = CommitmentsModel(self)
        self.proxy = CommitmentsFilter(self)
        self.proxy.setSourceModel(self.model)
        # What a council chases first: the conditions not kept.
        self.proxy.set_status_filter(NOT_KEPT_FILTER)
        self.table = review_table(
            "Conditions",
            "The conditions of standing decisions. Press Enter to open the case.",
        )
        self.table.setObjectName("commitments_table")
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setAccessibleName("Columns of the conditions")
        size_columns(
            self.table,
            {
                CommitmentsModel.CASE: "EUC-2026-000",
                CommitmentsModel.TITLE: "A case title of twenty-six",
                CommitmentsModel.NUMBER: "##",
                CommitmentsModel.KIND: "Information requested",
                CommitmentsModel.OWNER: "Meridian Vision AI team",
                CommitmentsModel.DUE: date_text(WIDEST_DATE) + " (every month)",
                CommitmentsModel.EVIDENCE: "Evidence",
            },
            CommitmentsModel.CONDITION,
        )
        # A condition not kept reads in bold with an icon beside it.
        bold = bold_font(self.table.font())
        metrics = QFontMetrics(bold)
        self.table.setColumnWidth(
            CommitmentsModel.STATUS,
            metrics.horizontalAdvance("Breached")
            + metrics.height()
            + 4 * metrics.averageCharWidth(),
        )

        self.update_button = QPushButton("&Update status…")
        self.update_button.setAccessibleName("Update the status of the selected condition")
        self.attach_button = QPushButton("&Attach evidence…")
        self.attach_button.setAccessibleName("Attach evidence to the selected condition")
        self.open_button = QPushButton("Open &case")
        self.open_button.setAccessibleName("Open the case of the selected condition")
        self.save_button = QPushButton("Save evidence f&ile…")
        self.save_button.setAccessibleName("Save the selected evidence file")
        self.save_button.setAccessibleDescription(
            "Write the stored file to a place you choose; nothing is replaced unless you agree."
        )
        for button in (self.update_button, self.attach_button, self.open_button, self.save_button):
            button.setEnabled(False)

        self.status_line = StatusMessage("commitments_message")
        self.message = self.status_line.label

        self.detail = QTextBrowser()
        self.detail.setObjectName("commitment_detail")
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName("The selected condition")
        self.detail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.evidence_model = EvidenceModel(self)
        self.evidence_table = review_table(
            "Evidence", "The evidence recorded for the selected condition, oldest first."
        )
        self.evidence_table.setObjectName("evidence_table")
        self.evidence_table.setSortingEnabled(False)
        self.evidence_table.setModel(self.evidence_model)
        size_columns(
            self.evidence_table,
            {
                EvidenceModel.ADDED: date_text(WIDEST_DATE),
                EvidenceModel.FILE: "quarterly-report.pdf (120 KB)",
                EvidenceModel.BY: "Hannah Brennan",
            },
            EvidenceModel.NOTE,
        )
        self.evidence_table.horizontalHeader().setSectionResizeMode(
            EvidenceModel.BY, QHeaderView.ResizeMode.Stretch
        )
        self.evidence_table.horizontalHeader().setSectionResizeMode(
            EvidenceModel.NOTE, QHeaderView.ResizeMode.Stretch
        )
        self.evidence_label = QLabel("Evidence")
        self.evidence_label.setFont(bold_font(self.font()))

        filters = QHBoxLayout()
        filters.addWidget(self.heading, 1)
        filters.addWidget(status_label)
        filters.addWidget(self.status_filter)
        filters.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        filters.addWidget(owner_label)
        filters.addWidget(self.owner_filter)
        self.owner_filter.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        actions = QHBoxLayout()
        actions.addWidget(self.status_line, 1)
        actions.addWidget(self.shown)
        actions.addWidget(self.open_button)
        actions.addWidget(self.attach_button)
        actions.addWidget(self.update_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)

        evidence = QWidget()
        evidence_layout = QVBoxLayout(evidence)
        evidence_layout.setContentsMargins(0, 0, 0, 0)
        evidence_layout.addWidget(self.evidence_label)
        evidence_layout.addWidget(self.evidence_table, 1)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        evidence_layout.addLayout(save_row)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.addWidget(self.detail)
        self.detail_splitter.addWidget(evidence)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setStretchFactor(0, 1)
        self.detail_splitter.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("commitments_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.detail_splitter)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        for first, second in (
            (self.status_filter, self.owner_filter),
            (self.owner_filter, self.table),
            (self.table, self.open_button),
            (self.open_button, self.attach_button),
            (self.attach_button, self.update_button),
            (self.update_button, self.detail),
            (self.detail, self.evidence_table),
            (self.evidence_table, self.save_button),
        ):
            QWidget.setTabOrder(first, second)

        self._mark_warnings()
        self.show_detail(None)
        self.status_filter.currentIndexChanged.connect(self.on_status_filter_changed)
        self.owner_filter.textChanged.connect(self.on_owner_filter_changed)
        self.table.activated.connect(self.on_row_activated)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.evidence_table.selectionModel().selectionChanged.connect(
            self.on_evidence_selection_changed
        )
        self.open_button.clicked.connect(self.on_open)
        self.update_button.clicked.connect(self.on_update_status)
        self.attach_button.clicked.connect(self.on_attach_evidence)
        self.save_button.clicked.connect(self.on_save_evidence)

    # --- data in -------------------------------------------------------------------------------

    def show_commitments(
        self,
        rows: Sequence[Commitment],
        revisions: dict[str, int],
        today: date,
        members: Sequence[str] = (),
    ) -> None:
        selected = self.selected_key()
        self.today = today
        self.revisions = dict(revisions)
        self.members = tuple(members)
        self.model.set_rows(rows)
        fit_id_column(self.table, CommitmentsModel.CASE, (c.case_id for c in rows))
        counts: Counter[str] = Counter(c.standing.status for c in rows)
        for i in range(self.status_filter.count()):
            self.status_filter.setItemText(i, filter_title(self.status_filter.itemData(i), counts))
        self.heading.setText(commitments_heading(rows))
        if selected is not None:
            self.select_condition(*selected)
        self._after_filter()

    def show_message(self, text: str, error: bool = False) -> None:
        self.status_line.say(text, error=error)

    def select_condition(self, case_id: str, number: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(CASE_ID_ROLE) == case_id and index.data(NUMBER_ROLE) == number:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        return False

    def show_case(self, case_id: str) -> bool:
        """Point at the conditions of one decision: all of them shown, whoever owes them, the
        first not kept (else the first) selected."""
        self.owner_filter.clear()
        self.status_filter.setCurrentIndex(self.status_filter.findData("all"))
        rows = [c for c in self.model.rows() if c.case_id == case_id]
        if not rows:
            self.show_message(f"{case_id}'s decision has no conditions.")
            return False
        first = next((c for c in rows if not c.standing.kept), rows[0])
        self.select_condition(first.case_id, first.number)
        self.table.setFocus()
        return True

    def selected(self) -> Commitment | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_for_index(self.proxy.mapToSource(rows[0]))

    def selected_key(self) -> tuple[str, int] | None:
        c = self.selected()
        return (c.case_id, c.number) if c is not None else None

    def selected_evidence(self) -> Evidence | None:
        """The evidence file chosen below the condition, or its only file."""
        rows = self.evidence_table.selectionModel().selectedRows()
        if rows:
            return self.evidence_model.row_for_index(rows[0])
        files = [e for e in self.evidence_model.rows() if e.sha256]
        return files[0] if len(files) == 1 else None

    def show_detail(self, c: Commitment | None) -> None:
        if c is None:
            self.detail.setHtml(
                "<p style='color:palette(mid)'><i>Select a condition to read it whole, with "
                "its status history and evidence.</i></p>"
            )
            self.evidence_model.set_rows([])
            self.evidence_label.setText("Evidence")
            return
        self.detail.setHtml(condition_html(c))
        self.evidence_model.set_rows(c.condition.evidence)
        n = len(c.condition.evidence)
        self.evidence_label.setText(f"Evidence ({n})" if n else "Evidence: none recorded yet")

    # --- the dialogs ---------------------------------------------------------------------------

    def written(self, message: str) -> None:
        """The core recorded what the open dialog asked: close it and say so."""
        if self.dialog is not None:
            self.dialog.accept()
            self.dialog = None
        self.show_message(message)
        self.table.setFocus()

    def refused(self, message: str) -> None:
        """Shown in the dialog that asked, if one is open, else under the table."""
        dialog = self.dialog
        if dialog is not None and dialog.isVisible():
            read_now = self.revisions.get(dialog.commitment.case_id, dialog.revision)
            if read_now != dialog.revision:
                # The list has been read again since the dialog opened: asking again from this
                # dialog would be refused again, so say how to see the case as it is now.
                message += (
                    " The list now shows the case as it is: cancel and open the dialog again "
                    "to record against it."
                )
            dialog.show_refusal(message)
        else:
            self.show_message(message, error=True)

    def _open_dialog(self, dialog: StatusDialog | EvidenceDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(self.on_dialog_finished)
        dialog.open()

    # --- appearance ----------------------------------------------------------------------------

    def _mark_warnings(self) -> None:
        palette = self.palette()
        background = attention_tint(palette)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.model.set_warning_marks(background, icon)

    def _after_filter(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.shown.setText(f"{shown} of {total} shown" if shown != total else f"{total} shown")
        if self.selected() is None and shown:
            self.table.selectRow(0)
        self.on_selection_changed(QItemSelection(), QItemSelection())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            # The list is what the view is for: most of the height at first.
            self._sized = True
            height = self.splitter.height()
            self.splitter.setSizes([round(height * 0.62), height - round(height * 0.62)])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._mark_warnings()

    # --- slots ---------------------------------------------------------------------------------

    @Slot(int)
    def on_status_filter_changed(self, _index: int) -> None:
        self.proxy.set_status_filter(str(self.status_filter.currentData()))
        self._after_filter()

    @Slot(str)
    def on_owner_filter_changed(self, text: str) -> None:
        self.proxy.set_owner_filter(text)
        self._after_filter()

    @Slot(QModelIndex)
    def on_row_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.case_activated.emit(str(case_id))

    @Slot(QItemSelection, QItemSelection)
    def on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        c = self.selected()
        for button in (self.update_button, self.attach_button, self.open_button):
            button.setEnabled(c is not None)
        self.show_detail(c)
        self.on_evidence_selection_changed(QItemSelection(), QItemSelection())

    @Slot(QItemSelection, QItemSelection)
    def on_evidence_selection_changed(
        self, _selected: QItemSelection, _deselected: QItemSelection
    ) -> None:
        chosen = self.selected_evidence()
        self.save_button.setEnabled(chosen is not None and bool(chosen.sha256))

    @Slot()
    def on_open(self) -> None:
        c = self.selected()
        if c is not None:
            self.case_activated.emit(c.case_id)

    @Slot()
    def on_update_status(self) -> None:
        c = self.selected()
        if c is None:
            return
        dialog = StatusDialog(
            c,
            self.revisions.get(c.case_id, 0),
            members=self.members,
            member=self.member,
            today=self.today,
            parent=self,
        )
        dialog.status_requested.connect(self.on_status_requested)
        self._open_dialog(dialog)

    @Slot()
    def on_attach_evidence(self) -> None:
        c = self.selected()
        if c is None:
            return
        dialog = EvidenceDialog(
            c,
            self.revisions.get(c.case_id, 0),
            members=self.members,
            member=self.member,
            today=self.today,
            parent=self,
        )
        dialog.evidence_requested.connect(self.on_evidence_requested)
        self._open_dialog(dialog)

    @Slot(str, object, str, str)
    def on_status_requested(self, status: str, on: date, by: str, note: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        c = dialog.commitment
        self.status_requested.emit(c.case_id, c.number, dialog.revision, status, on, by, note)

    @Slot(object, str, object, str, str)
    def on_evidence_requested(
        self, file: Path | None, note: str, on: date, by: str, readers: str
    ) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        c = dialog.commitment
        self.evidence_requested.emit(
            c.case_id, c.number, dialog.revision, file, note, on, by, readers
        )

    @Slot(int)
    def on_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.dialog:
            self.dialog = None
        if isinstance(sender, QWidget):
            sender.deleteLater()

    @Slot()
    def on_save_evidence(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen = self.selected_evidence()
        if chosen is None or not chosen.sha256:
            return
        # The file dialog asks before replacing a file that is there: nothing is overwritten
        # without the member's word.
        file, _ = QFileDialog.getSaveFileName(
            self, "Save evidence file", str(Path.home() / chosen.file_name), "All files (*)"
        )
        if file:
            self.save_requested.emit(chosen.sha256, chosen.file_name, Path(file))
