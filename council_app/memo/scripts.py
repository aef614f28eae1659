"""Every script a memo or minutes may hold, set in a face that draws it, in the right direction.

reportlab sets a paragraph in the faces its markup names and has no fallback of its own: a
character the face lacks becomes an empty box, and its text layer a NUL. Every paragraph of the
memo and of the minutes is made by :class:`Paragraph` below, which first rewrites its markup:

- a run of characters the main face lacks is wrapped in ``<font face=…>`` for the first face
  of the chain that has them (:mod:`council_app.memo.fonts`);
- a character no face in the chain draws is shown as ``[U+XXXX]`` in the warning colour, so that
  a reader sees that something is missing, and what, rather than a blank;
- Arabic is joined (arabic-reshaper gives each letter its initial, medial, final or isolated
  form), in logical order, before the lines are broken.

It then draws each line in visual order (:mod:`council_app.memo.direction`), right-aligned when
the paragraph is right-to-left.

Why arabic-reshaper and not HarfBuzz, which reportlab can drive through uharfbuzz: reportlab
shapes a whole space-separated word in one direction, so a Hebrew name ending a sentence
("… שרה כהן.") would carry its full stop to the wrong side, and it cannot reorder lines without
``rlbidi`` (see :mod:`council_app.memo.direction`). Joining letters by table before line
breaking, and reordering after it, keeps reportlab's line breaking and gives correct lines
for Arabic, Persian and Urdu letters and Hebrew. What a table cannot do — Indic conjuncts,
mark positioning beyond the default — is outside the scripts the council writes in.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as _Paragraph

from council_app.memo.direction import draw_order, has_right_to_left, is_right_to_left
from council_app.memo.fonts import FAMILY, face_for

_TAG = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&(#?\w+);")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
MISSING_COLOUR = "#9a3412"  # styles.WARN: the colour the memo uses for what needs attention


@functools.cache
def _reshaper() -> Any:
    from arabic_reshaper import ArabicReshaper

    lam_alef = {
        "ARABIC LIGATURE LAM WITH ALEF": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW": True,
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE": True,
    }
    # Vowel marks are the writer's text: keep them. Of the ligatures only lam-alef, which Arabic
    # requires and DejaVu draws; the optional word ligatures (ﷺ…) DejaVu lacks.
    return ArabicReshaper({"delete_harakat": False, "support_ligatures": False, **lam_alef})


def _invisible(char: str) -> bool:
    """Joiners, variation selectors, direction marks: nothing to draw, and no face need have
    them (an emoji's VS16 would otherwise come out as a box of its own)."""
    return unicodedata.category(char) == "Cf" or "\ufe00" <= char <= "\ufe0f"


def set_in_faces(text: str) -> str:
    """Paragraph markup with each run the main face lacks wrapped in the face that draws it."""
    if text.isascii():
        return text
    return "".join(
        part if part.startswith("<") else _set_text(part) for part in _TAG.split(text) if part
    )


def _set_text(text: str) -> str:
    if _ARABIC.search(text):
        text = _reshaper().reshape(text)
    out: list[str] = []
    face = FAMILY
    for char in text:
        if char.isspace():
            # Every face has a space. Keeping it in the run's face keeps a right-to-left run
            # in one piece of the text layer, which is how readers (pypdf) find its order.
            wanted: str | None = face
        elif char.isascii():
            wanted = FAMILY
        elif _invisible(char):
            continue
        else:
            wanted = face_for(char)
            if unicodedata.category(char).startswith("M") and face_for(char) is None:
                continue  # a mark no face has: drop it rather than box it
        if wanted is None:
            out.append(_close(face) + _missing(char))
            face = FAMILY
            continue
        if wanted != face:
            out.append(_close(face) + (f'<font face="{wanted}">' if wanted != FAMILY else ""))
            face = wanted
        out.append(char)
    out.append(_close(face))
    return "".join(out)


def _close(face: str) -> str:
    return "</font>" if face != FAMILY else ""


def _missing(char: str) -> str:
    return f'<font color="{MISSING_COLOUR}">[U+{ord(char):04X}]</font>'


def plain_text(markup: str) -> str:
    """The characters of paragraph markup, for deciding its direction."""
    return _ENTITY.sub(" ", _TAG.sub("", markup))


class Paragraph(_Paragraph):
    """reportlab's paragraph, set in the fallback faces and drawn in visual order."""

    def __init__(self, text: str | None, style: Any = None, *args: Any, **kwargs: Any) -> None:
        # ``None`` is how reportlab's own split() makes the two halves, from broken lines.
        self.bidi: bool | None = None
        if text is not None:
            text = set_in_faces(text)
            plain = plain_text(text)
            if has_right_to_left(plain):
                self.bidi = is_right_to_left(plain)
                if self.bidi and style is not None and style.alignment == TA_LEFT:
                    style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        super().__init__(text, style, *args, **kwargs)

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts: list[Any] = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, Paragraph):
                part.bidi = self.bidi
        return parts

    def drawPara(self, debug: int = 0) -> Any:  # noqa: N802 - reportlab's name
        """Lines are broken in logical order (and split across pages so); drawn in visual."""
        if self.bidi is None:
            return super().drawPara(debug)
        logical: Any = getattr(self, "blPara")  # noqa: B009 - set by reportlab, untyped
        self.blPara = logical.clone(lines=draw_order(logical.lines, right_to_left=self.bidi))
        try:
            return super().drawPara(debug)
        finally:
            self.blPara = logical
