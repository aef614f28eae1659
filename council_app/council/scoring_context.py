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

from council_app.case import Case
from council_app.council.sessions import stood_aside
from council_app.council.settings import CouncilSettings, load_settings, weights_in_force
from council_app.framework import Framework
from council_app.library.case_library import CaseLibrary
from council_app.scoring import CaseScore, Weights, score_case
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


def scoring_context(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    *,
    settings: CouncilSettings | None = None,
) -> ScoringContext:
    return ScoringContext(
        weights=weights_in_force(framework, settings or load_settings(library)),
        stood_aside=stood_aside(library, case.id),
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


__all__ = ["ScoringContext", "score_in_library", "scoring_context"]
