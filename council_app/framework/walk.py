"""The steps of the walk through the framework, and when each is complete.

The case workspace shows these steps in this order and marks the incomplete ones; the rules
for "complete" live here so that the app, a report or a test all judge a case the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from council_app.case import Case
from council_app.framework.model import Framework


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    consideration: str | None = None  # the consideration the step rates, if any
    # The principle keys the step rates (the derived consideration's step), in order.
    principles: tuple[str, ...] = ()


def walk_steps(framework: Framework) -> tuple[Step, ...]:
    steps = [Step("facts", "Facts and use case")]
    for consideration in framework.considerations:
        if consideration.derived_from == "principles":
            steps.append(
                Step(
                    "principles",
                    consideration.title,
                    consideration.key,
                    principles=framework.principle_keys,
                )
            )
        else:
            steps.append(Step(consideration.key, consideration.title, consideration.key))
    steps += [
        Step("mitigations", "Proposed actions"),
        Step("stakeholders", "Stakeholder input"),
        Step("precedents", "Precedents"),
        Step("decision", "Recommendation and decision"),
    ]
    return tuple(steps)


def step_complete(case: Case, step: Step, member: str | None) -> bool:
    """Whether a step has what it asks for (ratings: those of ``member``)."""
    if step.key == "facts":
        return bool(case.title.strip() and case.product and case.customer and case.use_case.strip())
    assessment = case.assessment_by(member) if member else None
    if step.key == "principles":
        return assessment is not None and all(
            (r := assessment.principles.get(k)) is not None and r.score is not None
            for k in step.principles
        )
    if step.consideration is not None:
        rating = assessment.considerations.get(step.consideration) if assessment else None
        return rating is not None and rating.score is not None
    if step.key == "mitigations":
        return bool(case.mitigations)
    if step.key == "stakeholders":
        return bool(case.stakeholder_input)
    if step.key == "precedents":
        # Precedents are found for the council, but the step is done only once it has
        # engaged with them: a case it links to (cites, distinguishes, relates), or a decided
        # case (the council weighed what it had; a decision recorded in a sitting keeps the
        # precedents it stood on, even none). A new case has neither.
        recorded = case.decision is not None and case.decision.precedents is not None
        return bool(case.links) or recorded or case.status == "decided"
    if step.key == "decision":
        return case.decision is not None and bool(case.decision.rationale.strip())
    return True
