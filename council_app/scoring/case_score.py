"""Score a whole case: the council view, the scoring, its sensitivity, each member's own.

This is the one function the CLI, the app and the memo call, so every number a council member
sees about a case comes from the same place. (With a library at hand, they call it through
:func:`council_app.council.scoring_context.score_in_library`, which supplies the library's
weights in force and who stood aside.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from council_app.case import Case
from council_app.framework import Framework
from council_app.scoring.aggregation import CouncilView, Method, council_view
from council_app.scoring.ratings import RatingError
from council_app.scoring.recommendation import RedLineHit, red_line_hits
from council_app.scoring.scorer import Scoring, score_ratings
from council_app.scoring.sensitivity import DEFAULT_DRAWS, DEFAULT_SEED, Sensitivity, analyse
from council_app.scoring.weights import Weights, WeightsError, profile_weights


@dataclass(frozen=True)
class MemberRedLine:
    """A red line one member's own ratings meet while the council view's do not.

    A median can hide it (two of four members rating a principle "violates outright" give 3.5),
    so it is never dropped: it is a point the council must discuss, or, when the framework reads
    red lines from any member, a floor on the recommendation.
    """

    member: str
    hit: RedLineHit  # as met by the member's own ratings
    applied: bool  # the framework reads red lines from any member: it sets the floor

    @property
    def named_hit(self) -> RedLineHit:
        """The hit as the council's recommendation states it, naming the member."""
        return replace(self.hit, detail=f"{self.member}: {self.hit.detail}")

    def sentence(self, title: str) -> str:
        """``title``: the floor's outcome title."""
        met = f"{self.member}'s ratings meet the red line “{self.hit.description}” ({self.hit.detail})"
        if self.applied:
            return f"{met}: the recommendation is at least {title}."
        return f"{met}; the council view's ratings do not. It would set the floor at {title}."


def _names(members: list[str]) -> str:
    return members[0] if len(members) == 1 else ", ".join(members[:-1]) + " and " + members[-1]


def points_to_discuss(framework: Framework, lines: Iterable[MemberRedLine]) -> list[str]:
    """The members' red lines the council view does not meet, one sentence per red line
    (members meeting the same one named together), for every view that shows them."""
    grouped: dict[str, list[MemberRedLine]] = {}
    for line in lines:
        if not line.applied:
            grouped.setdefault(line.hit.key, []).append(line)
    sentences = []
    for same in grouped.values():
        hit = same[0].hit
        members = [line.member for line in same]
        details = {line.hit.detail for line in same}
        if len(same) == 1:
            whose = f"{members[0]}'s ratings meet"
            detail = hit.detail
        else:
            whose = f"The ratings of {_names(members)} meet"
            detail = (
                f"{hit.detail}, each"
                if len(details) == 1
                else "; ".join(f"{line.member}: {line.hit.detail}" for line in same)
            )
        sentences.append(
            f"{whose} the red line “{hit.description}” ({detail}); the council view's do not. "
            f"It would set the floor at {framework.outcome_title(hit.floor)}."
        )
    return sentences


@dataclass(frozen=True)
class CaseScore:
    case_id: str
    council: CouncilView
    scoring: Scoring
    sensitivity: Sensitivity | None
    member_scores: dict[str, Scoring]
    member_red_lines: tuple[MemberRedLine, ...] = ()


def member_red_lines(
    framework: Framework, view: CouncilView, *, applied: bool
) -> tuple[MemberRedLine, ...]:
    """Each member's red lines that the council view's ratings do not meet, member by member."""
    council_keys = {hit.key for hit in red_line_hits(framework, view.ratings)}
    found: list[MemberRedLine] = []
    for member, ratings in view.member_ratings.items():
        for hit in red_line_hits(framework, ratings):
            if hit.key not in council_keys:
                found.append(MemberRedLine(member, hit, applied))
    return tuple(found)


def score_case(
    framework: Framework,
    case: Case,
    weights: Weights | None = None,
    *,
    stood_aside: Iterable[str] = (),
    method: Method = "median",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CaseScore:
    """``stood_aside``: members recused from the case, whose ratings are left out.

    ``draws=0`` skips the sensitivity analysis, for callers that need only the recommendation.
    """
    weights = weights or profile_weights(framework)
    view = council_view(framework, case.assessments, method=method, stood_aside=stood_aside)
    applied = framework.scoring.red_lines_apply == "any_member"
    members_lines = member_red_lines(framework, view, applied=applied)
    floors = classification_floors(framework, case, view)
    scoring = score_ratings(
        framework,
        view.ratings,
        weights,
        also=(tuple(line.named_hit for line in members_lines) if applied else ()) + floors,
    )
    return CaseScore(
        case_id=case.id,
        council=view,
        scoring=scoring,
        sensitivity=analyse(framework, scoring, draws=draws, seed=seed) if draws else None,
        member_scores={
            member: score_ratings(framework, ratings, weights, also=floors)
            for member, ratings in view.member_ratings.items()
        },
        member_red_lines=members_lines,
    )


def classification_floors(
    framework: Framework, case: Case, view: CouncilView | None = None
) -> tuple[RedLineHit, ...]:
    """The floors the case's classifications set, read like red lines: a prohibited practice
    means at least its floor (decline) whatever the weighted sum, unless the case records an
    exception to it."""
    from dataclasses import replace as changed

    from council_app.framework.model import CLASSIFICATION_TARGET
    from council_app.framework.taxonomy import placed
    from council_app.scoring.recommendation import reads_classifications, red_line_hit

    found = placed(framework, case)
    hits = [
        RedLineHit(
            key=f"classification:{p.classification.key}",
            description=f"Classified as {p.title}",
            floor=p.floor,
            detail=p.classification.basis or "as the case records",
        )
        for p in found
        if p.floor is not None
    ]
    # Red lines on a kind of classification (any high-risk use, say), with any rating
    # conditions beside it read from the council view.
    view = view or council_view(framework, case.assessments)
    for line in framework.scoring.red_lines:
        if not reads_classifications(line):
            continue
        kinds = [c.kind for c in line.conditions if c.target == CLASSIFICATION_TARGET]
        meeting = [p for p in found if not p.classification.exception.strip()]
        if not all(any(p.entry.kind == kind for p in meeting) for kind in kinds):
            continue
        rest = tuple(c for c in line.conditions if c.target != CLASSIFICATION_TARGET)
        details = [f"classified as {p.title}" for p in meeting if p.entry.kind in kinds]
        if rest:
            rated = red_line_hit(framework, changed(line, conditions=rest), view.ratings)
            if rated is None:
                continue
            details.append(rated.detail)
        hits.append(
            RedLineHit(
                key=line.key,
                description=line.description,
                floor=line.floor,
                detail="; ".join(details),
            )
        )
    return tuple(hits)


@dataclass(frozen=True)
class ReplayChange:
    case_id: str
    title: str
    decided: str | None  # the council's recorded outcome
    before: str
    after: str
    index_before: Decimal | None
    index_after: Decimal | None
    reason_after: str
    # Why the case cannot be scored on one side (its ratings name keys that framework does not
    # rate): it is listed, never silently left out. Empty when both sides scored.
    not_comparable: str = ""


def replay(
    cases: Iterable[Case],
    *,
    before: tuple[Framework, Weights],
    after: tuple[Framework, Weights],
    method: Method = "median",
    stood_aside: Mapping[str, Iterable[str]] | None = None,
    own_framework: Callable[[Case], tuple[Framework, Weights]] | None = None,
) -> list[ReplayChange]:
    """The decided cases whose recommendation differs under another framework or weighting.

    Each side is scored by :func:`score_case`, the same rules as everywhere else (members who
    stood aside left out, members' red lines as the framework reads them). ``own_framework``
    gives the "before" side of each case its own framework (the version it was decided under)
    and weights; a case one side cannot score is listed as not comparable.
    """
    aside = stood_aside or {}
    changes: list[ReplayChange] = []
    for case in cases:
        if case.decision is None:
            continue
        old_framework, old_weights = own_framework(case) if own_framework else before
        new_framework, new_weights = after
        members = tuple(aside.get(case.id, ()))
        try:
            old = score_case(
                old_framework, case, old_weights, stood_aside=members, method=method, draws=0
            ).scoring
            new = score_case(
                new_framework, case, new_weights, stood_aside=members, method=method, draws=0
            ).scoring
        except (RatingError, WeightsError) as error:
            changes.append(
                ReplayChange(
                    case_id=case.id,
                    title=case.title,
                    decided=case.decision.outcome,
                    before="",
                    after="",
                    index_before=None,
                    index_after=None,
                    reason_after="",
                    not_comparable=str(error),
                )
            )
            continue
        if old.recommendation.outcome != new.recommendation.outcome:
            changes.append(
                ReplayChange(
                    case_id=case.id,
                    title=case.title,
                    decided=case.decision.outcome,
                    before=old.recommendation.outcome,
                    after=new.recommendation.outcome,
                    index_before=old.shown_index,
                    index_after=new.shown_index,
                    reason_after=new.recommendation.reason,
                )
            )
    return changes
