"""The app's own preferences (theme, last member, window layout), kept in an INI file in the
user's data folder — not in the library, which a council shares."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from council_app import paths

THEMES = ("system", "light", "dark", "high_contrast")


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings(
            str(paths.data_dir() / "settings.ini"), QSettings.Format.IniFormat
        )

    @property
    def theme(self) -> str:
        value = str(self.settings.value("appearance/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self.settings.setValue("appearance/theme", value if value in THEMES else "system")

    @property
    def member(self) -> str:
        return str(self.settings.value("workspace/member", ""))

    @member.setter
    def member(self, value: str) -> None:
        self.settings.setValue("workspace/member", value)

    def window_geometry(self, window: str) -> QByteArray | None:
        """The geometry a window was closed with (QWidget.saveGeometry), or None."""
        value = self.settings.value(f"windows/{window}")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, window: str, geometry: QByteArray) -> None:
        self.settings.setValue(f"windows/{window}", geometry)

    def sync(self) -> None:
        self.settings.sync()
