"""The live scoring panel: the concern index and what drives it, visible in every step.

Every number here comes from :func:`council_app.scoring.score_case`, the function the command
line and the memo use; the panel only lays them out. Weights can be explored here — a profile,
sliders that keep the sum (the core's ``rebalance``), or pairwise comparison — without changing
the case.
"""

from __future__ import annotations

import html
from fractions import Fraction

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from council_app.case import Case
from council_app.council.coverage import open_summary
from council_app.framework import Framework
from council_app.precedent import ConsistencyCheck
from council_app.scoring import (
    CaseScore,
    Contribution,
    Weights,
    check_weights,
    number_text,
    points_text,
    points_to_discuss,
    profile_weights,
    rebalance,
    share_text,
)
from council_app.ui.common.fonts import bold_font
from council_app.ui.common.numbers import count_text
from council_app.ui.common.palette import attention_colour, outcome_colour, strictest_colour


class ContributionBars(QWidget):
    """Each consideration's points against the most it could contribute, as horizontal bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contributions: tuple[Contribution, ...] = ()
        self.setAccessibleName("Contributions to the concern index")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_contributions(self, contributions: tuple[Contribution, ...]) -> None:
        self.contributions = contributions
        self.setAccessibleDescription(
            "; ".join(
                f"{c.title}: {points_text(c.points)} of {points_text(c.max_points)} points"
                if c.points is not None
                else f"{c.title}: not rated"
                for c in contributions
            )
        )
        self.updateGeometry()
        self.update()

    def label(self, c: Contribution) -> str:
        """The text drawn above a bar: "Harm  11.3 / 15" (the most it could give, whole)."""
        if c.points is None:
            return c.title
        return f"{c.title}  {points_text(c.points)} / {number_text(c.max_points, 0)}"

    def _row(self) -> int:
        return self.fontMetrics().height() * 2 + 4

    def sizeHint(self) -> QSize:
        return QSize(260, self._row() * max(1, len(self.contributions)) + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        metrics = self.fontMetrics()
        row = self._row()
        width = self.width() - 2
        bar_height = max(6, metrics.height() // 2)
        for index, c in enumerate(self.contributions):
            top = index * row + 2
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRectF(0, top, width, metrics.height()), Qt.AlignmentFlag.AlignLeft, self.label(c)
            )
            y = top + metrics.height() + 2
            scale = width / 50  # the largest share a consideration usually has is well under half
            full = min(width, float(c.max_points) * scale)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(QRectF(0, y, full, bar_height), 2, 2)
            if c.points is not None:
                painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
                painter.drawRoundedRect(
                    QRectF(0, y, min(full, float(c.points) * scale), bar_height), 2, 2
                )
        painter.end()


class WeightsEditor(QGroupBox):
    """Choose a profile, move sliders that keep the sum, or derive weights pairwise."""

    weights_changed = Signal(object)  # Weights
    pairwise_requested = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__("&Weights", parent)
        self.framework = framework
        self.setAccessibleName("Weights")
        self.profile = QComboBox()
        self.profile.setAccessibleName("Weight profile")
        for p in framework.weight_profiles:
            self.profile.addItem(p.title, p.key)
        self.profile.addItem("Custom", "")
        self.sliders: dict[str, QSlider] = {}
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        profile_label = QLabel("Profile:")
        profile_label.setBuddy(self.profile)
        grid.addWidget(profile_label, 0, 0)
        grid.addWidget(self.profile, 0, 1, 1, 2)
        for row, c in enumerate(framework.considerations, start=1):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, 1000)
            slider.setPageStep(50)
            slider.setAccessibleName(f"Weight of {c.title}")
            slider.setAccessibleDescription("Moving it rescales the other weights in proportion.")
            value = QLabel()
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("0.000"))
            name = QLabel(c.short_title)
            name.setBuddy(slider)
            grid.addWidget(name, row, 0)
            grid.addWidget(slider, row, 1)
            grid.addWidget(value, row, 2)
            self.sliders[c.key] = slider
            self.values[c.key] = value
            slider.valueChanged.connect(lambda v, key=c.key: self.on_slider_moved(key, v))
        buttons = QHBoxLayout()
        self.pairwise = QPushButton("Pairwise comparison…")
        self.pairwise.setAccessibleName("Derive the weights by pairwise comparison")
        self.reset = QPushButton("Reset")
        self.reset.setAccessibleName("Reset the weights to the library's default profile")
        buttons.addWidget(self.pairwise)
        buttons.addWidget(self.reset)
        grid.addLayout(buttons, len(framework.considerations) + 1, 0, 1, 3)
        self.setLayout(grid)
        self.profile.currentIndexChanged.connect(self.on_profile_chosen)
        self.pairwise.clicked.connect(self.pairwise_requested.emit)
        self.reset.clicked.connect(self.on_reset)
        self._updating = False
        # The library's weights in force (its default profile): what Reset returns to.
        self.in_force = profile_weights(framework)
        self.weights = self.in_force
        self._show(self.weights)

    def _show(self, weights: Weights) -> None:
        self._updating = True
        for key, share in weights.shares().items():
            self.sliders[key].setValue(round(float(share) * 1000))
            self.values[key].setText(share_text(share))
        index = self.profile.findData(weights.profile_key or "")
        self.profile.setCurrentIndex(index if index >= 0 else self.profile.count() - 1)
        self._updating = False

    def set_weights(self, weights: Weights) -> None:
        self.weights = weights
        self._show(weights)
        self.weights_changed.emit(weights)

    def set_profile(self, key: str) -> None:
        self.set_weights(profile_weights(self.framework, key))

    def set_in_force(self, weights: Weights) -> None:
        """The library's weights in force; shown unless other weights are being explored."""
        exploring = self.weights != self.in_force
        self.in_force = weights
        if not exploring:
            self.set_weights(weights)

    @Slot(int)
    def on_profile_chosen(self, index: int) -> None:
        key = self.profile.itemData(index)
        if self._updating or not key:
            return
        self.set_profile(str(key))

    def on_slider_moved(self, key: str, value: int) -> None:
        if self._updating:
            return
        shares = {k: float(v) for k, v in self.weights.shares().items()}
        moved = rebalance(shares, key, value / 1000)
        self.set_weights(
            check_weights(
                self.framework,
                {k: Fraction(round(v, 4)).limit_denominator(10_000) for k, v in moved.items()},
                source="weights set by hand",
            )
        )

    @Slot()
    def on_reset(self) -> None:
        self.set_weights(self.in_force)


class ScoringPanel(QFrame):
    """The index, inherent and residual concern, the recommendation and its rule, the bars,
    robustness, red lines and the consistency check."""

    def __init__(
        self,
        framework: Framework,
        parent: QWidget | None = None,
        *,
        title: str = "Live scoring",
        precedents_hint: str = " See the Precedents step.",
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.precedents_hint = precedents_hint  # where the precedents are, for this panel's place
        self.setObjectName("scoring_panel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(title)
        self.score: CaseScore | None = None

        title_label = QLabel(f"<b>{title}</b>")
        self.index = QLabel("–")
        self.index.setObjectName("score_index")
        self.index.setFont(bold_font(self.font(), 2.4))
        self.index.setAccessibleName("Concern index")
        self.index_note = QLabel("of 100 — concern with the proposed actions as rated")
        self.index_note.setWordWrap(True)
        self.index_note.setAccessibleName(self.index_note.text())
        self.inherent = QLabel()
        self.inherent.setObjectName("score_inherent")
        self.inherent.setWordWrap(True)
        self.inherent.setAccessibleName("Inherent concern")
        self.outcome = QLabel()
        self.outcome.setObjectName("score_outcome")
        self.outcome.setFont(bold_font(self.font(), 1.3))
        self.outcome.setAccessibleName("Recommendation")
        self.reason = QLabel()
        self.reason.setObjectName("score_reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reason.setAccessibleName("Why this recommendation")
        self.council_view = QLabel()
        self.council_view.setObjectName("score_council_view")
        self.council_view.setWordWrap(True)
        self.council_view.setAccessibleName("Whose ratings the council view is")
        self.bars = ContributionBars()
        self.red_lines = QLabel()
        self.red_lines.setObjectName("score_red_lines")
        self.red_lines.setWordWrap(True)
        self.red_lines.setAccessibleName("Red lines")
        self.stability = QLabel()
        self.stability.setObjectName("score_stability")
        self.stability.setWordWrap(True)
        self.stability.setAccessibleName("Stability of the recommendation")
        self.disagreement = QLabel()
        self.disagreement.setObjectName("score_disagreement")
        self.disagreement.setWordWrap(True)
        self.disagreement.setAccessibleName("Where members disagree")
        self.consistency = QLabel()
        self.consistency.setObjectName("score_consistency")
        self.consistency.setWordWrap(True)
        self.consistency.setAccessibleName("Consistency with precedent")
        self.coverage = QLabel()
        self.coverage.setObjectName("score_coverage")
        self.coverage.setWordWrap(True)
        self.coverage.setAccessibleName("Coverage the framework asks for")
        self.weights = WeightsEditor(framework)

        head = QHBoxLayout()
        head.addWidget(self.index)
        head.addWidget(self.index_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label)
        layout.addLayout(head)
        layout.addWidget(self.inherent)
        layout.addWidget(self.outcome)
        layout.addWidget(self.reason)
        layout.addWidget(self.council_view)
        layout.addWidget(self.red_lines)
        layout.addWidget(self.bars)
        layout.addWidget(self.stability)
        layout.addWidget(self.disagreement)
        layout.addWidget(self.consistency)
        layout.addWidget(self.coverage)
        layout.addWidget(self.weights)
        layout.addStretch(1)
        self.show_score(None)

    def show_score(self, score: CaseScore | None) -> None:
        self.score = score
        title = self.framework.outcome_title
        if score is None:
            self.index.setText("…")
            self.inherent.clear()
            self.outcome.clear()
            self.reason.setText("Scoring…")
            self.council_view.clear()
            self.bars.set_contributions(())
            self.red_lines.clear()
            self.stability.clear()
            self.disagreement.clear()
            self._describe_sentences()
            return
        scoring = score.scoring
        rec = scoring.recommendation
        if scoring.shown_index is None:
            self.index.setText("–")
            self.inherent.setText("No index until every consideration and principle is rated.")
        else:
            assert scoring.inherent_index is not None and scoring.index is not None
            self.index.setText(str(scoring.shown_index))
            bought = points_text(scoring.inherent_index - scoring.index)
            self.inherent.setText(
                f"Inherent concern {scoring.shown_inherent_index} if no proposed action worked; "
                f"the actions take off {bought} points."
            )
        self.index.setAccessibleDescription(self.index.text())
        colour = outcome_colour(rec.outcome, self.palette(), self.framework)
        self.outcome.setText(f"Recommendation: {title(rec.outcome)}")
        self.outcome.setStyleSheet(f"color: {colour.name()};")
        self.outcome.setAccessibleDescription(self.outcome.text())
        self.reason.setText(rec.reason)
        summary = score.council.summary()
        self.council_view.setText(f"Council view: {summary}.")
        self.council_view.setAccessibleDescription(self.council_view.text())
        self.bars.set_contributions(scoring.contributions)
        lines = [
            f"<b>Red line:</b> {html.escape(h.description)} ({html.escape(h.detail)}) — at "
            f"least {html.escape(title(h.floor))}"
            for h in rec.red_lines
        ]
        lines += [
            f"<b>To discuss:</b> {html.escape(point)}"
            for point in points_to_discuss(self.framework, score.member_red_lines)
        ]
        if lines:
            self.red_lines.setText("<br>".join(lines))
            self.red_lines.setStyleSheet(
                f"color: {strictest_colour(self.palette(), self.framework).name()};"
            )
        else:
            self.red_lines.setText("No red line applies.")
            self.red_lines.setStyleSheet("")
        self.red_lines.setAccessibleDescription(self.red_lines.text())
        self.stability.setText(score.sensitivity.sentence if score.sensitivity else "")
        flags = score.council.disagreements
        self.disagreement.setText(
            f"Members disagree on {count_text(len(flags), 'rating')}: "
            + "; ".join(d.label for d in flags)
            if flags
            else ""
        )
        self._describe_sentences()

    def _describe_sentences(self) -> None:
        """A screen reader reads a label's name, not its text: without this it hears only the
        heading ("Why this recommendation") and never the reason or how robust it is."""
        for label in (self.inherent, self.reason, self.stability, self.disagreement):
            label.setAccessibleDescription(label.text())

    def show_coverage(self, case: Case | None) -> None:
        """What the framework asks of this kind of case that the case does not yet say."""
        summary = open_summary(self.framework, case) if case is not None else ""
        self.coverage.setText(f"<b>Coverage:</b> {html.escape(summary)}" if summary else "")
        self.coverage.setVisible(bool(summary))
        self.coverage.setStyleSheet(
            f"color: {attention_colour(self.palette()).name()};" if summary else ""
        )
        self.coverage.setAccessibleDescription(summary)

    def show_consistency(self, check: ConsistencyCheck | None) -> None:
        if check is None:
            self.consistency.clear()
            return
        message = check.message(self.framework)
        if check.inconsistent:
            ids = ", ".join(i.precedent.case.id for i in check.inconsistent)
            count = len(check.inconsistent)
            short = (
                f"<b>Precedent:</b> {count} close precedent{'s were' if count != 1 else ' was'} "
                f"decided differently ({ids}). "
                + (
                    "A distinction is recorded."
                    if check.distinction
                    else "Record how this case is distinguished."
                )
                + self.precedents_hint
            )
        else:
            short = message
        self.consistency.setText(short)
        warn = check.warning and not check.distinction
        self.consistency.setStyleSheet(
            f"color: {attention_colour(self.palette()).name()};" if warn else ""
        )
        self.consistency.setAccessibleDescription(message)
