"""Session minutes: one document for the decisions the council took at one sitting.

A sitting is either one recorded in the library (with its attendance, agenda and recusals) or,
for a library without sittings on record, the decisions of one date, whose voters are taken as
present. The minutes list attendance, then each case with the framework's recommendation, the
decision, the votes and any dissent, and carry a fingerprint of all the case records together.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from council_app import __version__
from council_app.case import Case
from council_app.council.scoring_context import scoring_context
from council_app.council.settings import CouncilSettings
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo.canvas import DocumentInfo, build_pdf, page_canvas
from council_app.memo.content import Variant
from council_app.memo.document import FRAME_WIDTH, People, esc, grid, machine_box
from council_app.memo.fingerprint import case_fingerprint
from council_app.memo.outline import outlined
from council_app.memo.scripts import Paragraph
from council_app.memo.styles import NAVY, RULE, memo_styles
from council_app.scoring import CaseScore
from council_app.vocabulary import vote_title


@dataclass(frozen=True)
class MinutesInput:
    sitting: date
    cases: tuple[Case, ...]
    settings: CouncilSettings
    framework: Framework
    title: str = ""
    present: tuple[str, ...] | None = None  # from the sitting's record; None: those who voted
    absent: tuple[str, ...] = ()
    recusals: tuple[tuple[str, str, str], ...] = ()  # (case id, member, reason)
    # Each case's score as its library holds it (weights in force, who stood aside).
    scores: Mapping[str, CaseScore] = field(default_factory=dict)

    @property
    def attendance(self) -> tuple[str, ...]:
        if self.present is not None:
            return self.present
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


# The minutes state each recommendation, not its robustness: fewer random weightings will do.
MINUTES_DRAWS = 500


def _scores(
    library: CaseLibrary, framework: Framework, cases: Sequence[Case], settings: CouncilSettings
) -> dict[str, CaseScore]:
    return {
        case.id: scoring_context(library, framework, case, settings=settings).score(
            framework, case, draws=MINUTES_DRAWS
        )
        for case in cases
    }


def minutes_for_date(
    library: CaseLibrary, sitting: date, settings: CouncilSettings, framework: Framework
) -> MinutesInput:
    """Minutes of the decisions recorded on one date, for a library without sittings on record."""
    ids = [
        row[0]
        for row in library.db.execute(
            "SELECT case_id FROM decisions WHERE date = ? ORDER BY case_id", [sitting.isoformat()]
        )
    ]
    decided = tuple(library.get_cases(ids))
    if not decided:
        raise CouncilError(
            f"No decision was recorded on {sitting.isoformat()}; no minutes to write."
        )
    return MinutesInput(
        sitting, decided, settings, framework, scores=_scores(library, framework, decided, settings)
    )


def minutes_for_session(
    library: CaseLibrary, session_id: int, settings: CouncilSettings, framework: Framework
) -> MinutesInput:
    """The minutes of a recorded sitting: its attendance, recusals and agenda, in order."""
    from council_app.council.sessions import get_session

    session = get_session(library, session_id)
    cases = tuple(library.get_cases([item.case_id for item in session.agenda]))
    if not cases:
        raise CouncilError(
            f"The sitting “{session.title}” has nothing on its agenda; no minutes to write."
        )
    return MinutesInput(
        session.date,
        cases,
        settings,
        framework,
        title=session.title,
        present=session.present,
        absent=session.absent,
        recusals=tuple((r.case_id, r.member, r.reason) for r in session.recusals),
        scores=_scores(library, framework, cases, settings),
    )


def _head(minutes: MinutesInput, marking: str) -> list[Flowable]:
    s = memo_styles()
    left: list[Flowable] = [Paragraph(esc(minutes.settings.council_name), s.council)]
    if minutes.settings.letterhead:
        left.append(Paragraph(esc(minutes.settings.letterhead), s.letterhead))
    right = [
        Paragraph("MINUTES", s.memo_label),
        Paragraph(f"Sitting of {minutes.sitting.isoformat()}", s.meta),
        Paragraph(esc(marking), s.meta),
    ]
    head = Table([[left, right]], colWidths=[FRAME_WIDTH * 0.62, FRAME_WIDTH * 0.38])
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    heading = f"Minutes of the sitting of {minutes.sitting.isoformat()}"
    return [
        head,
        HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=10),
        Paragraph(esc(f"{minutes.title} — {heading}" if minutes.title else heading), s.title),
    ]


def render_minutes(minutes: MinutesInput, *, variant: Variant = "internal") -> bytes:
    s = memo_styles()
    framework = minutes.framework
    marking = (
        "EXTERNAL VERSION — personal data left out"
        if variant == "external"
        else "CONFIDENTIAL — INTERNAL"
    )
    story = _head(minutes, marking)
    attendance = minutes.attendance
    if variant == "internal":
        story.append(
            Paragraph(f"<b>Present ({len(attendance)}):</b> {esc(', '.join(attendance))}", s.body)
        )
        if minutes.absent:
            story.append(Paragraph(f"<b>Absent:</b> {esc(', '.join(minutes.absent))}", s.body))
    else:
        story.append(
            Paragraph(f"<b>Present:</b> {len(attendance)} members (names left out).", s.body)
        )
        if minutes.absent:
            story.append(Paragraph(f"<b>Absent:</b> {len(minutes.absent)} members.", s.body))
    story.append(Paragraph(f"<b>Cases on the agenda:</b> {len(minutes.cases)}", s.body))

    overview: list[list[Any]] = [
        [Paragraph(h, s.cell_head) for h in ("Case", "Recommendation", "Decision")]
    ]
    scores = minutes.scores
    for case in minutes.cases:
        rec = scores[case.id].scoring
        outcome = framework.outcome_title(case.decision.outcome) if case.decision else "Not decided"
        index = f" ({rec.shown_index})" if rec.shown_index is not None else ""
        overview.append(
            [
                Paragraph(f"<b>{esc(case.id)}</b><br/>{esc(case.title)}", s.cell),
                Paragraph(esc(framework.outcome_title(rec.recommendation.outcome)) + index, s.cell),
                Paragraph(esc(outcome), s.cell_bold),
            ]
        )
    story += [Spacer(1, 6), grid(overview, [100 * mm, 40 * mm, 30 * mm]), Spacer(1, 8)]

    for number, case in enumerate(minutes.cases, 1):
        d = case.decision
        people = People(case, variant)
        story += outlined(
            Paragraph(f"{number}. {esc(case.id)} — {esc(case.title)}", s.h1), f"item-{number}"
        )
        story.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=4))
        if case.question:
            story.append(Paragraph(f"<b>Question:</b> {esc(people.redact(case.question))}", s.body))
        story.append(machine_box(s, [esc(scores[case.id].scoring.recommendation.reason)]))
        story.append(Spacer(1, 4))
        for case_id, member, reason in minutes.recusals:
            if case_id == case.id:
                because = f" ({reason})" if reason and variant == "internal" else ""
                story.append(
                    Paragraph(f"<b>Recused:</b> {esc(people(member))}{esc(because)}", s.body)
                )
        if d is None:
            story.append(Paragraph("<i>Not decided at this sitting.</i>", s.body))
            continue
        story.append(Paragraph(f"Decision: {esc(framework.outcome_title(d.outcome))}", s.outcome))
        if d.rationale:
            rationale = people.redact(d.rationale)
            story += [Paragraph(esc(p), s.body) for p in rationale.split("\n") if p.strip()]
        if d.departure:
            story.append(
                Paragraph(
                    f"<b>Why the decision departs from its sitting:</b> "
                    f"{esc(people.redact(d.departure))}",
                    s.body,
                )
            )
        if d.votes:
            if variant == "internal":
                votes = "; ".join(
                    f"{esc(v.member)}: {esc(vote_title(framework, v.vote))}" for v in d.votes
                )
            else:
                counts: dict[str, int] = {}
                for v in d.votes:
                    counts[v.vote] = counts.get(v.vote, 0) + 1
                votes = "; ".join(
                    f"{esc(vote_title(framework, k))}: {n}" for k, n in counts.items()
                )
            story.append(Paragraph(f"<b>Votes:</b> {votes}", s.body))
        for dissent in d.dissent:
            story.append(Paragraph(f"“{esc(people.redact(dissent.text))}”", s.quote))
            story.append(Paragraph(f"— {esc(people(dissent.member))}", s.attribution))
        if d.conditions:
            review = d.review_by.isoformat() if d.review_by else "not set"
            story.append(
                Paragraph(f"<b>Conditions:</b> {len(d.conditions)}; review by {review}.", s.body)
            )
    story.append(Spacer(1, 10))
    story.append(
        Paragraph(
            "Recommendations in shaded boxes were drafted automatically from the ratings by "
            f"Council Desk {esc(__version__)}; everything else was written by the council. "
            f"Fingerprint (SHA-256 of the case records): <font size='8'>{minutes.fingerprint}</font>.",
            s.small,
        )
    )

    info = DocumentInfo(
        title=f"Minutes of the sitting of {minutes.sitting.isoformat()}",
        author=minutes.settings.council_name,
        subject=minutes.title or "Council session minutes",
        keywords=", ".join(["minutes", *(c.id for c in minutes.cases), variant]),
        app_version=__version__,
        dated=minutes.sitting,
        language=minutes.settings.language,
        page_size=minutes.settings.page_size,
    )
    canvas_class = page_canvas(
        header=f"{minutes.settings.council_name} · Minutes {minutes.sitting.isoformat()}",
        footer_right=f"Fingerprint SHA-256 {minutes.fingerprint}",
        marking=marking,
        draft=False,
        paper=info.page_size,
    )
    return build_pdf(story, info, canvas_class)
