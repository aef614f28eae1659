"""The About box says which version is running (from the package metadata, as the memo)."""

from __future__ import annotations

from importlib.metadata import version

from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow


def test_about_box_names_the_version_and_the_library(window: MainWindow) -> None:
    box = library_actions.about_box(window)
    try:
        assert box.isVisible()
        assert f"Council Desk {version('council-desk')}" in box.text()
        assert window.library_path.name in box.text()
        assert not box.iconPixmap().isNull()
    finally:
        box.close()
