"""The memo's sections on the ratings: the considerations and proposed actions with their
rationales, the principles, and how robust the recommendation is to the weights.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Spacer,
)

from council_app.framework import Framework
from council_app.memo.charts import contributions_chart
from council_app.memo.layout import (
    FRAME_WIDTH,
    MemoLayout,
    esc,
    grid,
    machine_box,
)
from council_app.scoring import (
    RatingSet,
    percent_text,
    points_text,
    rating_text,
    share_text,
)
from council_app.vocabulary import (
    count_word,
    effectiveness_scale_words,
    effectiveness_text,
    mitigation_kind_title,
    principle_ratings_words,
)


class RatingSections(MemoLayout):
    """The considerations, principles and robustness sections of a memo."""

    def considerations(self) -> list[Flowable]:
        s, memo, framework = self.s, self.memo, self.framework
        scoring = memo.score.scoring
        view: RatingSet = memo.score.council.ratings
        out = self.heading(f"The {count_word(len(framework.considerations))} considerations")
        out.append(
            self.p(
                f"Ratings are the council's {esc(self.council_view())}, on the framework's "
                f"{framework.scale_text} scale. Weights are those of the {esc(scoring.weights.source)}, as shares of the "
                "total.",
                s.small,
            )
        )
        head = [
            self.p(h, s.cell_head)
            for h in ("Consideration", "Rating", "What the rating means", "Weight", "Points")
        ]
        rows: list[list[Any]] = [head]
        by_key = {c.key: c for c in scoring.contributions}
        for consideration in framework.considerations:
            c = by_key[consideration.key]
            if consideration.derived_from:
                meaning = (
                    f"The {esc(framework.scoring.principles_rule)} of "
                    f"{principle_ratings_words(framework)} (see the principle findings)."
                )
                rating = rating_text(c.rating)
            else:
                rating = rating_text(c.rating)
                meaning = esc(_level_text(framework, consideration.levels, c.rating))
                if consideration.direction == "effectiveness" and c.rating is not None:
                    meaning += f" <font color='#5b6673'>(rated as effectiveness: concern {rating_text(c.concern)})</font>"
            rows.append(
                [
                    self.p(esc(consideration.title), s.cell_bold),
                    self.p(rating, s.cell),
                    self.p(meaning, s.cell),
                    self.p(share_text(c.share), s.cell),
                    self.p("–" if c.points is None else points_text(c.points), s.cell),
                ]
            )
        out.append(grid(rows, [46 * mm, 14 * mm, 80 * mm, 14 * mm, 16 * mm]))
        out.append(Spacer(1, 6))
        if scoring.index is not None:
            out.append(KeepTogether([contributions_chart(scoring.contributions, FRAME_WIDTH)]))
            assert scoring.inherent_index is not None
            bought = points_text(scoring.inherent_index - scoring.index)
            out.append(
                machine_box(
                    s,
                    [
                        f"Residual concern (with the proposed actions as rated): <b>{scoring.shown_index}</b> of 100. "
                        f"Inherent concern (if none of them worked): <b>{scoring.shown_inherent_index}</b>. "
                        f"The proposed actions take off {bought} points."
                    ],
                )
            )
        else:
            missing = ", ".join(scoring.recommendation.missing)
            out.append(machine_box(s, [f"No concern index yet: not rated — {esc(missing)}."]))
        out += self.proposed_actions()
        out += self.rationales(view)
        return out

    def proposed_actions(self) -> list[Flowable]:
        """The actions on the table, which the actions consideration rates as a whole."""
        s, case = self.s, self.case
        actions = case.mitigations
        if not actions:
            return [self.p("No proposed actions were recorded.", s.small)]
        rates_them = self.framework.actions_consideration
        note = (
            f"Rated together under {esc(rates_them.title)}; each action's expected effectiveness "
            f"is on the same scale, {effectiveness_scale_words(self.framework)}."
            if rates_them is not None
            else "Each action's expected effectiveness is on the rating scale, "
            f"{effectiveness_scale_words(self.framework)}."
        )
        out: list[Flowable] = [
            self.p(f"Proposed actions ({len(actions)})", s.h2),
            self.p(note, s.small),
        ]
        head = [
            self.p(h, s.cell_head) for h in ("Action", "Kind", "Owner", "Expected effectiveness")
        ]
        rows: list[list[Any]] = [head]
        rows += [
            [
                self.p(self.said(action.description), s.cell),
                self.p(esc(mitigation_kind_title(action.kind)), s.cell),
                self.p(self.said(action.owner) or "–", s.cell),
                self.p(esc(effectiveness_text(action.effectiveness, self.framework)), s.cell),
            ]
            for action in actions
        ]
        out.append(grid(rows, [76 * mm, 26 * mm, 40 * mm, 28 * mm]))
        out.append(Spacer(1, 6))
        return out

    def rationales(self, view: RatingSet) -> list[Flowable]:
        s, case, framework = self.s, self.case, self.framework
        out: list[Flowable] = []
        any_text = False
        for consideration in framework.considerations:
            if consideration.derived_from:
                continue
            entries = [
                (a.member, r)
                for a in case.assessments
                if (r := a.considerations.get(consideration.key)) is not None
                and (r.rationale or r.score is not None)
            ]
            if not entries:
                continue
            if not any_text:
                out.append(self.p("Members' rationales", s.h2))
                any_text = True
            out.append(
                self.p(
                    f"<b>{esc(consideration.title)}</b> — council rating {rating_text(view.value(consideration.key))}",
                    s.body,
                )
            )
            for member, rating in entries:
                score = "–" if rating.score is None else str(rating.score)
                confidence = f", {rating.confidence} confidence" if rating.confidence else ""
                text = (
                    self.said(rating.rationale)
                    + f"<b>{self.class_mark(rating.confidentiality, 'rationales')}</b>"
                    if rating.rationale
                    else "<i>No rationale given.</i>"
                )
                out.append(
                    self.p(
                        f"<font color='#5b6673'>{esc(self.counted(member))} ({score}{confidence}):</font> {text}",
                        s.quote,
                    )
                )
            out.append(Spacer(1, 4))
        return out

    def principles(self) -> list[Flowable]:
        s, memo, framework, case = self.s, self.memo, self.framework, self.case
        view = memo.score.council.ratings
        out = self.heading("Principle findings")
        head = [self.p(h, s.cell_head) for h in ("Principle", "Rating", "Finding", "Members")]
        rows: list[list[Any]] = [head]
        for principle in framework.principles:
            value = view.value(principle.key)
            members = "; ".join(
                f"{esc(self.counted(a.member))} {r.score}"
                for a in case.assessments
                if (r := a.principles.get(principle.key)) is not None and r.score is not None
            )
            rows.append(
                [
                    self.p(
                        f"<b>{esc(principle.title)}</b><br/><font size='7' color='#5b6673'>{esc(principle.summary)}</font>",
                        s.cell,
                    ),
                    self.p(rating_text(value), s.cell_bold),
                    self.p(esc(_level_text(framework, principle.levels, value)), s.cell),
                    self.p(members or "–", s.cell),
                ]
            )
        out.append(grid(rows, [50 * mm, 14 * mm, 66 * mm, 40 * mm]))
        out.append(Spacer(1, 6))
        hits = memo.score.scoring.recommendation.red_lines
        members_lines = self.member_red_lines()
        if hits or members_lines:
            out.append(
                machine_box(
                    s,
                    [
                        f"<b>Red line:</b> {esc(h.description)} ({self.said(h.detail)}) — the "
                        f"recommendation can be no milder than {esc(self.title(h.floor))}."
                        for h in hits
                    ]
                    + members_lines,
                    warning=True,
                )
            )
        else:
            out.append(machine_box(s, ["No red line applies."]))
        principle_notes = [
            (self.people(a.member), framework.principle(k).title, r)
            for a in case.assessments
            for k, r in a.principles.items()
            if r.rationale
        ]
        if principle_notes:
            out.append(self.p("Members' reasons on the principles", s.h2))
            for member, title, rating in principle_notes:
                text = rating.rationale
                mark = self.class_mark(rating.confidentiality, "rationales")
                out.append(
                    self.p(
                        f"<font color='#5b6673'>{esc(member)} on {esc(title)}:</font> {self.said(text)}<b>{mark}</b>",
                        s.quote,
                    )
                )
        return out

    def robustness(self) -> list[Flowable]:
        s, memo = self.s, self.memo
        sensitivity = memo.score.sensitivity
        out = self.heading("Robustness of the recommendation")
        if sensitivity is None:
            out.append(
                machine_box(s, ["Not assessed until every consideration and principle is rated."])
            )
            return out
        most = next(
            (w for w in sensitivity.weight_swings if w.key == sensitivity.most_influential), None
        )
        lines = [
            esc(sensitivity.sentence),
            f"Random weightings: {percent_text(sensitivity.agreement)} of {sensitivity.draws:,} weightings drawn "
            f"around the weights (Dirichlet, concentration {sensitivity.concentration:g}, seed "
            f"{sensitivity.seed}) give the same recommendation.",
        ]
        if most is not None:
            lines.append(
                f"The weight that moves the index most is that of {esc(most.title)}: halving it or raising "
                f"it by half moves the index between {points_text(min(most.low, most.high))} and "
                f"{points_text(max(most.low, most.high))}."
            )
        out.append(machine_box(s, lines))
        return out


def _level_text(framework: Framework, levels: tuple[str, ...], value: Fraction | None) -> str:
    """The anchored level of a rating; a council's median between two levels names both."""
    if value is None:
        return "Not rated."
    if value.denominator == 1:
        return levels[int(value) - framework.scale_min]
    low = int(value)
    high = min(low + 1, framework.scale_max)
    return (
        f"Between {low} — {levels[low - framework.scale_min]} — and {high} — "
        f"{levels[high - framework.scale_min]}"
    )
