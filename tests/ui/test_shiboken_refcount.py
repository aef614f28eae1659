"""The app outlives a Qt binding that loses a reference to None on every void call."""

from __future__ import annotations

import subprocess
import sys

from council_app.ui.shiboken_refcount import SPARE_REFERENCES, protect_singletons

# Tens of thousands of calls: more than None, True or False hold on a fresh 3.11 interpreter,
# so under shiboken 6.12.0 without protection the child aborts with none_dealloc/bool_dealloc.
_LONG_SESSION = """
import sys
import council_app.ui
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Source(QObject):
    changed = Signal(int)

app = QApplication([])
label = QLabel()
source = Source()
source.changed.connect(lambda value: None)
for step in range(60_000):
    label.setText("rating")
    label.setEnabled(True)
    source.changed.emit(step)
print("survived")
"""


def test_a_long_session_of_qt_calls_does_not_free_none() -> None:
    run = subprocess.run(
        [sys.executable, "-c", _LONG_SESSION], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() == "survived"
    assert "dealloc" not in run.stderr


def test_the_singletons_are_protected_once() -> None:
    # The ui package protected them when it was imported; a second call adds nothing.
    assert sys.getrefcount(None) > SPARE_REFERENCES or sys.version_info >= (3, 12)
    before = sys.getrefcount(None)
    assert protect_singletons() is False
    assert sys.getrefcount(None) - before < SPARE_REFERENCES
