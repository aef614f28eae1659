"""The framework editor's page of conditions: their kinds, and what follows when one is not kept.

A decision rests on conditions of kinds the framework names (before launch, ongoing, report
due, a deferral's request for information, as shipped); each kind says in which statuses a
condition of it calls the decision back for review, and one kind lapses a deferral when it has
not come by its date. The page edits those, and the rules beside them: whether a waiver needs a
reason, how long a deferral waits, the kind a condition is when none is said. Like the other
pages, each field writes into the draft; the loader's sentences beside the forms are the checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QWidget,
)

from council_app.framework.revision import FrameworkDraft
from council_app.ui.settings.framework_fields import Fields, setter
from council_app.ui.settings.tab_note import note
from council_app.vocabulary import condition_status_title

CONDITIONS = "Conditions"
# The statuses a kind may call the decision back for: a condition not kept.
CALLS_REVIEW_FOR = ("overdue", "breached")
MAX_LAPSE_DAYS = 3650  # as the framework schema allows


class ConditionForms(Fields):
    """The conditions page; the class that lists the pages gives ``draft`` and
    ``restructured`` (build the pages again and show the one of that title)."""

    draft: FrameworkDraft
    restructured: Callable[[str], None]

    def _conditions_page(self) -> QWidget:
        kinds = self.draft.condition_kinds()
        add = QPushButton("&Add a kind of condition")
        add.setObjectName("framework_add_condition_kind")
        add.setAccessibleDescription("A new kind, with no consequence until you give it one.")
        add.clicked.connect(self.on_add_condition_kind)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        return self.page(
            CONDITIONS,
            note(
                "Every condition of a decision is of one of these kinds. A kind may call the "
                "decision back for review when a condition of it is overdue or breached; one "
                "kind may lapse a deferral: the case comes back to the agenda when the "
                "information it asks for has not come by its date."
            ),
            self._commitment_rules(kinds),
            *(self._kind_box(kind) for kind in kinds),
            buttons,
        )

    def _commitment_rules(self, kinds: list[dict[str, Any]]) -> QWidget:
        d, rules = self.draft, self.draft.commitments()
        box = QGroupBox("Rules for every condition")
        form = QFormLayout(box)
        waiver = QCheckBox("A condition is waived only with a reason")
        waiver.setObjectName("framework_commitments_waiver_needs_reason")
        waiver.setAccessibleName("A waiver needs a reason")
        waiver.setChecked(bool(rules["waiver_needs_reason"]))
        waiver.toggled.connect(
            lambda on: self._apply(lambda: d.set_commitments(waiver_needs_reason=on))
        )
        form.addRow(waiver)
        lapse = self.whole(
            "framework_commitments_deferral_lapses_after_days",
            int(rules["deferral_lapses_after_days"]),
            setter(d.set_commitments, field="deferral_lapses_after_days"),
            "Days a deferral waits for the information it asks for",
            MAX_LAPSE_DAYS,
        )
        lapse.setMinimum(1)
        lapse.setSuffix(" days")
        form.addRow("A deferral lapses after:", lapse)
        form.addRow(
            "A condition with no kind is:",
            self.choice(
                "framework_commitments_default_kind",
                [(str(k.get("key", "")), str(k.get("title") or k.get("key", ""))) for k in kinds],
                str(rules["default_kind"]),
                setter(d.set_commitments, field="default_kind"),
                "The kind a condition is when none is said",
            ),
        )
        return box

    def _kind_box(self, kind: dict[str, Any]) -> QWidget:
        d = self.draft
        key = str(kind.get("key", ""))
        name = f"framework_condition_kinds_{key}"
        title = str(kind.get("title") or key)
        box = QGroupBox(f"{title} ({key})")
        form = QFormLayout(box)
        form.addRow(
            "Title:",
            self.line(
                f"{name}_title",
                str(kind.get("title", "")),
                setter(d.set_condition_kind, key, field="title"),
                f"{title}: title",
            ),
        )
        form.addRow(
            "Description:",
            self.line(
                f"{name}_description",
                str(kind.get("description", "")),
                setter(d.set_condition_kind, key, field="description"),
                f"{title}: description",
            ),
        )
        form.addRow(
            "Calls the decision back when:",
            self.checks(
                f"{name}_calls_review",
                [(s, condition_status_title(s)) for s in CALLS_REVIEW_FOR],
                list(kind.get("calls_review", [])),
                setter(d.set_condition_kind, key, field="calls_review"),
                f"{title}: calls the decision back for review when",
            ),
        )
        lapses = QCheckBox("A deferral lapses when it has not come by its date")
        lapses.setObjectName(f"{name}_lapses_deferral")
        lapses.setAccessibleName(f"{title}: lapses a deferral")
        lapses.setChecked(bool(kind.get("lapses_deferral", False)))
        lapses.toggled.connect(
            lambda on: self._apply(lambda: d.set_condition_kind(key, lapses_deferral=on))
        )
        form.addRow(lapses)
        remove = QPushButton("Remove this kind")
        remove.setObjectName(f"{name}_remove")
        remove.setAccessibleName(f"Remove the kind {title}")
        remove.clicked.connect(lambda: self.on_remove_condition_kind(key))
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(remove)
        form.addRow(foot)
        return box

    # -- adding and removing ----------------------------------------------------------------

    def on_add_condition_kind(self) -> None:
        taken = {str(k.get("key", "")) for k in self.draft.condition_kinds()}
        number = 1
        while f"new_kind_{number}" in taken:
            number += 1
        self.draft.add_condition_kind(f"new_kind_{number}", f"New kind {number}")
        self.restructured(CONDITIONS)

    def on_remove_condition_kind(self, key: str) -> None:
        self.draft.remove_condition_kind(key)
        self.restructured(CONDITIONS)
