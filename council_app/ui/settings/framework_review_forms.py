"""The framework editor's page of review periods by risk, and of the classifications' own.

A decision is reviewed after the months its outcome gives, unless something about its risk
shortens that: a review period of the framework (by outcome, region, kind of classification or
concern index) or a classification's own. The page edits the first and lists the second, so the
council sees everything that brings a review forward in one place. Like the other pages, each
field writes into the draft and the loader's sentences beside the forms are the checks.

Adding or removing a period changes how many boxes the page has: the page asks the editor,
through ``restructured``, to build its pages again from the draft.
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
    QVBoxLayout,
    QWidget,
)

from council_app.framework.revision import ANY_CONCERN, FrameworkDraft
from council_app.ui.settings.framework_fields import Fields, setter
from council_app.ui.settings.tab_note import note

REVIEW_PERIODS = "Review periods"
# A new period's months until the council sets its own: half the usual year, since a period
# by risk is there to bring a review forward.
NEW_PERIOD_MONTHS = 6
MAX_MONTHS = 120  # as the framework schema allows


def classification_kinds(data: dict[str, Any]) -> list[str]:
    """The kinds the draft's taxonomies place cases in, each once, in the order written."""
    kinds = (e.get("kind", "") for t in data.get("taxonomies", []) for e in t.get("entries", []))
    return list(dict.fromkeys(k for k in kinds if k))


def _kind_title(kind: str) -> str:
    return kind.replace("_", " ")


def _kind_choice(kind: str) -> str:
    return _kind_title(kind).capitalize()


class ReviewForms(Fields):
    """The review periods page; the class that lists the pages gives ``draft``, ``data`` and
    ``restructured`` (build the pages again and show the one of that title)."""

    draft: FrameworkDraft
    data: dict[str, Any]
    outcome_titles: dict[str, str]
    restructured: Callable[[str], None]

    def _review_periods_page(self) -> QWidget:
        boxes = [
            self._review_period_box(index, period)
            for index, period in enumerate(self.draft.review_periods())
        ]
        add = QPushButton("&Add a review period")
        add.setObjectName("framework_add_review_period")
        add.setAccessibleDescription(
            f"A new review period of {NEW_PERIOD_MONTHS} months; name the decisions it is for."
        )
        add.clicked.connect(self.on_add_review_period)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        return self.page(
            REVIEW_PERIODS,
            note(
                "A decision is reviewed after the months its outcome gives (see Outcomes), or "
                "sooner when a review period below applies: every criterion a period names must "
                "hold, and the shortest period that applies is the one taken."
            ),
            *boxes,
            buttons,
            self._classification_periods(),
        )

    def _review_period_box(self, index: int, period: dict[str, Any]) -> QWidget:
        d = self.draft
        name = f"framework_review_period_{index}"
        label = f"Review period {index + 1}"
        box = QGroupBox(label)
        form = QFormLayout(box)

        months = self.whole(
            f"{name}_months",
            period.get("months", NEW_PERIOD_MONTHS),
            setter(d.set_review_period, index, field="months"),
            f"{label}: months until review",
            MAX_MONTHS,
        )
        months.setMinimum(1)
        months.setSuffix(" months")
        form.addRow("Review after:", months)

        outcomes = [(o["key"], o["title"]) for o in self.data["outcomes"]]
        form.addRow(
            "For the outcomes:",
            self.checks(
                f"{name}_outcomes",
                outcomes,
                list(period.get("outcomes", [])),
                setter(d.set_review_period, index, field="outcomes"),
                f"{label}: outcomes",
                columns=3,
            ),
        )

        regions = self.words(
            f"{name}_regions",
            list(period.get("regions", [])),
            setter(d.set_review_period, index, field="regions"),
            f"{label}: regions",
        )
        regions.setPlaceholderText("e.g. RU, BY: any of them among the case's regions")
        form.addRow("In the regions:", regions)

        form.addRow("Classified as:", self._kinds_field(index, period))
        form.addRow("Concern index:", self._concern_field(index, period))

        form.addRow(
            "Note:",
            self.line(
                f"{name}_note",
                period.get("note", ""),
                setter(d.set_review_period, index, field="note"),
                f"{label}: note",
            ),
        )
        remove = QPushButton("Remove this review period")
        remove.setObjectName(f"{name}_remove")
        remove.setAccessibleName(f"Remove review period {index + 1}")
        remove.clicked.connect(lambda: self.on_remove_review_period(index))
        foot = QHBoxLayout()
        foot.addStretch(1)
        foot.addWidget(remove)
        form.addRow(foot)
        return box

    def _kinds_field(self, index: int, period: dict[str, Any]) -> QWidget:
        """The kinds the draft's taxonomies have, to tick; typed when it has none yet."""
        name = f"framework_review_period_{index}_classification_kinds"
        label = f"Review period {index + 1}: kinds of classification"
        current = list(period.get("classification_kinds", []))
        set_ = setter(self.draft.set_review_period, index, field="classification_kinds")
        kinds = classification_kinds(self.data)
        if kinds:
            return self.checks(name, [(k, _kind_choice(k)) for k in kinds], current, set_, label)
        field = self.words(name, current, set_, label)
        field.setPlaceholderText("e.g. high_risk: the framework has no taxonomy yet")
        return field

    def _concern_field(self, index: int, period: dict[str, Any]) -> QWidget:
        """A concern index to reach, or none: the period then applies at any index."""
        d, name = self.draft, f"framework_review_period_{index}"
        label = f"Review period {index + 1}"
        written = period.get("concern_at_least")
        asked = QCheckBox("Only when the concern index is at least")
        asked.setObjectName(f"{name}_concern")
        asked.setAccessibleName(f"{label}: only from a concern index")
        asked.setChecked(written is not None)

        def set_limit(value: float) -> None:
            if asked.isChecked():  # the number is written only while it is asked for
                d.set_review_period(index, concern_at_least=value)

        limit = self.number(
            f"{name}_concern_at_least",
            written if written is not None else 50.0,
            set_limit,
            f"{label}: the concern index at least",
        )
        limit.setEnabled(written is not None)

        def on_asked(checked: bool) -> None:
            limit.setEnabled(checked)
            value = round(limit.value(), limit.decimals()) if checked else ANY_CONCERN
            self._apply(lambda: d.set_review_period(index, concern_at_least=value))

        asked.toggled.connect(on_asked)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(asked)
        layout.addWidget(limit)
        layout.addStretch(1)
        return row

    def _classification_periods(self) -> QWidget:
        """The classifications' own review periods, to read here and edit in their taxonomy."""
        lines = [
            f"• {taxonomy['title']} › {entry['title']} ({_kind_title(entry.get('kind', ''))}): "
            f"within {entry['review_months']} months"
            for taxonomy in self.data.get("taxonomies", [])
            for entry in taxonomy.get("entries", [])
            if entry.get("review_months") is not None
        ]
        listed = note("\n".join(lines) or "No classification of the framework sets one.")
        listed.setObjectName("framework_classification_review_periods")
        listed.setAccessibleName("Review periods set by classifications")
        box = QGroupBox("Review periods set by classifications")
        layout = QVBoxLayout(box)
        layout.addWidget(listed)
        layout.addWidget(
            note(
                "A case placed in one of these is reviewed within its months at the latest. "
                "They belong to their taxonomy, and change with it."
            )
        )
        return box

    # -- adding and removing ----------------------------------------------------------------

    def on_add_review_period(self) -> None:
        self.draft.add_review_period(NEW_PERIOD_MONTHS)
        self.restructured(REVIEW_PERIODS)

    def on_remove_review_period(self, index: int) -> None:
        self.draft.remove_review_period(index)
        self.restructured(REVIEW_PERIODS)
