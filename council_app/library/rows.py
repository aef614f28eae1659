"""Map a :class:`~council_app.case.Case` to the library's tables and back.

Writing builds plain row dicts for every table so that many cases can be written with one
``insert_all`` per table (an import of thousands of cases stays fast); reading rebuilds the case
from the rows, in the order the user gave.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from council_app.case import (
    Assessment,
    Case,
    CaseClassification,
    CaseLink,
    CaseStatus,
    CaseSummary,
    Condition,
    CoverageNote,
    Decision,
    Dissent,
    Escalation,
    Fact,
    Mitigation,
    Rating,
    RecordedPrecedent,
    RecordedWeights,
    Review,
    StakeholderInput,
    StoodAside,
    Vote,
)
from council_app.library.condition_json import (
    evidence_from_json,
    evidence_to_json,
    history_from_json,
    history_to_json,
)

Row = dict[str, Any]


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def to_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def to_date_required(value: str) -> date:
    return date.fromisoformat(value)


@dataclass
class CaseRows:
    """The rows of several cases, table by table, ready for ``insert_all``."""

    cases: list[Row] = field(default_factory=list)
    case_regions: list[Row] = field(default_factory=list)
    case_tags: list[Row] = field(default_factory=list)
    assessments: list[Row] = field(default_factory=list)
    consideration_ratings: list[Row] = field(default_factory=list)
    principle_ratings: list[Row] = field(default_factory=list)
    mitigations: list[Row] = field(default_factory=list)
    stakeholder_input: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    conditions: list[Row] = field(default_factory=list)
    votes: list[Row] = field(default_factory=list)
    dissents: list[Row] = field(default_factory=list)
    decision_reviews: list[Row] = field(default_factory=list)
    decision_recusals: list[Row] = field(default_factory=list)
    decision_precedents: list[Row] = field(default_factory=list)
    case_links: list[Row] = field(default_factory=list)
    case_classifications: list[Row] = field(default_factory=list)
    case_facts: list[Row] = field(default_factory=list)
    case_coverage: list[Row] = field(default_factory=list)
    case_escalations: list[Row] = field(default_factory=list)
    case_text: list[Row] = field(default_factory=list)

    def tables(self) -> list[tuple[str, list[Row]]]:
        """Tables in an order that satisfies the foreign keys."""
        return [
            ("cases", self.cases),
            ("case_regions", self.case_regions),
            ("case_tags", self.case_tags),
            ("assessments", self.assessments),
            ("consideration_ratings", self.consideration_ratings),
            ("principle_ratings", self.principle_ratings),
            ("mitigations", self.mitigations),
            ("stakeholder_input", self.stakeholder_input),
            ("decisions", self.decisions),
            ("conditions", self.conditions),
            ("votes", self.votes),
            ("dissents", self.dissents),
            ("decision_reviews", self.decision_reviews),
            ("decision_recusals", self.decision_recusals),
            ("decision_precedents", self.decision_precedents),
            ("case_links", self.case_links),
            ("case_classifications", self.case_classifications),
            ("case_facts", self.case_facts),
            ("case_coverage", self.case_coverage),
            ("case_escalations", self.case_escalations),
            ("case_text", self.case_text),
        ]


def _rating_rows(assessment_id: int, key_column: str, ratings: Mapping[str, Rating]) -> list[Row]:
    return [
        {
            "assessment_id": assessment_id,
            key_column: key,
            "score": rating.score,
            "rationale": rating.rationale,
            "confidence": rating.confidence,
            "confidentiality": rating.confidentiality,
        }
        for key, rating in ratings.items()
    ]


def add_case(rows: CaseRows, case: Case, *, next_assessment_id: int, now: str) -> int:
    """Append the case's rows; returns the next free assessment id."""
    rows.cases.append(
        {
            "id": case.id,
            "title": case.title,
            "summary": case.summary,
            "question": case.question,
            "product": case.product,
            "customer": case.customer,
            "sector": case.sector,
            "submitted": iso(case.submitted),
            "status": case.status,
            "use_case": case.use_case,
            "created_at": now,
            "updated_at": now,
            "revision": max(case.revision, 1),
            "framework_version": case.framework_version,
        }
    )
    rows.case_regions += [
        {"case_id": case.id, "position": i, "region": r} for i, r in enumerate(case.regions)
    ]
    rows.case_tags += [
        {"case_id": case.id, "position": i, "tag": t} for i, t in enumerate(case.tags)
    ]
    for position, assessment in enumerate(case.assessments):
        assessment_id = next_assessment_id
        next_assessment_id += 1
        rows.assessments.append(
            {
                "id": assessment_id,
                "case_id": case.id,
                "position": position,
                "member": assessment.member,
                "submitted": iso(assessment.submitted),
                "notes": assessment.notes,
                "notes_confidentiality": assessment.notes_confidentiality,
            }
        )
        rows.consideration_ratings += _rating_rows(
            assessment_id, "consideration", assessment.considerations
        )
        rows.principle_ratings += _rating_rows(assessment_id, "principle", assessment.principles)
    rows.mitigations += [
        {
            "case_id": case.id,
            "position": i,
            "description": m.description,
            "kind": m.kind,
            "effectiveness": m.effectiveness,
            "owner": m.owner,
        }
        for i, m in enumerate(case.mitigations)
    ]
    rows.stakeholder_input += [
        {
            "case_id": case.id,
            "position": i,
            "stakeholder_group": s.group,
            "summary": s.summary,
            "source": s.source,
            "contact": s.contact,
            "date": iso(s.date),
            "confidentiality": s.confidentiality,
        }
        for i, s in enumerate(case.stakeholder_input)
    ]
    rows.case_facts += [
        {
            "case_id": case.id,
            "position": i,
            "text": f.text,
            "source": f.source,
            "confidentiality": f.confidentiality,
        }
        for i, f in enumerate(case.facts)
    ]
    rows.case_escalations += [
        {
            "case_id": case.id,
            "position": i,
            "kind": e.kind,
            "lodged_on": e.lodged_on.isoformat(),
            "lodged_by": e.by,
            "grounds": e.grounds,
            "statement": e.statement,
            "original_outcome": e.original_outcome,
            "heard_by": json.dumps(list(e.heard_by), ensure_ascii=False),
            "result": e.result,
            "decided_on": iso(e.decided_on),
            "outcome": e.outcome,
            "authority": e.authority,
            "reasons": e.reasons,
        }
        for i, e in enumerate(case.escalations)
    ]
    rows.case_coverage += [
        {"case_id": case.id, "position": i, "requirement": c.requirement, "text": c.text}
        for i, c in enumerate(case.coverage)
    ]
    decision = case.decision
    if decision is not None:
        rows.decisions.append(
            {
                "case_id": case.id,
                "outcome": decision.outcome,
                "date": iso(decision.date),
                "rationale": decision.rationale,
                "rationale_confidentiality": decision.rationale_confidentiality,
                "distinction": decision.distinction,
                "review_by": iso(decision.review_by),
                "departure": decision.departure,
                "weights": weights_json(decision.weights),
                "precedents_recorded": int(decision.precedents is not None),
                "framework_version": decision.framework_version,
            }
        )
        rows.decision_recusals += [
            {"case_id": case.id, "position": i, "member": a.member, "reason": a.reason}
            for i, a in enumerate(decision.stood_aside)
        ]
        rows.decision_precedents += [
            {
                "case_id": case.id,
                "position": i,
                "precedent_id": p.case_id,
                "title": p.title,
                "outcome": p.outcome,
                "decided": iso(p.decided),
                "score": p.score,
                "reasons": json.dumps(list(p.reasons), ensure_ascii=False),
                "superseded_by": json.dumps(list(p.superseded_by), ensure_ascii=False),
                "differences": json.dumps(list(p.differences), ensure_ascii=False),
            }
            for i, p in enumerate(decision.precedents or ())
        ]
        rows.conditions += [
            {
                "case_id": case.id,
                "position": i,
                "text": c.text,
                "owner": c.owner,
                "due": iso(c.due),
                "kind": c.kind,
                "every_months": c.every_months,
                "history": json.dumps(history_to_json(c.history), ensure_ascii=False),
                "evidence": json.dumps(evidence_to_json(c.evidence), ensure_ascii=False),
            }
            for i, c in enumerate(decision.conditions)
        ]
        rows.votes += [
            {"case_id": case.id, "position": i, "member": v.member, "vote": v.vote}
            for i, v in enumerate(decision.votes)
        ]
        rows.dissents += [
            {"case_id": case.id, "position": i, "member": d.member, "text": d.text}
            for i, d in enumerate(decision.dissent)
        ]
        rows.decision_reviews += [
            {
                "case_id": case.id,
                "position": i,
                "date": r.date.isoformat(),
                "note": r.note,
                "next_review_by": iso(r.next_review_by),
            }
            for i, r in enumerate(decision.reviews)
        ]
    rows.case_links += [
        {
            "case_id": case.id,
            "position": i,
            "link_type": link.type,
            "target_id": link.target,
            "note": link.note,
        }
        for i, link in enumerate(case.links)
    ]
    rows.case_classifications += [
        {
            "case_id": case.id,
            "position": i,
            "classification": c.key,
            "basis": c.basis,
            "exception": c.exception,
        }
        for i, c in enumerate(case.classifications)
    ]
    rows.case_text.append(search_text_row(case))
    return next_assessment_id


def _join(parts: Iterable[str]) -> str:
    return "\n".join(p for p in parts if p)


def search_text_row(case: Case) -> Row:
    """The text of a case that full-text search looks in, column by column."""
    assessments = _join(
        rating.rationale
        for a in case.assessments
        for ratings in (a.considerations, a.principles)
        for rating in ratings.values()
    )
    notes = _join(a.notes for a in case.assessments)
    decision = ""
    if case.decision is not None:
        d = case.decision
        decision = _join(
            [
                d.rationale,
                d.distinction,
                d.departure,
                *(c.text for c in d.conditions),
                *(x.text for x in d.dissent),
            ]
        )
    return {
        "case_id": case.id,
        "title": case.title,
        "summary": _join([case.summary, case.question]),
        "tags": " ".join(tag.replace("-", " ") for tag in case.tags),
        # A case's facts are found with its use case: the search is the council's own.
        "use_case": _join(
            [case.use_case, case.product, case.customer, case.sector, *(f.text for f in case.facts)]
        ),
        "assessments": _join([assessments, notes]),
        "decision": decision,
        "stakeholders": _join(s.summary for s in case.stakeholder_input),
        "mitigations": _join(m.description for m in case.mitigations),
    }


def _grouped(rows: Iterable[Mapping[str, Any]], key: str) -> dict[Any, list[Mapping[str, Any]]]:
    grouped: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    for items in grouped.values():
        if items and "position" in items[0]:
            items.sort(key=lambda r: r["position"])
    return grouped


def _rating(row: Mapping[str, Any]) -> Rating:
    return Rating(
        score=row["score"],
        rationale=row["rationale"],
        confidence=row["confidence"],
        confidentiality=row["confidentiality"],
    )


@dataclass
class FetchedRows:
    """Rows of one or more cases, as read from each table."""

    cases: Sequence[Mapping[str, Any]]
    case_regions: Sequence[Mapping[str, Any]]
    case_tags: Sequence[Mapping[str, Any]]
    assessments: Sequence[Mapping[str, Any]]
    consideration_ratings: Sequence[Mapping[str, Any]]
    principle_ratings: Sequence[Mapping[str, Any]]
    mitigations: Sequence[Mapping[str, Any]]
    stakeholder_input: Sequence[Mapping[str, Any]]
    decisions: Sequence[Mapping[str, Any]]
    conditions: Sequence[Mapping[str, Any]]
    votes: Sequence[Mapping[str, Any]]
    dissents: Sequence[Mapping[str, Any]]
    decision_reviews: Sequence[Mapping[str, Any]]
    case_links: Sequence[Mapping[str, Any]]
    decision_recusals: Sequence[Mapping[str, Any]] = ()
    decision_precedents: Sequence[Mapping[str, Any]] = ()
    case_classifications: Sequence[Mapping[str, Any]] = ()
    case_facts: Sequence[Mapping[str, Any]] = ()
    case_coverage: Sequence[Mapping[str, Any]] = ()
    case_escalations: Sequence[Mapping[str, Any]] = ()


def build_cases(fetched: FetchedRows) -> list[Case]:
    regions = _grouped(fetched.case_regions, "case_id")
    tags = _grouped(fetched.case_tags, "case_id")
    assessments = _grouped(fetched.assessments, "case_id")
    c_ratings = _grouped(fetched.consideration_ratings, "assessment_id")
    p_ratings = _grouped(fetched.principle_ratings, "assessment_id")
    mitigations = _grouped(fetched.mitigations, "case_id")
    stakeholders = _grouped(fetched.stakeholder_input, "case_id")
    decisions = {row["case_id"]: row for row in fetched.decisions}
    conditions = _grouped(fetched.conditions, "case_id")
    votes = _grouped(fetched.votes, "case_id")
    dissents = _grouped(fetched.dissents, "case_id")
    reviews = _grouped(fetched.decision_reviews, "case_id")
    recusals = _grouped(fetched.decision_recusals, "case_id")
    precedents = _grouped(fetched.decision_precedents, "case_id")
    links = _grouped(fetched.case_links, "case_id")
    classifications = _grouped(fetched.case_classifications, "case_id")
    facts = _grouped(fetched.case_facts, "case_id")
    coverage = _grouped(fetched.case_coverage, "case_id")
    escalations = _grouped(fetched.case_escalations, "case_id")

    def ordered(rows: list[Mapping[str, Any]], column: str) -> dict[str, Rating]:
        # Every key in the order it was stored (the rows come in rowid order): no framework
        # is known here, and a key the shipped framework does not know is kept, not dropped.
        return {row[column]: _rating(row) for row in rows}

    built: list[Case] = []
    for row in fetched.cases:
        case_id = row["id"]
        decision = None
        if case_id in decisions:
            d = decisions[case_id]
            decision = Decision(
                outcome=d["outcome"],
                date=to_date(d["date"]),
                rationale=d["rationale"],
                rationale_confidentiality=d["rationale_confidentiality"],
                distinction=d["distinction"],
                conditions=tuple(
                    Condition(
                        text=c["text"],
                        owner=c["owner"],
                        due=to_date(c["due"]),
                        kind=c["kind"],
                        every_months=c["every_months"],
                        history=history_from_json(json.loads(c["history"])),
                        evidence=evidence_from_json(json.loads(c["evidence"])),
                    )
                    for c in conditions.get(case_id, [])
                ),
                review_by=to_date(d["review_by"]),
                votes=tuple(
                    Vote(member=v["member"], vote=v["vote"]) for v in votes.get(case_id, [])
                ),
                dissent=tuple(
                    Dissent(member=x["member"], text=x["text"]) for x in dissents.get(case_id, [])
                ),
                reviews=tuple(
                    Review(
                        date=to_date_required(r["date"]),
                        note=r["note"],
                        next_review_by=to_date(r["next_review_by"]),
                    )
                    for r in reviews.get(case_id, [])
                ),
                departure=d["departure"],
                stood_aside=tuple(
                    StoodAside(member=a["member"], reason=a["reason"])
                    for a in recusals.get(case_id, [])
                ),
                weights=weights_from_json(d["weights"]),
                precedents=(
                    tuple(_recorded_precedent(p) for p in precedents.get(case_id, []))
                    if d["precedents_recorded"]
                    else None
                ),
                framework_version=d["framework_version"],
            )
        built.append(
            Case(
                id=case_id,
                title=row["title"],
                summary=row["summary"],
                question=row["question"],
                product=row["product"],
                customer=row["customer"],
                sector=row["sector"],
                regions=tuple(r["region"] for r in regions.get(case_id, [])),
                tags=tuple(t["tag"] for t in tags.get(case_id, [])),
                submitted=to_date(row["submitted"]),
                status=cast(CaseStatus, row["status"]),
                use_case=row["use_case"],
                assessments=tuple(
                    Assessment(
                        member=a["member"],
                        submitted=to_date(a["submitted"]),
                        considerations=ordered(c_ratings.get(a["id"], []), "consideration"),
                        principles=ordered(p_ratings.get(a["id"], []), "principle"),
                        notes=a["notes"],
                        notes_confidentiality=a["notes_confidentiality"],
                    )
                    for a in assessments.get(case_id, [])
                ),
                mitigations=tuple(
                    Mitigation(
                        description=m["description"],
                        kind=m["kind"],
                        effectiveness=m["effectiveness"],
                        owner=m["owner"],
                    )
                    for m in mitigations.get(case_id, [])
                ),
                stakeholder_input=tuple(
                    StakeholderInput(
                        group=s["stakeholder_group"],
                        summary=s["summary"],
                        source=s["source"],
                        contact=s["contact"],
                        date=to_date(s["date"]),
                        confidentiality=s["confidentiality"],
                    )
                    for s in stakeholders.get(case_id, [])
                ),
                facts=tuple(
                    Fact(text=f["text"], source=f["source"], confidentiality=f["confidentiality"])
                    for f in facts.get(case_id, [])
                ),
                coverage=tuple(
                    CoverageNote(requirement=c["requirement"], text=c["text"])
                    for c in coverage.get(case_id, [])
                ),
                escalations=tuple(
                    Escalation(
                        kind=e["kind"],
                        lodged_on=to_date_required(e["lodged_on"]),
                        by=e["lodged_by"],
                        grounds=e["grounds"],
                        statement=e["statement"],
                        original_outcome=e["original_outcome"],
                        heard_by=tuple(json.loads(e["heard_by"])),
                        result=e["result"],
                        decided_on=to_date(e["decided_on"]),
                        outcome=e["outcome"],
                        authority=e["authority"],
                        reasons=e["reasons"],
                    )
                    for e in escalations.get(case_id, [])
                ),
                decision=decision,
                links=tuple(
                    CaseLink(type=link["link_type"], target=link["target_id"], note=link["note"])
                    for link in links.get(case_id, [])
                ),
                classifications=tuple(
                    CaseClassification(
                        key=c["classification"], basis=c["basis"], exception=c["exception"]
                    )
                    for c in classifications.get(case_id, [])
                ),
                framework_version=row["framework_version"],
                revision=int(row["revision"]),
            )
        )
    return built


def weights_json(weights: RecordedWeights | None) -> str | None:
    if weights is None:
        return None
    return json.dumps(
        {"profile": weights.profile, "values": dict(weights.values)}, ensure_ascii=False
    )


def weights_from_json(text: str | None) -> RecordedWeights | None:
    if not text:
        return None
    data = json.loads(text)
    return RecordedWeights(
        values={str(k): float(v) for k, v in data["values"].items()}, profile=data.get("profile")
    )


def _recorded_precedent(row: Mapping[str, Any]) -> RecordedPrecedent:
    return RecordedPrecedent(
        case_id=row["precedent_id"],
        title=row["title"],
        outcome=row["outcome"],
        decided=to_date(row["decided"]),
        score=float(row["score"]),
        reasons=tuple(json.loads(row["reasons"])),
        superseded_by=tuple(json.loads(row["superseded_by"])),
        differences=tuple(json.loads(row["differences"])),
    )


def summary_from_row(row: Mapping[str, Any]) -> CaseSummary:
    def split(value: str | None) -> tuple[str, ...]:
        return tuple(value.split("\x1f")) if value else ()

    return CaseSummary(
        id=row["id"],
        title=row["title"],
        product=row["product"],
        customer=row["customer"],
        sector=row["sector"],
        regions=split(row["regions"]),
        tags=split(row["tags"]),
        status=cast(CaseStatus, row["status"]),
        submitted=to_date(row["submitted"]),
        outcome=row["outcome"],
        decided=to_date(row["decided"]),
        review_by=to_date(row["review_by"]),
        summary=row["summary"],
    )
