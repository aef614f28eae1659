"""Lay a memo out as a reportlab story, section by section, in the order a reader needs it.

Text written by people (rationales, the decision's reasons, dissent, stakeholder input,
conditions) is set as body text and attributed. Text that Council Desk drafted from the ratings
(the recommendation and its reason, the robustness sentence, disagreements, precedent reasons,
the consistency check) is set in a shaded box tagged "Drafted automatically from the ratings",
so that no reader mistakes one for the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Spacer,
    Table,
    TableStyle,
)

from council_app.memo.decision_sections import DecisionSections
from council_app.memo.layout import (
    FRAME_WIDTH,
    MACHINE_TAG,
    People,
    esc,
    grid,
    letterhead_table,
    machine_box,
)
from council_app.memo.outline import OutlineEntry, anchor, link, precedent_key
from council_app.memo.rating_sections import RatingSections
from council_app.memo.styles import (
    NAVY,
    WARN,
    WARN_SHADE,
)
from council_app.precedent.consistency import superseded_here

# What a memo shows of what carries a class (members' notes are in no memo): what it says it
# left out is of these.
MEMO_SHOWS = ("facts", "rationales", "stakeholder_input", "attachments")


class MemoWriter(RatingSections, DecisionSections):
    """A memo's story, section by section; the sections on ratings and decisions are inherited."""

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
        out += self.facts()
        out += self.classifications()
        return out

    def facts(self) -> list[Flowable]:
        """The facts the council knows beyond the description, and what this version leaves out
        of the whole memo: said here, before anything is read, not only at the end."""
        s, case = self.s, self.case
        out: list[Flowable] = []
        if case.facts:
            out.append(self.p("<b>Facts</b>", s.h2))
            for fact in case.facts:
                source = (
                    f" <font color='#5b6673'>({self.said(fact.source)})</font>"
                    if fact.source
                    else ""
                )
                mark = self.class_mark(fact.confidentiality, "facts")
                out.append(self.p(f"{self.said(fact.text)}{source}<b>{mark}</b>"))
        left_out = self.withheld.sentence(MEMO_SHOWS)
        if left_out:
            out.append(self.p(f"<b>{esc(left_out)}</b> {esc(self.audience_words())}", s.small))
        return out

    def audience_words(self) -> str:
        """Who this version is for, in the words of the confidentiality rule."""
        if self.variant == "external":
            return "This version is for readers beyond the company: it shows only what is public."
        return (
            "This version is for the company: it shows what is public or internal; what is for "
            "the council only or legally privileged stays in the council's record."
        )

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

    def stakeholders(self) -> list[Flowable]:
        s, case, framework = self.s, self.case, self.framework
        out = self.heading("Stakeholder input")
        if not case.stakeholder_input:
            left_out = self.withheld.sentence(["stakeholder_input"])
            out.append(self.p(esc(left_out or "No stakeholder input was recorded."), s.small))
            return out + self.coverage()
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
                mark = self.class_mark(item.confidentiality, "stakeholder_input")
                if details or mark:
                    out.append(
                        self.p(self.said(" · ".join(details)) + f"<b>{mark}</b>", s.attribution)
                    )
        left_out = self.withheld.sentence(["stakeholder_input"])
        if left_out:
            out.append(self.p(esc(left_out), s.small))
        out += self.coverage()
        return out

    def escalations(self) -> list[Flowable]:
        """Referrals to the board and appeals, each linked to the outcome it was against."""
        from council_app.council.escalation import escalation_sentence

        if not self.case.escalations:
            return []
        out = self.heading("Referral and appeal")
        for e in self.case.escalations:
            out.append(self.p(self.said(escalation_sentence(self.framework, e))))
        return out

    def coverage(self) -> list[Flowable]:
        """What the framework asks of this kind of case, and how the case answers: a group
        heard, a reason it was not, an answer, or plainly that nothing was said."""
        from council_app.council.coverage import coverage

        found = coverage(self.framework, self.case)
        if not found:
            return []
        s = self.s
        out: list[Flowable] = [self.p("What the framework asks of this kind of case", s.h2)]
        for requirement in found:
            text = self.said(requirement.sentence())
            out.append(self.p(f"<b>{text}</b>" if requirement.is_open else text))
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
                f"<b>Confidentiality:</b> {esc(self.audience_words())} "
                + esc(
                    self.withheld.sentence(MEMO_SHOWS) or "Nothing of this case was left out of it."
                )
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
            self.escalations(),
            self.provenance(),
        )
        return [flowable for part in parts for flowable in part]


__all__ = ["MemoWriter", "People"]
