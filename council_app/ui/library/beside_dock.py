"""The dock a case is read in beside the one being worked on: a precedent from the workspace,
an agenda item's case from a sitting, any case of a read-only library.

Its own widget because opening a case beside is asked for from every tab, and the dock reads
the case itself (on the workers) and follows links between cases in it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl, Slot
from PySide6.QtWidgets import QDockWidget, QWidget

from council_app.case import Case
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.library.case_view import CaseView
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.window_geometry import place_inside

BESIDE_SIZE = QSize(560, 720)


class BesideDock(QDockWidget):
    def __init__(self, framework: Framework, workers: LibraryWorkers, window: QWidget) -> None:
        super().__init__("Beside the case", window)
        self.workers = workers
        self.window_ = window
        self.view = CaseView(framework)
        self.view.setObjectName("beside_view")
        self.view.setAccessibleName("Case opened beside")
        self.view.anchorClicked.connect(self.on_link)
        self.setObjectName("beside_dock")
        self.setWidget(self.view)
        self.setAccessibleName("Case opened beside the workspace")

    def open_case(self, case_id: str) -> None:
        """Read the case on a worker, then show it here (a floating dock on the window's
        screen, inside the window)."""

        def job(library: CaseLibrary | None) -> Case:
            assert library is not None
            return library.get_case(case_id)

        def done(case: object) -> None:
            assert isinstance(case, Case)
            self.view.show_case(case)
            self.setWindowTitle(f"Beside the case: {case.id}")
            if self.isFloating():
                place_inside(self, self.window_, BESIDE_SIZE)
            self.show()
            self.raise_()

        self.workers.submit("beside", job, done)

    @Slot(QUrl)
    def on_link(self, url: QUrl) -> None:
        if url.scheme() == "case":
            self.open_case(url.path())
