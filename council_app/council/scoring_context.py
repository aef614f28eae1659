"""What a case is scored with in its library, besides its ratings: the rule, stated once.

A case's score depends on the weights (the library's default weight profile, or for a decision
the weights recorded with it) and on who stood aside (a member recused at any sitting is left
out of the council view of that case). The workspace, the sitting view, the presenter, the memo,
the minutes and the command line all take these from :func:`scoring_context` and score through
:func:`score_in_library` (the workspace, which scores on every keystroke without the library,
keeps the context it was opened with and passes it to ``score_case``), so that they all show
the same index, recommendation and rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from council_app.case import Case, RecordedWeights
from council_app.council.sessions import case_recusals
from council_app.council.settings import CouncilSettings, load_settings, weights_in_force
from council_app.framework import Framework
from council_app.library.case_library import CaseLibrary
from council_app.scoring import CaseScore, Weights, WeightsError, check_weights, score_case
from council_app.scoring.aggregation import Method
from council_app.scoring.sensitivity import DEFAULT_DRAWS, DEFAULT_SEED


@dataclass(frozen=True)
class ScoringContext:
    weights: Weights
    stood_aside: tuple[str, ...] = ()

    def score(
        self,
        framework: Framework,
        case: Case,
        *,
        weights: Weights | None = None,
        method: Method = "median",
        draws: int = DEFAULT_DRAWS,
        seed: int = DEFAULT_SEED,
    ) -> CaseScore:
        """Score ``case`` in this context; ``weights`` explores others without changing it."""
        return score_case(
            framework,
            case,
            weights or self.weights,
            stood_aside=self.stood_aside,
            method=method,
            draws=draws,
            seed=seed,
        )


def recorded_weights(framework: Framework, recorded: RecordedWeights) -> Weights | None:
    """A decision's recorded weights, or None if this framework cannot read them (its
    considerations have changed since)."""
    source = "weights recorded with the decision"
    if recorded.profile is not None:
        try:
            profile = framework.profile(recorded.profile)
        except KeyError:
            pass
        else:
            if dict(profile.weights) == dict(recorded.values):
                source = f"profile {profile.title}, recorded with the decision"
    try:
        return check_weights(
            framework, recorded.values, source=source, profile_key=recorded.profile
        )
    except WeightsError:
        return None


def who_stood_aside(
    library: CaseLibrary, case: Case, *, deciding: bool = False
) -> tuple[tuple[str, str], ...]:
    """Who stood aside on the case, with why, by name: as recorded with its decision (unless it
    is being decided again) and at any of its sittings."""
    found: dict[str, str] = {}
    if case.decision is not None and not deciding:
        found.update((a.member, a.reason) for a in case.decision.stood_aside)
    for recusal in case_recusals(library, case.id):
        found.setdefault(recusal.member, recusal.reason)
    return tuple(sorted(found.items()))


def scoring_context(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    *,
    settings: CouncilSettings | None = None,
    deciding: bool = False,
) -> ScoringContext:
    """The weights a case is scored with and who stood aside on it.

    A decision keeps the weights it was scored with: its recommendation reads the same after
    the library's default profile changes. ``deciding``: the case is being decided now (a
    decision replaced at a sitting too), so the weights in force apply.
    """
    decision = case.decision
    weights = None
    if decision is not None and decision.weights is not None and not deciding:
        weights = recorded_weights(framework, decision.weights)
    return ScoringContext(
        weights=weights or weights_in_force(framework, settings or load_settings(library)),
        stood_aside=tuple(m for m, _ in who_stood_aside(library, case, deciding=deciding)),
    )


def score_in_library(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    *,
    weights: Weights | None = None,
    method: Method = "median",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CaseScore:
    """The council's score of ``case`` as its library holds it (``weights``: explore others)."""
    context = scoring_context(library, framework, case)
    return context.score(framework, case, weights=weights, method=method, draws=draws, seed=seed)


__all__ = [
    "ScoringContext",
    "recorded_weights",
    "score_in_library",
    "scoring_context",
    "who_stood_aside",
]
