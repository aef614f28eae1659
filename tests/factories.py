"""Cases written for the tests, with every field filled so that round trips test everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from council_app.case import (
    Assessment,
    Case,
    CaseLink,
    Condition,
    Decision,
    Dissent,
    Mitigation,
    Rating,
    Review,
    StakeholderInput,
    Vote,
)


def ratings(
    use_case: int | None = 2,
    harm: int | None = 2,
    actions: int | None = 2,
    geopolitics: int | None = 1,
    **principles: int | None,
) -> dict[str, Any]:
    considerations = {
        key: Rating(score=value, rationale=f"{key} rated {value}", confidence="medium")
        for key, value in (
            ("use_case", use_case),
            ("harm", harm),
            ("actions", actions),
            ("geopolitics", geopolitics),
        )
        if value is not None
    }
    principle_scores = {"human_rights": 1, "privacy": 2, "safety": 1, "honesty": 0, "inclusion": 1}
    principle_scores.update(principles)
    return {
        "considerations": considerations,
        "principles": {
            key: Rating(score=value, rationale=f"{key} is {value}")
            for key, value in principle_scores.items()
            if value is not None
        },
    }


def make_case(case_id: str = "TST-2025-001", **overrides: Any) -> Case:
    case = Case(
        id=case_id,
        title="Crowd density analytics for a railway station",
        summary="A transit operator wants to count people on platforms to prevent crushes.",
        question="May Vision AI count people on station platforms without identifying them?",
        product="Vision AI",
        customer="Lakeside Transit Authority",
        sector="transport",
        regions=("DE", "AT"),
        tags=("crowd-counting", "public-space"),
        submitted=date(2025, 3, 2),
        status="decided",
        use_case="Cameras above platforms estimate crowd density every ten seconds; no faces "
        "are stored and staff open extra gates when density passes a threshold.",
        assessments=(
            Assessment(
                member="Priya Raman",
                submitted=date(2025, 3, 10),
                notes="Visited the control room.",
                **ratings(),
            ),
            Assessment(
                member="Élodie Marchand",
                submitted=date(2025, 3, 11),
                **ratings(harm=1, actions=3),
            ),
        ),
        mitigations=(
            Mitigation(
                description="Contract forbids identification of individuals.",
                kind="contract",
                effectiveness=3,
                owner="Legal",
            ),
        ),
        stakeholder_input=(
            StakeholderInput(
                group="impacted_communities",
                summary="Commuter association welcomes safer platforms but fears mission creep.",
                source="Commuters' Forum",
                contact="chair@commuters.example.org",
                date=date(2025, 3, 5),
            ),
        ),
        decision=Decision(
            outcome="approve_with_conditions",
            date=date(2025, 3, 14),
            rationale="Counting without identification serves safety; conditions keep it so.",
            conditions=(
                Condition(
                    text="No face templates are created or stored.",
                    owner="Customer",
                    due=date(2025, 6, 30),
                ),
            ),
            review_by=date(2026, 3, 14),
            votes=(
                Vote(member="Priya Raman", vote="approve_with_conditions"),
                Vote(member="Élodie Marchand", vote="approve"),
            ),
            dissent=(Dissent(member="Élodie Marchand", text="Conditions are unnecessary here."),),
            reviews=(
                Review(
                    date=date(2025, 9, 10),
                    note="Audit found no face templates.",
                    next_review_by=date(2026, 3, 14),
                ),
            ),
        ),
        links=(CaseLink(type="cites", target="EUC-2022-010", note="contrast: identification"),),
    )
    return replace(case, **overrides)


def case_on_a_half(case_id: str = "TST-2025-088") -> Case:
    """A case whose contributions under the balanced weights are 20, 30, 25, 11.25 and 2.5 points.

    One member rates use case 4, harm 4, a principle 4 (so principles 4), actions 1 (concern 3)
    and geopolitics 1: the index is 88.75 and shows as 88.8, so the actions' 11.25 must show as
    11.3 beside it — float formatting showed 11.2, and the column no longer added up.
    """
    return make_case(
        case_id,
        assessments=(
            Assessment(
                member="Priya Raman",
                submitted=date(2025, 3, 10),
                **ratings(use_case=4, harm=4, actions=1, geopolitics=1, human_rights=4),
            ),
        ),
    )


# Each level a confidential item may be given ("" = its framework's default), and the word
# that marks the text of each, so that a test finds any of it anywhere in what leaves the council.
LEVELS = ("public", "internal", "council", "privileged", "")


def secret(kind: str, level: str) -> str:
    """``zqfactscouncil``: one word, in no dictionary and naming nobody."""
    return f"zq{kind.replace('_', '')}{level or 'default'}"


# Every marked word of the crafted case, with the kind whose default decides an unmarked one.
MARKED = [
    *(
        (secret(kind, level), kind, level)
        for kind in ("facts", "stakeholder_input", "rationales", "attachments")
        for level in LEVELS
    ),
    (secret("notes", "internal"), "notes", "internal"),
    (secret("notes", ""), "notes", ""),
    (secret("decision", "privileged"), "rationales", "privileged"),
]


def confidential_case(case_id: str = "TST-2025-070", **overrides: Any) -> Case:
    """A decided case with a fact, an input, a rationale, notes and evidence at every level."""
    from council_app.case import Evidence, Fact

    base = make_case(case_id)
    considerations = ("use_case", "harm", "actions", "geopolitics")
    priya, elodie = base.assessments
    rated = {
        key: Rating(
            score=2,
            rationale=f"Reason {secret('rationales', level)} here.",
            confidentiality=level,
        )
        for key, level in zip(considerations, LEVELS[:4], strict=True)
    }
    principles = {
        key: replace(r, rationale=f"Principle {secret('rationales', '')} here.")
        for key, r in priya.principles.items()
    }
    condition = base.decision.conditions[0]  # type: ignore[union-attr]
    evidence = tuple(
        Evidence(
            added_on=date(2025, 4, 1),
            note=f"Evidence {secret('attachments', level)} filed.",
            added_by="Priya Raman",
            confidentiality=level,
        )
        for level in LEVELS
    )
    case = replace(
        base,
        facts=tuple(
            Fact(
                text=f"Fact {secret('facts', level)} known.",
                source=f"Source {secret('facts', level)}",
                confidentiality=level,
            )
            for level in LEVELS
        ),
        stakeholder_input=tuple(
            StakeholderInput(
                group="experts",
                summary=f"Input {secret('stakeholder_input', level)} given.",
                source=f"Counsel {secret('stakeholder_input', level)}",
                confidentiality=level,
            )
            for level in LEVELS
        ),
        assessments=(
            replace(
                priya,
                considerations=rated,
                principles=principles,
                notes=f"Notes {secret('notes', 'internal')} kept.",
                notes_confidentiality="internal",
            ),
            replace(elodie, notes=f"Notes {secret('notes', '')} kept."),
        ),
        decision=replace(  # type: ignore[type-var]
            base.decision,
            rationale=f"Reasons {secret('decision', 'privileged')} given.",
            rationale_confidentiality="privileged",
            conditions=(replace(condition, evidence=evidence),),
        ),
    )
    return replace(case, **overrides)
