"""Preview a case's decision memo inside the app (QtPdf) and export it, internal or external.

The PDF is made by the same core function as ``council-app memo``, on a worker thread, so the
file exported here is byte for byte the one the command line writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Slot
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from council_app.errors import CouncilError
from council_app.ui.common.numbers import count_text
from council_app.ui.library.library_tasks import LibraryWorkers
from council_app.ui.window_geometry import place_inside

MEMO_SIZE = QSize(900, 1000)

VARIANT_LABELS = (
    ("internal", "Internal — with names"),
    ("external", "External — personal data left out"),
)


class MemoPreview(QDialog):
    def __init__(
        self, workers: LibraryWorkers, case_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workers = workers
        self.case_id = case_id
        self.pdf_bytes: bytes | None = None
        self._buffer: QBuffer | None = None
        self.setWindowTitle(f"Decision memo — {case_id}")
        self.setObjectName("memo_preview")
        # A page at a readable width, as tall as the owner's screen allows (not 1000 px on 768).
        place_inside(self, parent or self, MEMO_SIZE)

        self.variant = QComboBox()
        self.variant.setObjectName("memo_variant")
        for key, label in VARIANT_LABELS:
            self.variant.addItem(label, key)
        self.variant.setAccessibleName("Memo variant")
        self.variant.setAccessibleDescription(
            "Internal shows members' names; external leaves personal data out."
        )
        variant_label = QLabel("&Variant:")
        variant_label.setBuddy(self.variant)

        self.export_button = QPushButton("&Export PDF…")
        self.export_button.setObjectName("memo_export")
        self.export_button.setAccessibleName("Export the memo as a PDF file")
        self.export_button.setEnabled(False)
        self.status = QLabel("Rendering the memo…")
        self.status.setObjectName("memo_status")
        self.status.setAccessibleName("Memo status")

        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setObjectName("memo_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Memo preview")
        self.view.setAccessibleDescription("The decision memo as it will be printed.")

        bar = QHBoxLayout()
        bar.addWidget(variant_label)
        bar.addWidget(self.variant)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.variant.currentIndexChanged.connect(self.on_variant_changed)
        self.export_button.clicked.connect(self.on_export)
        self.workers.memo_rendered.connect(self.on_memo_rendered)
        self.workers.failed.connect(self.on_failed)
        self.request_render()

    @property
    def current_variant(self) -> str:
        return str(self.variant.currentData())

    def request_render(self) -> None:
        self.export_button.setEnabled(False)
        self.status.setText("Rendering the memo…")
        self.workers.render_memo(self.case_id, self.current_variant)

    @Slot(int)
    def on_variant_changed(self, _index: int) -> None:
        self.request_render()

    @Slot(str, str, bytes)
    def on_memo_rendered(self, case_id: str, variant: str, data: bytes) -> None:
        if case_id != self.case_id or variant != self.current_variant:
            return
        self.pdf_bytes = data
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.document.load(buffer)
        pages = self.document.pageCount()
        self.status.setText(f"{count_text(pages, 'page')}")
        self.export_button.setEnabled(True)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.status.setText("The memo could not be made.")
        QMessageBox.warning(self, "Decision memo", message)

    def export_to(self, path: Path) -> None:
        """Write the memo shown; the file dialog has already asked before replacing a file."""
        if self.pdf_bytes is None:
            return
        from council_app.memo import write_pdf  # reportlab is loaded when a memo is asked for

        try:
            write_pdf(path, self.pdf_bytes, force=True)
        except CouncilError as error:
            QMessageBox.warning(self, "Export memo", str(error))
            return
        self.status.setText(f"Exported to {path.name}")

    @Slot()
    def on_export(self) -> None:
        suffix = "" if self.current_variant == "internal" else "-external"
        file, _ = QFileDialog.getSaveFileName(
            self,
            "Export decision memo",
            str(Path.home() / f"{self.case_id}-memo{suffix}.pdf"),
            "PDF documents (*.pdf)",
        )
        if file:
            self.export_to(Path(file))

    def done(self, result: int) -> None:
        self.workers.memo_rendered.disconnect(self.on_memo_rendered)
        self.workers.failed.disconnect(self.on_failed)
        super().done(result)
