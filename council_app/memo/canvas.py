"""Every page of a memo: running header, "page x of y" and fingerprint footer, DRAFT mark.

reportlab draws a page before it knows how many pages there are; this canvas keeps each page's
state, and writes the page furniture when the document is saved and the count is known.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from council_app.memo.styles import MUTED, NAVY, RULE, WATERMARK, memo_styles


def page_canvas(header: str, footer_right: str, marking: str, draft: bool) -> type[Canvas]:
    """A canvas class bound to one memo's header, footer and marking."""

    class MemoCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in the embedded face, so that no page refers to an unembedded Helvetica.
            kwargs["initialFontName"] = memo_styles().font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furnish(total)
                super().showPage()
            super().save()

        def _furnish(self, total: int) -> None:
            font = memo_styles().font
            width, height = self._pagesize
            number = self._pageNumber
            self.saveState()
            if draft:
                self.setFillColor(WATERMARK)
                self.setFont(f"{font}-Bold", 110)
                self.translate(width / 2, height / 2)
                self.rotate(35)
                self.drawCentredString(0, -35, "DRAFT")
                self.rotate(-35)
                self.translate(-width / 2, -height / 2)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(20 * mm, 15 * mm, width - 20 * mm, 15 * mm)
            self.setFillColor(MUTED)
            self.setFont(font, 7.5)
            self.drawString(20 * mm, 11 * mm, f"Page {number} of {total}")
            self.drawRightString(width - 20 * mm, 11 * mm, marking)
            self.setFont(font, 6)
            self.drawString(20 * mm, 7.5 * mm, footer_right)
            if number > 1:
                self.setFont(font, 7.5)
                self.setFillColor(NAVY)
                self.drawString(20 * mm, height - 12 * mm, header)
                self.setFillColor(MUTED)
                self.drawRightString(width - 20 * mm, height - 12 * mm, marking)
                self.line(20 * mm, height - 14 * mm, width - 20 * mm, height - 14 * mm)
            self.restoreState()

    return MemoCanvas


def pdf_document(
    buffer: io.BytesIO,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    app_version: str,
    left_margin: float,
) -> SimpleDocTemplate:
    """An A4 document with the council's margins and metadata.

    Invariant mode leaves out the creation time and random ids, so that the same content
    always gives the same bytes and a memo can be checked by its hash.
    """
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=left_margin,
        rightMargin=left_margin,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        creator=f"Council Desk {app_version}",
        producer=f"Council Desk {app_version} (reportlab)",
        invariant=1,
    )
