"""The Weights tab of the settings dialog: the default weight profile, shown as shares.

Choosing a profile redraws its description and a bar per consideration, which concerns this
tab alone; the dialog only reads the chosen profile back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from council_app.framework import Framework
from council_app.scoring import profile_weights, share_text
from council_app.ui.settings.tab_note import note

if TYPE_CHECKING:
    from council_app.ui.settings.settings_dialog import SettingsValues


class WeightsTab(QWidget):
    """The default weight profile, and the share of the total it gives each consideration."""

    def __init__(
        self, values: SettingsValues, framework: Framework, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.framework = framework
        self.setObjectName("settings_weights")
        self.profile = QComboBox()
        self.profile.setObjectName("settings_default_profile")
        self.profile.setAccessibleName("Default weight profile")
        for weight_profile in self.framework.weight_profiles:
            self.profile.addItem(weight_profile.title, weight_profile.key)
        self.profile.setAccessibleDescription(
            "The weighting used to score a case unless another is chosen for it."
        )
        keys = [p.key for p in self.framework.weight_profiles]
        current = (
            values.default_profile
            if values.default_profile in keys
            else self.framework.default_profile_key
        )
        profile_label = QLabel("Default &profile:")
        profile_label.setBuddy(self.profile)

        self.profile_description = note("")
        self.profile_description.setObjectName("settings_profile_description")
        self.profile_description.setAccessibleName("What the profile is for")

        box = QGroupBox("Weights, as shares of the total")
        box.setObjectName("settings_profile_weights")
        grid = QGridLayout(box)
        self.share_bars: dict[str, QProgressBar] = {}
        self.share_labels: dict[str, QLabel] = {}
        for row, consideration in enumerate(self.framework.considerations):
            title = QLabel(consideration.title)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setTextVisible(False)
            bar.setAccessibleName(f"Share of {consideration.title}")
            bar.setMaximumHeight(self.fontMetrics().height())
            share = QLabel()
            share.setObjectName(f"settings_share_{consideration.key}")
            share.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            share.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.000"))
            share.setAccessibleName(f"Share of {consideration.title}")
            grid.addWidget(title, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(share, row, 2)
            self.share_bars[consideration.key] = bar
            self.share_labels[consideration.key] = share
        grid.setColumnStretch(1, 1)

        form = QFormLayout()
        form.addRow(profile_label, self.profile)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.profile_description)
        layout.addWidget(box)
        layout.addWidget(
            note(
                "The default profile is the weighting a case is scored with unless another is "
                "chosen for it. Profiles are part of the framework definition."
            )
        )
        layout.addStretch(1)

        self.profile.currentIndexChanged.connect(self.on_profile_changed)
        self.profile.setCurrentIndex(keys.index(current))
        self._show_profile()

    def _show_profile(self) -> None:
        key = str(self.profile.currentData())
        weights = profile_weights(self.framework, key)
        self.profile_description.setText(self.framework.profile(key).description)
        for consideration_key, share in weights.shares().items():
            text = share_text(share)
            self.share_bars[consideration_key].setValue(round(float(share) * 1000))
            self.share_labels[consideration_key].setText(text)
            self.share_bars[consideration_key].setAccessibleDescription(text)

    # -- slots ------------------------------------------------------------------------------

    @Slot(int)
    def on_profile_changed(self, _index: int) -> None:
        self._show_profile()
