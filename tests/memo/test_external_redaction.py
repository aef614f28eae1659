"""The external memo and minutes, read back from the PDF, name no member and hold no contact."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from council_app.case import (
    Assessment,
    Case,
    CaseLink,
    Decision,
    Dissent,
    Rating,
    StakeholderInput,
    Vote,
)
from council_app.council.settings import CouncilSettings
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.personal_data import known_people
from council_app.memo import minutes_for_date, prepare_memo, render_memo, render_minutes
from tests.factories import make_case, ratings
from tests.leaks import EMAILS, PHONES, leaks

SETTINGS = CouncilSettings(council_name="Meridian Ethical Use Council")


def outline_titles(entries: list) -> list[str]:
    titles: list[str] = []
    for entry in entries:
        titles += outline_titles(entry) if isinstance(entry, list) else [str(entry.title)]
    return titles


def pdf_text(pdf: bytes) -> str:
    """Everything a reader of the file can see: page text, document information, XMP and the
    outline (bookmarks)."""
    reader = PdfReader(io.BytesIO(pdf))
    meta = reader.metadata or {}
    xmp = reader.xmp_metadata
    parts = [*(p.extract_text() or "" for p in reader.pages), *map(str, meta.values())]
    if xmp is not None:
        parts.append(xmp.stream.get_data().decode("utf-8", "replace"))
    return "\n".join([*parts, *outline_titles(reader.outline)])


def crafted(library: CaseLibrary) -> Case:
    """A case that names members every way they are written, and cites a precedent whose title
    names one."""
    precedent = make_case(
        "TST-2024-900",
        title="Crowd analytics raised by Jonas Lindqvist",
        decision=replace(make_case().decision, date=date(2024, 5, 1)),
    )
    library.save_case(precedent)
    text = (
        "See Mateo's rating; as AMARA OKAFOR and élodie noted, Hannah (who did not rate) "
        f"disagreed. Write to {EMAILS[0]} or call {PHONES[0]}."
    )
    base = make_case("TST-2025-901")
    case = replace(
        base,
        title="Station analytics Zofia Nowak asked about",
        summary=text,
        question="May Vision AI count people, as Jonas Lindqvist asked?",
        use_case=f"Yusuf DEMIR wrote it up; Demir's phone {PHONES[1]}.",
        assessments=(
            Assessment(
                member="Priya Raman",
                considerations={
                    k: replace(r, rationale=f"Unlike Nowak, I rate it so (Elodie agrees). {text}")
                    for k, r in ratings()["considerations"].items()
                },
                principles={
                    k: Rating(score=r.score, rationale="as GARCÍA said")
                    for k, r in ratings()["principles"].items()
                },
                notes="Raman's notes, for Marchand.",
            ),
        ),
        stakeholder_input=(
            StakeholderInput(
                group="impacted_communities",
                summary="Amara's contact at the forum welcomes it.",
                source=f"Commuters' Forum, Brennan, {PHONES[2]}",
                contact=EMAILS[1],
            ),
        ),
        decision=Decision(
            outcome="approve",
            date=date(2025, 3, 14),
            rationale=f"Okafor and Lindqvist were persuaded. {text}",
            votes=(Vote("Priya Raman", "approve"), Vote("Zofia Nowak", "approve")),
            dissent=(Dissent("Zofia Nowak", "Mateo García would have declined."),),
        ),
        links=(CaseLink("cites", "TST-2024-900", note="as Hannah Brennan pointed out"),),
    )
    library.save_case(case)
    return library.get_case(case.id)


def test_no_demo_external_memo_names_a_member(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    people = known_people(demo_library)
    assert len(people) >= 8
    leaked = {}
    for summary in demo_library.list_cases():
        case = demo_library.get_case(summary.id)
        memo = prepare_memo(
            demo_library, framework, case, settings=SETTINGS, memo_date=date(2026, 1, 1)
        )
        found = leaks(pdf_text(render_memo(memo, variant="external")), people)
        if found:
            leaked[case.id] = found
    assert not leaked


def test_a_crafted_external_memo_names_nobody_anywhere(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = crafted(demo_library)
    memo = prepare_memo(demo_library, framework, case, settings=SETTINGS)
    assert "TST-2024-900" in [p.case.id for p in memo.precedents]
    internal = pdf_text(render_memo(memo))
    assert "Crowd analytics raised by Jonas" in " ".join(internal.split())  # the test can fail
    people = known_people(demo_library)
    assert leaks(internal, people)
    external = pdf_text(render_memo(memo, variant="external"))
    assert leaks(external, people) == []
    flat = " ".join(external.split())
    assert "Station analytics Member" in flat  # the title, redacted, not dropped
    assert "TST-2024-900" in flat and "title left out" in flat  # the precedent by id alone
    assert "[e-mail left out]" in flat and "[phone number left out]" in flat
    assert "Shares the terms Member" not in flat  # a shared name is no reason shown
    # The same member has the same alias in the text as in the votes and the ratings.
    assert render_memo(memo, variant="external") == render_memo(memo, variant="external")


def test_external_minutes_name_nobody_with_one_alias_per_member(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = crafted(demo_library)
    minutes = minutes_for_date(demo_library, case.decision.date, SETTINGS, framework)
    assert case.id in [c.id for c in minutes.cases]
    people = known_people(demo_library)
    assert leaks(pdf_text(render_minutes(minutes)), people)
    external = pdf_text(render_minutes(minutes, variant="external"))
    assert leaks(external, people) == []


@pytest.mark.parametrize("day", [date(2024, 3, 13)])
def test_demo_external_minutes_name_nobody(
    demo_library: CaseLibrary, framework: Framework, day: date
) -> None:
    minutes = minutes_for_date(demo_library, day, SETTINGS, framework)
    external = pdf_text(render_minutes(minutes, variant="external"))
    assert leaks(external, known_people(demo_library)) == []


def test_one_set_of_aliases_serves_every_case_of_the_minutes(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    from council_app.memo.redacted import external_minutes

    minutes = minutes_for_date(demo_library, date(2024, 3, 13), SETTINGS, framework)
    redacted, _ = external_minutes(minutes)
    seen: dict[str, str] = {}
    cases_voted: dict[str, int] = {}
    for case, shown in zip(minutes.cases, redacted.cases, strict=True):
        for vote, alias in zip(case.decision.votes, shown.decision.votes, strict=True):
            assert seen.setdefault(vote.member, alias.member) == alias.member
            cases_voted[vote.member] = cases_voted.get(vote.member, 0) + 1
    assert max(cases_voted.values()) > 1  # a member voted on more than one case
    assert len(set(seen.values())) == len(seen)  # and no two share a letter
