"""Scoring results as JSON-ready data: every number, with exact values where they matter."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from council_app.scoring.ahp import AhpResult
from council_app.scoring.case_score import CaseScore, ReplayChange
from council_app.scoring.ratings import RatingSet
from council_app.scoring.scorer import Scoring
from council_app.scoring.sensitivity import Sensitivity, Swing


def number(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def exact(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def ratings_json(ratings: RatingSet) -> dict[str, Any]:
    return {
        "considerations": {k: number(v) for k, v in ratings.considerations.items()},
        "principles": {k: number(v) for k, v in ratings.principles.items()},
    }


def scoring_json(scoring: Scoring) -> dict[str, Any]:
    rec = scoring.recommendation
    return {
        "weights": {
            "source": scoring.weights.source,
            "profile": scoring.weights.profile_key,
            "values": {k: number(v) for k, v in scoring.weights.values.items()},
            "shares": {k: number(v) for k, v in scoring.weights.shares().items()},
        },
        "ratings": ratings_json(scoring.ratings),
        "contributions": [
            {
                "key": c.key,
                "title": c.title,
                "rating": number(c.rating),
                "concern": number(c.concern),
                "weight": number(c.weight),
                "share": number(c.share),
                "points": number(c.points),
                "max_points": number(c.max_points),
            }
            for c in scoring.contributions
        ],
        "index": number(scoring.index),
        "index_exact": exact(scoring.index),
        "shown_index": None if scoring.shown_index is None else float(scoring.shown_index),
        "inherent_index": number(scoring.inherent_index),
        "shown_inherent_index": (
            None if scoring.shown_inherent_index is None else float(scoring.shown_inherent_index)
        ),
        "inherent_outcome": scoring.inherent_outcome,
        "recommendation": {
            "outcome": rec.outcome,
            "rule": rec.rule,
            "reason": rec.reason,
            "band_outcome": rec.band_outcome,
            "missing": list(rec.missing),
            "red_lines": [
                {"key": h.key, "description": h.description, "floor": h.floor, "detail": h.detail}
                for h in rec.red_lines
            ],
        },
    }


def _swing(swing: Swing) -> dict[str, Any]:
    return {"key": swing.key, "low": number(swing.low), "high": number(swing.high)}


def sensitivity_json(sensitivity: Sensitivity | None) -> dict[str, Any] | None:
    if sensitivity is None:
        return None
    return {
        "outcome": sensitivity.outcome,
        "sentence": sensitivity.sentence,
        "intervals": [
            {
                "key": i.key,
                "share": number(i.share),
                "holds_from": number(i.holds_from),
                "holds_to": number(i.holds_to),
                "holds_from_exact": exact(i.holds_from),
                "holds_to_exact": exact(i.holds_to),
                "flips_below": (
                    None
                    if i.below is None
                    else {"weight": number(i.below.weight), "outcome": i.below.outcome}
                ),
                "flips_above": (
                    None
                    if i.above is None
                    else {"weight": number(i.above.weight), "outcome": i.above.outcome}
                ),
            }
            for i in sensitivity.intervals
        ],
        "random_weights": {
            "draws": sensitivity.draws,
            "seed": sensitivity.seed,
            "distribution": "Dirichlet around the weights",
            "concentration": sensitivity.concentration,
            "agreement": sensitivity.agreement,
            "outcomes": sensitivity.outcome_counts,
        },
        "weight_swings": [_swing(s) for s in sensitivity.weight_swings],
        "rating_swings": [_swing(s) for s in sensitivity.rating_swings],
        "most_influential": sensitivity.most_influential,
    }


def case_score_json(result: CaseScore) -> dict[str, Any]:
    view = result.council
    return {
        "case": result.case_id,
        "aggregation": view.method,
        "members": list(view.members),
        "stood_aside": list(view.stood_aside),
        "disagreements": [
            {
                "key": d.key,
                "label": d.label,
                "low": number(d.low),
                "high": number(d.high),
                "spread": number(d.spread),
                "low_members": list(d.low_members),
                "high_members": list(d.high_members),
            }
            for d in view.disagreements
        ],
        "disagreement_threshold": view.threshold,
        **scoring_json(result.scoring),
        "member_red_lines": [
            {
                "member": line.member,
                "key": line.hit.key,
                "description": line.hit.description,
                "floor": line.hit.floor,
                "detail": line.hit.detail,
                "applied": line.applied,
            }
            for line in result.member_red_lines
        ],
        "sensitivity": sensitivity_json(result.sensitivity),
        "member_scores": {
            member: {
                "index": number(s.index),
                "shown_index": None if s.shown_index is None else float(s.shown_index),
                "outcome": s.recommendation.outcome,
                "ratings": ratings_json(s.ratings),
            }
            for member, s in result.member_scores.items()
        },
    }


def ahp_json(result: AhpResult) -> dict[str, Any]:
    revision = result.revision
    return {
        "criteria": list(result.criteria),
        "method": result.method,
        "weights": result.weights,
        "lambda_max": result.lambda_max,
        "consistency_index": result.consistency_index,
        "random_index": result.random_index,
        "random_index_table": result.random_index_name,
        "consistency_ratio": result.consistency_ratio,
        "consistent": result.consistent,
        "warning": result.warning,
        "revise": (
            None
            if revision is None
            else {
                "row": revision.row,
                "column": revision.column,
                "current": revision.current,
                "suggested": str(revision.suggested),
                "consistency_ratio_after": revision.consistency_ratio_after,
            }
        ),
    }


def replay_json(changes: list[ReplayChange]) -> list[dict[str, Any]]:
    return [
        {
            "case": c.case_id,
            "title": c.title,
            "decided": c.decided,
            "before": c.before,
            "after": c.after,
            "index_before": None if c.index_before is None else float(c.index_before),
            "index_after": None if c.index_after is None else float(c.index_after),
            "reason_after": c.reason_after,
            **({"not_comparable": c.not_comparable} if c.not_comparable else {}),
        }
        for c in changes
    ]
