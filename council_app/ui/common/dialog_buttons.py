"""The accept/Cancel row every dialog ends with, named for a screen reader, written once.

Each dialog used to build its own: some named the buttons, some described them, one left
Cancel unnamed, and the accept button was default in some and not others. Here the accept
button always says what it does, is the default (Enter), and is named and described; Cancel is
Qt's own (Esc, the platform's order and text) and says what closing leaves as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget


@dataclass(frozen=True)
class DialogButtons:
    box: QDialogButtonBox
    accept: QPushButton
    cancel: QPushButton


def accept_cancel_buttons(
    accept_text: str,
    *,
    accept_description: str,
    cancel_description: str,
    accept_name: str | None = None,
    object_name: str | None = None,
    parent: QWidget | None = None,
) -> DialogButtons:
    """``accept_text`` may carry a mnemonic ("&Merge"); the accessible name is the text
    without it unless ``accept_name`` says more. With ``object_name`` ("merge"), the buttons
    are ``merge_button`` and ``merge_cancel``, as the tests and the self-check find them."""
    box = QDialogButtonBox(parent)
    accept = QPushButton(accept_text)
    accept.setAccessibleName(accept_name or accept_text.replace("&&", "\0").replace("&", ""))
    accept.setAccessibleDescription(accept_description)
    accept.setDefault(True)
    accept.setAutoDefault(True)
    box.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    cancel.setAccessibleDescription(cancel_description)
    if object_name is not None:
        box.setObjectName(f"{object_name}_buttons")
        accept.setObjectName(f"{object_name}_button")
        cancel.setObjectName(f"{object_name}_cancel")
    return DialogButtons(box, accept, cancel)
