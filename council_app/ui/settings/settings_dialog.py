"""Settings: the council's name and letterhead, its members, the default weights, the theme.

The dialog only edits the values it is given and hands the edited values back through
:attr:`SettingsDialog.settings_accepted`; the main window saves them through the core on a worker
thread. Switching to another library is a request too: the dialog never opens a file itself.

This module is the dialog's frame: the tabs of a few fields (Council, Appearance), what OK
waits for, and the requests it makes. The Members, Weights and Library tabs, each with
behaviour of its own, are in their own modules; the dialog keeps their widgets under the names
its callers know.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from council_app.council.framework_revision import FrameworkService
from council_app.council.settings import DEFAULT_LANGUAGE, PAGE_SIZES, SettingsError, language_tag
from council_app.framework import Framework
from council_app.library.members import Member
from council_app.ui.common.dialog_buttons import accept_cancel_buttons
from council_app.ui.settings.framework_tab import FrameworkTab
from council_app.ui.settings.library_tab import LibraryTab
from council_app.ui.settings.members_model import member_problems
from council_app.ui.settings.members_tab import MembersTab
from council_app.ui.settings.tab_note import note
from council_app.ui.settings.weights_tab import WeightsTab

THEMES = (
    ("system", "Follow the &system"),
    ("light", "&Light"),
    ("dark", "&Dark"),
    ("high_contrast", "&High contrast"),
)
DEFAULT_THEME = "system"

LIBRARY_FILE_FILTER = "Council Desk libraries (*.sqlite *.db);;All files (*)"
NEW_LIBRARY_FILE_FILTER = "Council Desk libraries (*.sqlite *.db)"


@dataclass(frozen=True)
class SettingsValues:
    council_name: str
    letterhead: str
    members: tuple[Member, ...]
    theme: str  # one of the keys of THEMES
    default_profile: str  # a weight profile key from framework.weight_profiles
    library_path: Path  # the library open now; shown, never edited here
    quorum_rule: str = "majority"  # see council_app.council.quorum
    quorum_composition: str = ""  # members of a kind it also asks for: "1:external"
    language: str = DEFAULT_LANGUAGE  # of memos and minutes, a BCP 47 tag
    page_size: str = PAGE_SIZES[0]


class SettingsDialog(QDialog):
    """Edits a :class:`SettingsValues`; OK is offered only when the core could save the result."""

    settings_accepted = Signal(object)  # SettingsValues
    library_switch_requested = Signal(Path)
    library_create_requested = Signal(Path)
    framework_adopted = Signal(object)  # FrameworkVersion, adopted from the Framework tab

    def __init__(
        self,
        values: SettingsValues,
        framework: Framework,
        parent: QWidget | None = None,
        *,
        framework_service: FrameworkService | None = None,
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self._library_path = values.library_path
        self.setWindowTitle("Settings")
        self.setObjectName("settings_dialog")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.addTab(self._council_tab(values), "Council")
        self.tabs.addTab(self._members_tab(values), "Members")
        self.tabs.addTab(self._weights_tab(values), "Weights")
        self.tabs.addTab(self._appearance_tab(values), "Appearance")
        self.tabs.addTab(self._library_tab(values), "Library")
        # The Framework tab reads and adopts through the service it is given, on its workers;
        # without one (a dialog built for the fields alone) it is not shown.
        self.framework_tab: FrameworkTab | None = None
        if framework_service is not None:
            self.framework_tab = FrameworkTab(framework_service, self)
            self.framework_tab.framework_adopted.connect(self.framework_adopted)
            self.tabs.addTab(self.framework_tab, "Framework")

        buttons = accept_cancel_buttons(
            "OK",
            accept_name="Apply the settings",
            accept_description="Save these settings in the library and close.",
            cancel_description="Close, leaving the settings as they were.",
            object_name="settings",
        )
        self.buttons, self.ok_button, self.cancel_button = (
            buttons.box,
            buttons.accept,
            buttons.cancel,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.problems = QLabel()
        self.problems.setObjectName("settings_problems")
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Why the settings cannot be applied yet")
        self.problems.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        bottom = QHBoxLayout()
        bottom.addWidget(self.problems, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)

        self._set_tab_order()
        self.council_name.textChanged.connect(self.on_values_edited)
        self.language.textChanged.connect(self.on_values_edited)
        self.members_model.dataChanged.connect(self.on_values_edited)
        self.members_model.rowsInserted.connect(self.on_values_edited)
        self.members_model.rowsRemoved.connect(self.on_values_edited)
        self.members_model.modelReset.connect(self.on_values_edited)
        self._update_validity()
        self.council_name.setFocus()

        # Room for the members table and the weights without scrolling, in the user's font.
        em = self.fontMetrics().averageCharWidth()
        line = self.fontMetrics().lineSpacing()
        hint = self.sizeHint()
        self.resize(max(hint.width(), 96 * em), max(hint.height(), 30 * line))

    # -- the tabs ---------------------------------------------------------------------------

    def _council_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_council")
        self.council_name = QLineEdit(values.council_name)
        self.council_name.setObjectName("settings_council_name")
        self.council_name.setAccessibleName("Council name")
        self.council_name.setAccessibleDescription("Required. Printed at the top of every memo.")
        self.council_name.setPlaceholderText("e.g. Ethical Use Advisory Council")
        self.council_name.setClearButtonEnabled(True)
        name_label = QLabel("Council &name:")
        name_label.setBuddy(self.council_name)
        self.council_name_hint = QLabel("The council needs a name.")
        self.council_name_hint.setObjectName("settings_council_name_hint")
        self.council_name_hint.setAccessibleName("Council name is required")

        self.letterhead = QLineEdit(values.letterhead)
        self.letterhead.setObjectName("settings_letterhead")
        self.letterhead.setAccessibleName("Letterhead line")
        self.letterhead.setAccessibleDescription("Optional second line under the council's name.")
        self.letterhead.setPlaceholderText(
            "e.g. Meridian Systems · Office of Responsible Technology"
        )
        self.letterhead.setClearButtonEnabled(True)
        letterhead_label = QLabel("&Letterhead:")
        letterhead_label.setBuddy(self.letterhead)

        self.language = QLineEdit(values.language)
        self.language.setObjectName("settings_language")
        self.language.setAccessibleName("Language of memos and minutes")
        self.language.setAccessibleDescription(
            "A BCP 47 tag such as en, en-GB or de-CH; screen readers read memos in this language."
        )
        self.language.setPlaceholderText("e.g. en, en-GB, fr-CA")
        language_label = QLabel("Lan&guage:")
        language_label.setBuddy(self.language)
        self.language_hint = QLabel()
        self.language_hint.setObjectName("settings_language_hint")
        self.language_hint.setWordWrap(True)
        self.language_hint.setAccessibleName("Why the language cannot be used")

        self.page_size = QComboBox()
        self.page_size.setObjectName("settings_page_size")
        self.page_size.setAccessibleName("Page size of memos and minutes")
        for size in PAGE_SIZES:
            self.page_size.addItem(size, size)
        self.page_size.setCurrentIndex(max(self.page_size.findData(values.page_size), 0))
        page_size_label = QLabel("&Page size:")
        page_size_label.setBuddy(self.page_size)

        form = QFormLayout()
        form.addRow(name_label, self.council_name)
        form.addRow("", self.council_name_hint)
        form.addRow(letterhead_label, self.letterhead)
        form.addRow(language_label, self.language)
        form.addRow("", self.language_hint)
        form.addRow(page_size_label, self.page_size)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(
            note(
                "The council's name, with the letterhead line under it, heads every decision memo "
                "and the minutes of each sitting. The letterhead is optional. Memos and minutes "
                "declare the language to screen readers, and are laid out on the page size."
            )
        )
        layout.addStretch(1)
        return page

    def _members_tab(self, values: SettingsValues) -> QWidget:
        self.members_tab = MembersTab(values, self)
        # The tabs' widgets under the dialog's names, as its callers have always read them.
        self.members_model = self.members_tab.members_model
        self.members_table = self.members_tab.members_table
        self.add_member_button = self.members_tab.add_member_button
        self.remove_member_button = self.members_tab.remove_member_button
        self.members_problems = self.members_tab.members_problems
        self.quorum_rule = self.members_tab.quorum_rule
        self.quorum_composition = self.members_tab.quorum_composition
        self.quorum_composition.textChanged.connect(self.on_values_edited)
        return self.members_tab

    def _weights_tab(self, values: SettingsValues) -> QWidget:
        self.weights_tab = WeightsTab(values, self.framework, self)
        self.profile = self.weights_tab.profile
        self.profile_description = self.weights_tab.profile_description
        self.share_bars = self.weights_tab.share_bars
        self.share_labels = self.weights_tab.share_labels
        return self.weights_tab

    def _appearance_tab(self, values: SettingsValues) -> QWidget:
        page = QWidget()
        page.setObjectName("settings_appearance")
        box = QGroupBox("Theme")
        box_layout = QVBoxLayout(box)
        self.theme_group = QButtonGroup(self)
        self.theme_buttons: dict[str, QRadioButton] = {}
        theme = values.theme if values.theme in dict(THEMES) else DEFAULT_THEME
        for key, text in THEMES:
            button = QRadioButton(text)
            button.setObjectName(f"settings_theme_{key}")
            button.setAccessibleName(f"{text.replace('&', '')} theme")
            button.setChecked(key == theme)
            self.theme_group.addButton(button)
            self.theme_buttons[key] = button
            box_layout.addWidget(button)
        self.theme_buttons["system"].setAccessibleDescription(
            "Light or dark as your desktop is set."
        )
        self.theme_buttons["high_contrast"].setAccessibleDescription(
            "Strong contrast between text and background, for projectors and low vision."
        )
        layout = QVBoxLayout(page)
        layout.addWidget(box)
        layout.addWidget(
            note(
                "Follow the system uses your desktop's light or dark setting. High contrast "
                "suits projectors in bright rooms."
            )
        )
        layout.addStretch(1)
        return page

    def _library_tab(self, values: SettingsValues) -> QWidget:
        self.library_tab = LibraryTab(values, self)
        self.library_path_field = self.library_tab.library_path_field
        self.open_library_button = self.library_tab.open_library_button
        self.new_library_button = self.library_tab.new_library_button
        self.open_library_button.clicked.connect(self.on_open_library)
        self.new_library_button.clicked.connect(self.on_new_library)
        return self.library_tab

    def _set_tab_order(self) -> None:
        chains: tuple[tuple[QWidget, ...], ...] = (
            (self.council_name, self.letterhead, self.language, self.page_size),
            (self.members_table, self.add_member_button, self.remove_member_button),
            tuple(self.theme_buttons.values()),
            (self.library_path_field, self.open_library_button, self.new_library_button),
        )
        for chain in chains:
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)

    # -- the values -------------------------------------------------------------------------

    @property
    def theme(self) -> str:
        for key, button in self.theme_buttons.items():
            if button.isChecked():
                return key
        return DEFAULT_THEME

    def values(self) -> SettingsValues:
        return SettingsValues(
            council_name=self.council_name.text().strip(),
            letterhead=self.letterhead.text().strip(),
            members=self.members_model.members(),
            theme=self.theme,
            default_profile=str(self.profile.currentData()),
            library_path=self._library_path,
            quorum_rule=str(self.quorum_rule.currentData()),
            quorum_composition=self.members_tab.composition_key(),
            language=self._language_tag() or self.language.text().strip(),
            page_size=str(self.page_size.currentData()),
        )

    def _language_tag(self) -> str | None:
        """The language as the core would save it, or None when the core would refuse it."""
        try:
            return language_tag(self.language.text())
        except SettingsError:
            return None

    def problems_found(self) -> list[str]:
        """Why OK is disabled, one sentence each, naming the tab to look at."""
        problems = []
        if not self.council_name.text().strip():
            problems.append("The council needs a name (Council tab).")
        if self._language_tag() is None:
            problems.append("The language needs a tag such as en or de-CH (Council tab).")
        if member_problems(self.members_model.members()):
            problems.append("The list of members needs attention (Members tab).")
        composition = self.members_tab.composition_problem()
        if composition:
            problems.append(f"{composition} (Members tab)")
        return problems

    def _update_validity(self) -> None:
        self.council_name_hint.setVisible(not self.council_name.text().strip())
        language_problem = ""
        try:
            language_tag(self.language.text())
        except SettingsError as error:
            language_problem = str(error)
        self.language_hint.setText(language_problem)
        self.language_hint.setVisible(bool(language_problem))
        self.members_problems.setText(" ".join(member_problems(self.members_model.members())))
        self.members_problems.setVisible(bool(self.members_problems.text()))
        problems = self.problems_found()
        self.problems.setText(" ".join(problems))
        self.ok_button.setEnabled(not problems)
        self.members_tab.update_remove_button()

    # -- slots ------------------------------------------------------------------------------

    @Slot()
    def on_values_edited(self) -> None:
        self._update_validity()

    @Slot()
    def on_open_library(self) -> None:
        path = self.choose_library_file()
        if path is not None:
            self.library_switch_requested.emit(path)
            self.reject()

    @Slot()
    def on_new_library(self) -> None:
        path = self.choose_new_library_file()
        if path is not None:
            self.library_create_requested.emit(path)
            self.reject()

    def choose_library_file(self) -> Path | None:
        file, _ = QFileDialog.getOpenFileName(
            self, "Open another library", str(self._library_path.parent), LIBRARY_FILE_FILTER
        )
        return Path(file) if file else None

    def choose_new_library_file(self) -> Path | None:
        file, _ = QFileDialog.getSaveFileName(
            self,
            "New empty library",
            str(self._library_path.parent / "council-library.sqlite"),
            NEW_LIBRARY_FILE_FILTER,
        )
        return Path(file) if file else None

    def done(self, result: int) -> None:
        # The Framework tab's jobs end before the dialog (deleted on close) takes their pool
        # with it; see FrameworkTasks.close.
        from council_app.ui.settings.framework_tasks import FrameworkTasks

        super().done(result)
        for tasks in self.findChildren(FrameworkTasks):
            tasks.close()

    def accept(self) -> None:
        if self.problems_found():
            return
        self.settings_accepted.emit(self.values())
        super().accept()
