"""A read-only view of one case, laid out for reading.

The HTML is built from the case and the framework's wording (titles of considerations,
principles, outcomes and stakeholder groups); every piece of user text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser, QWidget

from council_app.case import Case, CaseSummary, Condition, Decision, Rating
from council_app.council.commitments import every_words, evidence_words, standing
from council_app.framework import Framework
from council_app.library.confidentiality import class_label
from council_app.ui.common.dates import date_text
from council_app.vocabulary import (
    case_state_title,
    concern_scale_words,
    condition_status_title,
    effectiveness_note,
    effectiveness_text,
    review_words,
)


def _e(text: str) -> str:
    return html.escape(text)


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_e(p)}</p>" for p in text.split("\n") if p.strip())


def _score_cell(rating: Rating | None) -> str:
    if rating is None or rating.score is None:
        return "<td align='center' style='color:palette(mid)'>–</td>"
    return f"<td align='center'><b>{rating.score}</b></td>"


def _mark(stated: str, kind: str, framework: Framework) -> str:
    """`` [Council only]`` after text that must not go beyond its class ("" after public)."""
    label = class_label(stated, kind, framework)
    return f" <small><b>{_e(label)}</b></small>" if label else ""


def _rows(items: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f"<tr><td style='padding-right:12px'><b>{_e(k)}</b></td><td>{v}</td></tr>"
        for k, v in items
        if v
    )


def _condition_item(framework: Framework, d: Decision, c: Condition, today: date) -> str:
    """A condition as the case reads: what, its kind, owner and date, where it stands today
    (the core's standing, with why) and the evidence recorded for it."""
    found = standing(framework, d, c, today)
    extra = "; ".join(
        x
        for x in (
            framework.condition_kind_title(c.kind) if c.kind else "",
            c.owner and f"owner: {c.owner}",
            c.due and f"due {date_text(c.due)}",
            every_words(c.every_months) if c.every_months else "",
        )
        if x
    )
    status = condition_status_title(found.status)
    mark = "<b>" if not found.kept else ""
    end = "</b>" if mark else ""
    lines = [
        f"{_e(c.text)}" + (f" <i>({_e(extra)})</i>" if extra else ""),
        f"{mark}{_e(status)} today{end}: {_e(found.why)}",
    ]
    lines += [f"Evidence: {_e(evidence_words(e))}" for e in c.evidence]
    return "<li>" + "<br>".join(lines) + "</li>"


def case_html(
    case: Case,
    framework: Framework,
    superseded_by: Iterable[CaseSummary] = (),
    today: date | None = None,
) -> str:
    """``superseded_by``: the decided cases that replaced this decision
    (:func:`council_app.precedent.supersession.supersession`), said before anything else.
    ``today``: the day its conditions' standing is read on (None: today)."""
    parts: list[str] = []
    state = case_state_title(case, framework)
    parts.append(f"<h2>{_e(case.title)}</h2>")
    parts.append(f"<p><b>{_e(case.id)}</b> · {_e(state)}</p>")
    replaced = [
        f"<a href='case:{_e(c.id)}'>{_e(c.id)}</a> ({_e(framework.outcome_title(c.outcome))}"
        + (f", decided {date_text(c.decided)}" if c.decided else "")
        + ")"
        for c in superseded_by
        if c.outcome is not None
    ]
    if replaced:
        parts.append(
            "<p><b>Superseded</b> by "
            + "; ".join(replaced)
            + ". This decision is no longer in force.</p>"
        )
    parts.append(
        "<table cellspacing='2'>"
        + _rows(
            [
                ("Submitted", date_text(case.submitted) if case.submitted else ""),
                ("Product", _e(case.product)),
                ("Customer", _e(case.customer)),
                ("Sector", _e(case.sector)),
                ("Regions", _e(", ".join(case.regions))),
                ("Tags", _e(", ".join(case.tags))),
            ]
        )
        + "</table>"
    )
    for heading, text in (
        ("Summary", case.summary),
        ("Question before the council", case.question),
        ("Use case", case.use_case),
    ):
        if text:
            parts.append(f"<h3>{heading}</h3>{_paragraphs(text)}")
    if case.facts:
        items = [
            f"<li>{_e(f.text)}"
            + (f" <i>({_e(f.source)})</i>" if f.source else "")
            + _mark(f.confidentiality, "facts", framework)
            + "</li>"
            for f in case.facts
        ]
        parts.append("<h3>Facts</h3><ul>" + "".join(items) + "</ul>")

    d = case.decision
    if d is not None:
        parts.append(f"<h3>Decision: {_e(framework.outcome_title(d.outcome))}</h3>")
        dates = []
        if d.date:
            dates.append(f"decided {date_text(d.date)}")
        if d.review_by:
            dates.append(f"review by {date_text(d.review_by)}")
        if dates:
            parts.append(f"<p><i>{_e('; '.join(dates).capitalize())}</i></p>")
        parts.append(_paragraphs(d.rationale))
        if d.rationale:
            parts.append(_mark(d.rationale_confidentiality, "rationales", framework))
        if d.distinction:
            parts.append(f"<p><b>Distinguished from precedent:</b> {_e(d.distinction)}</p>")
        if d.conditions:
            items = [_condition_item(framework, d, c, today or date.today()) for c in d.conditions]
            parts.append("<p><b>Conditions</b></p><ol>" + "".join(items) + "</ol>")
        if d.votes:
            votes = "; ".join(f"{_e(v.member)}: {_e(v.vote.replace('_', ' '))}" for v in d.votes)
            parts.append(f"<p><b>Votes:</b> {votes}</p>")
        for x in d.dissent:
            parts.append(f"<p><b>Dissent ({_e(x.member)}):</b> <i>{_e(x.text)}</i></p>")
        for r in d.reviews:
            lead, rest = review_words(r)
            parts.append(f"<p><b>{_e(lead)}</b>{_e(rest)}</p>")

    if case.assessments:
        parts.append("<h3>Ratings</h3>")
        parts.append(
            f"<p><i>Concern: {_e(concern_scale_words(framework))}; "
            + _e(effectiveness_note(framework))
            + "</i></p>"
        )
        head = "".join(f"<th>{_e(a.member)}</th>" for a in case.assessments)
        body = []
        for consideration in framework.considerations:
            if consideration.derived_from:
                continue
            cells = "".join(
                _score_cell(a.considerations.get(consideration.key)) for a in case.assessments
            )
            body.append(f"<tr><td>{_e(consideration.title)}</td>{cells}</tr>")
        for principle in framework.principles:
            cells = "".join(_score_cell(a.principles.get(principle.key)) for a in case.assessments)
            body.append(f"<tr><td>Principle: {_e(principle.title)}</td>{cells}</tr>")
        parts.append(
            "<table border='0' cellspacing='0' cellpadding='3'>"
            f"<tr><th align='left'>Consideration</th>{head}</tr>{''.join(body)}</table>"
        )
        for a in case.assessments:
            notes = [
                (framework.consideration(k).title, r)
                for k, r in a.considerations.items()
                if r.rationale
            ] + [(framework.principle(k).title, r) for k, r in a.principles.items() if r.rationale]
            if not notes and not a.notes:
                continue
            when = f" ({date_text(a.submitted)})" if a.submitted else ""
            parts.append(f"<h4>{_e(a.member)}{_e(when)}</h4><ul>")
            parts += [
                f"<li><b>{_e(label)}:</b> {_e(r.rationale)}"
                f"{_mark(r.confidentiality, 'rationales', framework)}</li>"
                for label, r in notes
            ]
            if a.notes:
                mark = _mark(a.notes_confidentiality, "notes", framework)
                parts.append(f"<li><b>Notes:</b> {_e(a.notes)}{mark}</li>")
            parts.append("</ul>")

    if case.mitigations:
        items = []
        for m in case.mitigations:
            extra = "; ".join(
                x
                for x in (
                    m.effectiveness is not None
                    and f"effectiveness {effectiveness_text(m.effectiveness, framework)}",
                    m.owner and f"owner: {m.owner}",
                )
                if x
            )
            items.append(
                f"<li>{_e(m.description)}" + (f" <i>({_e(extra)})</i>" if extra else "") + "</li>"
            )
        parts.append("<h3>Proposed actions</h3><ul>" + "".join(items) + "</ul>")

    if case.stakeholder_input:
        items = []
        for s in case.stakeholder_input:
            group = framework.stakeholder_group(s.group).title
            who = ", ".join(x for x in (s.source, date_text(s.date) if s.date else "") if x)
            items.append(
                f"<li><b>{_e(group)}</b>"
                + (f" <i>({_e(who)})</i>" if who else "")
                + f": {_e(s.summary)}"
                + _mark(s.confidentiality, "stakeholder_input", framework)
                + "</li>"
            )
        parts.append("<h3>Stakeholder input</h3><ul>" + "".join(items) + "</ul>")

    if case.links:
        items = [
            f"<li>{_e(link.type)} <a href='case:{_e(link.target)}'>{_e(link.target)}</a>"
            + (f" — {_e(link.note)}" if link.note else "")
            + "</li>"
            for link in case.links
        ]
        parts.append("<h3>Links to other cases</h3><ul>" + "".join(items) + "</ul>")
    return "".join(parts)


class CaseView(QTextBrowser):
    """Shows one case; links to other cases are emitted through ``anchorClicked``."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.case: Case | None = None
        self.setOpenLinks(False)
        # The text wraps to the width; a sideways scroll bar would only ever show margins.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Case details")
        self.setAccessibleDescription("The selected case: facts, decision, ratings and input.")
        self.show_placeholder("Select a case to read it.")

    def show_case(self, case: Case, superseded_by: Iterable[CaseSummary] = ()) -> None:
        self.case = case
        self.setHtml(case_html(case, self.framework, superseded_by))

    def show_placeholder(self, text: str) -> None:
        self.case = None
        self.setHtml(f"<p style='color:palette(mid)'><i>{_e(text)}</i></p>")
