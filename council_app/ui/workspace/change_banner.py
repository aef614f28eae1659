"""The bar a workspace shows when the case changed in the library under the member's edits.

It says what changed meanwhile (and when, and by whom), what the member changed, and which
parts both changed, and offers the three honest ways on: merge the two, reload the library's
version (dropping the member's changes), or keep the member's version as a new revision. It
decides nothing; the workspace does what is chosen through the editor and the core.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from council_app.case import Case
from council_app.case_merge import CaseMerge, describe_changes, part_title
from council_app.ui.common.palette import attention_colour


class ChangeBanner(QFrame):
    merge_requested = Signal()
    reload_requested = Signal()
    keep_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("change_banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("The case changed in the library")
        self.text = QLabel()
        self.text.setObjectName("change_banner_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.merge_button = QPushButton("Mer&ge their changes and mine")
        self.merge_button.setAccessibleName("Merge the library's changes with yours")
        self.reload_button = QPushButton("Re&load theirs")
        self.reload_button.setAccessibleName("Reload the library's version, dropping your changes")
        self.keep_button = QPushButton("&Keep mine as a new revision")
        self.keep_button.setAccessibleName(
            "Save your version over the library's, as a new revision"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self.merge_requested.emit)
        self.reload_button.clicked.connect(self.reload_requested.emit)
        self.keep_button.clicked.connect(self.keep_requested.emit)
        self.hide()

    def show_change(
        self,
        case_id: str,
        *,
        base: Case | None,
        mine: Case,
        current: Case | None,
        merge: CaseMerge | None,
        last_change: str,
        saving: bool,
    ) -> None:
        """``saving``: the member tried to save and the core refused (nothing was written)."""
        head = (
            f"Not saved: {case_id} changed in the library after you opened it."
            if saving
            else f"{case_id} changed in the library while you were editing it."
        )
        lines = [head]
        if last_change:
            lines.append(f"Last change: {last_change}.")
        if current is None:
            lines.append("It is no longer in the library; keeping yours records it again.")
        elif base is not None:
            theirs = describe_changes(base, current)
            if theirs:
                lines.append("Changed there: " + "; ".join(theirs) + ".")
            yours = describe_changes(base, mine)
            if yours:
                lines.append("Changed by you: " + "; ".join(yours) + ".")
        if merge is not None and merge.conflicts:
            both = "; ".join(part_title(p) for p in merge.conflicts)
            lines.append(
                f"Both changed {both}: merging is not possible; reload theirs or keep yours."
            )
        self.text.setText("\n".join(lines))
        self.text.setAccessibleDescription(self.text.text())
        self.merge_button.setEnabled(merge is not None and merge.clean)
        self.reload_button.setEnabled(current is not None)
        warn = attention_colour(self.palette()).name()
        self.setStyleSheet(f"#change_banner {{ border: 2px solid {warn}; }}")
        self.show()
