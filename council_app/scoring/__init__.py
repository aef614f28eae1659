"""Weighted scoring across the framework's considerations: index, red lines, sensitivity, AHP, members.

Pure Python and Qt-free; the CLI, the app and the memo all take their numbers from here.
"""

from council_app.scoring.aggregation import CouncilView, Disagreement, council_view
from council_app.scoring.ahp import AhpError, AhpResult, ahp_weights
from council_app.scoring.case_score import (
    CaseScore,
    MemberRedLine,
    ReplayChange,
    points_to_discuss,
    replay,
    score_case,
)
from council_app.scoring.index import Contribution, display_index, shown_threshold
from council_app.scoring.numbers import (
    number_text,
    percent_text,
    points_text,
    rating_text,
    share_text,
    shown_number,
)
from council_app.scoring.ratings import RatingError, RatingSet, check_ratings, rating_label
from council_app.scoring.recommendation import Recommendation, RedLineHit
from council_app.scoring.scorer import Scoring, score_ratings
from council_app.scoring.sensitivity import Sensitivity, Swing, WeightInterval, analyse
from council_app.scoring.weights import (
    Weights,
    WeightsError,
    check_weights,
    parse_weights,
    profile_weights,
    rebalance,
)

__all__ = [
    "AhpError",
    "AhpResult",
    "CaseScore",
    "Contribution",
    "CouncilView",
    "Disagreement",
    "MemberRedLine",
    "RatingError",
    "RatingSet",
    "Recommendation",
    "RedLineHit",
    "ReplayChange",
    "Scoring",
    "Sensitivity",
    "Swing",
    "WeightInterval",
    "Weights",
    "WeightsError",
    "ahp_weights",
    "analyse",
    "check_ratings",
    "check_weights",
    "council_view",
    "display_index",
    "number_text",
    "parse_weights",
    "percent_text",
    "points_text",
    "points_to_discuss",
    "profile_weights",
    "rating_label",
    "rating_text",
    "rebalance",
    "replay",
    "score_case",
    "score_ratings",
    "share_text",
    "shown_number",
    "shown_threshold",
]
