"""Once the library is listed, the modules the first case and the first memo need are imported
on a thread of their own, not on the GUI thread when a member presses Enter (a fresh process:
in the test session they are long imported)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys, time
from council_app.framework import bundled_framework
from council_app.ui import warm_up
from PySide6.QtWidgets import QApplication
from council_app.ui.main_window import MainWindow

app = QApplication([])
from pathlib import Path
window = MainWindow(Path(sys.argv[1]), bundled_framework())
window.show()
before = [m for m in warm_up.MODULES if m in sys.modules]
deadline = time.monotonic() + 30
while time.monotonic() < deadline and not all(m in sys.modules for m in warm_up.MODULES):
    app.processEvents()
    time.sleep(0.01)
print(before)
print([m for m in warm_up.MODULES if m not in sys.modules])
print(window.model.rowCount())
window.close()
window.workers.wait()
"""


def test_the_first_case_s_modules_are_imported_once_the_library_is_listed(
    demo_path: Path, tmp_path: Path
) -> None:
    env = dict(os.environ, COUNCIL_APP_DATA_DIR=str(tmp_path / "data"))
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(demo_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    shown = run.stdout.splitlines()
    assert shown[0] == "[]"  # none of them is imported to show the window
    assert shown[1] == "[]"  # every one of them is, once the library is listed
    assert int(shown[2]) > 0
