"""The screenshots in docs/screenshots: every tab, at two laptop sizes, in every theme.

    .venv/bin/python scripts/screenshots.py                 # into docs/screenshots
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --sizes 1366x768

It builds a demo library in a temporary folder with one sitting (three cases on its agenda),
opens the real main window offscreen at each size and theme, and saves the library, the
sittings, the re-review tab, a case in the workspace and its precedents. Everything is driven
by timers inside app.exec(), as a member's clicks would be: the window's workers report back
through the event loop, and a screenshot is taken only once what it shows has arrived.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="council-desk-shots-"))
os.environ["COUNCIL_APP_DATA_DIR"] = str(_SANDBOX / "data")  # never the user's settings

# A tool of the GUI, so it may use Qt; council_app.ui protects None before the first widget
# (see shiboken_refcount).
from PySide6.QtCore import QTimer  # noqa: E402, TID251
from PySide6.QtWidgets import QApplication  # noqa: E402, TID251

from council_app.council import sessions  # noqa: E402
from council_app.library import CaseLibrary, import_document  # noqa: E402
from council_app.library.demo import demo_document  # noqa: E402
from council_app.ui.main_window import MainWindow  # noqa: E402
from council_app.ui.theme import apply_theme  # noqa: E402
from council_app.ui.workspace.precedents_page import PrecedentsPage  # noqa: E402

THEMES = ("light", "dark", "high_contrast")
CASE = "EUC-2025-011"
AGENDA = ("EUC-2026-014", "EUC-2026-022", "EUC-2026-030")
POLL_MS = 100
PATIENCE_MS = 20_000


def demo_library(folder: Path) -> Path:
    path = folder / "demo.sqlite"
    with CaseLibrary.open(path) as library:
        import_document(library, demo_document())
        sitting = sessions.create_session(library, "December sitting", date(2026, 12, 10))
        for case_id in AGENDA:
            sessions.add_to_agenda(library, sitting, case_id, minutes=20)
    return path


class Photographer:
    """Steps through the shots; each waits until its screen shows what it should."""

    def __init__(
        self, app: QApplication, library: Path, out: Path, sizes: list[tuple[int, int]]
    ) -> None:
        self.app = app
        self.library = library
        self.out = out
        self.plan = [(theme, size) for theme in THEMES for size in sizes]
        self.window: MainWindow | None = None
        self.saved: list[Path] = []
        self.failed: list[str] = []

    def start(self) -> None:
        QTimer.singleShot(0, self.next_window)

    def next_window(self) -> None:
        if self.window is not None:
            self.window.workers.wait()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if not self.plan:
            self.app.quit()
            return
        theme, (width, height) = self.plan.pop(0)
        apply_theme(self.app, theme)
        window = MainWindow(self.library)
        window.resize(width, height)
        window.show()
        self.window = window
        tag = f"{width}-{theme.replace('_', '-')}"
        steps: list[tuple[str, Callable[[], None], Callable[[], bool]]] = [
            (
                "library",
                lambda: window.tabs.setCurrentIndex(0),
                lambda: window.model.rowCount() > 0,
            ),
            ("sittings", self._to_sitting, self._agenda_shown),
            ("re-review", lambda: window.show_page(window.review), lambda: True),
            ("workspace", lambda: window.open_case(CASE), self._workspace_scored),
            ("precedents", self._to_precedents, self._precedents_found),
        ]
        self._run(steps, tag)

    def _to_sitting(self) -> None:
        assert self.window is not None
        self.window.show_page(self.window.sittings)
        page = self.window.sittings.page

        def choose() -> None:
            if page.sittings_model.rowCount():
                page.sittings_list.setCurrentIndex(page.sittings_model.index(0, 0))
            else:
                QTimer.singleShot(POLL_MS, choose)

        choose()

    def _agenda_shown(self) -> bool:
        assert self.window is not None
        return self.window.sittings.page.agenda_table.model().rowCount() == len(AGENDA)

    def _workspace_scored(self) -> bool:
        assert self.window is not None
        workspace = self.window.current_workspace()
        return workspace is not None and workspace.score is not None

    def _to_precedents(self) -> None:
        assert self.window is not None
        workspace = self.window.current_workspace()
        assert workspace is not None
        workspace.go_to("precedents")

    def _precedents_found(self) -> bool:
        assert self.window is not None
        workspace = self.window.current_workspace()
        if workspace is None:
            return False
        page = workspace.page("precedents")
        assert isinstance(page, PrecedentsPage)
        return page.list.count() > 0

    def _run(
        self, steps: list[tuple[str, Callable[[], None], Callable[[], bool]]], tag: str
    ) -> None:
        if not steps:
            QTimer.singleShot(0, self.next_window)
            return
        name, act, ready = steps[0]
        act()
        waited = 0

        def look() -> None:
            nonlocal waited
            assert self.window is not None
            if not ready() and waited < PATIENCE_MS:
                waited += POLL_MS
                QTimer.singleShot(POLL_MS, look)
                return
            if waited >= PATIENCE_MS:
                self.failed.append(f"{name}-{tag}: not ready after {PATIENCE_MS} ms")
            # One more turn of the loop lets the last answer paint.
            QTimer.singleShot(300, lambda: self._take(name, tag, steps))

        QTimer.singleShot(POLL_MS, look)

    def _take(
        self, name: str, tag: str, steps: list[tuple[str, Callable[[], None], Callable[[], bool]]]
    ) -> None:
        assert self.window is not None
        path = self.out / f"{name}-{tag}.png"
        self.window.grab().save(str(path))
        _shrink(path)
        self.saved.append(path)
        self._run(steps[1:], tag)


def _shrink(path: Path) -> None:
    """A palette of 256 colours: the screens are flat colours and anti-aliased text, so a
    shot keeps its look at a third of the size (thirty of them live in the repository)."""
    from PIL import Image  # reportlab's dependency, so always installed

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256)
    small.save(path, optimize=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--sizes", default="1366x768,1920x1080")
    args = parser.parse_args()
    sizes = [tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    library = demo_library(_SANDBOX)
    photographer = Photographer(app, library, args.out, [(w, h) for w, h in sizes])
    photographer.start()
    app.exec()
    for path in photographer.saved:
        print(path)
    for problem in photographer.failed:
        print("not ready:", problem, file=sys.stderr)
    return 1 if photographer.failed else 0


if __name__ == "__main__":
    sys.exit(main())
