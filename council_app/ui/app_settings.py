"""The app's own preferences (theme, last member, window layout), kept in an INI file in the
user's data folder — not in the library, which a council shares."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from council_app import paths

# File › Open recent keeps this many libraries.
RECENT_LIBRARIES = 8
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

    @property
    def recent_libraries(self) -> list[Path]:
        """The libraries opened last, the latest first."""
        value = self.settings.value("libraries/recent", [])
        items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        return [Path(str(item)) for item in items if item][:RECENT_LIBRARIES]

    def note_library_opened(self, path: Path) -> None:
        path = path.resolve()
        kept = [p for p in self.recent_libraries if p != path]
        self.settings.setValue(
            "libraries/recent", [str(p) for p in [path, *kept][:RECENT_LIBRARIES]]
        )

    def window_geometry(self, window: str) -> QByteArray | None:
        """The geometry a window was closed with (QWidget.saveGeometry), or None."""
        value = self.settings.value(f"windows/{window}")
        return value if isinstance(value, QByteArray) else None

    def set_window_geometry(self, window: str, geometry: QByteArray) -> None:
        self.settings.setValue(f"windows/{window}", geometry)

    def sync(self) -> None:
        self.settings.sync()
