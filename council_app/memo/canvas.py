"""Every page of a memo: running header, "page x of y" and fingerprint footer, DRAFT mark.

reportlab draws a page before it knows how many pages there are; this canvas keeps each page's
state, and writes the page furniture when the document is saved and the count is known.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from council_app.memo.archive import for_the_archive
from council_app.memo.layout import FRAME_WIDTH
from council_app.memo.scripts import Paragraph
from council_app.memo.styles import MUTED, NAVY, RULE, memo_styles
from council_app.memo.watermark import draw_draft_mark

# The sizes a library may choose (council_app.council.settings.PAGE_SIZES), in points.
PAGE_SIZES = {"A4": A4, "Letter": LETTER}
# reportlab's frame pads its content by 6 points on each side; the margins give that back, so
# that the text column is exactly FRAME_WIDTH wide and lines up with the header and footer.
FRAME_PADDING = 6


def page_size(name: str) -> tuple[float, float]:
    width, height = PAGE_SIZES.get(name, A4)
    return float(width), float(height)


def column_left(name: str) -> float:
    """Where the text column starts: the column keeps its width and is centred on the page, so
    that every table laid out for it fits A4 (20 mm margins) and Letter (about 23 mm) alike."""
    return (page_size(name)[0] - float(FRAME_WIDTH)) / 2


@dataclass(frozen=True)
class DocumentInfo:
    """What a memo or minutes say about themselves: their metadata, date, language, paper."""

    title: str
    author: str
    subject: str
    keywords: str
    app_version: str
    dated: date  # the creation date: the memo's date, never the clock, so the bytes stay
    language: str = "en"
    page_size: str = "A4"


def page_canvas(
    header: str, footer_right: str, marking: str, draft: bool, paper: str = "A4"
) -> type[Canvas]:
    """A canvas class bound to one memo's header, footer and marking."""
    left = column_left(paper)

    class MemoCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Start in the embedded face, so that no page refers to an unembedded Helvetica.
            kwargs["initialFontName"] = memo_styles().font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._first_page = self._doc.pageCounter

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()
            # Bookmarks and link targets name their page by the document's page counter, which
            # reportlab moves on only when a page is written; the pages are written at save,
            # so it is moved on here and wound back there, or every target would be page 1.
            self._doc.pageCounter += 1

        def save(self) -> None:
            total = len(self._pages)
            self._doc.pageCounter = self._first_page
            for state in self._pages:
                self.__dict__.update(state)
                self._furnish(total)
                super().showPage()
            super().save()

        def _running_header(self, text: str, x: float, baseline: float, room: float) -> None:
            """The header carries the council's name, which may be in any script: it is set
            as a memo paragraph (font fallback, right-to-left) on the header's baseline."""
            style = ParagraphStyle(
                "running_header",
                fontName=memo_styles().font,
                fontSize=7.5,
                leading=9,
                textColor=NAVY,
            )
            line = Paragraph(html.escape(text, quote=False), style)
            _, tall = line.wrap(max(room - 12, 40), 9)
            # reportlab sets a paragraph's first baseline one font size below its top.
            line.drawOn(self, x, baseline - (tall - style.fontSize))

        def _furnish(self, total: int) -> None:
            font = memo_styles().font
            width, height = self._pagesize
            right = width - left
            number = self._pageNumber
            self.saveState()
            if draft:
                draw_draft_mark(self, width, height)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, 15 * mm, right, 15 * mm)
            self.setFillColor(MUTED)
            self.setFont(font, 7.5)
            self.drawString(left, 11 * mm, f"Page {number} of {total}")
            self.drawRightString(right, 11 * mm, marking)
            self.setFont(font, 6)
            self.drawString(left, 7.5 * mm, footer_right)
            if number > 1:
                self._running_header(
                    header, left, height - 12 * mm, right - left - stringWidth(marking, font, 7.5)
                )
                self.setFillColor(MUTED)
                self.setFont(font, 7.5)
                self.drawRightString(right, height - 12 * mm, marking)
                self.line(left, height - 14 * mm, right, height - 14 * mm)
            self.restoreState()

    return MemoCanvas


def pdf_document(buffer: io.BytesIO, info: DocumentInfo) -> SimpleDocTemplate:
    """A document on the library's paper with the council's margins and metadata.

    Invariant mode leaves out the creation time and random ids, so that the same content
    always gives the same bytes and a memo can be checked by its hash.
    """
    margin = column_left(info.page_size) - FRAME_PADDING
    return SimpleDocTemplate(
        buffer,
        pagesize=page_size(info.page_size),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.keywords,
        creator=f"Council Desk {info.app_version}",
        producer=f"Council Desk {info.app_version} (reportlab, pikepdf)",
        invariant=1,
    )


def build_pdf(story: list[Flowable], info: DocumentInfo, canvas_class: type[Canvas]) -> bytes:
    """Lay the story out and make the file fit for the archive (see :mod:`.archive`)."""
    buffer = io.BytesIO()
    pdf_document(buffer, info).build(story, canvasmaker=canvas_class)
    return for_the_archive(buffer.getvalue(), dated=info.dated, language=info.language)
