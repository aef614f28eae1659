from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from council_app.ui.library import library_actions
from council_app.ui.main_window import MainWindow


def test_preview_renders_and_exports_the_same_pdf_as_the_cli(
    qtbot: QtBot, window: MainWindow, demo_path: Path, tmp_path: Path
) -> None:
    window.select_case("EUC-2022-010")
    with qtbot.waitSignal(window.workers.memo_rendered, timeout=20_000):
        preview = library_actions.memo_of_current_case(window)
    assert preview is not None
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.export_button.isEnabled(), timeout=10_000)
    assert preview.document.pageCount() >= 3
    assert preview.status.text().endswith("pages")

    exported = tmp_path / "gui.pdf"
    preview.export_to(exported)
    cli_file = tmp_path / "cli.pdf"
    subprocess.run(
        [sys.executable, "-m", "council_app", "memo", "EUC-2022-010", "-o", str(cli_file),
         "--library", str(demo_path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert exported.read_bytes() == cli_file.read_bytes()

    with qtbot.waitSignal(window.workers.memo_rendered, timeout=20_000):
        preview.variant.setCurrentIndex(1)
    qtbot.waitUntil(lambda: preview.export_button.isEnabled(), timeout=10_000)
    assert preview.current_variant == "external"
    assert preview.pdf_bytes is not None and preview.pdf_bytes != exported.read_bytes()
    preview.close()
