"""The decision framework: considerations, principles, outcomes, weights and rules, as data."""

from council_app.framework.loader import bundled_framework, load_framework, parse_framework
from council_app.framework.model import (
    ANY_PRINCIPLE,
    CONFIDENCE_LEVELS,
    RED_LINES_APPLY,
    SCALE_HIGHEST,
    SCALE_LOWEST,
    Band,
    Consideration,
    Framework,
    Outcome,
    Principle,
    RedLine,
    RedLineCondition,
    ScoringRules,
    StakeholderGroup,
    VotingRules,
    WeightProfile,
)
from council_app.framework.walk import Step, step_complete, walk_steps

__all__ = [
    "ANY_PRINCIPLE",
    "CONFIDENCE_LEVELS",
    "RED_LINES_APPLY",
    "SCALE_HIGHEST",
    "SCALE_LOWEST",
    "Band",
    "Consideration",
    "Framework",
    "Outcome",
    "Principle",
    "RedLine",
    "RedLineCondition",
    "ScoringRules",
    "StakeholderGroup",
    "Step",
    "VotingRules",
    "WeightProfile",
    "bundled_framework",
    "load_framework",
    "parse_framework",
    "step_complete",
    "walk_steps",
]
