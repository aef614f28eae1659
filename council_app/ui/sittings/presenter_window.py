"""The presenter screen: the agenda item under discussion, put on the projector for the room.

The council reads it from several metres away while the chair talks, so it carries only what
the room needs to follow the item — the case, the question, the council's aggregated scoring,
quorum and votes — in type about twice the system font, with the palette's strongest contrast.
It edits nothing: the chair moves through the agenda with the keyboard or a presentation
clicker, and the main window, told through ``current_changed``, keeps its sitting page on the
same item. Everything shown comes from the core's ``SittingView``; what an item shows, and in
which colours, is said in :mod:`~council_app.ui.sittings.presenter_item`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from council_app.council.agenda import ItemView, SittingView
from council_app.ui.common.dates import long_date_text
from council_app.ui.common.fonts import scaled_font
from council_app.ui.sittings.presenter_item import colour_from_palette, show_item
from council_app.ui.workspace.scoring_panel import ContributionBars

# Type sizes as multiples of the system font, so the screen grows with the user's font setting.
HEADER_SIZE = 1.3
CAPTION_SIZE = 1.2
CASE_ID_SIZE = 1.5
TITLE_SIZE = 2.5
BODY_SIZE = 2.0
INDEX_SIZE = 5.0
OUTCOME_SIZE = 2.2
DETAIL_SIZE = 1.5
BARS_SIZE = 1.4
FOOTER_SIZE = 1.5

ZOOM_STEP = 1.1
ZOOM_RANGE = (0.6, 1.8)
# A long item is set a little smaller rather than scrolled: the room cannot scroll. Below this
# the type would be too small to read across a room, and the item scrolls instead.
SMALLEST_FIT = 0.75
FIT_STEP = 0.94

NEXT_KEYS = (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space)
PREVIOUS_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_PageUp)
FULL_SCREEN_KEYS = (Qt.Key.Key_F, Qt.Key.Key_F11)
KEY_HELP = (
    "Right, Page Down or Space: next item; Left or Page Up: previous; Home, End: first, last; "
    "F or F11: full screen; Escape: leave full screen or close; plus, minus, 0: text size."
)


def projector_screen(screens: Sequence[QScreen], beside: QScreen | None) -> QScreen | None:
    """The screen to present on: another screen than the one the chair works on, if any."""
    if len(screens) < 2:
        return None
    others = [s for s in screens if s is not beside]
    return others[0] if others else None


class PresenterWindow(QWidget):
    """The current agenda item of a sitting, large, for the projector."""

    current_changed = Signal(str)  # case id
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.view: SittingView | None = None
        self.current_case_id: str | None = None
        self.zoom = 1.0
        self.fit = 1.0
        self._fonts: list[tuple[QWidget, float, QFont.Weight, QFont.Capitalization]] = []
        self._built = False  # palette and font changes during construction need no redraw
        self.setObjectName("presenter_window")
        self.setWindowTitle("Presenter")
        self.setAccessibleName("Presenter screen")
        # The page background and text are the palette's own highest-contrast pair.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        # Every key is the window's: nothing inside takes focus, so a clicker always works.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        # Header: the sitting, and where we are in it.
        self.sitting = self._label("presenter_sitting", "Sitting", HEADER_SIZE)
        self.position = self._label(
            "presenter_position", "Agenda position", HEADER_SIZE, QFont.Weight.DemiBold
        )
        self.position.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.position.setWordWrap(False)

        # The case.
        self.case_id = self._label("presenter_case_id", "Case", CASE_ID_SIZE, QFont.Weight.DemiBold)
        self.case_title = self._label(
            "presenter_title", "Case title", TITLE_SIZE, QFont.Weight.Bold
        )
        # Said when the case is read under an older framework version than the one in force.
        self.version = self._label("presenter_version", "Framework version", DETAIL_SIZE)
        self.question_caption = self._caption(
            "presenter_question_caption", "Question before the council"
        )
        self.question = self._label("presenter_question", "Question before the council", BODY_SIZE)
        self.bars_caption = self._caption("presenter_bars_caption", "What makes up the index")
        self.bars = ContributionBars()
        self.bars.setObjectName("presenter_bars")
        self._fonts.append(
            (self.bars, BARS_SIZE, QFont.Weight.Normal, QFont.Capitalization.MixedCase)
        )

        # The council's scoring.
        self.index_caption = self._caption("presenter_index_caption", "Concern index")
        self.index = self._label("presenter_index", "Concern index", INDEX_SIZE, QFont.Weight.Bold)
        self.index.setWordWrap(False)
        self.index_note = self._label("presenter_index_note", "", DETAIL_SIZE)
        self.index_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self.outcome = self._label(
            "presenter_outcome", "Recommendation", OUTCOME_SIZE, QFont.Weight.Bold
        )
        self.outcome.setWordWrap(False)
        self.outcome.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.reason = self._label("presenter_reason", "Why this recommendation", DETAIL_SIZE)
        self.red_lines = self._label("presenter_red_lines", "Red lines", DETAIL_SIZE)
        self.disagreements_caption = self._caption("presenter_disagreements_caption", "")
        self.disagreements = self._label(
            "presenter_disagreements", "Where members disagree", DETAIL_SIZE
        )

        # Footer: whether the council can decide, and what it has done so far.
        self.quorum = self._label("presenter_quorum", "Quorum", FOOTER_SIZE, QFont.Weight.DemiBold)
        self.tally = self._label("presenter_tally", "Votes", FOOTER_SIZE)
        self.recused = self._label("presenter_recused", "Recused", FOOTER_SIZE)
        self.recused.setWordWrap(False)
        self.decision = self._label(
            "presenter_decision", "Decision", FOOTER_SIZE, QFont.Weight.Bold
        )
        self.placeholder = self._label("presenter_placeholder", "Agenda", BODY_SIZE)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.header_rule = self._rule()
        self.footer_rule = self._rule()
        self._lay_out()
        self._apply_fonts()
        self._built = True
        self._render()

    # Building -------------------------------------------------------------------------------

    def _label(
        self,
        name: str,
        accessible: str,
        size: float,
        weight: QFont.Weight = QFont.Weight.Normal,
    ) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if accessible:
            label.setAccessibleName(accessible)
        self._fonts.append((label, size, weight, QFont.Capitalization.MixedCase))
        return label

    def _caption(self, name: str, text: str) -> QLabel:
        """A small heading in capitals; its text stays in sentence case for screen readers."""
        label = self._label(name, "", CAPTION_SIZE, QFont.Weight.DemiBold)
        label.setText(text)
        self._fonts[-1] = (
            label,
            CAPTION_SIZE,
            QFont.Weight.DemiBold,
            QFont.Capitalization.AllUppercase,
        )
        return label

    def _rule(self) -> QFrame:
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.NoFrame)
        rule.setAutoFillBackground(True)
        return rule

    def _lay_out(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.sitting, 1)
        header.addWidget(self.position)

        score_head = QHBoxLayout()
        score_head.setSpacing(0)
        score_head.addWidget(self.index, 0, Qt.AlignmentFlag.AlignBottom)
        score_head.addWidget(self.index_note, 1, Qt.AlignmentFlag.AlignBottom)
        self._score_head = score_head

        left = QVBoxLayout()
        left.addWidget(self.question_caption)
        left.addWidget(self.question)
        left.addSpacing(self.fontMetrics().height())
        left.addWidget(self.bars_caption)
        left.addWidget(self.bars)
        left.addStretch(1)
        self._left = left

        right = QVBoxLayout()
        right.addWidget(self.index_caption)
        right.addLayout(score_head)
        right.addWidget(self.outcome, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.reason)
        right.addWidget(self.red_lines)
        right.addSpacing(self.fontMetrics().height() // 2)
        right.addWidget(self.disagreements_caption)
        right.addWidget(self.disagreements)
        right.addStretch(1)
        self._right = right

        columns = QHBoxLayout()
        columns.addLayout(left, 11)
        columns.addLayout(right, 9)
        self._columns = columns

        body = QWidget()
        body.setObjectName("presenter_body")
        body.setBackgroundRole(QPalette.ColorRole.Base)
        item = QVBoxLayout(body)
        item.setContentsMargins(0, 0, 0, 0)
        item.addWidget(self.case_id)
        item.addWidget(self.case_title)
        item.addWidget(self.version)
        item.addSpacing(self.fontMetrics().height())
        item.addLayout(columns, 1)
        self._item_layout = item
        self.body = body

        self.item_area = QScrollArea()
        self.item_area.setObjectName("presenter_item_area")
        self.item_area.setAccessibleName("Agenda item")
        self.item_area.setFrameShape(QFrame.Shape.NoFrame)
        self.item_area.setWidgetResizable(True)
        self.item_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.item_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.item_area.setBackgroundRole(QPalette.ColorRole.Base)
        self.item_area.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.item_area.setWidget(body)

        votes = QHBoxLayout()
        votes.addWidget(self.tally, 1)
        votes.addWidget(self.recused, 0, Qt.AlignmentFlag.AlignTop)
        self._votes = votes
        footer = QVBoxLayout()
        footer.addWidget(self.quorum)
        footer.addLayout(votes)
        footer.addWidget(self.decision)
        self._footer = footer

        page = QVBoxLayout(self)
        page.addLayout(header)
        page.addWidget(self.header_rule)
        page.addWidget(self.placeholder, 1)
        page.addWidget(self.item_area, 1)
        page.addWidget(self.footer_rule)
        page.addLayout(footer)
        self._page = page

    def _apply_fonts(self) -> None:
        """Size every text from the window's own (system) font, times the chair's zoom."""
        base = self.font()
        for widget, size, weight, capitals in self._fonts:
            fit = self.fit if self.body.isAncestorOf(widget) else 1.0
            font = scaled_font(base, size * self.zoom * fit, weight)
            font.setCapitalization(capitals)
            widget.setFont(font)
        unit = self.fontMetrics().height()  # one line of the system font
        scaled = round(unit * self.zoom)
        self._page.setContentsMargins(scaled * 3, scaled, scaled * 3, scaled)
        self._page.setSpacing(scaled)
        self._columns.setSpacing(scaled * 3)
        self._left.setSpacing(scaled // 3)
        self._right.setSpacing(scaled // 2)
        self._item_layout.setSpacing(scaled // 2)
        self._votes.setSpacing(scaled * 2)
        self._footer.setSpacing(scaled // 3)
        for rule in (self.header_rule, self.footer_rule):
            rule.setFixedHeight(max(1, round(unit / 8)))
        self.index_note.setContentsMargins(scaled // 2, 0, 0, round(scaled * 0.6))

    # Showing --------------------------------------------------------------------------------

    def show_sitting(self, view: SittingView, current: str | None = None) -> None:
        """Show ``view`` on ``current``; without one, stay on the item already shown.

        The main window calls this again after every vote with a fresh view, so a refresh keeps
        the room on the item it is discussing; a new sitting starts at its first item.
        """
        same_sitting = self.view is not None and self.view.session.id == view.session.id
        self.view = view
        ids = [i.case.id for i in view.items]
        target: str | None
        if current in ids:
            target = current
        elif same_sitting and self.current_case_id in ids:
            target = self.current_case_id
        else:
            target = ids[0] if ids else None
        self._go_to(target)

    def set_current(self, case_id: str) -> None:
        if self.view is not None and self.view.item(case_id) is not None:
            self._go_to(case_id)

    def current_item(self) -> ItemView | None:
        if self.view is None or self.current_case_id is None:
            return None
        return self.view.item(self.current_case_id)

    def show_next(self) -> None:
        self._step(1)

    def show_previous(self) -> None:
        self._step(-1)

    def show_first(self) -> None:
        if self.view is not None and self.view.items:
            self._go_to(self.view.items[0].case.id)

    def show_last(self) -> None:
        if self.view is not None and self.view.items:
            self._go_to(self.view.items[-1].case.id)

    def _step(self, by: int) -> None:
        item = self.current_item()
        if self.view is None or item is None:
            return
        index = item.number - 1 + by
        if 0 <= index < len(self.view.items):
            self._go_to(self.view.items[index].case.id)

    def _go_to(self, case_id: str | None) -> None:
        changed = case_id != self.current_case_id
        self.current_case_id = case_id
        self._render()
        if changed:
            self.item_area.verticalScrollBar().setValue(0)
            if case_id is not None:
                self.current_changed.emit(case_id)

    def _render(self) -> None:
        colour_from_palette(self)

        view = self.view
        item = self.current_item()
        if view is None:
            self.setWindowTitle("Presenter")
            self.sitting.setText("")
            self.position.setText("")
        else:
            session = view.session
            self.setWindowTitle(f"Presenter — {session.title}")
            self.sitting.setText(f"{session.title}  ·  {long_date_text(session.date)}")
        showing = item is not None
        self.item_area.setVisible(showing)
        self.footer_rule.setVisible(showing)
        self.placeholder.setVisible(not showing)
        for label in (self.quorum, self.tally, self.recused, self.decision):
            label.setVisible(showing)
        if item is None or view is None:
            self.placeholder.setText(
                "Nothing on the agenda yet." if view is not None else "No sitting is open."
            )
            self.position.setText("")
            self._describe()
            return
        show_item(self, view, item)
        self._describe()
        self._fit_item()

    def _fit_item(self) -> None:
        """Set the item's type just small enough for it to fit the screen without scrolling."""
        if self.fit != 1.0:
            self.fit = 1.0
            self._apply_fonts()
        if not self.isVisible() or not self.item_area.isVisible():
            return
        self._page.activate()
        room = self.item_area.height()
        while (
            self.fit > SMALLEST_FIT
            and self._item_layout.totalHeightForWidth(self.item_area.width()) > room
        ):
            self.fit = max(SMALLEST_FIT, self.fit * FIT_STEP)
            self._apply_fonts()

    def _describe(self) -> None:
        item = self.current_item()
        shown = (
            f"Agenda item {item.number}: {item.case.id}, {item.case.title}."
            if item is not None
            else self.placeholder.text()
        )
        self.setAccessibleDescription(f"{shown} {KEY_HELP}")

    # Screens and keys -----------------------------------------------------------------------

    def show_on_best_screen(self) -> None:
        """Full screen on the projector if one is connected, else maximised where we are."""
        parent = self.parentWidget()
        beside = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        target = projector_screen(QGuiApplication.screens(), beside)
        if target is None:
            if beside is not None:
                self.setScreen(beside)
            self.showMaximized()
        else:
            self.setScreen(target)
            self.setGeometry(target.availableGeometry())
            self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.setFocus()

    def toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        self.show()

    def set_zoom(self, zoom: float) -> None:
        """Let the chair fit a long item on the screen, or enlarge it for a big room."""
        low, high = ZOOM_RANGE
        self.zoom = min(high, max(low, zoom))
        self._apply_fonts()
        self._render()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            if mods == Qt.KeyboardModifier.ControlModifier and self._zoom_key(key):
                return
            super().keyPressEvent(event)
            return
        bar = self.item_area.verticalScrollBar()
        if key in NEXT_KEYS:
            self.show_next()
        elif key in PREVIOUS_KEYS:
            self.show_previous()
        elif key == Qt.Key.Key_Home:
            self.show_first()
        elif key == Qt.Key.Key_End:
            self.show_last()
        elif key in FULL_SCREEN_KEYS:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape:
            if self.isFullScreen():
                self.toggle_full_screen()
            else:
                self.close()
        elif key == Qt.Key.Key_Down:
            bar.setValue(bar.value() + bar.pageStep() // 4)
        elif key == Qt.Key.Key_Up:
            bar.setValue(bar.value() - bar.pageStep() // 4)
        elif not self._zoom_key(key):
            super().keyPressEvent(event)

    def _zoom_key(self, key: int) -> bool:
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_zoom(self.zoom * ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.set_zoom(self.zoom / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.set_zoom(1.0)
        else:
            return False
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._built:
            self._fit_item()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_item()

    def changeEvent(self, event: QEvent) -> None:
        # A theme or font change while presenting: redo what was derived from them.
        if not self._built:
            pass
        elif event.type() == QEvent.Type.FontChange:
            self._apply_fonts()
            self._render()
        elif event.type() == QEvent.Type.PaletteChange:
            self._render()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
