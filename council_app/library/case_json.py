"""A case as the exchange format writes it, and back: the one mapping between
:class:`~council_app.case.Case` and its JSON object, which documents, packages, the audit log's
record of a case and the memo's fingerprint all use.

Only what says something is written (``_put``), so exported files stay readable and a case
whose newer fields are empty reads as it did before they existed. The documents around cases
(their checks, import and export) are council_app.library.exchange's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, cast

from council_app.case import (
    Assessment,
    Case,
    CaseClassification,
    CaseLink,
    CaseStatus,
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
from council_app.framework import Framework
from council_app.library.condition_json import (
    evidence_from_json,
    evidence_to_json,
    history_from_json,
    history_to_json,
)
from council_app.library.frameworks import LEGACY_FRAMEWORK_VERSION
from council_app.library.members import Member


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _rating_from(obj: Mapping[str, Any]) -> Rating:
    return Rating(
        score=obj.get("score"),
        rationale=obj.get("rationale", ""),
        confidence=obj.get("confidence"),
        confidentiality=obj.get("confidentiality", ""),
    )


def _in_order(ratings: Mapping[str, Any], order: Sequence[str] | None) -> dict[str, Rating]:
    """Ratings by key: in ``order`` (the framework's) for the keys it names, then any other key
    in the order written; all in the order written when no order is known."""
    keys = list(ratings)
    if order is not None:
        keys = [k for k in order if k in ratings] + [k for k in keys if k not in order]
    return {k: _rating_from(ratings[k]) for k in keys}


def case_from_json(obj: Mapping[str, Any], framework: Framework | None = None) -> Case:
    """A case from its exchange-format object (already checked against the schema).

    Ratings keep every key (which keys a framework rates is checked by :func:`parse_document`),
    in ``framework``'s order when one is given, else in the order written."""
    decision = None
    version = obj.get("framework_version", LEGACY_FRAMEWORK_VERSION)
    if "decision" in obj:
        d = obj["decision"]
        decision = Decision(
            outcome=d["outcome"],
            date=date_or_none(d.get("date")),
            rationale=d.get("rationale", ""),
            rationale_confidentiality=d.get("rationale_confidentiality", ""),
            distinction=d.get("distinction", ""),
            conditions=tuple(
                Condition(
                    text=c["text"],
                    owner=c.get("owner", ""),
                    due=date_or_none(c.get("due")),
                    kind=c.get("kind", ""),
                    every_months=c.get("every_months"),
                    history=history_from_json(c.get("history", [])),
                    evidence=evidence_from_json(c.get("evidence", [])),
                )
                for c in d.get("conditions", [])
            ),
            review_by=date_or_none(d.get("review_by")),
            votes=tuple(Vote(member=v["member"], vote=v["vote"]) for v in d.get("votes", [])),
            dissent=tuple(
                Dissent(member=x["member"], text=x["text"]) for x in d.get("dissent", [])
            ),
            reviews=tuple(
                Review(
                    date=date.fromisoformat(r["date"]),
                    note=r.get("note", ""),
                    next_review_by=date_or_none(r.get("next_review_by")),
                )
                for r in d.get("reviews", [])
            ),
            departure=d.get("departure", ""),
            framework_version=d.get("framework_version", version),
            stood_aside=tuple(
                StoodAside(member=x["member"], reason=x.get("reason", ""))
                for x in d.get("stood_aside", [])
            ),
            weights=(
                RecordedWeights(
                    values={k: float(v) for k, v in d["weights"]["values"].items()},
                    profile=d["weights"].get("profile"),
                )
                if "weights" in d
                else None
            ),
            precedents=(
                tuple(
                    RecordedPrecedent(
                        case_id=p["case"],
                        title=p.get("title", ""),
                        outcome=p["outcome"],
                        decided=date_or_none(p.get("decided")),
                        score=float(p["match"]),
                        reasons=tuple(p.get("reasons", [])),
                        superseded_by=tuple(p.get("superseded_by", [])),
                        differences=tuple(p.get("differences", [])),
                    )
                    for p in d["precedents"]
                )
                if "precedents" in d
                else None
            ),
        )
    assessments = []
    for a in obj.get("ratings", []):
        considerations = a.get("considerations", {})
        principles = a.get("principles", {})
        assessments.append(
            Assessment(
                member=a["member"],
                submitted=date_or_none(a.get("submitted")),
                considerations=_in_order(
                    considerations, framework.rated_keys if framework else None
                ),
                principles=_in_order(principles, framework.principle_keys if framework else None),
                notes=a.get("notes", ""),
                notes_confidentiality=a.get("notes_confidentiality", ""),
            )
        )
    return Case(
        id=obj["id"],
        title=obj["title"],
        summary=obj.get("summary", ""),
        question=obj.get("question", ""),
        product=obj.get("product", ""),
        customer=obj.get("customer", ""),
        sector=obj.get("sector", ""),
        regions=tuple(obj.get("regions", [])),
        tags=tuple(obj.get("tags", [])),
        submitted=date_or_none(obj.get("submitted")),
        status=cast(CaseStatus, obj.get("status", "decided" if decision else "draft")),
        use_case=obj.get("use_case", ""),
        framework_version=version,
        classifications=tuple(
            CaseClassification(
                key=c["key"], basis=c.get("basis", ""), exception=c.get("exception", "")
            )
            for c in obj.get("classifications", [])
        ),
        assessments=tuple(assessments),
        mitigations=tuple(
            Mitigation(
                description=m["description"],
                kind=m.get("kind"),
                effectiveness=m.get("effectiveness"),
                owner=m.get("owner", ""),
            )
            for m in obj.get("mitigations", [])
        ),
        stakeholder_input=tuple(
            StakeholderInput(
                group=s["group"],
                summary=s["summary"],
                source=s.get("source", ""),
                contact=s.get("contact", ""),
                date=date_or_none(s.get("date")),
                confidentiality=s.get("confidentiality", ""),
            )
            for s in obj.get("stakeholder_input", [])
        ),
        coverage=tuple(
            CoverageNote(requirement=c["requirement"], text=c["text"])
            for c in obj.get("coverage", [])
        ),
        escalations=tuple(escalation_from_json(e) for e in obj.get("escalations", [])),
        facts=tuple(
            Fact(
                text=f["text"],
                source=f.get("source", ""),
                confidentiality=f.get("confidentiality", ""),
            )
            for f in obj.get("facts", [])
        ),
        decision=decision,
        links=tuple(
            CaseLink(type=link["type"], target=link["target"], note=link.get("note", ""))
            for link in obj.get("links", [])
        ),
        revision=obj.get("revision", 0),
    )


def escalation_from_json(e: Mapping[str, Any]) -> Escalation:
    return Escalation(
        kind=e["kind"],
        lodged_on=date.fromisoformat(e["lodged_on"]),
        by=e.get("by", ""),
        grounds=e.get("grounds", ""),
        statement=e.get("statement", ""),
        original_outcome=e.get("original_outcome", ""),
        heard_by=tuple(e.get("heard_by", [])),
        result=e.get("result", ""),
        decided_on=date_or_none(e.get("decided_on")),
        outcome=e.get("outcome", ""),
        authority=e.get("authority", ""),
        reasons=e.get("reasons", ""),
    )


def escalation_to_json(e: Escalation) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": e.kind, "lodged_on": e.lodged_on.isoformat()}
    for key in ("by", "grounds", "statement", "original_outcome"):
        put_said(out, key, getattr(e, key))
    put_said(out, "heard_by", list(e.heard_by))
    for key in ("result", "decided_on", "outcome", "authority", "reasons"):
        put_said(out, key, getattr(e, key))
    return out


def put_said(obj: dict[str, Any], key: str, value: Any) -> None:
    """Set a field only when it says something, so exported files stay readable."""
    if value is None or value == "" or value == [] or value == {}:
        return
    if isinstance(value, date):
        value = value.isoformat()
    obj[key] = value


def _rating_to(rating: Rating) -> dict[str, Any]:
    out: dict[str, Any] = {}
    put_said(out, "score", rating.score)
    put_said(out, "rationale", rating.rationale)
    put_said(out, "confidence", rating.confidence)
    put_said(out, "confidentiality", rating.confidentiality)
    return out


def _named_version(version: str) -> str:
    return "" if version == LEGACY_FRAMEWORK_VERSION else version


def case_to_json(case: Case, *, redact: bool = False, revision: bool = False) -> dict[str, Any]:
    """The exchange-format object for a case; ``redact`` leaves out stakeholder contacts (the
    caller replaces members' names: see ``personal_data.redact_case``).

    ``revision`` adds the library's revision the case was read at, for an export that may come
    back (an import over it is then checked against it). Fingerprints and the audit log leave
    it out: they are about the content.
    """
    out: dict[str, Any] = {"id": case.id, "title": case.title}
    put_said(out, "summary", case.summary)
    put_said(out, "question", case.question)
    put_said(out, "product", case.product)
    put_said(out, "customer", case.customer)
    put_said(out, "sector", case.sector)
    put_said(out, "regions", list(case.regions))
    put_said(out, "tags", list(case.tags))
    put_said(out, "submitted", case.submitted)
    out["status"] = case.status
    put_said(out, "use_case", case.use_case)
    # A case made under 2026.1 is written as it was before versions were kept (so that its
    # fingerprint in the audit log, and every memo, stay as they were); any other names its own.
    put_said(out, "framework_version", _named_version(case.framework_version))
    ratings = []
    for a in case.assessments:
        item: dict[str, Any] = {"member": a.member}
        put_said(item, "submitted", a.submitted)
        put_said(item, "considerations", {k: _rating_to(r) for k, r in a.considerations.items()})
        put_said(item, "principles", {k: _rating_to(r) for k, r in a.principles.items()})
        put_said(item, "notes", a.notes)
        put_said(item, "notes_confidentiality", a.notes_confidentiality)
        ratings.append(item)
    put_said(out, "ratings", ratings)
    mitigations = []
    for m in case.mitigations:
        item = {"description": m.description}
        put_said(item, "kind", m.kind)
        put_said(item, "effectiveness", m.effectiveness)
        put_said(item, "owner", m.owner)
        mitigations.append(item)
    put_said(out, "mitigations", mitigations)
    inputs = []
    for s in case.stakeholder_input:
        item = {"group": s.group, "summary": s.summary}
        put_said(item, "source", s.source)
        if not redact:
            put_said(item, "contact", s.contact)
        put_said(item, "date", s.date)
        put_said(item, "confidentiality", s.confidentiality)
        inputs.append(item)
    put_said(out, "stakeholder_input", inputs)
    facts = []
    for f in case.facts:
        item = {"text": f.text}
        put_said(item, "source", f.source)
        put_said(item, "confidentiality", f.confidentiality)
        facts.append(item)
    put_said(out, "facts", facts)
    put_said(
        out, "coverage", [{"requirement": c.requirement, "text": c.text} for c in case.coverage]
    )
    put_said(out, "escalations", [escalation_to_json(e) for e in case.escalations])
    if case.decision is not None:
        d = case.decision
        decision: dict[str, Any] = {"outcome": d.outcome}
        put_said(decision, "date", d.date)
        put_said(decision, "rationale", d.rationale)
        put_said(decision, "rationale_confidentiality", d.rationale_confidentiality)
        put_said(decision, "distinction", d.distinction)
        conditions = []
        for c in d.conditions:
            item = {"text": c.text}
            put_said(item, "owner", c.owner)
            put_said(item, "due", c.due)
            put_said(item, "kind", c.kind)
            put_said(item, "every_months", c.every_months)
            put_said(item, "history", history_to_json(c.history))
            put_said(item, "evidence", evidence_to_json(c.evidence))
            conditions.append(item)
        put_said(decision, "conditions", conditions)
        put_said(decision, "review_by", d.review_by)
        put_said(decision, "votes", [{"member": v.member, "vote": v.vote} for v in d.votes])
        put_said(decision, "dissent", [{"member": x.member, "text": x.text} for x in d.dissent])
        reviews = []
        for r in d.reviews:
            item = {"date": r.date.isoformat()}
            put_said(item, "note", r.note)
            put_said(item, "next_review_by", r.next_review_by)
            reviews.append(item)
        put_said(decision, "reviews", reviews)
        put_said(decision, "departure", d.departure)
        if d.framework_version and d.framework_version != case.framework_version:
            decision["framework_version"] = d.framework_version
        if d.weights is not None:
            weights: dict[str, Any] = {"values": dict(d.weights.values)}
            put_said(weights, "profile", d.weights.profile)
            decision["weights"] = weights
        put_said(
            decision,
            "stood_aside",
            [
                {"member": x.member, **({"reason": x.reason} if x.reason else {})}
                for x in d.stood_aside
            ],
        )
        if d.precedents is not None:
            # Present, even empty, when recorded: "none was before the council" is a record too.
            recorded = []
            for p in d.precedents:
                item = {"case": p.case_id}
                put_said(item, "title", p.title)
                item["outcome"] = p.outcome
                put_said(item, "decided", p.decided)
                item["match"] = p.score
                put_said(item, "reasons", list(p.reasons))
                put_said(item, "superseded_by", list(p.superseded_by))
                put_said(item, "differences", list(p.differences))
                recorded.append(item)
            decision["precedents"] = recorded
        out["decision"] = decision
    links = []
    for link in case.links:
        item = {"type": link.type, "target": link.target}
        put_said(item, "note", link.note)
        links.append(item)
    put_said(out, "links", links)
    classified = []
    for classification in case.classifications:
        entry: dict[str, Any] = {"key": classification.key}
        put_said(entry, "basis", classification.basis)
        put_said(entry, "exception", classification.exception)
        classified.append(entry)
    put_said(out, "classifications", classified)
    if revision and case.revision:
        out["revision"] = case.revision
    return out


def member_to_json(member: Member) -> dict[str, Any]:
    out: dict[str, Any] = {"name": member.name}
    put_said(out, "role", member.role)
    out["voting"] = member.voting
    put_said(out, "active_from", member.active_from)
    put_said(out, "active_to", member.active_to)
    put_said(out, "kind", member.kind)
    interests = []
    for interest in member.interests:
        item: dict[str, Any] = {
            "kind": interest.kind,
            "text": interest.text,
            "declared_on": interest.declared_on.isoformat(),
        }
        put_said(item, "withdrawn_on", interest.withdrawn_on)
        put_said(item, "note", interest.note)
        interests.append(item)
    put_said(out, "interests", interests)
    return out
