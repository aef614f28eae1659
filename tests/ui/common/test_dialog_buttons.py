from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout
from pytestqt.qtbot import QtBot

from council_app.ui.common.dialog_buttons import accept_cancel_buttons


def test_the_accept_button_says_what_it_does_and_enter_and_esc_work(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = accept_cancel_buttons(
        "&Merge",
        accept_description="Merge the package.",
        cancel_description="Close without merging.",
        object_name="merge",
    )
    QVBoxLayout(dialog).addWidget(buttons.box)
    buttons.box.accepted.connect(dialog.accept)
    buttons.box.rejected.connect(dialog.reject)
    assert buttons.accept.accessibleName() == "Merge"  # the mnemonic is not read out
    assert buttons.accept.accessibleDescription() == "Merge the package."
    assert buttons.accept.isDefault()
    assert buttons.cancel.accessibleName() == "Cancel"
    assert buttons.cancel.accessibleDescription() == "Close without merging."
    assert buttons.box.buttonRole(buttons.cancel) == QDialogButtonBox.ButtonRole.RejectRole
    assert (buttons.accept.objectName(), buttons.cancel.objectName()) == (
        "merge_button",
        "merge_cancel",
    )

    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    qtbot.mouseClick(buttons.accept, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
