"""What a memo must say that it used to leave out: the proposed actions, what superseded a
decision, the distinction a decision records, and boxes and dissents kept whole across pages."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from council_app.case import Case, CaseLink, Decision
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import prepare_memo, render_memo
from council_app.memo.layout import MACHINE_TAG
from council_app.vocabulary import mitigation_kind_title


def pages(pdf: bytes) -> list[str]:
    """Each page's text, without the page furniture (drawn after the content)."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = " ".join(page.extract_text().split())
        out.append(re.split(r"Page \d+ of \d+", text)[0])
    return out


def flat(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def memo_text(library: CaseLibrary, framework: Framework, case_id: str, **kw: object) -> str:
    memo = prepare_memo(library, framework, library.get_case(case_id))
    return flat(render_memo(memo, **kw))  # type: ignore[arg-type]


def test_the_proposed_actions_are_listed_beside_the_actions_consideration(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = demo_library.get_case("EUC-2024-071")
    assert case.mitigations
    text = flat(render_memo(prepare_memo(demo_library, framework, case)))
    section = text[text.index("Proposed actions") : text.index("Principle findings")]
    for action in case.mitigations:
        assert " ".join(action.description.split())[:60] in section
        assert action.kind is not None
        assert mitigation_kind_title(action.kind) in section
        assert action.owner in section
        assert f"{action.effectiveness} of 4" in section
    # The section comes after the considerations table, where "actions" is rated.
    assert text.index("Effectiveness of proposed actions") < text.index("Proposed actions (")


def test_a_case_without_proposed_actions_says_so(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = replace(demo_library.get_case("EUC-2024-071"), mitigations=())
    text = flat(render_memo(prepare_memo(demo_library, framework, case)))
    assert "No proposed actions were recorded." in text


def test_a_superseded_decision_says_so_on_its_first_page(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    memo = prepare_memo(demo_library, framework, demo_library.get_case("EUC-2023-057"))
    first = pages(render_memo(memo))[0]
    assert "SUPERSEDED" in first
    assert "superseded by EUC-2024-061" in first
    assert "decided 2024-08-14" in first
    assert "no longer in force" in first
    # Both variants.
    assert "superseded by EUC-2024-061" in pages(render_memo(memo, variant="external"))[0]


def test_a_case_superseded_only_by_an_undecided_case_is_still_in_force(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    pending = replace(
        demo_library.get_case("EUC-2024-061"),
        id="EUC-2026-900",
        revision=0,
        decision=None,
        status="in_review",
        links=(CaseLink("supersedes", "EUC-2022-040"),),
    )
    demo_library.add_cases([pending])
    first = pages(
        render_memo(prepare_memo(demo_library, framework, demo_library.get_case("EUC-2022-040")))
    )[0]
    assert "SUPERSEDED" not in first
    assert "EUC-2026-900, which would supersede it, is not yet decided" in first


def test_the_superseding_memo_names_its_predecessor_as_superseded(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    text = memo_text(demo_library, framework, "EUC-2024-071")
    start = text.index("EUC-2022-084 B2B storefront")
    row = text[start : text.index("EUC-2023-085", start)]
    assert "Superseded by this decision" in row
    assert "Decided differently" not in row
    assert "Followed" not in row
    # The consistency box does not ask to distinguish a case this decision supersedes.
    assert "is superseded by this decision" in text
    assert (
        "EUC-2022-084 (B2B storefront for an industrial electronics distributor in Kazakhstan and Armenia) was decided"
        not in text
    )

    deferral = memo_text(demo_library, framework, "EUC-2024-061")
    assert "Superseded by this decision" in deferral
    assert "No close, current precedent" not in deferral
    assert "EUC-2023-057 is superseded by this decision" in deferral


def test_a_decided_memo_shows_the_recorded_distinction_and_no_instruction(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    for case in demo_library.get_cases():
        if case.decision is None:
            continue
        memo = prepare_memo(demo_library, framework, case)
        for variant in ("internal", "external"):
            assert "Record in the decision" not in flat(render_memo(memo, variant=variant)), case.id

    # An inconsistent decided case with no distinction says none was recorded.
    case = demo_library.get_case("EUC-2024-071")
    bare = replace(case, links=(), decision=replace(case.decision, distinction=""))  # type: ignore[arg-type]
    text = flat(render_memo(prepare_memo(demo_library, framework, bare)))
    assert "The decision records no distinction from them." in text
    told = replace(bare, decision=replace(bare.decision, distinction="Anomalies now shown."))  # type: ignore[arg-type]
    text = flat(render_memo(prepare_memo(demo_library, framework, told)))
    assert "Distinction recorded: Anomalies now shown." in text

    # A draft still asks for one.
    draft = replace(bare, decision=None, status="in_review")
    text = flat(render_memo(prepare_memo(demo_library, framework, draft)))
    assert "Record in the decision how this case is distinguished from them." in text


def _pushed(case: Case, lines: int) -> Case:
    """The case with its summary longer by about ``lines`` lines, to move every page break."""
    filler = " ".join(["Further background was given to the council."] * (lines * 2))
    return replace(case, summary=f"{case.summary}\n{filler}" if lines else case.summary)


@pytest.mark.slow
def test_boxes_and_dissents_are_never_split_from_what_they_belong_to(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = demo_library.get_case("EUC-2023-031")  # two dissents and many boxes
    assert case.decision is not None and len(case.decision.dissent) == 2
    tag = MACHINE_TAG
    for lines in range(0, 48, 2):
        pushed = _pushed(case, lines)
        memo = prepare_memo(demo_library, framework, pushed, precedent_count=5)
        texts = pages(render_memo(memo))
        for number, page in enumerate(texts, 1):
            # A box's tag is never the last thing on a page.
            if tag in page:
                assert page.rstrip().endswith(tag) is False, (lines, number)
                # ...nor left with a fragment of its box: what follows it is a whole box.
                rest = page[page.rindex(tag) + len(tag) :].strip()
                assert len(rest) > 20 or rest == "No red line applies.", (lines, number)
        for dissent in case.decision.dissent:
            quote_end = " ".join(dissent.text.split())[-30:]
            on = [n for n, page in enumerate(texts) if quote_end in page]
            assert on, (lines, dissent.member)
            page = texts[on[0]]
            after = page[page.index(quote_end) :]
            assert f"— {dissent.member}" in after, (lines, dissent.member)


def test_an_undecided_superseding_case_is_distinct_from_a_decided_one(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    """A draft that proposes to supersede says what it would do, not what it did."""
    case = demo_library.get_case("EUC-2024-071")
    draft = replace(case, decision=None, status="in_review")
    text = flat(render_memo(prepare_memo(demo_library, framework, draft)))
    assert "Would be superseded by this decision" in text
    assert "would be superseded by this decision" in text


def test_supersession_is_in_the_memo_fingerprint(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    before = prepare_memo(demo_library, framework, demo_library.get_case("EUC-2022-040"))
    successor = replace(
        demo_library.get_case("EUC-2022-040"),
        id="EUC-2026-901",
        revision=0,
        links=(CaseLink("supersedes", "EUC-2022-040"),),
        decision=Decision(outcome="decline", date=date(2026, 11, 2)),
        status="decided",
    )
    demo_library.add_cases([successor])
    after = prepare_memo(demo_library, framework, demo_library.get_case("EUC-2022-040"))
    assert [s.id for s in after.superseded_by] == ["EUC-2026-901"]
    assert after.fingerprint != before.fingerprint


def test_the_running_header_sets_a_council_name_in_any_script(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    from council_app.council.settings import CouncilSettings

    settings = CouncilSettings(council_name="倫理委員会 · مجلس الأخلاقيات")
    memo = prepare_memo(
        demo_library, framework, demo_library.get_case("EUC-2024-071"), settings=settings
    )
    reader = PdfReader(io.BytesIO(render_memo(memo)))
    second = reader.pages[1].extract_text()
    assert "\x00" not in second
    assert "倫理委員会" in second
    assert "Decision memo EUC-2024-071" in second
