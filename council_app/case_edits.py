"""Edits to a case, as functions from one case to the next.

The app's case workspace calls these for every change a member makes, and keeps the cases they
return on its undo stack; nothing here knows about widgets, and the same edit can be made from
a script or a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from council_app.case import (
    Assessment,
    Case,
    CaseClassification,
    CaseLink,
    Condition,
    CoverageNote,
    Decision,
    Dissent,
    Fact,
    Mitigation,
    Rating,
    StakeholderInput,
    Vote,
)
from council_app.framework import Framework, bundled_framework

CASE_FIELDS = ("id", "title", "summary", "question", "product", "customer", "sector", "use_case")
_ID_PATTERN = re.compile(r"^(?P<prefix>.*?)(?P<year>\d{4})-(?P<number>\d+)$")


def set_field(case: Case, field: str, value: Any) -> Case:
    if field in ("regions", "tags"):
        values = tuple(dict.fromkeys(v for v in value if v))
        return replace(case, regions=values) if field == "regions" else replace(case, tags=values)
    if field == "submitted":
        return replace(case, submitted=value)
    if field == "status":
        return replace(case, status=value)
    if field not in CASE_FIELDS:
        raise KeyError(f"not a case field: {field}")
    return replace(case, **{field: value})


def _assessment(case: Case, member: str) -> Assessment:
    return case.assessment_by(member) or Assessment(member=member)


def _put_assessment(case: Case, assessment: Assessment) -> Case:
    others = [a for a in case.assessments if a.member != assessment.member]
    position = next(
        (i for i, a in enumerate(case.assessments) if a.member == assessment.member), len(others)
    )
    others.insert(position, assessment)
    return replace(case, assessments=tuple(others))


def _update_rating(
    case: Case, member: str, key: str, framework: Framework | None, **parts: Any
) -> Case:
    """``key`` is a consideration or a principle by ``framework`` (the bundled one when None);
    the member's ratings stay in the framework's order, any key it does not know kept after."""
    framework = framework or bundled_framework()
    assessment = _assessment(case, member)
    principle = framework.is_principle(key)
    if not principle and key not in framework.rated_keys:
        raise KeyError(f"not a rated consideration or principle: {key}")
    order = framework.principle_keys if principle else framework.rated_keys
    ratings = dict(assessment.principles if principle else assessment.considerations)
    updated = replace(ratings.get(key, Rating()), **parts)
    if updated == Rating():
        ratings.pop(key, None)
    else:
        ratings[key] = updated
    ordered = {k: ratings[k] for k in order if k in ratings}
    ordered.update({k: v for k, v in ratings.items() if k not in ordered})
    if principle:
        return _put_assessment(case, replace(assessment, principles=ordered))
    return _put_assessment(case, replace(assessment, considerations=ordered))


def set_score(
    case: Case, member: str, key: str, score: int | None, *, framework: Framework | None = None
) -> Case:
    """One member's rating of a consideration or principle, on the framework's scale (0–4 as
    shipped); None takes it back."""
    scale = framework or bundled_framework()
    if score is not None and not scale.on_scale(score):
        raise ValueError(f"a rating is {scale.scale_min} to {scale.scale_max}, not {score}")
    return _update_rating(case, member, key, scale, score=score)


def set_rationale(
    case: Case, member: str, key: str, rationale: str, *, framework: Framework | None = None
) -> Case:
    return _update_rating(case, member, key, framework, rationale=rationale)


def set_confidence(
    case: Case,
    member: str,
    key: str,
    confidence: str | None,
    *,
    framework: Framework | None = None,
) -> Case:
    return _update_rating(case, member, key, framework, confidence=confidence)


def set_assessment_notes(case: Case, member: str, notes: str) -> Case:
    return _put_assessment(case, replace(_assessment(case, member), notes=notes))


def set_rationale_confidentiality(
    case: Case, member: str, key: str, level: str, *, framework: Framework | None = None
) -> Case:
    """Who may read the member's rationale for ``key`` ("": the framework's default)."""
    return _update_rating(case, member, key, framework, confidentiality=level)


def set_notes_confidentiality(case: Case, member: str, level: str) -> Case:
    return _put_assessment(case, replace(_assessment(case, member), notes_confidentiality=level))


def set_coverage_note(case: Case, requirement: str, text: str) -> Case:
    """The case with ``text`` as its answer to ``requirement`` ("" takes the answer away)."""
    kept = [n for n in case.coverage if n.requirement != requirement]
    if text.strip():
        at = next(
            (i for i, n in enumerate(case.coverage) if n.requirement == requirement), len(kept)
        )
        kept.insert(at, CoverageNote(requirement, text.strip()))
    return replace(case, coverage=tuple(kept))


def set_fact(case: Case, index: int, fact: Fact | None) -> Case:
    """Replace, append (``index == len``) or remove (``None``) a fact of the case; a fact
    whose text is cleared is removed (a fact that says nothing is none, and the library
    refuses one)."""
    if fact is not None and not fact.text.strip():
        fact = None
        if index >= len(case.facts):
            return case
    return replace(case, facts=_replace_item(case.facts, index, fact))


def set_assessment_date(case: Case, member: str, day: date | None) -> Case:
    return _put_assessment(case, replace(_assessment(case, member), submitted=day))


def _replace_item(items: tuple[Any, ...], index: int, item: Any | None) -> tuple[Any, ...]:
    listed = list(items)
    if item is None:
        del listed[index]
    elif index == len(listed):
        listed.append(item)
    else:
        listed[index] = item
    return tuple(listed)


def set_mitigation(case: Case, index: int, mitigation: Mitigation | None) -> Case:
    """Replace, append (``index == len``) or remove (``None``) a proposed action."""
    return replace(case, mitigations=_replace_item(case.mitigations, index, mitigation))


def set_stakeholder_input(case: Case, index: int, item: StakeholderInput | None) -> Case:
    return replace(case, stakeholder_input=_replace_item(case.stakeholder_input, index, item))


def set_link(case: Case, index: int, link: CaseLink | None) -> Case:
    return replace(case, links=_replace_item(case.links, index, link))


def cite_precedent(case: Case, target: str, *, cited: bool = True) -> Case:
    """Cite ``target`` as a precedent of the case, or (``cited=False``) stop citing it.

    A precedent the case already links to in another way (distinguishes, supersedes, related)
    is left as it is: the council said how the two stand, and citing it too would say two
    things at once.
    """
    if cited:
        if any(link.target == target for link in case.links):
            return case
        return replace(case, links=(*case.links, CaseLink(type="cites", target=target)))
    kept = tuple(
        link for link in case.links if not (link.type == "cites" and link.target == target)
    )
    return replace(case, links=kept)


def _decision(case: Case, framework: Framework | None = None) -> Decision:
    """The case's decision, or a new one with the framework's deferral as its outcome."""
    return case.decision or Decision(outcome=(framework or bundled_framework()).deferral)


def set_decision(case: Case, *, framework: Framework | None = None, **changes: Any) -> Case:
    """Change parts of the decision; recording an outcome marks the case decided."""
    decision = replace(_decision(case, framework), **changes)
    return replace(case, decision=decision, status="decided")


def clear_decision(case: Case) -> Case:
    return replace(case, decision=None, status="in_review" if case.assessments else "draft")


def set_condition(
    case: Case, index: int, condition: Condition | None, *, framework: Framework | None = None
) -> Case:
    decision = _decision(case, framework)
    return set_decision(
        case,
        framework=framework,
        conditions=_replace_item(decision.conditions, index, condition),
    )


def set_vote(
    case: Case, member: str, vote: str | None, *, framework: Framework | None = None
) -> Case:
    decision = _decision(case, framework)
    votes = [v for v in decision.votes if v.member != member]
    if vote is not None:
        position = next((i for i, v in enumerate(decision.votes) if v.member == member), len(votes))
        votes.insert(position, Vote(member=member, vote=vote))
    return set_decision(case, framework=framework, votes=tuple(votes))


def set_dissent(case: Case, member: str, text: str, *, framework: Framework | None = None) -> Case:
    decision = _decision(case, framework)
    dissent = [d for d in decision.dissent if d.member != member]
    if text.strip():
        position = next(
            (i for i, d in enumerate(decision.dissent) if d.member == member), len(dissent)
        )
        dissent.insert(position, Dissent(member=member, text=text))
    return set_decision(case, framework=framework, dissent=tuple(dissent))


def next_case_id(existing: Iterable[str], today: date, prefix: str = "EUC-") -> str:
    """The next id in the library's numbering for this year: EUC-2026-041 after EUC-2026-040."""
    highest = 0
    width = 3
    for case_id in existing:
        match = _ID_PATTERN.match(case_id)
        if match and match["prefix"] == prefix and int(match["year"]) == today.year:
            highest = max(highest, int(match["number"]))
            width = max(width, len(match["number"]))
    return f"{prefix}{today.year}-{highest + 1:0{width}d}"


def new_case(case_id: str, today: date) -> Case:
    return Case(id=case_id, title="New case", submitted=today, status="draft")


def duplicate_case(case: Case, new_id: str, today: date) -> Case:
    """A new case on the same facts: the request, the product and the proposed actions carry
    over; ratings, input, decision and links do not, and the copy is linked to the original."""
    return Case(
        id=new_id,
        title=f"{case.title} (copy)",
        summary=case.summary,
        question=case.question,
        product=case.product,
        customer=case.customer,
        sector=case.sector,
        regions=case.regions,
        tags=case.tags,
        submitted=today,
        status="draft",
        use_case=case.use_case,
        mitigations=case.mitigations,
        links=(CaseLink(type="related", target=case.id, note="duplicated from"),),
    )


def superseding_case(case: Case, new_id: str, today: date) -> Case:
    """A re-review that may change a decision: a new case on the same facts that supersedes
    the old one, so that the old decision stays on record as it was taken."""
    when = case.decision.date.isoformat() if case.decision and case.decision.date else "earlier"
    fresh = duplicate_case(case, new_id, today)
    return replace(
        fresh,
        title=f"{case.title} (re-review)",
        links=(
            CaseLink(
                type="supersedes", target=case.id, note=f"re-review of the decision of {when}"
            ),
        ),
    )


def member_names(case: Case, framework: Framework | None = None) -> list[str]:
    """Everyone who took part in the case: raters, voters, dissenters, in order."""
    names = [a.member for a in case.assessments]
    if case.decision:
        names += [v.member for v in case.decision.votes] + [d.member for d in case.decision.dissent]
    return list(dict.fromkeys(names))


def set_classification(case: Case, key: str, basis: str = "", exception: str = "") -> Case:
    """Place the case under a taxonomy entry, or restate the basis of one it is under."""
    entry = CaseClassification(key=key.strip(), basis=basis.strip(), exception=exception.strip())
    kept = [c for c in case.classifications if c.key != entry.key]
    at = next((i for i, c in enumerate(case.classifications) if c.key == entry.key), len(kept))
    kept.insert(at, entry)
    return replace(case, classifications=tuple(kept))


def remove_classification(case: Case, key: str) -> Case:
    return replace(case, classifications=tuple(c for c in case.classifications if c.key != key))


def with_obligations(
    framework: Framework, case: Case, outcome: str, conditions: Sequence[Condition]
) -> tuple[Condition, ...]:
    """The conditions of a decision that lets the use go ahead, with every obligation of the
    case's classifications the council did not already state (they become its conditions)."""
    from council_app.framework.taxonomy import allows_use, obligations

    given = tuple(conditions)
    if not allows_use(framework, outcome):
        return given
    stated = {c.text.strip().casefold() for c in given}
    return given + tuple(
        Condition(text=o)
        for o in obligations(framework, case)
        if o.strip().casefold() not in stated
    )


def default_review_by(
    framework: Framework,
    outcome: str,
    decided: date,
    case: Case | None = None,
    index: float | None = None,
) -> date:
    """The review date the framework sets for an outcome: so many months after the decision,
    or sooner where the case's risk sets a shorter period: one of its classifications (a
    high-risk use reviewed every six months, say) or a review period of the framework by
    outcome, region, classification kind or concern ``index``."""
    from council_app.framework.taxonomy import review_months

    months = framework.outcome(outcome).review_months
    shorter = review_months(framework, case, outcome, index) if case is not None else None
    if shorter is not None:
        months = min(months, shorter)
    return months_after(decided, months)


def months_after(day: date, months: int) -> date:
    """So many months after ``day``: the same day of the month, or the last day of a shorter
    month (a review date, a quarterly report falling due)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    return date(year, month, 28)
