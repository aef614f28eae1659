"""The memo's sections on what the council decided: the decision beside the framework's
recommendation, its revisions, the members and their votes, and the conditions of any use.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
)

from council_app.council.commitments import (
    as_of_day,
    every_words,
    evidence_words,
    standing,
    standing_words,
)
from council_app.date_words import date_words
from council_app.memo.layout import (
    MemoLayout,
    esc,
    grid,
    machine_box,
)
from council_app.scoring import (
    rating_text,
)
from council_app.vocabulary import (
    review_words,
    vote_title,
)


class DecisionSections(MemoLayout):
    """The decision, members and conditions sections of a memo."""

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
            mark = self.class_mark(d.rationale_confidentiality, "rationales")
            out.append(self.p(f"Reasons of the council{esc(mark)}", s.h2))
            out += self.human(d.rationale)
        if d is not None and d.departure:
            out.append(self.p("Why the decision departs from its sitting", s.h2))
            out += self.human(d.departure)
        if d is not None and d.distinction:
            out.append(self.p("How this case is distinguished from precedent", s.h2))
            out += self.human(d.distinction)
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

    def conditions(self) -> list[Flowable]:
        s, case = self.s, self.case
        out = self.heading("Conditions and review")
        d = case.decision
        if d is None:
            out.append(self.p("No decision yet, so no conditions.", s.small))
            return out
        if d.conditions:
            # Where each stands on the last day the record says anything of them: read from
            # the record, not the clock, so the same record gives the same memo.
            day = as_of_day(d) if any(c.history or c.evidence for c in d.conditions) else None
            if day is not None:
                out.append(self.p(f"Where each condition stood on {date_words(day)}:", s.small))
            items: list[ListItem] = []
            for c in d.conditions:
                details = "; ".join(
                    x
                    for x in (
                        self.framework.condition_kind_title(c.kind) if c.kind else "",
                        f"owner: {c.owner}" if c.owner else "",
                        f"due {c.due.isoformat()}" if c.due else "",
                        every_words(c.every_months) if c.every_months else "",
                    )
                    if x
                )
                text = self.said(c.text) + (
                    f" <font color='#5b6673'>({self.said(details)})</font>" if details else ""
                )
                if day is not None:
                    found = standing(self.framework, d, c, day)
                    text += f"<br/><b>{self.said(standing_words(found))}</b>"
                    for e in c.evidence:
                        text += f"<br/><font color='#5b6673'>Evidence: {self.said(evidence_words(e))}</font>"
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
