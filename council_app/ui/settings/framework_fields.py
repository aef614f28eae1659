"""The fields of the framework editor's forms: each writes into the draft and says so.

A field never checks its value: the loader's sentences beside the forms are the checks. The
numbers and choices ignore the mouse wheel until they have focus, since the forms scroll.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from council_app.ui.common.guarded_fields import (
    GuardedComboBox,
    GuardedDoubleSpinBox,
    GuardedSpinBox,
)

Edited = Callable[[], None]


def setter(
    method: Callable[..., None], *args: Any, field: str | None = None
) -> Callable[[Any], None]:
    """``method(*args, value)``, or ``method(*args, field=value)``: one draft edit for a field."""

    def set_(value: Any) -> None:
        if field is None:
            method(*args, value)
        else:
            method(*args, **{field: value})

    return set_


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


class Fields:
    """Makes the fields; each edit goes through ``edited`` once the draft has it."""

    def __init__(self, edited: Edited) -> None:
        self.edited = edited

    # -- fields -----------------------------------------------------------------------------

    def _apply(self, change: Callable[[], None]) -> None:
        change()
        self.edited()

    def line(self, name: str, value: str, set_: Callable[[str], None], label: str) -> QLineEdit:
        field = QLineEdit(value)
        field.setCursorPosition(0)  # a long value shows its beginning, not its end
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.textChanged.connect(lambda text: self._apply(lambda: set_(text.strip())))
        return field

    def text(
        self, name: str, value: str, set_: Callable[[str], None], label: str, rows: int = 3
    ) -> QPlainTextEdit:
        field = QPlainTextEdit(value)
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setTabChangesFocus(True)
        field.setFixedHeight(field.fontMetrics().lineSpacing() * rows + 12)
        field.textChanged.connect(
            lambda: self._apply(lambda: set_(" ".join(_lines(field.toPlainText()))))
        )
        return field

    def lines(
        self, name: str, values: list[str], set_: Callable[[list[str]], None], label: str
    ) -> QPlainTextEdit:
        field = QPlainTextEdit("\n".join(values))
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setAccessibleDescription("One to a line.")
        field.setTabChangesFocus(True)
        field.setFixedHeight(field.fontMetrics().lineSpacing() * (len(values) + 4) + 12)
        field.textChanged.connect(lambda: self._apply(lambda: set_(_lines(field.toPlainText()))))
        return field

    def levels(
        self,
        name: str,
        values: list[str],
        set_: Callable[[list[str]], None],
        label: str,
        *,
        lowest: int = 0,
    ) -> QWidget:
        """One box for each rating, labelled with it: the scale fixes how many there are, and
        a long level wrapped in one box of lines would read as two levels."""
        box = QWidget()
        box.setObjectName(name)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        fields: list[QPlainTextEdit] = []

        def changed() -> None:
            self._apply(lambda: set_([" ".join(_lines(f.toPlainText())) for f in fields]))

        for rating, value in enumerate(values, start=lowest):
            field = QPlainTextEdit(value)
            field.setObjectName(f"{name}_{rating}")
            field.setAccessibleName(f"{label}: rating {rating}")
            field.setTabChangesFocus(True)
            field.setFixedHeight(field.fontMetrics().lineSpacing() * 2 + 12)
            field.textChanged.connect(changed)
            fields.append(field)
            form.addRow(f"{rating}:", field)
        return box

    def number(
        self,
        name: str,
        value: float,
        set_: Callable[[float], None],
        label: str,
        *,
        maximum: float = 100.0,
        step: float = 1.0,
        decimals: int = 1,
    ) -> QDoubleSpinBox:
        field = GuardedDoubleSpinBox()
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setRange(0.0, maximum)
        field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 14)
        field.setDecimals(decimals)
        field.setSingleStep(step)
        field.setValue(float(value))
        field.valueChanged.connect(lambda v: self._apply(lambda: set_(round(v, decimals))))
        return field

    def whole(
        self, name: str, value: int, set_: Callable[[int], None], label: str, maximum: int
    ) -> QSpinBox:
        field = GuardedSpinBox()
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setRange(0, maximum)
        field.setMaximumWidth(field.fontMetrics().averageCharWidth() * 16)
        field.setValue(int(value))
        field.valueChanged.connect(lambda v: self._apply(lambda: set_(int(v))))
        return field

    def choice(
        self,
        name: str,
        options: list[tuple[str, str]],
        current: str,
        set_: Callable[[str], None],
        label: str,
    ) -> GuardedComboBox:
        field = GuardedComboBox()
        field.setObjectName(name)
        field.setAccessibleName(label)
        for key, text in options:
            field.addItem(text, key)
        field.setCurrentIndex(max(field.findData(current), 0))
        field.currentIndexChanged.connect(
            lambda _i: self._apply(lambda: set_(str(field.currentData())))
        )
        return field

    def words(
        self, name: str, values: list[str], set_: Callable[[list[str]], None], label: str
    ) -> QLineEdit:
        """A short list (regions, kinds) typed on one line, comma-separated."""
        field = QLineEdit(", ".join(values))
        field.setObjectName(name)
        field.setAccessibleName(label)
        field.setAccessibleDescription("Separated by commas.")
        field.textChanged.connect(lambda text: self._apply(lambda: set_(_words(text))))
        return field

    def checks(
        self,
        name: str,
        options: list[tuple[str, str]],
        current: list[str],
        set_: Callable[[list[str]], None],
        label: str,
        *,
        columns: int = 2,
    ) -> QWidget:
        """Any number of ``options`` ticked, handed on in the options' order. A value written
        that is not among them is offered as written, ticked, so that it can be taken out."""
        options = options + [(v, v) for v in current if v not in {k for k, _ in options}]
        box = QWidget()
        box.setObjectName(name)
        box.setAccessibleName(label)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        fields: list[tuple[str, QCheckBox]] = []

        def changed() -> None:
            self._apply(lambda: set_([key for key, f in fields if f.isChecked()]))

        for position, (key, text) in enumerate(options):
            field = QCheckBox(text)
            field.setObjectName(f"{name}_{key}")
            field.setAccessibleName(f"{label}: {text}")
            field.setChecked(key in current)
            field.toggled.connect(changed)
            fields.append((key, field))
            grid.addWidget(field, position // columns, position % columns)
        # The space left over goes to an empty column: a box as wide as its text takes a click
        # on its text, not on the blank beside it.
        grid.setColumnStretch(columns, 1)
        return box

    @staticmethod
    def page(heading: str, *parts: QWidget | QLayout) -> QScrollArea:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        title = QLabel(heading)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        for part in parts:
            if isinstance(part, QWidget):
                layout.addWidget(part)
            else:
                layout.addLayout(part)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        return scroll
