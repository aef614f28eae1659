"""Plain-text views of cases for the terminal: what ``list``, ``show`` and ``search`` print."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from datetime import date

from council_app.case import Case, CaseSummary, Rating
from council_app.cli.terminal import visible
from council_app.council.commitments import every_words, evidence_words, standing, standing_words
from council_app.council.coverage import coverage
from council_app.framework import Framework
from council_app.library.confidentiality import class_label
from council_app.library.search import SearchHit
from council_app.vocabulary import (
    case_state_title,
    effectiveness_note,
    effectiveness_text,
    review_words,
)


def _width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def case_table(
    summaries: Sequence[CaseSummary], framework: Framework, *, fit_width: bool = True
) -> str:
    """A table of cases; ``fit_width`` clips titles to the terminal (not when piped)."""
    if not summaries:
        return "No cases."
    width = _width() if fit_width else 10_000
    id_w = max(4, *(len(s.id) for s in summaries))
    state_w = max(6, *(len(case_state_title(s, framework)) for s in summaries))
    product_w = min(20, max(7, *(len(s.product) for s in summaries)))
    title_w = max(24, width - id_w - state_w - product_w - 10 - 8)
    header = (
        f"{'ID':<{id_w}}  {'Submitted':<10}  {'State':<{state_w}}  {'Product':<{product_w}}  Title"
    )
    lines = [header, "-" * min(width, len(header) + max(len(s.title) for s in summaries) - 5)]
    for s in summaries:
        submitted = s.submitted.isoformat() if s.submitted else ""
        lines.append(
            f"{s.id:<{id_w}}  {submitted:<10}  {case_state_title(s, framework):<{state_w}}  "
            f"{_clip(s.product, product_w):<{product_w}}  {_clip(s.title, title_w)}"
        )
    lines.append(f"\n{len(summaries)} case{'s' if len(summaries) != 1 else ''}.")
    return "\n".join(lines)


def search_results(hits: Sequence[SearchHit], framework: Framework, *, emphasis: bool) -> str:
    """The hits, library text already through :func:`visible`: print with ``write_styled``."""
    if not hits:
        return "No cases match."
    width = _width()
    start, end = ("\x1b[1m", "\x1b[0m") if emphasis else ("[", "]")
    blocks = []
    for hit in hits:
        s = hit.case
        head = visible(f"{s.id}  {s.title}  ({case_state_title(s, framework)}")
        head += f", {s.submitted.isoformat()})" if s.submitted else ")"
        # Made visible before the emphasis goes in: the one terminal command here is ours.
        snippet = "".join(
            f"{start}{visible(t)}{end}" if lit else visible(t) for t, lit in hit.snippet
        )
        snippet = " ".join(snippet.split())
        body = textwrap.fill(
            snippet, width=width - 4, initial_indent="    ", subsequent_indent="    "
        )
        blocks.append(head + ("\n" + body if snippet else ""))
    blocks.append(f"{len(hits)} case{'s' if len(hits) != 1 else ''} found.")
    return "\n\n".join(blocks)


def _para(text: str, width: int, indent: str = "  ") -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return "\n".join(
        textwrap.fill(p, width=width, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
    )


def _score(rating: Rating | None) -> str:
    if rating is None or rating.score is None:
        return "–"
    return str(rating.score)


def _marked(stated: str, kind: str, framework: Framework) -> str:
    """`` [Council only]`` after text that must not go beyond its class; "" after public text."""
    label = class_label(stated, kind, framework)
    return f" {label}" if label else ""


def case_report(case: Case, framework: Framework) -> str:
    """The whole case, readable in a terminal."""
    width = _width()
    out: list[str] = []
    title = f"{case.id} — {case.title}"
    out += [title, "=" * min(len(title), width)]
    facts = [
        ("State", case_state_title(case, framework)),
        ("Submitted", case.submitted.isoformat() if case.submitted else ""),
        ("Product", case.product),
        ("Customer", case.customer),
        ("Sector", case.sector),
        ("Regions", ", ".join(case.regions)),
        ("Tags", ", ".join(case.tags)),
    ]
    out += [f"{label + ':':<11}{value}" for label, value in facts if value]
    for heading, text in (
        ("Summary", case.summary),
        ("Question before the council", case.question),
        ("Use case", case.use_case),
    ):
        if text:
            out += ["", heading, _para(text, width)]
    if case.facts:
        out += ["", "Facts"]
        for f in case.facts:
            source = f" ({f.source})" if f.source else ""
            label = _marked(f.confidentiality, "facts", framework)
            out.append(textwrap.fill(f"- {f.text}{source}{label}", width, subsequent_indent="  "))

    if case.assessments:
        out += ["", f"Ratings ({framework.scale_text}; {effectiveness_note(framework)})"]
        members = [a.member for a in case.assessments]
        col = max(8, *(len(m) for m in members))
        col = min(col, 18)
        label_w = 2 + max(
            *(len(c.title) for c in framework.considerations),
            *(len("Principle: " + p.title) for p in framework.principles),
        )
        out.append(f"  {'':<{label_w}}" + "".join(f"{_clip(m, col):>{col + 2}}" for m in members))
        for consideration in framework.considerations:
            if consideration.derived_from:
                continue
            cells = "".join(
                f"{_score(a.considerations.get(consideration.key)):>{col + 2}}"
                for a in case.assessments
            )
            out.append(f"  {consideration.title:<{label_w}}{cells}")
        for principle in framework.principles:
            cells = "".join(
                f"{_score(a.principles.get(principle.key)):>{col + 2}}" for a in case.assessments
            )
            out.append(f"  {'Principle: ' + principle.title:<{label_w}}{cells}")
        for a in case.assessments:
            rationales = [
                (
                    framework.consideration(k).title,
                    r.rationale + _marked(r.confidentiality, "rationales", framework),
                )
                for k, r in a.considerations.items()
                if r.rationale
            ] + [
                (
                    framework.principle(k).title,
                    r.rationale + _marked(r.confidentiality, "rationales", framework),
                )
                for k, r in a.principles.items()
                if r.rationale
            ]
            if rationales or a.notes:
                when = f" ({a.submitted.isoformat()})" if a.submitted else ""
                out += ["", f"  {a.member}{when}"]
                for label, text in rationales:
                    out.append(_para(f"{label}: {text}", width, indent="    "))
                if a.notes:
                    notes = a.notes + _marked(a.notes_confidentiality, "notes", framework)
                    out.append(_para(f"Notes: {notes}", width, indent="    "))

    if case.mitigations:
        out += ["", "Proposed actions"]
        for m in case.mitigations:
            extra = []
            if m.effectiveness is not None:
                extra.append(f"effectiveness {effectiveness_text(m.effectiveness, framework)}")
            if m.owner:
                extra.append(f"owner: {m.owner}")
            suffix = f" ({'; '.join(extra)})" if extra else ""
            out.append(textwrap.fill(f"- {m.description}{suffix}", width, subsequent_indent="  "))

    if case.stakeholder_input:
        out += ["", "Stakeholder input"]
        for s in case.stakeholder_input:
            group = framework.stakeholder_group(s.group).title
            who = f", {s.source}" if s.source else ""
            when = f", {s.date.isoformat()}" if s.date else ""
            label = _marked(s.confidentiality, "stakeholder_input", framework)
            out.append(
                textwrap.fill(
                    f"- {group}{who}{when}: {s.summary}{label}", width, subsequent_indent="  "
                )
            )

    asked = coverage(framework, case)
    if asked:
        out += ["", "What the framework asks of this kind of case"]
        out += [
            textwrap.fill(
                f"- {'OPEN: ' if r.is_open else ''}{r.sentence()}", width, subsequent_indent="  "
            )
            for r in asked
        ]

    d = case.decision
    if d is not None:
        out += ["", f"Decision: {framework.outcome_title(d.outcome)}"]
        if d.date:
            out.append(
                f"  Decided {d.date.isoformat()}"
                + (f"; review by {d.review_by.isoformat()}" if d.review_by else "")
            )
        if d.rationale:
            label = _marked(d.rationale_confidentiality, "rationales", framework)
            out.append(_para(d.rationale + label, width))
        if d.distinction:
            out += ["  Distinguished from precedent:", _para(d.distinction, width, indent="    ")]
        if d.conditions:
            out.append("  Conditions")
            for i, c in enumerate(d.conditions, 1):
                details = "; ".join(
                    x
                    for x in (
                        c.kind and framework.condition_kind_title(c.kind),
                        c.owner and f"owner: {c.owner}",
                        c.due and f"due {c.due.isoformat()}",
                        c.every_months and every_words(c.every_months),
                    )
                    if x
                )
                out.append(
                    textwrap.fill(
                        f"{i}. {c.text}" + (f" ({details})" if details else ""),
                        width,
                        initial_indent="    ",
                        subsequent_indent="       ",
                    )
                )
                # Where it stands today, and what shows it was kept.
                found = standing(framework, d, c, date.today())
                for line in (
                    standing_words(found),
                    *(f"Evidence: {evidence_words(e)}" for e in c.evidence),
                ):
                    out.append(
                        textwrap.fill(
                            line, width, initial_indent="       ", subsequent_indent="       "
                        )
                    )
        if d.votes:
            out.append(
                "  Votes: " + "; ".join(f"{v.member}: {v.vote.replace('_', ' ')}" for v in d.votes)
            )
        for x in d.dissent:
            out.append(_para(f"Dissent, {x.member}: {x.text}", width))
        for r in d.reviews:
            out.append(_para("".join(review_words(r)), width))

    if case.links:
        out += ["", "Links"]
        out += [
            f"- {link.type} {link.target}" + (f": {link.note}" if link.note else "")
            for link in case.links
        ]
    return "\n".join(out)
