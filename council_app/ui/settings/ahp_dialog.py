"""Weights by pairwise comparison (AHP), with the consistency ratio in view while judging.

Members find it easier to say "harm matters three times as much as geopolitics" than to type five
shares that add up to one; the price is that ten such judgements can contradict each other. So
the weights, λmax, CI and CR are recomputed by the core (:func:`council_app.scoring.ahp_weights`)
on every change, and an inconsistent set is shown as a warning that names the judgement to revisit
first. The warning never blocks "Use these weights": whether to use them is the council's call.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from council_app.framework import Framework
from council_app.scoring import Weights, check_weights, number_text, share_text
from council_app.scoring.ahp import (
    CR_LIMIT_TEXT,
    SAATY_VALUES,
    AhpResult,
    Method,
    ahp_weights,
    random_index_text,
    ratio_text,
)
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.common.palette import blend

# The matrix entry (row, column) an item of a judgement combo stands for, as text: "3", "1/5".
JUDGEMENT_ROLE = Qt.ItemDataRole.UserRole + 1
# The ahp_weights method an item of the method combo stands for.
METHOD_ROLE = Qt.ItemDataRole.UserRole + 2

METHOD_LABELS: tuple[tuple[Method, str], ...] = (
    ("eigenvector", "Principal eigenvector (Saaty)"),
    ("geometric_mean", "Row geometric mean"),
)
# How the method is named in the weights' source, e.g. "AHP (principal eigenvector, CR 0.04)".
METHOD_SOURCE_NAMES: dict[Method, str] = {
    "eigenvector": "principal eigenvector",
    "geometric_mean": "row geometric mean",
}

# Saaty's verbal scale; the even numbers are the compromises between their neighbours.
_INTENSITY = {
    2: "slightly more important",
    3: "moderately more important",
    4: "moderately to strongly more important",
    5: "strongly more important",
    6: "strongly to very strongly more important",
    7: "very strongly more important",
    8: "very strongly to extremely more important",
    9: "extremely more important",
}
# Strongest preference for the left-hand consideration first, so the list reads left to right.
_SCALE: tuple[Fraction, ...] = tuple(sorted(SAATY_VALUES, reverse=True))
_EQUAL = Fraction(1)
# How much of the warning hue goes into the status background: enough to read as a warning,
# little enough that the palette's own text colour keeps its contrast in light and dark themes.
_WARNING_HUE = QColor(240, 160, 0)
_WARNING_TINT = 0.22


def judgement_label(left: str, right: str, value: Fraction) -> str:
    """The words for matrix entry (left, right) = ``value``, naming the consideration favoured.

    Consideration titles are singular ("Harm") or plural ("Principles", "Actions"), and a
    council may rename them: "X is ..." reads wrong for half of them. A title, a colon and
    the comparison ("Principles: slightly more important than Harm") has no verb to agree
    with the title, so it reads right for any title.
    """
    if value == _EQUAL:
        return "Equally important (1)"
    if value > 1:
        return f"{left}: {_INTENSITY[int(value)]} than {right} ({value})"
    return f"{right}: {_INTENSITY[value.denominator]} than {left} ({value.denominator})"


def inconsistency_question(result: AhpResult) -> str:
    """The question asked before inconsistent judgements become weights; the limit is the
    core's (:data:`council_app.scoring.ahp.CR_LIMIT`), as is the verdict in ``consistent``."""
    return (
        f"These judgements are inconsistent (ratio {number_text(result.consistency_ratio, 2)}, "
        f"limit {CR_LIMIT_TEXT}). Use them anyway?"
    )


@dataclass(frozen=True)
class _Pair:
    row: str
    column: str
    combo: QComboBox
    marker: QWidget  # "revise first", shown on the judgement the core suggests revisiting
    marker_icon: QLabel


class AhpDialog(QDialog):
    """Pairwise comparison of the framework's considerations, reporting the weights chosen."""

    weights_chosen = Signal(object)  # council_app.scoring.Weights

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False  # Qt sends change events before the widgets below exist
        self.framework = framework
        self.keys: tuple[str, ...] = tuple(c.key for c in framework.considerations)
        self.chosen_weights: Weights | None = None
        self.inconsistency_box: QMessageBox | None = None
        self.use_anyway_button: QAbstractButton | None = None
        self.revise_button: QAbstractButton | None = None
        self._pairs: dict[tuple[str, str], _Pair] = {}
        self.setWindowTitle("Weights by pairwise comparison")
        self.setObjectName("ahp_dialog")

        intro = QLabel(
            "For each pair, choose which consideration should weigh more in the council's "
            "scoring, and how much more, on Saaty's 1–9 scale. The weights and their "
            "consistency are worked out again after every change."
        )
        intro.setWordWrap(True)

        judgements = QGroupBox("&Judgements")
        judgements.setObjectName("ahp_judgements")
        grid = QGridLayout(judgements)
        grid.setColumnStretch(1, 1)
        combos: list[QComboBox] = []
        for i, left_key in enumerate(self.keys):
            for right_key in self.keys[i + 1 :]:
                pair = self._make_pair(left_key, right_key)
                row = len(combos)
                left = QLabel(framework.consideration(left_key).title)
                left.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                left.setBuddy(pair.combo)
                right = QLabel(framework.consideration(right_key).title)
                grid.addWidget(left, row, 0)
                grid.addWidget(pair.combo, row, 1)
                grid.addWidget(right, row, 2)
                grid.addWidget(pair.marker, row, 3)
                combos.append(pair.combo)

        self.method = QComboBox()
        self.method.setObjectName("ahp_method")
        for method, label in METHOD_LABELS:
            self.method.addItem(label)
            self.method.setItemData(self.method.count() - 1, method, METHOD_ROLE)
        self.method.setAccessibleName("Weighting method")
        self.method.setAccessibleDescription(
            "How the weights are derived from the judgements: Saaty's principal eigenvector or "
            "the normalised geometric mean of each row."
        )
        method_label = QLabel("&Method:")
        method_label.setBuddy(self.method)
        method_row = QHBoxLayout()
        method_row.addWidget(method_label)
        method_row.addWidget(self.method)
        method_row.addStretch(1)

        self.weights_box = QGroupBox()
        self.weights_box.setObjectName("ahp_weights")
        weights_grid = QGridLayout(self.weights_box)
        weights_grid.setColumnStretch(1, 1)
        self.weight_bars: dict[str, QProgressBar] = {}
        self.weight_labels: dict[str, QLabel] = {}
        bar_height = self.fontMetrics().height()
        for row, key in enumerate(self.keys):
            title = framework.consideration(key).title
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setMaximumHeight(bar_height)
            bar.setAccessibleName(f"Weight of {title}")
            value = QLabel()
            value.setObjectName(f"ahp_weight_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAccessibleName(f"Weight of {title}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            weights_grid.addWidget(QLabel(title), row, 0)
            weights_grid.addWidget(bar, row, 1)
            weights_grid.addWidget(value, row, 2)
            self.weight_bars[key] = bar
            self.weight_labels[key] = value

        consistency = QGroupBox("Consistency")
        consistency.setObjectName("ahp_consistency")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.lambda_label = self._number_label("ahp_lambda_max", "Largest eigenvalue λmax")
        self.ci_label = self._number_label("ahp_ci", "Consistency index")
        self.ri_label = self._number_label("ahp_ri", "Random index")
        self.cr_label = self._number_label("ahp_cr", "Consistency ratio")
        form.addRow("λmax:", self.lambda_label)
        form.addRow("Consistency index (CI):", self.ci_label)
        form.addRow("Random index (RI):", self.ri_label)
        form.addRow("Consistency ratio (CR):", self.cr_label)

        self.status_frame = QFrame()
        self.status_frame.setObjectName("ahp_status_frame")
        self.status_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.status_icon = QLabel()
        self.status_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QLabel()
        self.status.setObjectName("ahp_status")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Consistency status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_row = QHBoxLayout(self.status_frame)
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status, 1)
        consistency_layout = QVBoxLayout(consistency)
        consistency_layout.addLayout(form)
        consistency_layout.addWidget(self.status_frame)
        consistency_layout.addStretch(1)

        results = QHBoxLayout()
        results.addWidget(self.weights_box, 1)
        results.addWidget(consistency, 1)

        buttons = accept_cancel_buttons(
            "&Use these weights",
            accept_description="Take the weights shown, even if the judgements are inconsistent.",
            cancel_description="Close without changing the weights.",
            object_name="ahp",
        )
        self.buttons, self.use_button, self.cancel_button = (
            buttons.box,
            buttons.accept,
            buttons.cancel,
        )

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(judgements)
        layout.addLayout(method_row)
        layout.addLayout(results)
        layout.addWidget(self.buttons)

        chain: list[QWidget] = [*combos, self.method, self.use_button, self.cancel_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        for pair in self._pairs.values():
            pair.combo.currentIndexChanged.connect(self.on_judgement_changed)
        self.method.currentIndexChanged.connect(self.on_method_changed)
        self.buttons.accepted.connect(self.on_use_weights)
        self.buttons.rejected.connect(self.reject)
        self._result = self._compute()
        self._ready = True
        self._show_result()

    def _make_pair(self, left_key: str, right_key: str) -> _Pair:
        left = self.framework.consideration(left_key)
        right = self.framework.consideration(right_key)
        combo = QComboBox()
        combo.setObjectName(f"ahp_{left_key}_vs_{right_key}")
        for value in _SCALE:
            combo.addItem(judgement_label(left.short_title, right.short_title, value))
            combo.setItemData(combo.count() - 1, str(value), JUDGEMENT_ROLE)
        combo.setCurrentIndex(_SCALE.index(_EQUAL))
        combo.setAccessibleName(f"{left.title} compared with {right.title}")
        combo.setAccessibleDescription(self._pair_description(left.short_title, right.short_title))
        combo.setMaxVisibleItems(len(_SCALE))  # the whole scale at once, no scrolling
        combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        marker = QWidget()
        marker.setObjectName(f"ahp_revise_{left_key}_vs_{right_key}")
        marker.setToolTip("Changing this judgement would reduce the inconsistency most.")
        marker_icon = QLabel()
        marker_row = QHBoxLayout(marker)
        marker_row.setContentsMargins(0, 0, 0, 0)
        marker_row.addWidget(marker_icon)
        marker_row.addWidget(QLabel("Revise first"))
        policy = marker.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # so the grid does not shift when it appears
        marker.setSizePolicy(policy)
        marker.hide()
        pair = _Pair(left_key, right_key, combo, marker, marker_icon)
        self._pairs[(left_key, right_key)] = pair
        return pair

    @staticmethod
    def _pair_description(left: str, right: str) -> str:
        return (
            f"Which matters more, {left} or {right}, and by how much, from {left} extremely "
            f"more important through equal to {right} extremely more important."
        )

    def _number_label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- reading and setting the judgements -------------------------------------------------

    @property
    def current_method(self) -> Method:
        method: Method = self.method.currentData(METHOD_ROLE)
        return method

    def set_method(self, method: Method) -> None:
        index = self.method.findData(method, METHOD_ROLE)
        if index < 0:
            raise ValueError(f"Unknown method {method!r}; use eigenvector or geometric_mean.")
        self.method.setCurrentIndex(index)

    def judgement(self, row_key: str, column_key: str) -> Fraction:
        """Matrix entry (row, column): how many times row matters as much as column."""
        if row_key == column_key:
            return _EQUAL
        pair = self._pairs.get((row_key, column_key))
        if pair is not None:
            return Fraction(str(pair.combo.currentData(JUDGEMENT_ROLE)))
        pair = self._pairs.get((column_key, row_key))
        if pair is None:
            raise KeyError(self._unknown_pair(row_key, column_key))
        return 1 / Fraction(str(pair.combo.currentData(JUDGEMENT_ROLE)))

    def set_judgement(self, row_key: str, column_key: str, value: str | int | Fraction) -> None:
        """Either order of a pair works: ``("geopolitics", "harm", "1/3")`` sets the same control
        as ``("harm", "geopolitics", "3")``, so callers need not know the order of the rows."""
        try:
            entry = Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{value!r} is not a number (write 3 or 1/5).") from None
        if entry not in SAATY_VALUES:
            raise ValueError(f"{value} is not on Saaty's scale (9, 8, …, 2, 1, 1/2, …, 1/9).")
        pair = self._pairs.get((row_key, column_key))
        if pair is None:
            pair = self._pairs.get((column_key, row_key))
            entry = 1 / entry
        if pair is None:
            raise KeyError(self._unknown_pair(row_key, column_key))
        pair.combo.setCurrentIndex(_SCALE.index(entry))

    def _unknown_pair(self, row_key: str, column_key: str) -> str:
        return (
            f"No comparison of {row_key!r} with {column_key!r}; "
            f"the considerations are {', '.join(self.keys)}."
        )

    def matrix(self) -> list[list[str]]:
        """The full reciprocal matrix as the core reads it ("3", "1/3", ...)."""
        return [[str(self.judgement(row, column)) for column in self.keys] for row in self.keys]

    def current_result(self) -> AhpResult:
        return self._result

    # --- results ----------------------------------------------------------------------------

    def _compute(self) -> AhpResult:
        labels = {key: self.framework.consideration(key).short_title for key in self.keys}
        return ahp_weights(self.keys, self.matrix(), method=self.current_method, labels=labels)

    def source_text(self) -> str:
        """How the weights were chosen, in words, as recorded with them."""
        result = self._result
        # Two decimals: this is recorded as the weights' source and read as a label, not checked.
        cr = number_text(result.consistency_ratio, 2)
        return f"AHP ({METHOD_SOURCE_NAMES[result.method]}, CR {cr})"

    def _show_result(self) -> None:
        result = self._result
        self.weights_box.setTitle(f"Weights — {self.method.currentText()}")
        for key in self.keys:
            share = result.weights[key]
            self.weight_bars[key].setValue(round(share * 1000))
            self.weight_labels[key].setText(share_text(share))
        self.lambda_label.setText(ratio_text(result.lambda_max))
        self.ci_label.setText(ratio_text(result.consistency_index))
        self.ri_label.setText(
            f"{random_index_text(result.random_index)} ({result.random_index_name})"
        )
        self.cr_label.setText(f"{ratio_text(result.consistency_ratio)} (at most {CR_LIMIT_TEXT})")

        revise = result.revision
        for (row, column), pair in self._pairs.items():
            flagged = revise is not None and (revise.row, revise.column) == (row, column)
            pair.marker.setVisible(flagged)
            description = self._pair_description(
                self.framework.consideration(row).short_title,
                self.framework.consideration(column).short_title,
            )
            if flagged:
                description += " The consistency warning suggests revising this one first."
            pair.combo.setAccessibleDescription(description)

        if result.consistent:
            self.status.setText(
                f"Consistent: CR {ratio_text(result.consistency_ratio)} is within "
                f"{CR_LIMIT_TEXT}, so these judgements hang together."
            )
        else:
            self.status.setText(self._warning_text(result))
        self._style_status()

    def _warning_text(self, result: AhpResult) -> str:
        return result.warning or ""

    def _style_status(self) -> None:
        """Tint the status as a warning from the palette, so it reads in light and dark themes."""
        warning = not self._result.consistent
        # Only the background role is set, so everything else follows the dialog's palette.
        palette = QPalette()
        if warning:
            window = self.palette().color(QPalette.ColorRole.Window)
            palette.setColor(QPalette.ColorRole.Window, blend(window, _WARNING_HUE, _WARNING_TINT))
        self.status_frame.setPalette(palette)
        self.status_frame.setAutoFillBackground(warning)
        self.status_frame.setFrameShape(
            QFrame.Shape.StyledPanel if warning else QFrame.Shape.NoFrame
        )
        font = QFont(self.font())
        font.setBold(warning)
        self.status.setFont(font)
        icon_size = self.fontMetrics().height()
        style = self.style()
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if warning
            else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        self.status_icon.setPixmap(style.standardIcon(kind).pixmap(icon_size, icon_size))
        marker_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for pair in self._pairs.values():
            pair.marker_icon.setPixmap(marker_icon.pixmap(icon_size, icon_size))
        self.status_frame.setAccessibleName(
            "Consistency warning" if warning else "Consistency status"
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self._ready and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._style_status()

    # --- slots ------------------------------------------------------------------------------

    @Slot(int)
    def on_judgement_changed(self, _index: int) -> None:
        self._result = self._compute()
        self._show_result()

    @Slot(int)
    def on_method_changed(self, _index: int) -> None:
        self._result = self._compute()
        self._show_result()

    @Slot()
    def on_use_weights(self) -> None:
        """Consistent judgements become weights at once; inconsistent ones only after the
        member answers Use anyway, since a CR over the limit means the judgements contradict
        each other (issue 17: a ratio of 0.22 was taken without a word)."""
        if self._result.consistent:
            self._use_weights()
            return
        box = QMessageBox(self)
        box.setObjectName("ahp_inconsistency_question")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Inconsistent judgements")
        box.setText(inconsistency_question(self._result))
        use = box.addButton("Use anyway", QMessageBox.ButtonRole.AcceptRole)
        use.setAccessibleName("Use anyway")
        revise = box.addButton("Revise", QMessageBox.ButtonRole.RejectRole)
        revise.setAccessibleName("Revise")
        box.setDefaultButton(revise)
        box.setEscapeButton(revise)
        self.inconsistency_box = box
        self.use_anyway_button = use
        self.revise_button = revise
        box.buttonClicked.connect(self.on_inconsistency_answered)
        box.open()

    @Slot(QAbstractButton)
    def on_inconsistency_answered(self, button: QAbstractButton) -> None:
        box = self.inconsistency_box
        self.inconsistency_box = None
        if box is not None:
            box.deleteLater()
        if button is self.use_anyway_button:
            self._use_weights()

    def _use_weights(self) -> None:
        result = self._result
        self.chosen_weights = check_weights(
            self.framework, dict(result.weights), source=self.source_text()
        )
        self.weights_chosen.emit(self.chosen_weights)
        self.accept()
