"""Session minutes: the record of one sitting, laid out as a PDF a secretary can file.

What the minutes say is gathered in :mod:`council_app.memo.minutes_content`; this module only
lays it out: the sitting's status (a DRAFT until it is closed), attendance and quorum with its
numbers, an overview of the items, then each item with its recommendation, recusals, votes
with their counts, the decision and whether it departs from its sitting (with the reason
recorded), conditions in full, and dissent; and at the end the head of the audit chain, so
that the filed minutes can be checked against the library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from council_app import __version__
from council_app.case import Case, Decision
from council_app.council.commitments import every_words, evidence_words, standing, standing_words
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library.redaction import Redaction
from council_app.memo.canvas import DocumentInfo, build_pdf, page_canvas
from council_app.memo.content import VARIANTS, Variant
from council_app.memo.layout import (
    FRAME_WIDTH,
    People,
    esc,
    grid,
    letterhead_table,
    machine_box,
)
from council_app.memo.minutes_content import (
    ItemRecord,
    MinutesInput,
    minutes_for_date,
    minutes_for_day,
    minutes_for_session,
)
from council_app.memo.outline import outlined
from council_app.memo.redacted import external_minutes, minutes_for_audience
from council_app.memo.scripts import Paragraph
from council_app.memo.styles import NAVY, RULE, WARN, WARN_SHADE, memo_styles
from council_app.vocabulary import ABSTAIN, sitting_status_title, vote_title

DEPARTURE_TAG = "DEPARTS FROM ITS SITTING — DRAFTED AUTOMATICALLY FROM THE RECORD"


def _kept_with_next(flowable: Flowable) -> Flowable:
    """A heading or label never ends a page apart from what it introduces."""
    flowable.keepWithNext = True
    return flowable


def _members(count: int) -> str:
    return f"{count} member{'s' if count != 1 else ''}"


class MinutesWriter:
    def __init__(self, minutes: MinutesInput, variant: Variant) -> None:
        self.rule: Redaction | None = None
        # First what the variant's readers may not see, then (externally) personal data.
        minutes, self.withheld = minutes_for_audience(minutes, variant)
        if variant == "external":  # one rule, one set of aliases for every item
            minutes, self.rule = external_minutes(minutes)
        self.minutes = minutes
        self.variant = variant
        self.s = memo_styles()

    # -- names ---------------------------------------------------------------------------------

    def people(self, case: Case) -> People:
        """The one place the minutes decide how people are named: in full internally, by alias
        externally, with everyone the minutes may name known to the aliases."""
        return People(case, self.variant, self.minutes.everyone, self.rule)

    @property
    def internal(self) -> bool:
        return self.variant == "internal"

    def p(self, text: str, style: Any = None) -> Paragraph:
        return Paragraph(text, style or self.s.body)

    def human(self, people: People, text: str, style: Any = None) -> list[Flowable]:
        """Text written by people, paragraph by paragraph, names hidden when they must be."""
        return [self.p(esc(t), style) for t in people.redact(text).split("\n") if t.strip()]

    def label(self, text: str) -> Flowable:
        return _kept_with_next(self.p(esc(text), self.s.h2))

    # -- the sitting ---------------------------------------------------------------------------

    def marking(self) -> str:
        if self.internal:
            return "CONFIDENTIAL — INTERNAL"
        return "EXTERNAL VERSION — personal data left out"

    def status_line(self) -> str:
        m = self.minutes
        if m.session_id is None:
            return "No sitting on record: attendance is not on record"
        if not m.is_draft:
            return f"Final: sitting {m.session_id} is closed"
        state = sitting_status_title(m.status or "").lower()
        return f"DRAFT — sitting {m.session_id} is {state}; not final until it is closed"

    def heading(self) -> str:
        m = self.minutes
        if m.session_id is None:
            return f"Minutes of the decisions of {m.sitting.isoformat()}"
        return f"Minutes of the sitting of {m.sitting.isoformat()}"

    def head(self) -> list[Flowable]:
        s, m = self.s, self.minutes
        left: list[Flowable] = [self.p(esc(m.settings.council_name), s.council)]
        if m.settings.letterhead:
            left.append(self.p(esc(m.settings.letterhead), s.letterhead))
        which = f"Sitting {m.session_id}" if m.session_id is not None else "Decisions"
        right = [
            self.p("MINUTES", s.memo_label),
            self.p(f"{which} · {m.sitting.isoformat()}", s.meta),
            self.p(esc(self.marking()), s.meta),
            self.p(f"<b>{esc(self.status_line())}</b>", s.meta),
        ]
        head = letterhead_table(left, right)
        heading = self.heading()
        out: list[Flowable] = [
            head,
            HRFlowable(width="100%", thickness=2, color=NAVY, spaceBefore=6, spaceAfter=10),
            self.p(esc(f"{m.title} — {heading}" if m.title else heading), s.title),
        ]
        if m.is_draft:
            out.append(
                self.warning(
                    [
                        f"<b>{esc(self.status_line())}.</b> Its votes and decisions can still "
                        "change; file these minutes only once the sitting is closed."
                    ]
                )
            )
            out.append(Spacer(1, 6))
        return out

    def warning(self, paragraphs: Sequence[str], tag: str = "") -> Flowable:
        cells: list[list[Any]] = [[self.p(tag, self.s.machine_tag)]] if tag else []
        cells += [[self.p(text, self.s.machine)] for text in paragraphs]
        box = Table(cells, colWidths=[FRAME_WIDTH])
        box.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.s.font),
                    ("BACKGROUND", (0, 0), (-1, -1), WARN_SHADE),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, WARN),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, 0), 5),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
                ]
            )
        )
        return box

    def attendance(self) -> list[Flowable]:
        s, m = self.s, self.minutes
        out: list[Flowable] = [self.label("Attendance and quorum")]
        if m.present is None:
            out.append(
                self.p(
                    f"<b>Attendance is not on record:</b> no sitting was recorded on "
                    f"{m.sitting.isoformat()}. These minutes list who voted, not who was "
                    "present, and quorum cannot be stated.",
                )
            )
            voted = m.voters
            if self.internal:
                out.append(self.p(f"<b>Voted ({len(voted)}):</b> {esc(', '.join(voted))}"))
            else:
                out.append(self.p(f"<b>Voted:</b> {_members(len(voted))} (names left out)."))
        elif self.internal:
            names = ", ".join(m.present) or "nobody"
            out.append(self.p(f"<b>Present ({len(m.present)}):</b> {esc(names)}"))
            if m.absent:
                out.append(self.p(f"<b>Absent:</b> {esc(', '.join(m.absent))}"))
        else:
            out.append(self.p(f"<b>Present:</b> {_members(len(m.present))} (names left out)."))
            if m.absent:
                out.append(self.p(f"<b>Absent:</b> {_members(len(m.absent))}."))
        if m.quorum is not None:
            out.append(self.p(f"<b>{esc(m.quorum.sentence())}</b>"))
        cases = "Cases on the agenda" if m.session_id is not None else "Cases decided that day"
        out.append(self.p(f"<b>{cases}:</b> {len(m.items)}", s.body))
        return out

    def overview(self) -> Flowable:
        s = self.s
        rows: list[list[Any]] = [
            [self.p(h, s.cell_head) for h in ("Case", "Recommendation", "Decision")]
        ]
        for item in self.minutes.items:
            case, rec, framework = item.case, item.score.scoring, item.framework
            title = self.people(case).redact(case.title)
            index = f" ({rec.shown_index})" if rec.shown_index is not None else ""
            if case.decision is None:
                decision = "Not decided"
            else:
                decision = framework.outcome_title(case.decision.outcome)
                if item.departures:
                    decision += " — departs"
            rows.append(
                [
                    self.p(f"<b>{esc(case.id)}</b><br/>{esc(title)}", s.cell),
                    self.p(
                        esc(framework.outcome_title(rec.recommendation.outcome)) + index, s.cell
                    ),
                    self.p(esc(decision), s.cell_bold),
                ]
            )
        return grid(rows, [90 * mm, 40 * mm, 40 * mm])

    # -- an item -------------------------------------------------------------------------------

    def item(self, item: ItemRecord) -> list[Flowable]:
        s, case = self.s, item.case
        people = self.people(case)
        rec = item.score.scoring
        index = (
            f"concern index {rec.shown_index} of 100"
            if rec.shown_index is not None
            else "no concern index yet"
        )
        title = item.framework.outcome_title  # the case's own version's words
        outcome = title(rec.recommendation.outcome)
        out: list[Flowable] = [
            CondPageBreak(35 * mm),
            *outlined(
                _kept_with_next(
                    self.p(
                        f"{item.number}. {esc(case.id)} — {esc(people.redact(case.title))}", s.h1
                    )
                ),
                f"item-{item.number}",
            ),
            _kept_with_next(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceAfter=4)),
        ]
        if case.question:
            out.append(self.p(f"<b>Question:</b> {esc(people.redact(case.question))}"))
        out.append(
            machine_box(
                s,
                [
                    f"<b>Recommendation of the framework: {esc(outcome)}</b> ({index}).",
                    esc(people.redact(rec.recommendation.reason)),
                ],
            )
        )
        out.append(Spacer(1, 4))
        if item.quorum is not None:
            verdict, _, rest = item.quorum.sentence(people).partition(": ")
            out.append(self.p(f"<b>{esc(verdict)} for this item:</b> {esc(rest)}"))
        out += self.declarations(item, people)
        for member, reason in item.recusals:
            because = f" ({reason})" if reason and self.internal else ""
            out.append(self.p(f"<b>Recused:</b> {esc(people(member))}{esc(because)}"))
        d = case.decision
        if d is None:
            out += self.votes(item, people, None)
            out.append(self.p("<i>Not decided at this sitting.</i>"))
            return out
        if not item.decided_here:
            when = d.date.isoformat() if d.date else "an earlier date"
            out.append(
                self.p(
                    f"<i>Decided at an earlier sitting ({when}): "
                    f"{esc(title(d.outcome))}; not decided again at this "
                    "sitting.</i>"
                )
            )
            out += self.votes(item, people, None)
            return out
        out += self.votes(item, people, d)
        out.append(self.p(f"Decision: {esc(title(d.outcome))}", s.outcome))
        out += self.departure(item, people, d)
        if d.rationale:
            out.append(self.label("Reasons of the council"))
            out += self.human(people, d.rationale)
        out += self.conditions(people, d, item.framework)
        # The minutes show no facts, stakeholder input or members' rationales: what they would
        # have shown and leave out is the evidence (the decision's reasons say so in place).
        left_out = self.withheld[item.number].sentence(["attachments"])
        if left_out:
            out.append(self.p(esc(left_out), s.small))
        out += self.dissent(people, d)
        return out

    def declarations(self, item: ItemRecord, people: People) -> list[Flowable]:
        """What members declared about their interests; their notes, and what the interest was,
        are personal data (internal only), as a recusal's reason is."""
        out = []
        for declared in item.declarations:
            note = f" ({declared.note})" if declared.note and self.internal else ""
            out.append(
                self.p(
                    f"<b>Declared an interest:</b> {esc(people(declared.member))} — "
                    f"{esc(declared.outcome_title)}{esc(note)}"
                )
            )
        for flag in item.undeclared:
            matched = "; ".join(m.sentence() for m in flag.matches) if self.internal else ""
            what = f" ({matched})" if matched else ""
            out.append(
                self.p(f"<b>Interest not declared:</b> {esc(people(flag.member))}{esc(what)}")
            )
        return out

    def votes(self, item: ItemRecord, people: People, d: Decision | None) -> list[Flowable]:
        framework = item.framework
        if not item.votes:
            return [self.p("<b>Votes:</b> none recorded.")]
        counts: dict[str, int] = {}
        for _member, vote in item.votes:
            counts[vote] = counts.get(vote, 0) + 1
        order = [o.key for o in framework.outcomes] + [ABSTAIN]
        by_outcome = " · ".join(
            f"{esc(vote_title(framework, k))} {counts[k]}" for k in order if k in counts
        )
        abstaining = counts.get(ABSTAIN, 0)
        out: list[Flowable] = []
        if d is not None:
            for_it = counts.get(d.outcome, 0)
            against = len(item.votes) - for_it - abstaining
            decided = esc(framework.outcome_title(d.outcome))
            out.append(
                self.p(
                    f"<b>Votes:</b> {for_it} for the decision ({decided}), {against} against, "
                    f"{abstaining} abstaining; {len(item.votes)} in all."
                )
            )
            out.append(self.p(f"<b>By outcome:</b> {by_outcome}."))
        else:
            out.append(self.p(f"<b>Votes so far:</b> {by_outcome} (of {len(item.votes)})."))
        out.append(self.p(f"<b>Result:</b> {esc(people.redact(item.vote.sentence))}"))
        if self.internal:
            cast = "; ".join(
                f"{esc(member)}: {esc(vote_title(framework, vote))}" for member, vote in item.votes
            )
            out.append(self.p(f"<b>Each vote:</b> {cast}.", self.s.small))
        return out

    def departure(self, item: ItemRecord, people: People, d: Decision) -> list[Flowable]:
        if not item.departures:
            return [
                self.p(
                    "The decision follows its sitting: the vote carried it, the framework "
                    "recommends it, and it departs from no red line and no precedent recorded "
                    "with it.",
                    self.s.small,
                )
            ]
        kinds = {x.kind for x in item.departures}
        sentences = [esc(people.redact(x.sentence)) for x in item.departures]
        if "recommendation" in kinds:
            sentences.insert(0, "<b>The decision departs from the recommendation.</b>")
        out: list[Flowable] = [self.warning(sentences, DEPARTURE_TAG), Spacer(1, 3)]
        # As when the decision was recorded (decision_rules.decision_problems): a distinction
        # from precedent is itself the reason for departing from precedent.
        explained = d.distinction.strip() and kinds == {"precedents"}
        if d.departure:
            out.append(self.label("Reason recorded for the departure"))
            out += self.human(people, d.departure)
        elif explained:
            out.append(
                self.p(
                    "The distinction from precedent recorded with the decision (below) is its "
                    "reason for departing from precedent."
                )
            )
        else:
            out.append(self.p("<b>No reason for the departure was recorded</b> with the decision."))
        if d.distinction:
            out.append(self.label("How the case is distinguished from precedent"))
            out += self.human(people, d.distinction)
        return out

    def conditions(self, people: People, d: Decision, framework: Framework) -> list[Flowable]:
        """Each condition with its kind, owner, due date, and where it stood on the day of
        the sitting (with its evidence by then): what the minutes record, whatever came later."""
        out: list[Flowable] = []
        day = self.minutes.sitting
        if d.conditions:
            items: list[ListItem] = []
            for c in d.conditions:
                owner = esc(people.redact(c.owner)) if c.owner.strip() else "not named"
                due = c.due.isoformat() if c.due else "not set"
                kind = f"{esc(framework.condition_kind_title(c.kind))} · " if c.kind else ""
                every = f" · {every_words(c.every_months)}" if c.every_months else ""
                found = standing(framework, d, c, day)
                text = (
                    f"{esc(people.redact(c.text))}<br/>"
                    f"<font color='#5b6673'>{kind}Owner: {owner} · Due: {due}{every} · "
                    f"{esc(people.redact(standing_words(found)))}</font>"
                )
                for e in c.evidence:
                    if e.added_on <= day:
                        text += (
                            "<br/><font color='#5b6673'>Evidence: "
                            f"{esc(people.redact(evidence_words(e)))}</font>"
                        )
                items.append(ListItem(self.p(text), leftIndent=14, value=len(items) + 1))
            listed = ListFlowable(
                items, bulletType="1", bulletFontName=self.s.font, bulletFontSize=9, leftIndent=14
            )
            out.append(KeepTogether([self.label(f"Conditions ({len(d.conditions)})"), listed]))
        else:
            out.append(self.p("<b>Conditions:</b> none."))
        review = d.review_by.isoformat() if d.review_by else "not set"
        out.append(self.p(f"<b>Review by:</b> {review}"))
        return out

    def dissent(self, people: People, d: Decision) -> list[Flowable]:
        if not d.dissent:
            return []
        out: list[Flowable] = []
        for number, dissent in enumerate(d.dissent):
            quote = self.human(people, f"“{dissent.text}”", self.s.quote)
            attribution = self.p(f"— {esc(people(dissent.member))}", self.s.attribution)
            # The label goes with the first quote, and a quote with its attribution, onto
            # whichever page they fit together.
            label = [self.label("Dissent")] if number == 0 else []
            out.append(KeepTogether([*label, *quote, attribution]))
        return out

    # -- the record ----------------------------------------------------------------------------

    def record(self) -> list[Flowable]:
        s, m = self.s, self.minutes
        out: list[Flowable] = [Spacer(1, 10), self.p("The record", s.h2)]
        head = m.chain_head
        if head is None:
            out.append(
                self.p("The library keeps no audit log yet: there is no chain to check.", s.small)
            )
        else:
            out.append(
                self.p(
                    f"<b>Audit log:</b> {head.entries:,} entries; the last, written "
                    f"{esc(head.at)}, is the head of the chain:<br/>"
                    f"<font size='8'>{head.hash}</font><br/>"
                    "Keep it with these minutes: <i>council-app check --head</i> with this hash "
                    "says whether the library's history up to now is still as it was.",
                    s.small,
                )
            )
        if m.quorum is not None:
            out.append(
                self.p(
                    "Quorum is stated under the library's quorum rule as it now stands.", s.small
                )
            )
        out.append(
            self.p(
                "Recommendations in shaded boxes were drafted automatically from the ratings by "
                f"Council Desk {esc(__version__)}; everything else was written by the council. "
                f"Fingerprint (SHA-256 of the case records): <font size='8'>{m.fingerprint}</font>.",
                s.small,
            )
        )
        out += [
            Spacer(1, 14),
            self.p(
                "Signed as a true record of the "
                + ("sitting:" if m.session_id is not None else "decisions of the day:"),
                s.small,
            ),
            Spacer(1, 18),
            self.p("Chair ______________________________    Date ______________", s.small),
        ]
        return [KeepTogether(out)]

    def story(self) -> list[Flowable]:
        story = [*self.head(), *self.attendance(), Spacer(1, 6), self.overview(), Spacer(1, 8)]
        for item in self.minutes.items:
            story += self.item(item)
        return story + self.record()


def render_minutes(minutes: MinutesInput, *, variant: Variant = "internal") -> bytes:
    """The minutes as PDF bytes; the same record always gives the same bytes."""
    if variant not in VARIANTS:
        raise CouncilError(f"Unknown minutes variant {variant!r}; use internal or external.")
    writer = MinutesWriter(minutes, variant)
    marking = writer.marking()
    info = DocumentInfo(
        title=writer.heading(),
        author=minutes.settings.council_name,
        subject=minutes.title or "Council session minutes",
        keywords=", ".join(["minutes", *(c.id for c in minutes.cases), variant]),
        app_version=__version__,
        dated=minutes.sitting,
        language=minutes.settings.language,
        page_size=minutes.settings.page_size,
    )
    canvas_class = page_canvas(
        header=f"{minutes.settings.council_name} · Minutes {minutes.sitting.isoformat()}",
        footer_right=f"Fingerprint SHA-256 {minutes.fingerprint}",
        marking=("DRAFT · " if minutes.is_draft else "") + marking,
        draft=minutes.is_draft,
        paper=info.page_size,
    )
    return build_pdf(writer.story(), info, canvas_class)


__all__ = [
    "MinutesInput",
    "MinutesWriter",
    "minutes_for_date",
    "minutes_for_day",
    "minutes_for_session",
    "render_minutes",
]
