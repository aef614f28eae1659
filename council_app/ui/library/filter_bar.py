"""The filter chips above the case table: outcome, principle, region, status and "Review due".

Their own module because they are a small widget with rules of their own (what a chip says
when values are chosen, which filter is the core's to apply); the page only asks for the
filters and is told when they change.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from council_app.council.review import REVIEW_HORIZON_DAYS
from council_app.framework import Framework
from council_app.library.search import SearchFilters
from council_app.vocabulary import CASE_STATUSES, case_status_title


class FilterChip(QToolButton):
    """A filter: a button that opens a menu of checkable values; its text says what is on."""

    changed = Signal()

    def __init__(
        self, title: str, values: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(f"Filter by {title.lower()}")
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.actions_: dict[str, QAction] = {}
        self.set_values(values)

    def set_values(self, values: list[tuple[str, str]]) -> None:
        chosen = self.chosen()
        self.menu_.clear()
        self.actions_ = {}
        for label, value in values:
            action = self.menu_.addAction(label)
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.toggled.connect(self._on_toggled)
            self.actions_[value] = action
        self._label()

    def chosen(self) -> tuple[str, ...]:
        return tuple(v for v, a in self.actions_.items() if a.isChecked())

    def clear_choice(self) -> None:
        for action in self.actions_.values():
            action.blockSignals(True)
            action.setChecked(False)
            action.blockSignals(False)
        self._label()

    def _on_toggled(self, _checked: bool) -> None:
        self._label()
        self.changed.emit()

    def _label(self) -> None:
        chosen = [a.text() for a in self.actions_.values() if a.isChecked()]
        self.setText(f"{self.title}: {', '.join(chosen)}" if chosen else self.title)
        self.setAccessibleDescription(
            f"Showing {', '.join(chosen)}" if chosen else f"Any {self.title.lower()}"
        )


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = FilterChip("Outcome", [(o.title, o.key) for o in framework.outcomes])
        self.principle = FilterChip("Principle", [(p.title, p.key) for p in framework.principles])
        self.principle.setToolTip("Cases where a member rated the principle 3 or 4")
        # A taxonomy whole, or one of its entries; shown only when the framework has taxonomies.
        self.classification = FilterChip(
            "Classification",
            [
                choice
                for t in framework.taxonomies
                for choice in (
                    (f"{t.title}: any", t.key),
                    *((f"{t.title}: {e.title}", f"{t.key}.{e.key}") for e in t.entries),
                )
            ],
        )
        self.classification.setToolTip("Cases classified under a taxonomy or one of its entries")
        self.classification.setVisible(bool(framework.taxonomies))
        self.region = FilterChip("Region", [])
        self.status = FilterChip("Status", [(case_status_title(s), s) for s in CASE_STATUSES])
        self.review_due = QToolButton()
        self.review_due.setText("Review due")
        self.review_due.setCheckable(True)
        self.review_due.setAccessibleName("Only decisions due for review")
        self.review_due.setToolTip(
            f"The decisions the Re-review tab lists: review overdue or due within "
            f"{REVIEW_HORIZON_DAYS} days, or flagged by the watch list"
        )
        self.clear = QToolButton()
        self.clear.setText("Clear filters")
        self.clear.setAccessibleName("Clear all filters")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.outcome,
            self.principle,
            self.classification,
            self.region,
            self.status,
            self.review_due,
            self.clear,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        for chip in (self.outcome, self.principle, self.classification, self.region, self.status):
            chip.changed.connect(self.changed.emit)
        self.review_due.toggled.connect(lambda _on: self.changed.emit())
        self.clear.clicked.connect(self.on_clear)

    def set_regions(self, regions: list[str]) -> None:
        self.region.set_values([(r, r) for r in regions])

    def filters(self) -> SearchFilters:
        """The chips' choices, except "Review due": which cases that keeps is the core's to say
        (see :meth:`due_for_review_only`), on the worker that runs the search."""
        return SearchFilters(
            outcomes=self.outcome.chosen(),
            principles=self.principle.chosen(),
            classifications=self.classification.chosen(),
            regions=self.region.chosen(),
            statuses=self.status.chosen(),
        )

    def due_for_review_only(self) -> bool:
        return self.review_due.isChecked()

    def is_empty(self) -> bool:
        return self.filters().is_empty() and not self.due_for_review_only()

    @Slot()
    def on_clear(self) -> None:
        for chip in (self.outcome, self.principle, self.classification, self.region, self.status):
            chip.clear_choice()
        self.review_due.blockSignals(True)
        self.review_due.setChecked(False)
        self.review_due.blockSignals(False)
        self.changed.emit()
