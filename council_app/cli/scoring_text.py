"""What ``council-app score``, ``weights ahp`` and ``replay`` print for people."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from council_app.case import Case
from council_app.framework import Framework
from council_app.scoring import (
    AhpResult,
    CaseScore,
    ReplayChange,
    Swing,
    percent_text,
    points_text,
    points_to_discuss,
    rating_text,
    share_text,
)
from council_app.scoring.ahp import CR_LIMIT_TEXT, random_index_text, ratio_text
from council_app.vocabulary import effectiveness_note, principle_ratings_words


def _bar(points: Fraction | None, max_points: Fraction, width: int = 20) -> str:
    if points is None or max_points == 0:
        return ""
    filled = round(float(points / max_points) * width)
    return "█" * filled + "·" * (width - filled)


def _swing_line(swing: Swing, label_w: int) -> str:
    return f"    {swing.title:<{label_w}}{points_text(swing.low):>6} … {points_text(swing.high):>5}"


def score_report(case: Case, result: CaseScore, framework: Framework) -> str:
    scoring = result.scoring
    weights = scoring.weights
    lines = [f"{case.id} — {case.title}", ""]
    shares = ", ".join(f"{k} {share_text(v)}" for k, v in weights.shares().items())
    lines.append(f"Weights: {weights.source} (shares: {shares})")
    view = result.council
    members = f" ({', '.join(view.members)})" if view.members else ""
    lines.append(f"Council view: {view.summary()}{members}")
    lines.append("")
    label_w = max(len(c.title) for c in framework.considerations) + 2
    lines.append(
        f"{'Consideration':<{label_w}}{'rating':>7}{'concern':>9}{'weight':>8}{'points':>14}"
    )
    for c in scoring.contributions:
        points = (
            f"{points_text(c.points)} / {points_text(c.max_points)}"
            if c.points is not None
            else "–"
        )
        lines.append(
            f"{c.title:<{label_w}}{rating_text(c.rating):>7}{rating_text(c.concern):>9}"
            f"{share_text(c.share):>8}"
            f"{points:>14}  {_bar(c.points, c.max_points)}"
        )
    lines.append(
        f"  (ratings {framework.scale_text}; {effectiveness_note(framework, concern=True)}"
        + (
            f"; principles use the {framework.scoring.principles_rule} of "
            f"{principle_ratings_words(framework)})"
            if framework.principles
            else ")"
        )
    )
    lines.append("")
    if scoring.index is not None:
        assert scoring.inherent_index is not None
        bought = scoring.inherent_index - scoring.index
        lines.append(
            f"Concern index: {scoring.shown_index} of 100 (residual, with the actions as rated)"
        )
        lines.append(
            f"Inherent concern: {scoring.shown_inherent_index} (if no proposed action worked); "
            f"the actions take off {points_text(bought)} points"
        )
    else:
        lines.append("Concern index: not computed until every consideration and principle is rated")
    rec = scoring.recommendation
    lines += ["", f"Recommendation: {framework.outcome_title(rec.outcome)}", f"  {rec.reason}"]
    if rec.red_lines:
        lines.append("Red lines that hold:")
        lines += [
            f"  - {h.description} ({h.detail}): at least {framework.outcome_title(h.floor)}"
            for h in rec.red_lines
        ]
    else:
        lines.append("Red lines: none holds.")
    to_discuss = points_to_discuss(framework, result.member_red_lines)
    if to_discuss:
        lines.append("Points the council must discuss:")
        lines += [f"  - {point}" for point in to_discuss]
    if view.disagreements:
        lines += ["", f"Members disagree (by more than {view.threshold:g} point):"]
        lines += [f"  - {d.sentence()}" for d in view.disagreements]

    sensitivity = result.sensitivity
    if sensitivity is not None:
        lines += ["", "Sensitivity to the weights (as shares of the total weight)"]
        lines.append(f"  {sensitivity.sentence}")
        lines.append(f"  {'Consideration':<{label_w}}{'now':>6}  {'holds from–to':<14} changes")
        for i in sensitivity.intervals:
            flips = [
                f"{side} {share_text(flip.weight)} → {framework.outcome_title(flip.outcome)}"
                for side, flip in (("below", i.below), ("above", i.above))
                if flip is not None
            ]
            span = f"{share_text(i.holds_from)}–{share_text(i.holds_to)}"
            lines.append(
                f"  {i.title:<{label_w}}{share_text(i.share):>6}  {span:<14} "
                f"{'; '.join(flips) or 'never'}"
            )
        counts = ", ".join(
            f"{framework.outcome_title(k)} {percent_text(Fraction(v, sensitivity.draws))}"
            for k, v in sorted(sensitivity.outcome_counts.items(), key=lambda kv: -kv[1])
        )
        lines.append(
            f"  Random weightings: {sensitivity.draws:,} draws from a Dirichlet distribution "
            f"around the weights (concentration {sensitivity.concentration:g}, seed "
            f"{sensitivity.seed}): {counts}"
        )
        lines.append("  Tornado (index when a weight halves … grows by half):")
        lines += [_swing_line(s, label_w) for s in sensitivity.weight_swings]
        lines.append("  Index when a rating moves one point down … up:")
        lines += [_swing_line(s, label_w) for s in sensitivity.rating_swings]

    if len(result.member_scores) > 1:
        lines += ["", "Each member's ratings on their own:"]
        for member, own in result.member_scores.items():
            index = own.shown_index if own.shown_index is not None else "incomplete"
            lines.append(
                f"  {member}: {index} → {framework.outcome_title(own.recommendation.outcome)}"
            )
    if case.decision is not None:
        decided = framework.outcome_title(case.decision.outcome)
        agrees = "agrees with" if case.decision.outcome == rec.outcome else "differs from"
        lines += ["", f"The council decided: {decided} ({agrees} the recommendation)."]
    return "\n".join(lines)


def ahp_report(result: AhpResult) -> str:
    method = "principal eigenvector" if result.method == "eigenvector" else "row geometric mean"
    width = max(len(c) for c in result.criteria) + 2
    lines = [f"Weights by pairwise comparison (AHP, {method})", ""]
    lines += [f"  {name:<{width}}{share_text(weight)}" for name, weight in result.weights.items()]
    lines += [
        "",
        f"λmax = {ratio_text(result.lambda_max)}   CI = {ratio_text(result.consistency_index)}   "
        f"RI = {random_index_text(result.random_index)} ({result.random_index_name}, "
        f"n = {len(result.criteria)})   CR = {ratio_text(result.consistency_ratio)}",
    ]
    if result.warning:
        lines.append(f"Warning: {result.warning}")
    else:
        lines.append(f"The judgements are consistent enough (CR ≤ {CR_LIMIT_TEXT}).")
    return "\n".join(lines)


def replay_report(
    changes: list[ReplayChange],
    framework: Framework,
    description: str,
    after: Framework | None = None,
    titles: Mapping[str, str] | None = None,
) -> str:
    """``titles`` names an outcome of any framework the cases were decided under."""
    differ = [c for c in changes if not c.not_comparable]
    apart = [c for c in changes if c.not_comparable]
    new = after or framework

    def title(key: str) -> str:
        for source in (new, framework):
            if key in source.outcome_keys:
                return source.outcome_title(key)
        return (titles or {}).get(key, key)

    lines = (
        [
            f"{len(differ)} decided case(s) would be recommended differently under {description}:",
            "",
        ]
        if differ
        else [f"No decided case's recommendation changes under {description}."]
    )
    for c in differ:
        lines.append(
            f"{c.case_id}  {c.title}\n    {title(c.before)} ({c.index_before}) → "
            f"{title(c.after)} ({c.index_after}); decided: {title(c.decided) if c.decided else '–'}"
        )
    if apart:
        lines += ["", f"{len(apart)} decided case(s) cannot be compared:"]
        lines += [f"{c.case_id}  {c.title}\n    {c.not_comparable}" for c in apart]
    return "\n".join(lines)
