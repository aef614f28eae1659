"""Who may read an item, chosen beside it: a fact, a rationale, the council's reasons, an item
of stakeholder input, a piece of evidence. The classes and their rule are the core's
(``council_app.vocabulary``, ``council_app.library.confidentiality``); this only offers them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from council_app.framework import Framework
from council_app.vocabulary import CONFIDENTIALITY_CLASSES, confidentiality_title


def confidentiality_choices(kind: str, framework: Framework) -> tuple[tuple[str, str], ...]:
    """The classes an item of ``kind`` may be given, the framework's default first (as ""), so
    that a member who chooses nothing leaves the item to the framework's rule."""
    default = confidentiality_title(framework.confidentiality.of(kind))
    return (
        (f"Default ({default})", ""),
        *((confidentiality_title(c), c) for c in CONFIDENTIALITY_CLASSES),
    )


def confidentiality_box(name: str, kind: str, framework: Framework) -> QComboBox:
    """Who may read an item: shown beside the item, in the council's words."""
    box = QComboBox()
    for label, value in confidentiality_choices(kind, framework):
        box.addItem(label, value)
    box.setAccessibleName(f"Who may read it: {name}")
    box.setToolTip(
        "Public: any version. Internal: internal memos and minutes, never external ones. "
        "Council only: the council's own record, in no memo or minutes. Legally privileged: "
        "as council only, and marked as legal advice."
    )
    return box


def set_confidentiality(box: QComboBox, value: str) -> None:
    index = max(box.findData(value), 0)
    if box.currentIndex() != index:
        box.blockSignals(True)
        box.setCurrentIndex(index)
        box.blockSignals(False)


__all__ = ["confidentiality_box", "confidentiality_choices", "set_confidentiality"]
