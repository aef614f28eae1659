"""Fingerprints: of the case record a memo was made from, and of everything the memo shows.

The case record's fingerprint is SHA-256 over the case in the exchange format, serialised
canonically (sorted keys, no spaces, UTF-8); the audit log records it for every change, so a
memo can be traced to the change that produced its case.

A memo shows more than the record: the weights it was scored with, who stood aside, the
precedents and how they were found, the decision's earlier revisions, the framework, the
letterhead. The memo's own fingerprint covers all of it, so that two memos with the same
fingerprint say the same thing, and a memo whose content moved (a decision recorded before its
precedents were kept, as the library grew) cannot keep the fingerprint it had.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING, Any

from council_app.framework.model import (
    DEFAULT_CONDITION_KINDS,
    DEFAULT_DEFERRAL,
    DEFAULT_SCALE,
    CommitmentRules,
)
from council_app.library.case_json import case_to_json
from council_app.library.exchange import canonical_sha256, case_fingerprint
from council_app.memo.fonts import typefaces

if TYPE_CHECKING:
    from council_app.memo.content import MemoInput


def framework_digest(framework: Any) -> str:
    """The framework's content (not where it was read from), as a digest.

    An outcome's ``defers`` and ``colour`` are out of the dataclasses' repr, so a framework
    that says nothing new with them (its deferral is keyed "defer", no outcome gives a colour)
    has the digest it had before they existed; otherwise they are added to what is digested.
    """
    text = repr(dataclasses.replace(framework, source=""))
    marked = [
        (o.key, o.defers, o.colour)
        for o in framework.outcomes
        if o.colour or o.defers != (o.key == framework.deferral == DEFAULT_DEFERRAL)
    ]
    if marked:
        text += f" outcomes: {marked!r}"
    if framework.taxonomies:
        text += f" taxonomies: {framework.taxonomies!r}"
    kinds = [
        (line.key, c.kind)
        for line in framework.scoring.red_lines
        for c in line.conditions
        if c.kind
    ]
    if kinds:
        text += f" red lines on classifications: {kinds!r}"
    if framework.review_periods:
        text += f" review periods: {framework.review_periods!r}"
    if framework.mappings:
        text += f" mappings: {framework.mappings!r}"
    if (framework.scale_min, framework.scale_max) != DEFAULT_SCALE:
        text += f" scale: {framework.scale_min}..{framework.scale_max}"
    if framework.condition_kinds != DEFAULT_CONDITION_KINDS:
        text += f" condition kinds: {framework.condition_kinds!r}"
    if framework.commitments != CommitmentRules():
        text += f" commitments: {framework.commitments!r}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def memo_fingerprint(memo: MemoInput) -> str:
    """SHA-256 over everything the memo shows (the variant decides only how it is shown)."""
    weights = memo.score.scoring.weights
    content = {
        "case": case_to_json(memo.case),
        "council": [memo.settings.council_name, memo.settings.letterhead],
        "framework": [
            memo.framework.name,
            memo.framework.version,
            framework_digest(memo.framework),
        ],
        "weights": {
            "source": weights.source,
            "values": {k: str(v) for k, v in weights.values.items()},
        },
        "stood_aside": list(memo.score.council.stood_aside),
        "recusals": [list(r) for r in memo.recusals],
        "precedents_recorded": memo.precedents_recorded,
        "precedents": [_precedent(p) for p in memo.precedents],
        "related": [[p.case.id, p.case.title, p.case.status] for p in memo.related],
        "revisions": [
            [r.number, r.decision.outcome, str(r.decision.date), r.replaced_at, r.replaced_by]
            for r in memo.revisions
        ],
        "superseded_by": [[c.id, c.outcome, str(c.decided)] for c in memo.superseded_by],
        "superseding_pending": [c.id for c in memo.superseding_pending],
        "dated": memo.memo_date.isoformat(),
        **({"framework_note": memo.framework_note} if memo.framework_note else {}),
        # The faces the text is set in: another font file sets the same words differently.
        "typefaces": [[t.file, t.sha256] for t in typefaces()],
    }
    return canonical_sha256(content)


def _precedent(p: Any) -> list[Any]:
    return [
        p.case.id,
        p.case.title,
        p.case.outcome,
        str(p.case.decided),
        p.match_text,
        list(p.reasons),
        [s.id for s in p.superseded_by],
        list(p.differences),
        [list(pair) for pair in p.relies_on_superseded],
    ]


__all__ = ["case_fingerprint", "framework_digest", "memo_fingerprint"]
