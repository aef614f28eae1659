"""The DRAFT mark across a draft page, drawn as shapes.

Drawn as text, the mark's five letters were read into the page's text by every extractor and
screen reader, scattered among the memo's own words. As strokes they are only seen; the word
"DRAFT" that a reader should hear is in the letterhead and the footer of every page.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from council_app.memo.styles import WATERMARK

CAP = 80.0  # cap height in points, as the 110-point bold letters were
STROKE = 15.0
WIDTH = 52.0  # of one letter's centre lines
GAP = 26.0  # between the centre lines of neighbouring letters


def _letters(canvas: Canvas) -> object:
    """D, R, A, F and T as centre lines of one path, side by side from x = 0."""
    path = canvas.beginPath()
    h, w = CAP, WIDTH
    x = 0.0
    # D: a stem and a bowl.
    path.moveTo(x, 0)
    path.lineTo(x, h)
    path.lineTo(x + w * 0.4, h)
    path.curveTo(x + w * 1.1, h, x + w * 1.1, 0, x + w * 0.4, 0)
    path.close()
    x += w + GAP
    # R: a stem, an upper bowl and a leg.
    path.moveTo(x, 0)
    path.lineTo(x, h)
    path.lineTo(x + w * 0.5, h)
    path.curveTo(x + w * 1.02, h, x + w * 1.02, h * 0.45, x + w * 0.5, h * 0.45)
    path.lineTo(x, h * 0.45)
    path.moveTo(x + w * 0.45, h * 0.45)
    path.lineTo(x + w, 0)
    x += w + GAP
    # A: two slanted strokes and a bar.
    path.moveTo(x, 0)
    path.lineTo(x + w / 2, h)
    path.lineTo(x + w, 0)
    path.moveTo(x + w * 0.2, h * 0.32)
    path.lineTo(x + w * 0.8, h * 0.32)
    x += w + GAP
    # F: a stem, a top bar and a middle bar.
    path.moveTo(x, 0)
    path.lineTo(x, h)
    path.lineTo(x + w * 0.9, h)
    path.moveTo(x, h * 0.52)
    path.lineTo(x + w * 0.75, h * 0.52)
    x += w + GAP
    # T: a bar and a stem.
    path.moveTo(x - w * 0.1, h)
    path.lineTo(x + w * 0.9, h)
    path.moveTo(x + w * 0.4, h)
    path.lineTo(x + w * 0.4, 0)
    return path


def draw_draft_mark(canvas: Canvas, width: float, height: float) -> None:
    """The mark, turned 35 degrees about the centre of a page of the given size.

    The letters are one path stroked once, so that where strokes meet the tint does not
    darken (each stroke of its own would lay its transparency over the last).
    """
    span = 5 * WIDTH + 4 * GAP
    canvas.saveState()
    canvas.setStrokeColor(WATERMARK)
    canvas.setLineWidth(STROKE)
    canvas.setLineJoin(0)
    canvas.setMiterLimit(1.6)  # the apex of the A is bevelled rather than a long spike
    canvas.setLineCap(0)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(35)
    canvas.translate(-span / 2, -CAP / 2)
    canvas.drawPath(_letters(canvas), stroke=1, fill=0)
    canvas.restoreState()
