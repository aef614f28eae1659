"""What every section of a memo is written with: its styles, the shaded box of machine-drafted
text, grids, the letterhead's frame, and members' names as the variant may show them.

The sections themselves live in ``document`` (the case, its precedents, its provenance),
``rating_sections`` and ``decision_sections``; each builds on ``MemoLayout``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Table,
    TableStyle,
)

from council_app.case import Case
from council_app.framework import Framework
from council_app.library.confidentiality import class_label, class_of
from council_app.library.redaction import Redaction, case_people
from council_app.memo.content import MemoInput, Variant
from council_app.memo.outline import outlined
from council_app.memo.redacted import VARIANT_AUDIENCE, external_memo, memo_for_audience
from council_app.memo.scripts import Paragraph
from council_app.memo.styles import (
    MACHINE,
    MACHINE_EDGE,
    NAVY,
    RULE,
    SHADE,
    WARN,
    WARN_SHADE,
    Styles,
    memo_styles,
)
from council_app.scoring import (
    points_to_discuss,
)
from council_app.vocabulary import may_see

MACHINE_TAG = "DRAFTED AUTOMATICALLY FROM THE RATINGS"
FRAME_WIDTH = 170 * mm  # the text column: A4 less 20 mm margins, centred on Letter (canvas.py)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


class People:
    """Names as the variant may show them: in full internally, by the redaction rule externally.

    ``rule``: the document's one ``Redaction`` (see ``council_app.memo.redacted``), so that
    names read from the score get the aliases the redacted case already carries; without it,
    the rule knows the case's people and ``also`` (for example who recused).
    """

    def __init__(
        self,
        case: Case,
        variant: Variant,
        also: Sequence[str] = (),
        rule: Redaction | None = None,
    ) -> None:
        self.variant = variant
        self.rule = rule or Redaction([*case_people(case), *also])

    def __call__(self, name: str) -> str:
        return name if self.variant == "internal" else self.rule.alias(name)

    def redact(self, text: str) -> str:
        return text if self.variant == "internal" else self.rule.text(text)


def machine_box(s: Styles, paragraphs: Sequence[str], *, warning: bool = False) -> Flowable:
    """Machine-drafted text in its own shaded, tagged box.

    The box is kept whole on one page (its tag is never left alone at a page foot, nor its last
    line stranded overleaf); one too long for any page splits, and repeats its tag where it goes
    on, so that every part of it is still marked as drafted automatically.
    """
    cells: list[list[Any]] = [[Paragraph(MACHINE_TAG, s.machine_tag)]]
    cells += [[Paragraph(p, s.machine)] for p in paragraphs]
    table = Table(cells, colWidths=[FRAME_WIDTH], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.font),
                ("BACKGROUND", (0, 0), (-1, -1), WARN_SHADE if warning else MACHINE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN if warning else MACHINE_EDGE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([table])


def grid(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), memo_styles().font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY)]
    table.setStyle(TableStyle(style))
    return table


def letterhead_table(left: list[Flowable], right: list[Flowable]) -> Table:
    """The council's name on the left, what the document is on the right: memo and minutes."""
    table = Table([[left, right]], colWidths=[FRAME_WIDTH * 0.62, FRAME_WIDTH * 0.38])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), memo_styles().font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


class MemoLayout:
    """A memo being laid out: its content, variant, styles and section count."""

    def __init__(self, memo: MemoInput, variant: Variant) -> None:
        rule = None
        # First what the variant's readers may not see, then (externally) personal data.
        memo, self.withheld = memo_for_audience(memo, variant)
        if variant == "external":  # the whole content redacted by one rule, before layout
            memo, rule = external_memo(memo)
        self.memo = memo
        self.variant = variant
        self.s = memo_styles()
        self.case = memo.case
        self.framework: Framework = memo.framework
        self.people = People(memo.case, variant, [m for m, _ in memo.recusals], rule)
        self.section = 0

    # -- helpers -------------------------------------------------------------------------------

    def p(self, text: str, style: Any = None) -> Paragraph:
        return Paragraph(text, style or self.s.body)

    def heading(self, title: str) -> list[Flowable]:
        self.section += 1
        return [
            CondPageBreak(40 * mm),
            *outlined(
                Paragraph(f"{self.section}. {esc(title)}", self.s.h1), f"section-{self.section}"
            ),
            HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=5),
        ]

    def human(self, text: str, *, style: Any = None) -> list[Flowable]:
        paragraphs = [t for t in self.people.redact(text).split("\n") if t.strip()]
        return [self.p(esc(t), style) for t in paragraphs]

    def said(self, text: str) -> str:
        """Text written by people, escaped, with members' names hidden when they must be."""
        return esc(self.people.redact(text))

    def title(self, key: str) -> str:
        return self.framework.outcome_title(key)

    def council_view(self) -> str:
        """``median of 3 member assessments; Member D stood aside and is not counted``."""
        view = self.memo.score.council
        count = len(view.members)
        text = f"{view.method} of {count} member assessment{'s' if count != 1 else ''}"
        if view.stood_aside:
            aside = ", ".join(self.people(m) for m in view.stood_aside)
            verb = "is" if len(view.stood_aside) == 1 else "are"
            text += f"; {aside} stood aside and {verb} not counted"
        return text

    def counted(self, member: str) -> str:
        """A member's name, marked when their ratings are left out of the council view."""
        if member in self.memo.score.council.stood_aside:
            return f"{self.people(member)}, stood aside, not counted"
        return self.people(member)

    def member_red_lines(self) -> list[str]:
        """Red lines a member's own ratings meet and the council view's do not, in words."""
        return [
            f"<b>To discuss:</b> {self.said(point)}"
            for point in points_to_discuss(self.framework, self.memo.score.member_red_lines)
        ]

    def class_mark(self, stated: str, kind: str) -> str:
        """`` [Internal]`` after an item a reader of this version must not pass on beyond its
        class; "" for a public one, and for one whose text was left out (which says so)."""
        if not may_see(VARIANT_AUDIENCE[self.variant], class_of(stated, kind, self.framework)):
            return ""
        label = class_label(stated, kind, self.framework)
        return f" {esc(label)}" if label else ""

    def marking(self) -> str:
        if self.variant == "external":
            return "EXTERNAL VERSION — personal data left out"
        return "CONFIDENTIAL — INTERNAL"
