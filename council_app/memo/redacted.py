"""The variants of a memo or of minutes: the same content, passed through the rules.

Every variant is first cut to what its audience may read (``council_app.library.
confidentiality``: the internal variant is read within the company, the external beyond it),
which also takes out of the precedents' reasons any shared term that only the text left out
contains. The external variant is then passed through the personal-data rule.

The rule (``council_app.library.redaction``) is applied to the whole input before any of it is
laid out, so that every field a section shows, now or later, is already clean: the case with
its title, the precedents and related cases (named by id, and by title only where the title is
clean), the consistency check, the earlier revisions, who stood aside. One ``Redaction`` serves
the whole document, so "Member A" is the same person from the first page to the last; the
writer keeps it to alias the names it reads from the score.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from council_app.case import Case, CaseSummary
from council_app.library.confidentiality import Withheld, decision_for_audience, for_audience
from council_app.library.redaction import Redaction, case_people
from council_app.precedent import ConsistencyCheck, Precedent
from council_app.precedent.consistency import Inconsistency

# How the ranking words the terms two cases share (council_app.precedent.ranking._reasons).
SHARED_TERMS = "Shares the terms "

if TYPE_CHECKING:
    from council_app.memo.content import MemoInput, Variant
    from council_app.memo.minutes_content import MinutesInput
    from council_app.vocabulary import Audience

# Who reads each variant: the internal one stays within the company, the external goes beyond.
VARIANT_AUDIENCE: dict[str, Audience] = {"internal": "internal", "external": "public"}
_WORD = re.compile(r"\w+")


def _words(case: Case) -> set[str]:
    from council_app.precedent.terms import case_text

    return {w.casefold() for w in _WORD.findall(case_text(case))}


def _visible_terms(p: Precedent, words: set[str]) -> Precedent:
    """The precedent with only the shared terms the reader's copy of the case contains: a term
    (a word, or a stem a word begins with) found only in text left out is no reason to show."""

    def seen(term: str) -> bool:
        folded = term.casefold()
        return folded in words or any(w.startswith(folded) for w in words)

    def reason(text: str) -> str:
        if not text.startswith(SHARED_TERMS):
            return text
        kept = [t for t in text[len(SHARED_TERMS) :].rstrip(".").split(", ") if seen(t)]
        return f"{SHARED_TERMS}{', '.join(kept)}." if kept else ""

    return replace(
        p,
        shared_terms=tuple(t for t in p.shared_terms if seen(t)),
        reasons=tuple(r for r in map(reason, p.reasons) if r),
    )


def memo_for_audience(memo: MemoInput, variant: Variant) -> tuple[MemoInput, Withheld]:
    """The memo's content as the variant's readers may read it, and what it leaves out."""
    audience = VARIANT_AUDIENCE[variant]
    case, withheld = for_audience(memo.case, audience, memo.framework)
    words = _words(case)
    cut = replace(
        memo,
        case=case,
        precedents=tuple(_visible_terms(p, words) for p in memo.precedents),
        related=tuple(_visible_terms(p, words) for p in memo.related),
        revisions=tuple(
            replace(r, decision=decision_for_audience(r.decision, audience, memo.framework))
            for r in memo.revisions
        ),
    )
    cut.__dict__["fingerprint"] = memo.fingerprint
    return cut, withheld


def minutes_for_audience(
    minutes: MinutesInput, variant: Variant
) -> tuple[MinutesInput, dict[int, Withheld]]:
    """The minutes as the variant's readers may read them, and what each item leaves out."""
    audience = VARIANT_AUDIENCE[variant]
    items = []
    withheld: dict[int, Withheld] = {}
    for item in minutes.items:
        case, withheld[item.number] = for_audience(item.case, audience, item.framework)
        items.append(replace(item, case=case))
    cut = replace(minutes, items=tuple(items))
    cut.__dict__["fingerprint"] = minutes.fingerprint
    return cut, withheld


def _summary(rule: Redaction, case: CaseSummary) -> CaseSummary:
    return replace(
        case,
        title=rule.other_title(case.title),
        summary=rule.text(case.summary),
        product=rule.text(case.product),
        customer=rule.text(case.customer),
        sector=rule.text(case.sector),
        tags=tuple(rule.text(t) for t in case.tags),
    )


def redacted_precedent(rule: Redaction, p: Precedent) -> Precedent:
    """A precedent as another case: by id, its title only if clean, its reasons redacted."""
    titles = [p.case.title, *(s.title for s in p.superseded_by)]
    terms = tuple(t for t in p.shared_terms if rule.is_clean(t))

    def reason(text: str) -> str:
        # A name two cases share is no reason to show: the terms are listed again without it
        # (an alias there, "Shares the terms Member C", would say nothing).
        if text.startswith(SHARED_TERMS):
            return f"{SHARED_TERMS}{', '.join(terms[:8])}." if terms else ""
        return rule.text(rule.titles_out(text, titles))

    return replace(
        p,
        case=_summary(rule, p.case),
        superseded_by=tuple(_summary(rule, s) for s in p.superseded_by),
        shared_terms=terms,
        path=tuple(replace(link, note=rule.text(link.note)) for link in p.path),
        reasons=tuple(r for r in map(reason, p.reasons) if r),
        differences=tuple(rule.text(d) for d in p.differences),
    )


def _consistency(
    rule: Redaction, check: ConsistencyCheck, shown: dict[str, Precedent]
) -> ConsistencyCheck:
    def same(p: Precedent) -> Precedent:
        return shown.get(p.case.id) or redacted_precedent(rule, p)

    return replace(
        check,
        inconsistent=tuple(Inconsistency(same(i.precedent), i.outcome) for i in check.inconsistent),
        consistent=tuple(same(p) for p in check.consistent),
        distinction=rule.text(check.distinction),
    )


def external_memo(memo: MemoInput) -> tuple[MemoInput, Redaction]:
    """The memo's content without personal data, and the rule (with its aliases) that made it.

    The memo keeps its fingerprint: the two variants of one memo show the same record, and a
    reader holding both can tell so.
    """
    rule = Redaction(memo.people)
    rule.know([*case_people(memo.case), *(m for m, _ in memo.recusals)])
    rule.meet(case_people(memo.case))
    case = rule.case(memo.case)
    precedents = tuple(redacted_precedent(rule, p) for p in memo.precedents)
    shown = {p.case.id: p for p in precedents}
    redacted = replace(
        memo,
        case=case,
        precedents=precedents,
        related=tuple(redacted_precedent(rule, p) for p in memo.related),
        consistency=None
        if memo.consistency is None
        else _consistency(rule, memo.consistency, shown),
        recusals=tuple((rule.alias(m), "") for m, _ in memo.recusals),
        superseded_by=tuple(_summary(rule, c) for c in memo.superseded_by),
        superseding_pending=tuple(_summary(rule, c) for c in memo.superseding_pending),
        revisions=tuple(
            replace(
                r,
                decision=rule.decision(r.decision),
                replaced_by=rule.alias(r.replaced_by) if r.replaced_by else r.replaced_by,
            )
            for r in memo.revisions
        ),
    )
    # A cached property: set on the copy, it keeps the fingerprint of what the council holds.
    redacted.__dict__["fingerprint"] = memo.fingerprint
    return redacted, rule


def external_minutes(minutes: MinutesInput) -> tuple[MinutesInput, Redaction]:
    """The minutes without personal data: one rule, one set of aliases for every item.

    The cases and who voted or stood aside are redacted here; what the writer reads from the
    quorum, the votes' results and the scores passes through ``People`` with the same rule.
    """
    rule = Redaction(minutes.people)
    rule.know(minutes.everyone)
    rule.meet(minutes.everyone)
    items = tuple(
        replace(
            item,
            case=rule.case(item.case),
            recusals=tuple((rule.alias(m), "") for m, _ in item.recusals),
            votes=tuple((rule.alias(m), v) for m, v in item.votes),
        )
        for item in minutes.items
    )
    redacted = replace(
        minutes,
        items=items,
        title=rule.text(minutes.title),
        present=None if minutes.present is None else tuple(rule.alias(m) for m in minutes.present),
        absent=tuple(rule.alias(m) for m in minutes.absent),
        voting_members=tuple(rule.alias(m) for m in minutes.voting_members),
    )
    # A cached property: set on the copy, it keeps the fingerprint of the records themselves.
    redacted.__dict__["fingerprint"] = minutes.fingerprint
    return redacted, rule


__all__ = [
    "VARIANT_AUDIENCE",
    "external_memo",
    "external_minutes",
    "memo_for_audience",
    "minutes_for_audience",
    "redacted_precedent",
]
