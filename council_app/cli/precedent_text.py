"""What ``council-app precedents``, ``graph`` and ``themes`` print for people."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from council_app.case import Case, CaseSummary
from council_app.framework import Framework
from council_app.precedent import Authority, ConsistencyCheck, Link, PrecedentSearch, Theme
from council_app.vocabulary import case_state_title


def _state(summary: CaseSummary, framework: Framework) -> str:
    # The titles the case list uses ("In review", not "in review"), the decision's date beside.
    when = f", {summary.decided.isoformat()}" if summary.outcome and summary.decided else ""
    return f"{case_state_title(summary, framework)}{when}"


def precedents_report(
    case: Case, search: PrecedentSearch, check: ConsistencyCheck | None, framework: Framework
) -> str:
    lines = [f"Precedents for {case.id} — {case.title}"]
    if search.key_terms:
        lines.append("Key terms: " + ", ".join(t.word for t in search.key_terms[:12]))
    lines.append("")
    if not search.precedents:
        lines.append("No precedent found.")
    for number, p in enumerate(search.precedents, 1):
        flag = "  [SUPERSEDED]" if p.superseded else ""
        lines.append(
            f"{number:>2}. {p.case.id}  {p.case.title}  ({_state(p.case, framework)})  "
            f"match {p.match_text}{flag}"
        )
        for reason in p.reasons:
            lines.append(
                textwrap.fill(reason, 100, initial_indent="      - ", subsequent_indent="        ")
            )
    if check is not None:
        lines += ["", "Consistency check", textwrap.indent(check.message(framework), "  ")]
    return "\n".join(lines)


def precedents_json(
    search: PrecedentSearch, check: ConsistencyCheck | None, framework: Framework
) -> dict[str, Any]:
    return {
        "case": search.case_id,
        "blend": search.blend.__dict__,
        "key_terms": [
            {
                "word": t.word,
                "stem": t.stem,
                "count": t.count,
                "documents": t.documents,
                "weight": t.weight,
            }
            for t in search.key_terms
        ],
        "precedents": [
            {
                "id": p.case.id,
                "title": p.case.title,
                "outcome": p.case.outcome,
                "status": p.case.status,
                "decided": p.case.decided.isoformat() if p.case.decided else None,
                "score": p.score,
                "parts": p.parts,
                "shared_terms": list(p.shared_terms),
                "shared_tags": list(p.shared_tags),
                "shared_regions": list(p.shared_regions),
                "same_product": p.same_product,
                "same_sector": p.same_sector,
                "rating_gap": p.rating_gap,
                "rating_differences": [
                    {
                        "label": d.label,
                        "this_case": float(d.this_case),
                        "precedent": float(d.precedent),
                    }
                    for d in p.rating_differences
                ],
                "path": [link.sentence() for link in p.path],
                "superseded_by": [s.id for s in p.superseded_by],
                "relies_on_superseded": [
                    {"cites": cited, "superseded_by": by} for cited, by in p.relies_on_superseded
                ],
                "reasons": list(p.reasons),
            }
            for p in search.precedents
        ],
        "consistency": None
        if check is None
        else {
            "recommendation": check.recommendation,
            "warning": check.warning,
            "inconsistent": [
                {"id": i.precedent.case.id, "outcome": i.outcome, "sentence": i.sentence(framework)}
                for i in check.inconsistent
            ],
            "consistent": [p.case.id for p in check.consistent],
            "distinction": check.distinction,
            "message": check.message(framework),
        },
    }


def graph_report(
    case: Case,
    chain: Sequence[Authority],
    citing: Sequence[str],
    links: Sequence[Link],
    titles: dict[str, str],
) -> str:
    def name(case_id: str) -> str:
        title = titles.get(case_id)
        return f"{case_id} ({title})" if title else f"{case_id} (not in this library)"

    lines = [
        f"{case.id} — {case.title}",
        "",
        "Authorities it rests on (what it cites, and what those cite):",
    ]
    if not chain:
        lines.append("  none")
    for a in chain:
        note = f" — superseded by {', '.join(a.superseded_by)}" if a.superseded_by else ""
        lines.append(f"  {'  ' * (a.depth - 1)}{name(a.case_id)}{note}")
    lines += ["", "Cited by:"]
    lines += [f"  {name(c)}" for c in citing] or ["  none"]
    lines += ["", "Links within two steps:"]
    lines += [f"  {link.sentence()}" for link in links] or ["  none"]
    return "\n".join(lines)


def themes_report(
    found: Sequence[Theme], cited: Sequence[tuple[str, int]], titles: dict[str, str]
) -> str:
    lines = [f"{len(found)} themes across the library:", ""]
    for theme in found:
        sample = ", ".join(theme.case_ids[:6])
        more = f" … and {len(theme.case_ids) - 6} more" if len(theme.case_ids) > 6 else ""
        lines.append(f"- {theme.label} ({len(theme.case_ids)} cases): {sample}{more}")
    lines += ["", "Most cited:"]
    lines += [f"  {n:>3} × {case_id} {titles.get(case_id, '')}" for case_id, n in cited] or [
        "  none"
    ]
    return "\n".join(lines)
