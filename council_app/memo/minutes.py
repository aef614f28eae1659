"""Session minutes: one document for the decisions the council took at one sitting.

A sitting is, for now, the decisions recorded on one date; the members present are those who
voted. The minutes list attendance, then each case with the framework's recommendation, the
decision, the votes and any dissent, and carry a fingerprint of all the case records together.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from council_app import __version__
from council_app.case import Case
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.memo.canvas import page_canvas
from council_app.memo.content import MemoSettings, Variant
from council_app.memo.document import FRAME_WIDTH, PAGE_MARGIN, People, esc, grid, machine_box
from council_app.memo.fingerprint import case_fingerprint
from council_app.memo.styles import NAVY, RULE, memo_styles
from council_app.scoring import score_case


@dataclass(frozen=True)
class MinutesInput:
    sitting: date
    cases: tuple[Case, ...]
    settings: MemoSettings
    framework: Framework

    @property
    def attendance(self) -> tuple[str, ...]:
        names: list[str] = []
        for case in self.cases:
            if case.decision:
                names += [v.member for v in case.decision.votes]
        return tuple(dict.fromkeys(names))

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for case in sorted(self.cases, key=lambda c: c.id):
            digest.update(case_fingerprint(case).encode())
        return digest.hexdigest()


def minutes_for_date(
    cases: Sequence[Case], sitting: date, settings: MemoSettings, framework: Framework
) -> MinutesInput:
    decided = tuple(
        sorted((c for c in cases if c.decision and c.decision.date == sitting), key=lambda c: c.id)
    )
    if not decided:
        raise CouncilError(
            f"No decision was recorded on {sitting.isoformat()}; no minutes to write."
        )
    return MinutesInput(sitting, decided, settings, framework)


def render_minutes(minutes: MinutesInput, *, variant: Variant = "internal") -> bytes:
    s = memo_styles()
    framework = minutes.framework
    marking = (
        "EXTERNAL VERSION — personal data left out"
        if variant == "external"
        else "CONFIDENTIAL — INTERNAL"
    )
    story: list[Flowable] = []
    head = Table(
        [[
            [Paragraph(esc(minutes.settings.council_name), s.council)]
            + ([Paragraph(esc(minutes.settings.letterhead), s.letterhead)] if minutes.settings.letterhead else []),
            [Paragraph("MINUTES", s.memo_label), Paragraph(f"Sitting of {minutes.sitting.isoformat()}", s.meta),
             Paragraph(esc(marking), s.meta)],
        ]],
        colWidths=[FRAME_WIDTH * 0.62, FRAME_WIDTH * 0.38],
    )  # fmt: skip
    head.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), s.font), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    story += [head, HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=10)]
    story.append(Paragraph(f"Minutes of the sitting of {minutes.sitting.isoformat()}", s.title))
    attendance = minutes.attendance
    if variant == "internal":
        story.append(
            Paragraph(f"<b>Present ({len(attendance)}):</b> {esc(', '.join(attendance))}", s.body)
        )
    else:
        story.append(
            Paragraph(f"<b>Present:</b> {len(attendance)} members (names left out).", s.body)
        )
    story.append(Paragraph(f"<b>Cases decided:</b> {len(minutes.cases)}", s.body))

    overview: list[list[Any]] = [
        [Paragraph(h, s.cell_head) for h in ("Case", "Recommendation", "Decision")]
    ]
    scores = {c.id: score_case(framework, c, draws=500) for c in minutes.cases}
    for case in minutes.cases:
        rec = scores[case.id].scoring
        assert case.decision is not None
        overview.append([
            Paragraph(f"<b>{esc(case.id)}</b><br/>{esc(case.title)}", s.cell),
            Paragraph(f"{esc(framework.outcome_title(rec.recommendation.outcome))}"
                      + (f" ({rec.shown_index})" if rec.shown_index is not None else ""), s.cell),
            Paragraph(esc(framework.outcome_title(case.decision.outcome)), s.cell_bold),
        ])  # fmt: skip
    story += [Spacer(1, 6), grid(overview, [100 * mm, 40 * mm, 30 * mm]), Spacer(1, 8)]

    for number, case in enumerate(minutes.cases, 1):
        d = case.decision
        assert d is not None
        people = People(case, variant)
        score = scores[case.id]
        story.append(Paragraph(f"{number}. {esc(case.id)} — {esc(case.title)}", s.h1))
        story.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=4))
        if case.question:
            story.append(Paragraph(f"<b>Question:</b> {esc(people.redact(case.question))}", s.body))
        story.append(machine_box(s, [esc(score.scoring.recommendation.reason)]))
        story.append(Spacer(1, 4))
        story.append(Paragraph(f"Decision: {esc(framework.outcome_title(d.outcome))}", s.outcome))
        if d.rationale:
            rationale = people.redact(d.rationale)
            story += [Paragraph(esc(p), s.body) for p in rationale.split("\n") if p.strip()]
        if d.votes:
            if variant == "internal":
                votes = "; ".join(
                    f"{esc(v.member)}: {esc(_vote(framework, v.vote))}" for v in d.votes
                )
            else:
                counts: dict[str, int] = {}
                for v in d.votes:
                    counts[v.vote] = counts.get(v.vote, 0) + 1
                votes = "; ".join(f"{esc(_vote(framework, k))}: {n}" for k, n in counts.items())
            story.append(Paragraph(f"<b>Votes:</b> {votes}", s.body))
        for dissent in d.dissent:
            story.append(Paragraph(f"“{esc(people.redact(dissent.text))}”", s.quote))
            story.append(Paragraph(f"— {esc(people(dissent.member))}", s.attribution))
        if d.conditions:
            story.append(Paragraph(f"<b>Conditions:</b> {len(d.conditions)}; review by "
                                   f"{d.review_by.isoformat() if d.review_by else 'not set'}.", s.body))  # fmt: skip
    story.append(Spacer(1, 10))
    story.append(Paragraph(
        f"Recommendations in shaded boxes were drafted automatically from the ratings by Council Desk "
        f"{esc(__version__)}; everything else was written by the council. Fingerprint (SHA-256 of "
        f"the case records): <font size='8'>{minutes.fingerprint}</font>.", s.small))  # fmt: skip

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=PAGE_MARGIN, rightMargin=PAGE_MARGIN, topMargin=20 * mm,
        bottomMargin=20 * mm, title=f"Minutes of the sitting of {minutes.sitting.isoformat()}",
        author=minutes.settings.council_name, subject="Council session minutes",
        keywords=", ".join(["minutes", *(c.id for c in minutes.cases), variant]),
        creator=f"Council Desk {__version__}", invariant=1,
    )  # fmt: skip
    canvas_class = page_canvas(
        header=f"{minutes.settings.council_name} · Minutes {minutes.sitting.isoformat()}",
        footer_right=f"Fingerprint SHA-256 {minutes.fingerprint}",
        marking=marking,
        draft=False,
    )
    document.build(story, canvasmaker=canvas_class)
    return buffer.getvalue()


def _vote(framework: Framework, vote: str) -> str:
    return "Abstain" if vote == "abstain" else framework.outcome_title(vote)
