"""A 1366×768 laptop screen for GUI tests, and the check that a window fits it.

Qt's offscreen platform takes a JSON file naming its screens
(``QT_QPA_PLATFORM=offscreen:configfile=FILE``); the platform is chosen when the QApplication
is made, once per process, so a test on the small screen runs pytest again in a subprocess
(:func:`run_on_small_screen`). :func:`assert_fits_small_screen` works on any screen: it checks
a window against 1366×768, and against its own screen when that is the small one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

SMALL_SCREEN = QRect(0, 0, 1366, 768)
# Set in the subprocess: the configuration file of its offscreen screen.
SMALL_SCREEN_VARIABLE = "COUNCIL_TEST_SMALL_SCREEN"
REPOSITORY = Path(__file__).resolve().parents[2]


def on_small_screen() -> bool:
    return SMALL_SCREEN_VARIABLE in os.environ


def use_small_screen_if_asked() -> None:
    """In the subprocess, before the QApplication exists: the offscreen platform with one
    1366×768 screen (tests/conftest.py sets plain offscreen first)."""
    config = os.environ.get(SMALL_SCREEN_VARIABLE)
    if config:
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def run_on_small_screen(test_file: Path, tmp_path: Path, tests: str = "") -> None:
    """Run the tests of ``test_file`` (or those matching ``-k tests``) in a pytest subprocess
    whose only screen is 1366×768; fail with its output if any fails."""
    config = tmp_path / "small-screen.json"
    geometry = {"x": 0, "y": 0, "width": SMALL_SCREEN.width(), "height": SMALL_SCREEN.height()}
    screen = {"name": "laptop", **geometry, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)]
    if tests:
        command += ["-k", tests]
    env = {**os.environ, SMALL_SCREEN_VARIABLE: str(config)}
    result = subprocess.run(
        command, cwd=REPOSITORY, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " skipped" not in result.stdout, result.stdout


def assert_fits_small_screen(widget: QWidget) -> None:
    """The window (frame included), and its minimum size, fit a 1366×768 screen; on that
    screen, the window lies inside the screen's available geometry."""
    window = widget.window()
    frame = window.frameGeometry()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    name = window.objectName() or type(window).__name__
    assert frame.width() <= SMALL_SCREEN.width(), f"{name} is {frame.width()} px wide"
    assert frame.height() <= SMALL_SCREEN.height(), f"{name} is {frame.height()} px tall"
    assert minimum.width() <= SMALL_SCREEN.width(), f"{name} needs {minimum.width()} px"
    assert minimum.height() <= SMALL_SCREEN.height(), f"{name} needs {minimum.height()} px"
    screen = window.screen()
    if on_small_screen() and screen is not None:
        room = screen.availableGeometry()
        assert room.contains(frame), f"{name} at {frame} is not inside the screen {room}"
