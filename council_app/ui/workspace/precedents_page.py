"""The precedents step: ranked precedents with their reasons, the consistency check, and the
case's neighbourhood in the case graph. Opening a precedent, or double-clicking a node, shows
it beside the case."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case, CaseSummary
from council_app.case_edits import cite_precedent
from council_app.framework import Framework
from council_app.precedent import ConsistencyCheck, Precedent, PrecedentSearch
from council_app.ui.common.numbers import count_text
from council_app.ui.graph.legend import CaseGraphLegend
from council_app.ui.graph.view import CaseGraphView
from council_app.ui.workspace.case_editor import CaseEditor, edit_name
from council_app.ui.workspace.rating_pages import Page

if TYPE_CHECKING:
    import networkx as nx

PRECEDENT_ID_ROLE = Qt.ItemDataRole.UserRole + 20
CITE_TEXT = "Ci&te in this case"
UNCITE_TEXT = "Stop ci&ting"


class PrecedentsPage(Page):
    open_requested = Signal(str)  # a case id to open beside this case
    # The precedents of the case as it stood when asked for, list and graph, are now shown
    # (the case's id): what a test, or the felt benchmark, waits for.
    precedents_shown = Signal(str)

    def __init__(self, editor: CaseEditor, framework: Framework) -> None:
        super().__init__(editor, framework, "Precedents")
        self.precedents: tuple[Precedent, ...] = ()
        self.case: Case | None = None
        self.status = QLabel("Finding precedents…")
        self.status.setAccessibleName("Precedent search status")
        self.consistency = QLabel()
        self.consistency.setWordWrap(True)
        self.consistency.setAccessibleName("Consistency with precedent")
        self.list = QListWidget()
        self.list.setAccessibleName("Precedents, best match first")
        self.list.setWordWrap(True)
        self.reasons = QTextBrowser()
        self.reasons.setAccessibleName("Why the selected precedent matched")
        self.reasons.setOpenLinks(False)
        self.open_button = QPushButton("&Open beside the case")
        self.open_button.setAccessibleName("Open the selected precedent beside the case")
        self.open_button.setEnabled(False)
        # Citing is how the council says it weighed a precedent: the step is done (✓) once
        # the case cites, distinguishes or otherwise links to one, and the memo shows the cited
        # ones as followed.
        self.cite_button = QPushButton(CITE_TEXT)
        self.cite_button.setAccessibleName("Cite the selected precedent in this case")
        self.cite_button.setEnabled(False)
        titles = {o.key: o.title for o in framework.outcomes}
        self.graph = CaseGraphView(outcome_titles=titles, framework=framework)
        self.legend = CaseGraphLegend(outcome_titles=titles, framework=framework)
        graph_box = QWidget()
        graph_layout = QVBoxLayout(graph_box)
        graph_layout.setContentsMargins(0, 0, 0, 0)
        graph_layout.addWidget(self.graph, 1)
        graph_layout.addWidget(self.legend)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cite_button)
        buttons.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(self.reasons)
        splitter.addWidget(graph_box)
        splitter.setSizes([220, 160, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.consistency)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.list.currentItemChanged.connect(self.on_current_changed)
        self.list.itemActivated.connect(
            lambda item: self.open_requested.emit(item.data(PRECEDENT_ID_ROLE))
        )
        self.open_button.clicked.connect(self.on_open)
        self.cite_button.clicked.connect(self.on_cite)
        self.graph.case_activated.connect(self.open_requested.emit)

    def show_case(self, case: Case) -> None:
        """The precedents arrive separately (see show_precedents); the case says which of
        them it links to."""
        self.case = case
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setText(self._item_text(row))
        self._update_cite_button()

    def _linked(self, case_id: str) -> str | None:
        """How the case links to ``case_id`` (cites, distinguishes…), or None."""
        links = self.case.links if self.case is not None else ()
        return next((link.type for link in links if link.target == case_id), None)

    def _item_text(self, row: int) -> str:
        p = self.precedents[row]
        state = self.framework.outcome_title(p.case.outcome) if p.case.outcome else "not decided"
        flag = " — superseded" if p.superseded else ""
        linked = self._linked(p.case.id)
        mark = f" — {'cited' if linked == 'cites' else linked} in this case" if linked else ""
        return (
            f"{row + 1}. {p.case.id}  {p.case.title}  ({state}; match {p.match_text}){flag}{mark}"
        )

    def _update_cite_button(self) -> None:
        item: QListWidgetItem | None = self.list.currentItem()
        linked = self._linked(item.data(PRECEDENT_ID_ROLE)) if item is not None else None
        self.cite_button.setText(UNCITE_TEXT if linked == "cites" else CITE_TEXT)
        # Another kind of link is changed where links are kept, not undone by a citation.
        self.cite_button.setEnabled(item is not None and linked in (None, "cites"))

    def show_searching(self) -> None:
        self.status.setText("Finding precedents…")

    def show_precedents(self, search: PrecedentSearch, check: ConsistencyCheck | None) -> None:
        self.precedents = search.precedents
        # currentItem() is None when nothing is current (Qt's stubs say otherwise).
        item: QListWidgetItem | None = self.list.currentItem()
        current = item.data(PRECEDENT_ID_ROLE) if item is not None else None
        self.list.clear()
        for row, p in enumerate(search.precedents):
            item = QListWidgetItem(self._item_text(row))
            item.setData(PRECEDENT_ID_ROLE, p.case.id)
            item.setToolTip("\n".join(p.reasons))
            self.list.addItem(item)
            if p.case.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        count = len(search.precedents)
        terms = ", ".join(t.word for t in search.key_terms[:8])
        self.status.setText(
            f"{count_text(count, 'precedent')}" + (f" · key terms: {terms}" if terms else "")
        )
        if check is None:
            self.consistency.setText("")
        else:
            self.consistency.setText(
                html.escape(check.message(self.framework)).replace("\n", "<br>")
            )

    def show_graph(
        self, centre: str, graph: nx.MultiDiGraph, cases: Mapping[str, CaseSummary]
    ) -> None:
        self.graph.set_neighbourhood(centre, graph, cases)
        self.graph.set_similar([p.case.id for p in self.precedents[:5] if p.case.id in cases])
        self.precedents_shown.emit(centre)

    @Slot(QListWidgetItem, QListWidgetItem)
    def on_current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        self.open_button.setEnabled(current is not None)
        self._update_cite_button()
        if current is None:
            self.reasons.clear()
            return
        case_id = current.data(PRECEDENT_ID_ROLE)
        precedent = next((p for p in self.precedents if p.case.id == case_id), None)
        if precedent is None:
            return
        items = "".join(f"<li>{html.escape(r)}</li>" for r in precedent.reasons)
        self.reasons.setHtml(
            f"<b>{html.escape(precedent.case.id)}</b> {html.escape(precedent.case.title)}<ul>{items}</ul>"
        )

    @Slot()
    def on_cite(self) -> None:
        item: QListWidgetItem | None = self.list.currentItem()
        if item is None:
            return
        target = item.data(PRECEDENT_ID_ROLE)
        cited = self._linked(target) != "cites"
        self.editor.apply(
            cite_precedent,
            target,
            cited=cited,
            text=(
                edit_name("citing", target)
                if cited
                else edit_name("removal", f"the citation of {target}")
            ),
        )

    @Slot()
    def on_open(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(PRECEDENT_ID_ROLE))
