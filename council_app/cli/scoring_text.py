"""What ``council-app score``, ``weights ahp`` and ``replay`` print for people."""

from __future__ import annotations

from fractions import Fraction

from council_app.case import Case
from council_app.framework import Framework
from council_app.scoring import AhpResult, CaseScore, ReplayChange


def _n(value: Fraction | None, places: int = 1) -> str:
    if value is None:
        return "–"
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.{places}f}"


def _bar(points: Fraction | None, max_points: Fraction, width: int = 20) -> str:
    if points is None or max_points == 0:
        return ""
    filled = round(float(points / max_points) * width)
    return "█" * filled + "·" * (width - filled)


def score_report(case: Case, result: CaseScore, framework: Framework) -> str:
    scoring = result.scoring
    weights = scoring.weights
    lines = [f"{case.id} — {case.title}", ""]
    shares = ", ".join(f"{k} {float(v):.2f}" for k, v in weights.shares().items())
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
            f"{float(c.points):.1f} / {float(c.max_points):.1f}" if c.points is not None else "–"
        )
        lines.append(
            f"{c.title:<{label_w}}{_n(c.rating):>7}{_n(c.concern):>9}{float(c.share):>8.2f}"
            f"{points:>14}  {_bar(c.points, c.max_points)}"
        )
    lines.append(
        "  (ratings 0–4; actions are rated as effectiveness, so their concern is 4 − rating; "
        f"principles use the {framework.scoring.principles_rule} of the five principle ratings)"
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
            f"the actions take off {float(bought):.1f} points"
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
    to_discuss = [line for line in result.member_red_lines if not line.applied]
    if to_discuss:
        lines.append("Points the council must discuss:")
        lines += [
            f"  - {line.sentence(framework.outcome_title(line.hit.floor))}" for line in to_discuss
        ]
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
                f"{side} {float(flip.weight):.3f} → {framework.outcome_title(flip.outcome)}"
                for side, flip in (("below", i.below), ("above", i.above))
                if flip is not None
            ]
            span = f"{float(i.holds_from):.3f}–{float(i.holds_to):.3f}"
            lines.append(
                f"  {i.title:<{label_w}}{float(i.share):>6.2f}  {span:<14} "
                f"{'; '.join(flips) or 'never'}"
            )
        counts = ", ".join(
            f"{framework.outcome_title(k)} {v / sensitivity.draws:.0%}"
            for k, v in sorted(sensitivity.outcome_counts.items(), key=lambda kv: -kv[1])
        )
        lines.append(
            f"  Random weightings: {sensitivity.draws:,} draws from a Dirichlet distribution "
            f"around the weights (concentration {sensitivity.concentration:g}, seed "
            f"{sensitivity.seed}): {counts}"
        )
        lines.append("  Tornado (index when a weight halves … grows by half):")
        for s in sensitivity.weight_swings:
            lines.append(f"    {s.title:<{label_w}}{float(s.low):6.1f} … {float(s.high):5.1f}")
        lines.append("  Index when a rating moves one point down … up:")
        for s in sensitivity.rating_swings:
            lines.append(f"    {s.title:<{label_w}}{float(s.low):6.1f} … {float(s.high):5.1f}")

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
    lines += [f"  {name:<{width}}{weight:.3f}" for name, weight in result.weights.items()]
    lines += [
        "",
        f"λmax = {result.lambda_max:.3f}   CI = {result.consistency_index:.3f}   "
        f"RI = {result.random_index:.2f} ({result.random_index_name}, n = {len(result.criteria)})"
        f"   CR = {result.consistency_ratio:.3f}",
    ]
    if result.warning:
        lines.append(f"Warning: {result.warning}")
    else:
        lines.append("The judgements are consistent enough (CR ≤ 0.10).")
    return "\n".join(lines)


def replay_report(changes: list[ReplayChange], framework: Framework, description: str) -> str:
    if not changes:
        return f"No decided case's recommendation changes under {description}."
    title = framework.outcome_title
    lines = [
        f"{len(changes)} decided case(s) would be recommended differently under {description}:",
        "",
    ]
    for c in changes:
        lines.append(
            f"{c.case_id}  {c.title}\n    {title(c.before)} ({c.index_before}) → "
            f"{title(c.after)} ({c.index_after}); decided: {title(c.decided) if c.decided else '–'}"
        )
    return "\n".join(lines)
