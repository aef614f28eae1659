"""What the agreement tests share: a sitting with every demo case on its agenda and members who
stood aside, and what a reader takes from each view of a case (index, recommendation, rule).

Used by tests/test_one_record.py (command line, sitting view, minutes, memo) and
tests/ui/test_one_record_screens.py (workspace, agenda item panel, presenter).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from council_app.case import Case
from council_app.council import sessions as s
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.scoring import CaseScore, profile_weights, score_case

SITTING_DAY = date(2026, 12, 3)
SITTING_TITLE = "Every case on one agenda"
ISSUE_CASE = "EUC-2022-084"  # issue 15: 50.0 Restrict in the workspace, 48.8 in the memo
# The profile the issue was seen under: 084 shows 50.0 Restrict in it, 48.8 Approve with
# conditions with the framework's default (balanced) weights.
NON_DEFAULT = "harm_first"
# Members who rated the case and stand aside from it. Between them, under every shipped profile
# leaving them out changes at least one recommendation (044: Approve with conditions becomes
# Restrict; 082: a red line holds once Mateo's ratings are out), so a view that still counts them
# shows something else.
RECUSALS = (
    ("EUC-2024-044", "Yusuf Demir", "advises the customer's parent company"),
    ("EUC-2024-082", "Mateo García", "was the account's sales lead"),
)


def put_every_case_on_one_sitting(library: CaseLibrary) -> int:
    """One sitting with every case of the library on its agenda, and the recusals above."""
    session = s.create_session(library, SITTING_TITLE, SITTING_DAY)
    for case_id in library.case_ids():
        s.add_to_agenda(library, session, case_id)
    for case_id, member, reason in RECUSALS:
        s.recuse(library, session, case_id, member, reason)
    return session


@dataclass(frozen=True)
class Shown:
    """What a view shows of a case's recommendation, as a reader would copy it down."""

    index: str | None  # the concern index as shown, one decimal; None: no index yet
    outcome: str  # the recommendation's title, e.g. "Approve with conditions"
    rule: str | None  # band, red_line or missing_ratings; None where a view shows only words
    reason: str  # the rule in words

    def line(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.index or 'no index'} {self.outcome}{rule}: {self.reason}"


def shown_in_json(data: dict[str, Any], framework: Framework) -> Shown:
    """From ``council-app score ID --json``."""
    rec = data["recommendation"]
    index = data["shown_index"]
    return Shown(
        None if index is None else f"{index:.1f}",
        framework.outcome_title(rec["outcome"]),
        rec["rule"],
        rec["reason"],
    )


def shown_in_score(score: CaseScore, framework: Framework) -> Shown:
    """From a core score (the sitting view's ItemView.score, a panel's score)."""
    scoring = score.scoring
    rec = scoring.recommendation
    index = None if scoring.shown_index is None else str(scoring.shown_index)
    return Shown(index, framework.outcome_title(rec.outcome), rec.rule, rec.reason)


def in_force(
    framework: Framework, case: Case, profile: str, *, aside: Iterable[str] | None = None
) -> Shown:
    """What every view must show of ``case`` with ``profile`` as the library's default: the
    core's score with that profile's weights, counting only the members who did not stand aside
    (``aside``, by default those of ``RECUSALS``; their assessments taken out of the case, as if
    they had never rated it)."""
    if aside is None:
        aside = {member for case_id, member, _reason in RECUSALS if case_id == case.id}
    counted = replace(case, assessments=tuple(a for a in case.assessments if a.member not in aside))
    weights = profile_weights(framework, profile)
    return shown_in_score(score_case(framework, counted, weights, draws=0), framework)


def differences(case_id: str, where: str, expected: Shown, got: Shown) -> list[str]:
    """One line naming the case and both readings when ``got`` disagrees with ``expected``;
    a reading without a rule (text) is compared on the index, outcome and reason."""
    same = (
        got.index == expected.index
        and got.outcome == expected.outcome
        and one_line(got.reason) == one_line(expected.reason)
        and (got.rule is None or got.rule == expected.rule)
    )
    if same:
        return []
    return [f"{case_id}: in force {expected.line()} | {where} shows {got.line()}"]


# Page furniture drawn on every page (header, footer, marking): left out of the text read back,
# so that a sentence running over a page break reads as one.
_FURNITURE = re.compile(
    r"^(Page \d+ of \d+|Fingerprint SHA-256 [0-9a-f]{64}|(DRAFT · )?CONFIDENTIAL — INTERNAL|DRAFT"
    r"|.* · (Minutes|Decision memo) .*)$"
)


def pdf_pages(data: bytes) -> Iterator[str]:
    """The PDF's text page by page as a reader sees it: whitespace collapsed (a line break is a
    space), the page furniture left out."""
    from pypdf import PdfReader

    for page in PdfReader(io.BytesIO(data)).pages:
        lines = page.extract_text().splitlines()
        yield one_line(" ".join(line for line in lines if not _FURNITURE.match(line.strip())))


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


def one_line(text: str) -> str:
    return " ".join(text.split())


def outcome_pattern(framework: Framework) -> str:
    """Any outcome title, the longest first (Approve with conditions before Approve)."""
    titles = sorted((o.title for o in framework.outcomes), key=len, reverse=True)
    return "|".join(re.escape(t) for t in titles)
