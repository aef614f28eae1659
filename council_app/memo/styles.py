"""The memo's look: one typeface, a navy and gold palette, and a handful of paragraph styles."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from council_app.memo.fonts import register_fonts

NAVY = colors.HexColor("#1f3b5c")
GOLD = colors.HexColor("#c9921a")
INK = colors.HexColor("#1d232b")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#c8d0da")
SHADE = colors.HexColor("#f2f5f9")
MACHINE = colors.HexColor("#eef3f8")
MACHINE_EDGE = colors.HexColor("#7f9bb8")
WARN = colors.HexColor("#9a3412")
WARN_SHADE = colors.HexColor("#fdf2e9")
WATERMARK = colors.Color(0.85, 0.2, 0.2, alpha=0.09)


@dataclass(frozen=True)
class Styles:
    font: str
    council: ParagraphStyle
    letterhead: ParagraphStyle
    memo_label: ParagraphStyle
    meta: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    machine_tag: ParagraphStyle
    machine: ParagraphStyle
    quote: ParagraphStyle
    attribution: ParagraphStyle
    outcome: ParagraphStyle
    lead: ParagraphStyle


@functools.cache
def memo_styles() -> Styles:
    font = register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=9.5,
        leading=13.5,
        textColor=INK,
        alignment=TA_LEFT,
        splitLongWords=1,
        spaceAfter=5,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return Styles(
        font=font,
        council=derive("council", fontSize=16, leading=20, textColor=NAVY, fontName=f"{font}-Bold"),
        letterhead=derive("letterhead", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=0),
        memo_label=derive(
            "memo_label", fontSize=10, leading=13, textColor=NAVY, fontName=f"{font}-Bold",
            alignment=TA_RIGHT, spaceAfter=0,
        ),
        meta=derive("meta", fontSize=8, leading=10.5, textColor=MUTED, alignment=TA_RIGHT, spaceAfter=0),
        title=derive("title", fontSize=14, leading=18, fontName=f"{font}-Bold", spaceBefore=4, spaceAfter=4),
        h1=derive(
            "h1", fontSize=11.5, leading=15, textColor=NAVY, fontName=f"{font}-Bold",
            spaceBefore=12, spaceAfter=5, keepWithNext=1,
        ),
        h2=derive(
            "h2", fontSize=9.5, leading=13, textColor=NAVY, fontName=f"{font}-Bold",
            spaceBefore=6, spaceAfter=2, keepWithNext=1,
        ),
        body=base,
        small=derive("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=3),
        cell=derive("cell", fontSize=8.5, leading=11, spaceAfter=0),
        cell_bold=derive("cell_bold", fontSize=8.5, leading=11, spaceAfter=0, fontName=f"{font}-Bold"),
        cell_head=derive(
            "cell_head", fontSize=7.5, leading=10, spaceAfter=0, textColor=MUTED, fontName=f"{font}-Bold"
        ),
        machine_tag=derive(
            "machine_tag", fontSize=6.5, leading=8, textColor=MACHINE_EDGE, fontName=f"{font}-Bold",
            spaceAfter=1,
        ),
        machine=derive("machine", fontSize=9, leading=12.5, spaceAfter=0),
        quote=derive("quote", leftIndent=12, fontName=f"{font}-Italic", spaceAfter=1),
        attribution=derive("attribution", leftIndent=12, fontSize=8, textColor=MUTED, spaceAfter=6),
        outcome=derive("outcome", fontSize=13, leading=17, fontName=f"{font}-Bold", textColor=NAVY, spaceAfter=2),
        lead=derive("lead", fontSize=10, leading=14.5, textColor=MUTED, spaceAfter=6),
    )  # fmt: skip
