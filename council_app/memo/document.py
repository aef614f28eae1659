"""Lay a memo out as a reportlab story, section by section, in the order a reader needs it.

Text written by people (rationales, the decision's reasons, dissent, stakeholder input,
conditions) is set as body text and attributed. Text that Council Desk drafted from the ratings
(the recommendation and its reason, the robustness sentence, disagreements, precedent reasons,
the consistency check) is set in a shaded box tagged "Drafted automatically from the ratings",
so that no reader mistakes one for the other.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)

from council_app.case import Case
from council_app.framework import Framework
from council_app.library.redaction import Redaction, case_people
from council_app.memo.charts import contributions_chart
from council_app.memo.content import MemoInput, Variant
from council_app.memo.outline import OutlineEntry, anchor, link, outlined, precedent_key
from council_app.memo.redacted import external_memo
from council_app.memo.scripts import Paragraph
from council_app.memo.styles import (
    MACHINE,
    MACHINE_EDGE,
    NAVY,
    RULE,
    SHADE,
    WARN,
    WARN_SHADE,
    Styles,
    memo_styles,
)
from council_app.precedent.consistency import superseded_here
from council_app.scoring import (
    RatingSet,
    percent_text,
    points_text,
    points_to_discuss,
    rating_text,
    share_text,
)
from council_app.vocabulary import (
    count_word,
    effectiveness_scale_words,
    effectiveness_text,
    mitigation_kind_title,
    principle_ratings_words,
    review_words,
    vote_title,
)

MACHINE_TAG = "DRAFTED AUTOMATICALLY FROM THE RATINGS"
FRAME_WIDTH = 170 * mm  # the text column: A4 less 20 mm margins, centred on Letter (canvas.py)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


class People:
    """Names as the variant may show them: in full internally, by the redaction rule externally.

    ``rule``: the document's one ``Redaction`` (see ``council_app.memo.redacted``), so that
    names read from the score get the aliases the redacted case already carries; without it,
    the rule knows the case's people and ``also`` (for example who recused).
    """

    def __init__(
        self,
        case: Case,
        variant: Variant,
        also: Sequence[str] = (),
        rule: Redaction | None = None,
    ) -> None:
        self.variant = variant
        self.rule = rule or Redaction([*case_people(case), *also])

    def __call__(self, name: str) -> str:
        return name if self.variant == "internal" else self.rule.alias(name)

    def redact(self, text: str) -> str:
        return text if self.variant == "internal" else self.rule.text(text)


def machine_box(s: Styles, paragraphs: Sequence[str], *, warning: bool = False) -> Flowable:
    """Machine-drafted text in its own shaded, tagged box.

    The box is kept whole on one page (its tag is never left alone at a page foot, nor its last
    line stranded overleaf); one too long for any page splits, and repeats its tag where it goes
    on, so that every part of it is still marked as drafted automatically.
    """
    cells: list[list[Any]] = [[Paragraph(MACHINE_TAG, s.machine_tag)]]
    cells += [[Paragraph(p, s.machine)] for p in paragraphs]
    table = Table(cells, colWidths=[FRAME_WIDTH], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s.font),
                ("BACKGROUND", (0, 0), (-1, -1), WARN_SHADE if warning else MACHINE),
                ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN if warning else MACHINE_EDGE),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("TOPPADDING", (0, 0), (-1, 0), 5),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([table])


def grid(rows: list[list[Any]], widths: Sequence[float], *, header: bool = True) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), memo_styles().font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY)]
    table.setStyle(TableStyle(style))
    return table


def letterhead_table(left: list[Flowable], right: list[Flowable]) -> Table:
    """The council's name on the left, what the document is on the right: memo and minutes."""
    table = Table([[left, right]], colWidths=[FRAME_WIDTH * 0.62, FRAME_WIDTH * 0.38])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), memo_styles().font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


class MemoWriter:
    def __init__(self, memo: MemoInput, variant: Variant) -> None:
        rule = None
        if variant == "external":  # the whole content redacted by one rule, before layout
            memo, rule = external_memo(memo)
        self.memo = memo
        self.variant = variant
        self.s = memo_styles()
        self.case = memo.case
        self.framework: Framework = memo.framework
        self.people = People(memo.case, variant, [m for m, _ in memo.recusals], rule)
        self.section = 0

    # -- helpers -------------------------------------------------------------------------------

    def p(self, text: str, style: Any = None) -> Paragraph:
        return Paragraph(text, style or self.s.body)

    def heading(self, title: str) -> list[Flowable]:
        self.section += 1
        return [
            CondPageBreak(40 * mm),
            *outlined(
                Paragraph(f"{self.section}. {esc(title)}", self.s.h1), f"section-{self.section}"
            ),
            HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=5),
        ]

    def human(self, text: str, *, style: Any = None) -> list[Flowable]:
        paragraphs = [t for t in self.people.redact(text).split("\n") if t.strip()]
        return [self.p(esc(t), style) for t in paragraphs]

    def said(self, text: str) -> str:
        """Text written by people, escaped, with members' names hidden when they must be."""
        return esc(self.people.redact(text))

    def title(self, key: str) -> str:
        return self.framework.outcome_title(key)

    def council_view(self) -> str:
        """``median of 3 member assessments; Member D stood aside and is not counted``."""
        view = self.memo.score.council
        count = len(view.members)
        text = f"{view.method} of {count} member assessment{'s' if count != 1 else ''}"
        if view.stood_aside:
            aside = ", ".join(self.people(m) for m in view.stood_aside)
            verb = "is" if len(view.stood_aside) == 1 else "are"
            text += f"; {aside} stood aside and {verb} not counted"
        return text

    def counted(self, member: str) -> str:
        """A member's name, marked when their ratings are left out of the council view."""
        if member in self.memo.score.council.stood_aside:
            return f"{self.people(member)}, stood aside, not counted"
        return self.people(member)

    def member_red_lines(self) -> list[str]:
        """Red lines a member's own ratings meet and the council view's do not, in words."""
        return [
            f"<b>To discuss:</b> {self.said(point)}"
            for point in points_to_discuss(self.framework, self.memo.score.member_red_lines)
        ]

    # -- sections ------------------------------------------------------------------------------

    def letterhead(self) -> list[Flowable]:
        s, memo, case = self.s, self.memo, self.case
        left = [self.p(esc(memo.settings.council_name), s.council)]
        if memo.settings.letterhead:
            left.append(self.p(esc(memo.settings.letterhead), s.letterhead))
        status = "DRAFT — no decision recorded" if memo.is_draft else "Decided"
        if memo.superseded_by:
            status = "Decided · SUPERSEDED"
        right = [
            self.p("DECISION MEMO", s.memo_label),
            self.p(f"Case {esc(case.id)}", s.meta),
            self.p(f"Dated {memo.memo_date.isoformat()}", s.meta),
            self.p(esc(self.marking()), s.meta),
            self.p(esc(status), s.meta),
        ]
        table = letterhead_table(left, right)
        out: list[Flowable] = [
            table,
            HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=10),
            *self.supersession_banner(),
            self.p(esc(case.title), s.title),
        ]
        if case.summary:
            out += self.human(case.summary, style=s.lead)
        return out

    def supersession_banner(self) -> list[Flowable]:
        """A decision no longer in force says so before anything else on its first page."""
        memo, s = self.memo, self.s
        if memo.superseded_by:
            by = "; ".join(
                f"{esc(c.id)} ({esc(self.title(c.outcome))}"
                + (f", decided {c.decided.isoformat()}" if c.decided else "")
                + ")"
                for c in memo.superseded_by
                if c.outcome is not None
            )
            box = Table(
                [
                    [self.p("<b>SUPERSEDED</b>", s.body)],
                    [
                        self.p(
                            f"This decision was superseded by {by}. It is kept for the record "
                            "and is no longer in force; read the superseding decision for what "
                            "applies now.",
                            s.body,
                        )
                    ],
                ],
                colWidths=[FRAME_WIDTH],
            )
            box.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), s.font),
                        ("BACKGROUND", (0, 0), (-1, -1), WARN_SHADE),
                        ("BOX", (0, 0), (-1, -1), 1.2, WARN),
                        ("LEFTPADDING", (0, 0), (-1, -1), 8),
                        ("TOPPADDING", (0, 0), (-1, 0), 5),
                        ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                    ]
                )
            )
            return [box, Spacer(1, 8)]
        if memo.superseding_pending:
            ids = ", ".join(c.id for c in memo.superseding_pending)
            verb = (
                "would supersede it, is"
                if len(memo.superseding_pending) == 1
                else "would supersede it, are"
            )
            return [
                self.p(
                    esc(f"{ids}, which {verb} not yet decided; this decision remains in force."),
                    s.small,
                )
            ]
        return []

    def marking(self) -> str:
        if self.variant == "external":
            return "EXTERNAL VERSION — personal data left out"
        return "CONFIDENTIAL — INTERNAL"

    def question_and_facts(self) -> list[Flowable]:
        s, case = self.s, self.case
        out = self.heading("The question before the council")
        question = (
            case.question
            or f"May {case.customer or 'the customer'} use {case.product or 'the product'} as described below?"
        )
        out.append(self.p(f"<b>{self.said(question)}</b>"))
        facts = [
            ("Product", case.product),
            ("Customer", case.customer),
            ("Sector", case.sector),
            ("Regions", ", ".join(case.regions)),
            ("Tags", ", ".join(case.tags)),
            ("Submitted", case.submitted.isoformat() if case.submitted else ""),
        ]
        rows = [[self.p(esc(k), s.cell_head), self.p(esc(v), s.cell)] for k, v in facts if v]
        if rows:
            out.append(grid(rows, [30 * mm, FRAME_WIDTH - 30 * mm], header=False))
            out.append(Spacer(1, 6))
        if case.use_case:
            out.append(self.p("<b>Use case</b>", s.h2))
            out += self.human(case.use_case)
        out += self.classifications()
        return out

    def classifications(self) -> list[Flowable]:
        """Where the case stands in the framework's taxonomies, and what each brings."""
        from council_app.framework.taxonomy import placed

        found = placed(self.framework, self.case)
        if not found:
            return []
        out: list[Flowable] = [self.p("<b>Classifications</b>", self.s.h2)]
        for item in found:
            entry = item.entry
            parts = [f"<b>{esc(item.title)}</b>"]
            if entry.reference:
                parts.append(esc(entry.reference))
            text = ", ".join(parts) + "."
            if item.classification.basis:
                text += f" Basis: {self.said(item.classification.basis)}"
            if item.classification.exception:
                text += f" Exception recorded: {self.said(item.classification.exception)}"
            elif entry.floor:
                text += f" The recommendation is at least {esc(self.title(entry.floor))}."
            if entry.obligations:
                text += f" Its {len(entry.obligations)} obligations are conditions of any use."
            out.append(self.p(text))
        return out

    def decision(self) -> list[Flowable]:
        s, case, memo = self.s, self.case, self.memo
        scoring = memo.score.scoring
        rec = scoring.recommendation
        out = self.heading("Decision and recommendation")
        d = case.decision
        if d is not None:
            when = [
                f"decided {d.date.isoformat()}" if d.date else "",
                f"review by {d.review_by.isoformat()}" if d.review_by else "",
            ]
            line = "; ".join(x for x in when if x)
            out.append(self.p(f"Decision: {esc(self.title(d.outcome))}", s.outcome))
            if line:
                out.append(self.p(esc(line[0].upper() + line[1:]), s.small))
            out += self.revisions()
        else:
            out.append(self.p("No decision has been recorded yet.", s.outcome))
        index = (
            f"concern index {scoring.shown_index} of 100"
            if scoring.shown_index is not None
            else "no concern index yet"
        )
        lines = [
            f"<b>Recommendation of the framework: {esc(self.title(rec.outcome))}</b> ({index}).",
            self.said(rec.reason),
            *self.member_red_lines(),
        ]
        if d is not None and rec.outcome != self.framework.deferral and d.outcome != rec.outcome:
            lines.append(
                f"The council decided {esc(self.title(d.outcome))}, departing from the recommendation; "
                "its reasons follow."
            )
        out.append(machine_box(s, lines))
        out.append(Spacer(1, 6))
        if d is not None and d.rationale:
            out.append(self.p("Reasons of the council", s.h2))
            out += self.human(d.rationale)
        if d is not None and d.departure:
            out.append(self.p("Why the decision departs from its sitting", s.h2))
            out += self.human(d.departure)
        if d is not None and d.distinction:
            out.append(self.p("How this case is distinguished from precedent", s.h2))
            out += self.human(d.distinction)
        return out

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
            (self.people(a.member), framework.principle(k).title, r.rationale)
            for a in case.assessments
            for k, r in a.principles.items()
            if r.rationale
        ]
        if principle_notes:
            out.append(self.p("Members' reasons on the principles", s.h2))
            for member, title, text in principle_notes:
                out.append(
                    self.p(
                        f"<font color='#5b6673'>{esc(member)} on {esc(title)}:</font> {self.said(text)}",
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

    def members(self) -> list[Flowable]:
        s, memo, case = self.s, self.memo, self.case
        out = self.heading("Members: disagreement, votes and dissent")
        view = memo.score.council
        if view.disagreements:
            out.append(
                machine_box(
                    s,
                    [
                        esc(
                            f"{d.label}: members differ by {rating_text(d.spread)} points — "
                            f"{', '.join(self.people(m) for m in d.low_members)} rated {rating_text(d.low)}, "
                            f"{', '.join(self.people(m) for m in d.high_members)} rated {rating_text(d.high)}."
                        )
                        for d in view.disagreements
                    ],
                )
            )
        elif view.members:
            out.append(
                machine_box(
                    s,
                    [
                        f"Members' ratings are within {view.threshold:g} point of each other on every consideration and principle."
                    ],
                )
            )
        d = case.decision
        if d is None or not d.votes:
            out.append(self.p("No votes recorded.", s.small))
        elif self.variant == "internal":
            rows: list[list[Any]] = [[self.p("Member", s.cell_head), self.p("Vote", s.cell_head)]]
            rows += [
                [
                    self.p(esc(v.member), s.cell),
                    self.p(esc(vote_title(self.framework, v.vote)), s.cell),
                ]
                for v in d.votes
            ]
            out.append(Spacer(1, 4))
            out.append(grid(rows, [70 * mm, 60 * mm]))
        else:
            tally = Counter(v.vote for v in d.votes)
            summary = "; ".join(
                f"{vote_title(self.framework, k)}: {n}" for k, n in tally.most_common()
            )
            out.append(
                self.p(
                    f"Votes ({len(d.votes)}): {esc(summary)}. Names are left out of this version."
                )
            )
        if d is not None and d.dissent:
            out.append(self.p("Dissent", s.h2))
            for dissent in d.dissent:
                # The quote and who said it stay on one page.
                said = self.human(f"“{dissent.text}”", style=s.quote)
                said.append(self.p(f"— {esc(self.people(dissent.member))}", s.attribution))
                out.append(KeepTogether(said))
        if self.memo.recusals:
            out.append(
                self.p(
                    "<b>Recused:</b> "
                    + esc(
                        "; ".join(
                            self.people(member)
                            # A reason for standing aside is personal: internal only, as in
                            # the minutes.
                            + (
                                f" ({reason})"
                                if reason and self.people.variant == "internal"
                                else ""
                            )
                            for member, reason in self.memo.recusals
                        )
                    )
                )
            )
        else:
            out.append(self.p("Recusals: none recorded.", s.small))
        return out

    def revisions(self) -> list[Flowable]:
        """A recorded decision is never edited silently: earlier revisions are listed."""
        revisions = self.memo.revisions
        if len(revisions) < 2:
            return []
        s = self.s
        current = revisions[-1]
        out = [
            self.p(
                f"This is revision {current.number} of the decision. Earlier revisions, from the "
                "library's audit log:",
                s.small,
            )
        ]
        for earlier in revisions[:-1]:
            decided = (
                f", decided {earlier.decision.date.isoformat()}" if earlier.decision.date else ""
            )
            replaced = (
                f"; replaced {earlier.replaced_at[:16].replace('T', ' ')} UTC"
                + (
                    f" by {esc(self.people.redact(earlier.replaced_by))}"
                    if earlier.replaced_by and self.people.variant == "internal"
                    else ""
                )
                if earlier.replaced_at
                else ""
            )
            out.append(
                self.p(
                    f"Revision {earlier.number}: {esc(self.title(earlier.decision.outcome))}"
                    f"{decided}{replaced}.",
                    s.small,
                )
            )
        return out

    def stakeholders(self) -> list[Flowable]:
        s, case, framework = self.s, self.case, self.framework
        out = self.heading("Stakeholder input")
        if not case.stakeholder_input:
            out.append(self.p("No stakeholder input was recorded.", s.small))
            return out
        for group in framework.stakeholder_groups:
            items = [i for i in case.stakeholder_input if i.group == group.key]
            if not items:
                continue
            out.append(self.p(esc(group.title), s.h2))
            for item in items:
                details = [
                    x for x in (item.source, item.date.isoformat() if item.date else "") if x
                ]
                if self.variant == "internal" and item.contact:
                    details.append(f"contact: {item.contact}")
                out += self.human(item.summary)
                if details:
                    out.append(self.p(self.said(" · ".join(details)), s.attribution))
        return out

    def precedents(self) -> list[Flowable]:
        s, memo, case = self.s, self.memo, self.case
        out = self.heading("Precedents considered")
        decision = case.decision
        if memo.precedents_recorded and decision is not None:
            when = decision.date.isoformat() if decision.date else "the decision"
            source = f"The precedents before the council when it decided on {when}, as recorded with the decision."
        elif decision is not None and decision.date is not None:
            source = (
                f"Cases decided before {decision.date.isoformat()}, as the library holds them "
                "now (this decision was recorded before precedents were kept with decisions)."
            )
        else:
            source = "Cases the council has decided, as the library holds them now."
        out.append(self.p(esc(source), s.small))
        if not memo.precedents:
            out.append(self.p("No precedent was found in the library.", s.small))
            out += self.related()
            return out
        distinguished = {link.target for link in case.links if link.type == "distinguishes"}
        cited = {link.target for link in case.links if link.type == "cites"}
        overruled = superseded_here(case)
        compare_to = decision.outcome if decision else memo.score.scoring.recommendation.outcome
        head = [
            self.p(h, s.cell_head)
            for h in ("Case", "Outcome", "Match", "How it bears on this case")
        ]
        rows: list[list[Any]] = [head]
        for number, p in enumerate(memo.precedents, 1):
            outcome = self.title(p.case.outcome) if p.case.outcome else "Not decided"
            if p.case.decided:
                outcome += (
                    f"<br/><font size='7' color='#5b6673'>{p.case.decided.isoformat()}</font>"
                )
            # "Followed" and "distinguished" only where the decision says so, by its links.
            if p.case.id in overruled:
                how = (
                    "Superseded by this decision."
                    if decision
                    else "Would be superseded by this decision."
                )
            elif p.superseded:
                how = f"Superseded by {', '.join(x.id for x in p.superseded_by)}; not followed as authority."
            elif p.case.id in distinguished:
                how = (
                    "Distinguished (see the distinction above)."
                    if decision and decision.distinction
                    else "Distinguished."
                )
            elif p.case.id in cited:
                how = "Followed: cited by the decision." if decision else "Cited."
            elif p.case.outcome == compare_to:
                how = "Decided the same way."
            else:
                how = "Decided differently."
            if p.relies_on_superseded:
                how += (
                    " Relies on "
                    + ", ".join(f"{a} (superseded by {b})" for a, b in p.relies_on_superseded)
                    + "."
                )
            rows.append(
                [
                    self.p(
                        f"<b>{link(precedent_key(number), esc(p.case.id))}</b><br/>{esc(p.case.title)}",
                        s.cell,
                    ),
                    self.p(outcome, s.cell),
                    self.p(p.match_text, s.cell),
                    self.p(esc(how), s.cell),
                ]
            )
        out.append(grid(rows, [62 * mm, 30 * mm, 14 * mm, 64 * mm]))
        out.append(Spacer(1, 6))
        reasons = [
            f"{anchor(precedent_key(number))}<b>{esc(p.case.id)}</b>: "
            + esc(" ".join(r for r in p.reasons if not r.startswith("Decided")))
            for number, p in enumerate(memo.precedents, 1)
        ]
        out.append(machine_box(s, reasons))
        out += [
            OutlineEntry(f"Precedent {p.case.id}", precedent_key(number), 1, here=False)
            for number, p in enumerate(memo.precedents, 1)
        ]
        if memo.consistency is not None:
            out.append(Spacer(1, 6))
            message = memo.consistency.message(self.framework)
            out.append(
                machine_box(
                    s,
                    [esc(line) for line in message.split("\n")],
                    warning=memo.consistency.warning and not memo.consistency.distinction,
                )
            )
        out += self.related()
        return out

    def related(self) -> list[Flowable]:
        """Alike cases not yet decided: for information, never precedent."""
        if not self.memo.related:
            return []
        s = self.s
        out: list[Flowable] = [self.p("Related, not yet decided", s.h2)]
        for p in self.memo.related:
            out.append(
                self.p(
                    f"<b>{esc(p.case.id)}</b> {esc(p.case.title)} "
                    f"<font color='#5b6673'>({esc(p.case.status.replace('_', ' '))}; "
                    "for information, not precedent)</font>",
                    s.small,
                )
            )
        return out

    def conditions(self) -> list[Flowable]:
        s, case = self.s, self.case
        out = self.heading("Conditions and review")
        d = case.decision
        if d is None:
            out.append(self.p("No decision yet, so no conditions.", s.small))
            return out
        if d.conditions:
            items: list[ListItem] = []
            for c in d.conditions:
                details = "; ".join(
                    x
                    for x in (
                        f"owner: {c.owner}" if c.owner else "",
                        f"due {c.due.isoformat()}" if c.due else "",
                    )
                    if x
                )
                text = self.said(c.text) + (
                    f" <font color='#5b6673'>({self.said(details)})</font>" if details else ""
                )
                items.append(ListItem(self.p(text), leftIndent=14, value=len(items) + 1))
            out.append(
                ListFlowable(
                    items, bulletType="1", bulletFontName=s.font, bulletFontSize=9, leftIndent=14
                )
            )
        else:
            out.append(self.p("The decision carries no conditions.", s.small))
        review = d.review_by.isoformat() if d.review_by else "not set"
        out.append(self.p(f"<b>Review by:</b> {review}"))
        for r in d.reviews:
            lead, rest = review_words(r)
            out.append(self.p(f"<b>{esc(lead)}</b>{esc(rest)}", s.small))
        return out

    def provenance(self) -> list[Flowable]:
        memo = self.memo
        scoring = memo.score.scoring
        out = self.heading("Provenance")
        out.append(
            self.p(
                "<b>Written by people:</b> the summary, use case and question; the members' ratings "
                "and rationales; the council's reasons and distinction; votes and dissent; "
                "stakeholder input; conditions."
            )
        )
        out.append(
            self.p(
                f"<b>Drafted automatically</b> by Council Desk {esc(memo.app_version)} from the ratings, "
                f"with the framework “{esc(self.framework.name)}” version {esc(self.framework.version)} "
                f"and the {esc(scoring.weights.source)}: every passage in a shaded box tagged "
                f"“{MACHINE_TAG.lower()}” — the recommendation and its reason, the concern index and "
                "chart, red lines, robustness, disagreements, precedent reasons and the consistency check."
            )
        )
        if memo.framework_note:
            out.append(self.p(f"<b>Framework:</b> {esc(memo.framework_note)}"))
        if self.variant == "external":
            out.append(
                self.p(
                    "<b>External version:</b> personal data has been left out — council members appear "
                    "as Member A, Member B and so on, votes as tallies, and stakeholder contact details "
                    "are omitted."
                )
            )
        out.append(
            self.p(
                f"<b>Fingerprint</b> (SHA-256 of everything this memo shows: the case record, the "
                "weights, who stood aside, the precedents, the earlier revisions, the framework "
                f"and the letterhead): <font size='8'>{memo.fingerprint}</font>. Any change to "
                "what the memo says gives another fingerprint; it is printed in the footer of every "
                "page. The case record alone, as the library's audit log knows it: "
                f"<font size='8'>{memo.record_fingerprint}</font>."
            )
        )
        if memo.chain_head is not None:
            out.append(
                self.p(
                    "<b>Head of the library's audit chain</b> at the entry that recorded the case "
                    f"as shown (entry {memo.chain_head.entries:,}, {esc(memo.chain_head.at)}): "
                    f"<font size='8'>{memo.chain_head.hash}</font>. Kept with the memo, it lets "
                    "<i>council-app check --head</i> show later whether the library's history "
                    "up to then is still as it was."
                )
            )
        return out

    def story(self) -> list[Flowable]:
        parts: Iterable[list[Flowable]] = (
            self.letterhead(),
            self.question_and_facts(),
            self.decision(),
            self.considerations(),
            self.principles(),
            self.robustness(),
            self.members(),
            self.stakeholders(),
            self.precedents(),
            self.conditions(),
            self.provenance(),
        )
        return [flowable for part in parts for flowable in part]


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


__all__ = ["MemoWriter", "People"]
