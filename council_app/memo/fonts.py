"""The memo's typefaces: DejaVu Sans, then a chain of fallback faces for the scripts it lacks.

DejaVu Sans covers Latin, Greek, Cyrillic, Hebrew and Arabic (with Arabic's presentation forms).
The council's customers, places and stakeholders are also written in Chinese, Japanese and
Korean, and people paste emoji; for those the chain goes on, in this order:

- Droid Sans Fallback (Apache-2.0, 4 MB): about 21,000 Han ideographs, kana, CJK punctuation.
- NanumSquare Regular (OFL-1.1, 0.7 MB): all 11,172 Hangul syllables, which Droid lacks.
- Symbola (free for any use, 3 MB): monochrome emoji and pictographs (Unicode 9).

All three are bundled rather than looked up on the member's laptop: a laptop may have none
(fontconfig is not on Windows or macOS, where CJK comes as TTC or CFF-flavoured OpenType that
reportlab cannot embed, and colour emoji are bitmaps it cannot draw either), and a bundled chain
gives the same bytes for the same memo on every installation, not only on one. Each is a
TrueType-outline font, the only kind reportlab embeds. Noto Sans CJK, the obvious choice, is
CFF-flavoured and so out. The files and their digests are part of every memo's fingerprint
(:func:`typefaces`), so that a changed font cannot pass for the same memo.
"""

from __future__ import annotations

import functools
import hashlib
import io
import unicodedata
from dataclasses import dataclass
from typing import Any

from council_app import resources

FAMILY = "CouncilSans"
FACES = {
    FAMILY: "fonts/DejaVuSans.ttf",
    f"{FAMILY}-Bold": "fonts/DejaVuSans-Bold.ttf",
    f"{FAMILY}-Italic": "fonts/DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldItalic": "fonts/DejaVuSans-BoldOblique.ttf",
}
# Tried in this order for a character the main face lacks. Each has one weight: bold and italic
# text in these scripts is set upright and regular rather than not at all. DejaVu's oblique
# faces lack Arabic (and its bold a few symbols) that its regular face has: such characters
# are set in the regular face, registered again under its own name, because a reportlab font
# name belongs to one family only.
UPRIGHT = f"{FAMILY}Upright"
FALLBACKS = {
    UPRIGHT: FACES[FAMILY],
    "CouncilHan": "fonts/DroidSansFallbackFull.ttf",
    "CouncilHangul": "fonts/NanumSquareR.ttf",
    "CouncilSymbols": "fonts/Symbola_hint.ttf",
}


@dataclass(frozen=True)
class Typeface:
    """A font file as a memo records it: which file, and exactly which bytes."""

    file: str
    sha256: str


def _embedded_face() -> type[Any]:
    """reportlab's TrueType font, with a text layer that reads back as what was written.

    reportlab writes each glyph's ToUnicode entry as the character it was set from, which is
    wrong twice for this memo: a character beyond U+FFFF (emoji, rare Han) is written as five
    hex digits instead of a UTF-16 surrogate pair, so a reader copies garbage; and Arabic is set
    in its presentation forms (the joined shapes), which should read back as the letters typed.
    The subsets are rewritten here, after reportlab has made them, glyph by glyph.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    class EmbeddedFace(TTFont):
        def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
            state = self.state.get(doc)
            subsets = [list(s) for s in state.subsets] if state else []
            names = [self.getSubsetInternalName(n, doc)[1:] for n in range(len(subsets))]
            super().addObjects(doc)
            fonts = doc.idToObject["BasicFonts"].dict
            for name, subset in zip(names, subsets, strict=True):
                stream = doc.idToObject[fonts[name].ToUnicode.name]
                stream.content = _readable_cmap(stream.content, subset)

    return EmbeddedFace


def _readable_cmap(content: str, subset: list[int]) -> str:
    for code, char in enumerate(subset):
        text = text_of(chr(char))
        if text != chr(char) or char > 0xFFFF:
            wrong = f"<{code:02X}> <{char:04X}>"
            right = f"<{code:02X}> <{text.encode('utf-16-be').hex().upper()}>"
            content = content.replace(wrong, right, 1)
    return content


def text_of(char: str) -> str:
    """What a glyph set for ``char`` stands for: an Arabic presentation form, its letters."""
    if "\ufb50" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff":
        return unicodedata.normalize("NFKC", char)
    return char


def _register(name: str, path: str) -> Any:
    from reportlab.pdfbase import pdfmetrics

    face = _embedded_face()(name, io.BytesIO(resources.read_bytes(path)))
    pdfmetrics.registerFont(face)
    return face


@functools.cache
def register_fonts() -> str:
    """Register the four faces once per process; returns the family name for styles."""
    from reportlab.lib.fonts import addMapping

    for name, path in FACES.items():
        _register(name, path)
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY


@functools.cache
def main_coverage() -> frozenset[int]:
    """The code points all four faces of the main family draw, in any weight and slant."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    faces = [frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in FACES]
    return frozenset.intersection(*faces)


@functools.cache
def fallback_coverage() -> tuple[tuple[str, frozenset[int]], ...]:
    """The fallback faces, registered when a memo first needs one (a Latin memo never does:
    parsing 28,000 Han glyphs takes longer than rendering a memo)."""
    from reportlab.lib.fonts import addMapping

    chain = []
    for name, path in FALLBACKS.items():
        face = _register(name, path)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        chain.append((name, frozenset(face.face.charToGlyph)))
    return tuple(chain)


def face_for(char: str) -> str | None:
    """The face a character is set in: the main one if it can, else the first fallback that
    has it; None if no face in the chain draws it."""
    code = ord(char)
    if code in main_coverage():
        return FAMILY
    for name, coverage in fallback_coverage():
        if code in coverage:
            return name
    return None


@functools.cache
def typefaces() -> tuple[Typeface, ...]:
    """Every font file a memo may be set in, with its digest, for the memo's fingerprint."""
    return tuple(
        Typeface(path.rsplit("/", 1)[-1], hashlib.sha256(resources.read_bytes(path)).hexdigest())
        for path in dict.fromkeys([*FACES.values(), *FALLBACKS.values()])
    )
