"""Whether a case speaks in a framework's terms: every key it names is one the framework defines.

The library checks this when a case is written, against the version the case is assessed under
(its tables no longer hold a fixed list of keys), and an import checks it before anything is
written, so a case rated on a consideration its framework does not have is refused in words
rather than stored half-understood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from council_app.framework.taxonomy import classification_keys
from council_app.vocabulary import ABSTAIN

if TYPE_CHECKING:
    from council_app.case import Case
    from council_app.framework.model import Framework


def _listed(keys: list[str]) -> str:
    return ", ".join(keys) if keys else "none"


def case_fit_problems(framework: Framework, case: Case) -> list[str]:
    """What in ``case`` the framework does not define, one sentence each (empty: it fits)."""
    rated = list(framework.rated_keys)
    principles = list(framework.principle_keys)
    groups = list(framework.stakeholder_group_keys)
    outcomes = list(framework.outcome_keys)
    under = f"framework {framework.version}"
    found: list[str] = []
    scale = f"its scale {framework.scale_text}"
    for assessment in case.assessments:
        for key, rating in (*assessment.considerations.items(), *assessment.principles.items()):
            if rating.score is not None and not framework.on_scale(rating.score):
                found.append(
                    f"{case.id}: {assessment.member} rates {key!r} {rating.score}, which is not "
                    f"on {scale} under {under}"
                )
        for key in assessment.considerations:
            if key not in rated:
                found.append(
                    f"{case.id}: {assessment.member} rates {key!r}, which is not a consideration "
                    f"of {under} (its considerations rated are {_listed(rated)})"
                )
        for key in assessment.principles:
            if key not in principles:
                found.append(
                    f"{case.id}: {assessment.member} rates the principle {key!r}, which {under} "
                    f"does not have (its principles are {_listed(principles)})"
                )
    for index, action in enumerate(case.mitigations, start=1):
        if action.effectiveness is not None and not framework.on_scale(action.effectiveness):
            found.append(
                f"{case.id}: proposed action {index} is rated {action.effectiveness} effective, "
                f"which is not on {scale} under {under}"
            )
    for item in case.stakeholder_input:
        if item.group not in groups:
            found.append(
                f"{case.id}: stakeholder input from {item.group!r}, which is not a stakeholder "
                f"group of {under} ({_listed(groups)})"
            )
    known = classification_keys(framework)
    for classification in case.classifications:
        if classification.key not in known:
            found.append(
                f"{case.id}: classified as {classification.key!r}, which is not an entry of a "
                f"taxonomy of {under} ({_listed(list(known))})"
            )
    decision = case.decision
    if decision is not None:
        if decision.outcome not in outcomes:
            found.append(
                f"{case.id}: the decision {decision.outcome!r} is not an outcome of {under} "
                f"({_listed(outcomes)})"
            )
        for vote in decision.votes:
            if vote.vote != ABSTAIN and vote.vote not in outcomes:
                found.append(
                    f"{case.id}: {vote.member} voted {vote.vote!r}, which is not an outcome of "
                    f"{under} ({_listed(outcomes)})"
                )
        from council_app.case import MAX_EVERY_MONTHS

        kinds = list(framework.condition_kind_keys)
        for n, condition in enumerate(decision.conditions, 1):
            if condition.kind and condition.kind not in kinds:
                found.append(
                    f"{case.id}: condition {n} is of kind {condition.kind!r}, which is not a "
                    f"condition kind of {under} ({_listed(kinds)})"
                )
            every = condition.every_months
            if every is not None and not 1 <= every <= MAX_EVERY_MONTHS:  # the core's bound
                found.append(
                    f"{case.id}: condition {n} recurs every {every} months; a condition recurs "
                    f"every 1 to {MAX_EVERY_MONTHS} months"
                )
            # Where a condition stands on a day is read from its history in date order.
            days = [h.on for h in condition.history]
            if days != sorted(days):
                found.append(f"{case.id}: condition {n}'s status changes are not in date order")
    return found
