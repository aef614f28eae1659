"""A decision taken further: referred to the board, or appealed.

A referral ends in the board's decision, recorded as a revision of the case's decision with the
board's authority; the framework may say the board can tighten but not loosen the strictest
outcome (a Decline, as shipped). An appeal is lodged on limited grounds (new information, a
procedural failure) and is heard by members who did not decide the case, as IRBs hear them: the
app proposes them (:func:`appeal_panel`), the quorum rule counts them, and the appeal ends
upheld, varied or overturned. Each is kept on the case, linked to the outcome it was against;
what the decision was before is in the audit log's revisions, which the memo shows.

Every operation checks everything before it writes and writes in one transaction; one based
on an older revision of the case is refused, not applied.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from council_app.case import Case, Decision, Escalation
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.vocabulary import APPEAL_GROUND_TITLES, APPEAL_GROUNDS, APPEAL_RESULTS


class EscalationError(CouncilError):
    """An escalation refused: nothing was changed."""


def pending(case: Case) -> Escalation | None:
    return next((e for e in case.escalations if not e.result), None)


def deciders(case: Case) -> set[str]:
    """Who decided the case: the members who voted or dissented, or (a decision recorded
    without votes) the members who assessed it; those who stood aside are with them, as they
    may not hear it either."""
    d = case.decision
    if d is None:
        return set()
    named = {v.member for v in d.votes} | {x.member for x in d.dissent}
    if not named:
        named = {a.member for a in case.assessments}
    return named | {a.member for a in d.stood_aside}


def appeal_panel(library: CaseLibrary, case: Case, on: date) -> list[str]:
    """The voting members on the day who did not decide the case: who may hear its appeal."""
    from council_app.council.sessions import voting_members

    decided = deciders(case)
    return [m for m in voting_members(library, on) if m not in decided]


def may_board_decide(framework: Framework, original: str, outcome: str) -> str:
    """Why the board may not decide ``outcome`` over ``original`` ("" when it may)."""
    if outcome not in framework.outcome_keys:
        return (
            f"{outcome!r} is not an outcome of framework {framework.version} "
            f"({', '.join(framework.outcome_keys)})."
        )
    strictest = framework.strictest_outcome
    if (
        original == strictest
        and outcome != strictest
        and not framework.escalation.board_may_loosen_strictest
    ):
        title = framework.outcome_title(strictest)
        return (
            f"The framework lets the board tighten a decision but not loosen a {title}: it may "
            f"uphold the {title}, or the council may decide the case again."
        )
    return ""


def _superseding(d: Decision, outcome: str, on: date, reasons: str, why: str) -> Decision:
    """The decision that replaces ``d``: its outcome, date and reasons; its conditions and
    review date kept where the outcome is the same, and why it departs from the sitting."""
    same = outcome == d.outcome
    return replace(
        d,
        outcome=outcome,
        date=on,
        rationale=reasons,
        conditions=d.conditions if same else (),
        departure=why,
        precedents=d.precedents,
    )


def _record(library: CaseLibrary, case_id: str, expected_revision: int | None) -> Case:
    case = library.get_case(case_id)
    if expected_revision is not None and case.revision != expected_revision:
        from council_app.library import revisions

        raise revisions.conflict(
            library, replace(case, revision=expected_revision), case.revision, case
        )
    if case.decision is None:
        raise EscalationError(f"{case_id} has no decision to take further; nothing changed.")
    return case


def refer_to_board(
    library: CaseLibrary,
    case_id: str,
    *,
    on: date,
    by: str,
    statement: str,
    expected_revision: int | None = None,
) -> Case:
    """Refer the case's decision to the board, saying why."""
    if not statement.strip():
        raise EscalationError("Say why the decision goes to the board; nothing changed.")
    with library.write(what=f"{case_id} referred to the board"):
        case = _record(library, case_id, expected_revision)
        _not_pending(case)
        assert case.decision is not None
        item = Escalation(
            "referral", on, by.strip(), statement=statement.strip(),
            original_outcome=case.decision.outcome,
        )  # fmt: skip
        library.save_case(replace(case, escalations=(*case.escalations, item)))
    return library.get_case(case_id)


def record_board_decision(
    library: CaseLibrary,
    case_id: str,
    outcome: str,
    *,
    on: date,
    authority: str,
    reasons: str,
    expected_revision: int | None = None,
) -> Case:
    """The board's decision on a referral: the case's decision from now on, with its authority."""
    from council_app.library.frameworks import case_framework

    if not authority.strip() or not reasons.strip():
        raise EscalationError(
            "The board's decision is recorded with its authority and its reasons; nothing changed."
        )
    with library.write(what=f"the board's decision on {case_id}"):
        case = _record(library, case_id, expected_revision)
        item = pending(case)
        if item is None or item.kind != "referral":
            raise EscalationError(f"{case_id} is not before the board; nothing changed.")
        assert case.decision is not None
        problem = may_board_decide(case_framework(library, case), item.original_outcome, outcome)
        if problem:
            raise EscalationError(problem + " Nothing changed.")
        decided = replace(
            item, result="decided", decided_on=on, outcome=outcome,
            authority=authority.strip(), reasons=reasons.strip(),
        )  # fmt: skip
        why = f"Decided by {authority.strip()} on referral."
        library.save_case(
            replace(
                case,
                decision=_superseding(case.decision, outcome, on, reasons.strip(), why),
                escalations=tuple(decided if e is item else e for e in case.escalations),
            )
        )
    return library.get_case(case_id)


def lodge_appeal(
    library: CaseLibrary,
    case_id: str,
    *,
    grounds: str,
    statement: str,
    on: date,
    by: str,
    expected_revision: int | None = None,
) -> Case:
    """An appeal against the decision, on one of the limited grounds, stated."""
    if grounds not in APPEAL_GROUNDS:
        raise EscalationError(
            "An appeal is lodged on "
            + " or ".join(APPEAL_GROUND_TITLES[g] for g in APPEAL_GROUNDS)
            + f" ({', '.join(APPEAL_GROUNDS)}); not {grounds!r}. Nothing changed."
        )
    if not statement.strip():
        raise EscalationError("State the grounds of the appeal in words; nothing changed.")
    with library.write(what=f"appeal against {case_id}"):
        case = _record(library, case_id, expected_revision)
        _not_pending(case)
        assert case.decision is not None
        item = Escalation(
            "appeal", on, by.strip(), grounds=grounds, statement=statement.strip(),
            original_outcome=case.decision.outcome,
        )  # fmt: skip
        library.save_case(replace(case, escalations=(*case.escalations, item)))
    return library.get_case(case_id)


def decide_appeal(
    library: CaseLibrary,
    case_id: str,
    result: str,
    *,
    heard_by: list[str],
    on: date,
    reasons: str,
    outcome: str = "",
    expected_revision: int | None = None,
) -> Case:
    """The appeal's end: upheld (the decision stands), varied or overturned (``outcome`` is the
    case's decision from now on), heard by a quorum of members who did not decide the case."""
    from council_app.council.quorum import quorum
    from council_app.council.sessions import member_kinds, quorum_composition, quorum_rule
    from council_app.library.frameworks import case_framework

    if result not in APPEAL_RESULTS:
        raise EscalationError(
            f"An appeal ends {', '.join(APPEAL_RESULTS)}; not {result!r}. Nothing changed."
        )
    if not reasons.strip():
        raise EscalationError("Give the panel's reasons; nothing changed.")
    with library.write(what=f"the appeal against {case_id} decided"):
        case = _record(library, case_id, expected_revision)
        item = pending(case)
        if item is None or item.kind != "appeal":
            raise EscalationError(f"{case_id} has no appeal pending; nothing changed.")
        assert case.decision is not None
        decided = deciders(case) & set(heard_by)
        if decided:
            raise EscalationError(
                f"{', '.join(sorted(decided))} decided the case (or stood aside) and may not hear "
                "its appeal; nothing changed."
            )
        panel = appeal_panel(library, case, on)
        strangers = [m for m in heard_by if m not in panel]
        if strangers:
            raise EscalationError(
                f"{', '.join(strangers)} {'is' if len(strangers) == 1 else 'are'} not a voting "
                f"member on {on.isoformat()}; nothing changed."
            )
        check = quorum(
            quorum_rule(library), panel, heard_by,
            composition=quorum_composition(library), kinds=member_kinds(library),
        )  # fmt: skip
        if not check.met:
            raise EscalationError(
                f"The appeal needs a quorum of the members who did not decide: {check.sentence()} "
                "Nothing changed."
            )
        framework = case_framework(library, case)
        if result == "upheld":
            outcome = item.original_outcome
        elif outcome not in framework.outcome_keys:
            raise EscalationError(
                f"A {result} appeal names the outcome it ends in "
                f"({', '.join(framework.outcome_keys)}); nothing changed."
            )
        elif result == "overturned" and outcome == item.original_outcome:
            raise EscalationError(
                "An overturned decision ends in another outcome; use upheld or varied. "
                "Nothing changed."
            )
        done = replace(
            item, result=result, decided_on=on, outcome=outcome, heard_by=tuple(heard_by),
            reasons=reasons.strip(),
        )  # fmt: skip
        updated = replace(
            case, escalations=tuple(done if e is item else e for e in case.escalations)
        )
        if result != "upheld":
            why = f"The appeal was {result} on {on.isoformat()}."
            updated = replace(
                updated, decision=_superseding(case.decision, outcome, on, reasons.strip(), why)
            )
        library.save_case(updated)
    return library.get_case(case_id)


def _not_pending(case: Case) -> None:
    item = pending(case)
    if item is not None:
        what = "referred to the board" if item.kind == "referral" else "under appeal"
        raise EscalationError(
            f"{case.id} is already {what} (since {item.lodged_on.isoformat()}); nothing changed."
        )


def escalation_sentence(framework: Framework, e: Escalation) -> str:
    """One escalation in words, linked to the outcome it was against."""
    title = framework.outcome_title if e.original_outcome in framework.outcome_keys else str
    was = title(e.original_outcome) if e.original_outcome else "the decision"
    by = f" by {e.by}" if e.by else ""
    if e.kind == "referral":
        head = (
            f"Referred to the board{by} on {e.lodged_on.isoformat()} (against {was}): {e.statement}"
        )
        if not e.result:
            return head + " Pending."
        ended = (
            framework.outcome_title(e.outcome) if e.outcome in framework.outcome_keys else e.outcome
        )
        return (
            f"{head} The board ({e.authority}) decided {ended} on "
            f"{e.decided_on.isoformat() if e.decided_on else 'a date not given'}: {e.reasons}"
        )
    grounds = APPEAL_GROUND_TITLES.get(e.grounds, e.grounds)
    head = f"Appealed{by} on {e.lodged_on.isoformat()} on {grounds} (against {was}): {e.statement}"
    if not e.result:
        return head + " Pending."
    ended = framework.outcome_title(e.outcome) if e.outcome in framework.outcome_keys else e.outcome
    panel = ", ".join(e.heard_by)
    when = e.decided_on.isoformat() if e.decided_on else "a date not given"
    return f"{head} Heard by {panel}: {e.result} on {when}, {ended}. {e.reasons}"


__all__ = [
    "EscalationError",
    "appeal_panel",
    "decide_appeal",
    "deciders",
    "escalation_sentence",
    "lodge_appeal",
    "may_board_decide",
    "pending",
    "record_board_decision",
    "refer_to_board",
]
