"""The Library tab of the settings dialog: the library open now, and the way to another.

The council's settings are kept in the library file, so the tab says which file that is and
offers to open or create another. Choosing the file and asking for the switch close the dialog,
so they stay with the dialog; this tab only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.ui.settings.tab_note import note

if TYPE_CHECKING:
    from council_app.ui.settings.settings_dialog import SettingsValues


class LibraryTab(QWidget):
    """Which library file is open, and the buttons that open or create another."""

    def __init__(self, values: SettingsValues, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings_library")
        self.library_path_field = QLineEdit(str(values.library_path))
        self.library_path_field.setObjectName("settings_library_path")
        self.library_path_field.setReadOnly(True)
        self.library_path_field.setAccessibleName("Path of the library open now")
        self.library_path_field.setCursorPosition(0)
        path_label = QLabel("Library open &now:")
        path_label.setBuddy(self.library_path_field)

        self.open_library_button = QPushButton("Open &another library…")
        self.open_library_button.setObjectName("settings_open_library")
        self.open_library_button.setAccessibleName("Open another library")
        self.open_library_button.setAccessibleDescription(
            "Chooses a library file; Settings closes without applying changes made here."
        )
        self.new_library_button = QPushButton("New &empty library…")
        self.new_library_button.setObjectName("settings_new_library")
        self.new_library_button.setAccessibleName("New empty library")
        self.new_library_button.setAccessibleDescription(
            "Chooses where to create an empty library; Settings closes without applying "
            "changes made here."
        )

        form = QFormLayout()
        form.addRow(path_label, self.library_path_field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_library_button)
        buttons.addWidget(self.new_library_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            note(
                "The council's name, letterhead and members are kept in the library file, so "
                "each library has its own."
            )
        )
        layout.addLayout(buttons)
        layout.addWidget(
            note(
                "Opening or creating another library closes Settings without applying the "
                "changes made here."
            )
        )
        layout.addStretch(1)
