"""The confidentiality rule: what each audience may read of a case, and what it is told it lost."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from council_app.case import Fact, StakeholderInput
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.case_json import case_to_json
from council_app.library.confidentiality import class_of, for_audience
from council_app.library.exchange import export_document, read_document
from council_app.vocabulary import AUDIENCE_SEES, CONFIDENTIALITY_CLASSES, may_see
from tests.factories import LEVELS, MARKED, confidential_case, make_case, secret


def test_each_audience_sees_its_classes_and_below() -> None:
    assert AUDIENCE_SEES == {"public": "public", "internal": "internal", "council": "privileged"}
    assert [may_see("public", c) for c in CONFIDENTIALITY_CLASSES] == [True, False, False, False]
    assert [may_see("internal", c) for c in CONFIDENTIALITY_CLASSES] == [True, True, False, False]
    assert all(may_see("council", c) for c in CONFIDENTIALITY_CLASSES)
    # A word the rule does not know is read as the most guarded class, never as public.
    assert not may_see("internal", "secret") and may_see("council", "secret")


def test_an_unmarked_item_takes_its_frameworks_default(framework: Framework) -> None:
    assert [class_of("", kind, framework) for kind in ("facts", "rationales", "notes")] == [
        "internal",
        "public",
        "council",
    ]
    assert class_of("privileged", "rationales", framework) == "privileged"
    stricter = replace(
        framework, confidentiality=replace(framework.confidentiality, rationales="internal")
    )
    case = confidential_case()
    public, _ = for_audience(case, "public", stricter)
    text = json.dumps(case_to_json(public))
    assert secret("rationales", "") not in text and secret("rationales", "public") in text


def test_the_public_copy_holds_nothing_above_public_and_says_what_went(
    framework: Framework,
) -> None:
    case = confidential_case()
    for audience in ("public", "internal", "council"):
        copy, withheld = for_audience(case, audience, framework)
        text = json.dumps(case_to_json(copy), ensure_ascii=False)
        for word, kind, level in MARKED:
            shown = may_see(audience, class_of(level, kind, framework))
            assert (word in text) is shown, (audience, word)
        if audience == "council":
            assert copy == case and not withheld
    public, withheld = for_audience(case, "public", framework)
    # Facts: internal, council, privileged and the default (internal) go; one is left.
    assert [f.confidentiality for f in public.facts] == ["public"]
    assert withheld.sentence(["facts"]) == (
        "Left out of this version: 2 facts (internal); 1 fact (council only); "
        "1 fact (legally privileged)."
    )
    # A rationale keeps its place (and its score) and says it was left out.
    rated = public.assessments[0].considerations
    assert rated["harm"].score == 2
    assert rated["harm"].rationale == "Left out of this version (internal)."
    assert public.decision is not None
    assert public.decision.rationale == "Left out of this version (legally privileged)."


def test_a_redacted_export_leaves_out_what_is_not_public_and_says_so(
    library: CaseLibrary, framework: Framework
) -> None:
    library.save_case(confidential_case())
    document = export_document(library, ["TST-2025-070"], redact=True)
    text = json.dumps(document, ensure_ascii=False)
    for word, kind, level in MARKED:
        assert (word in text) is (class_of(level, kind, framework) == "public"), word
    left_out = {(i["kind"], i["confidentiality"]): i["count"] for i in document["case"]["left_out"]}
    assert left_out[("stakeholder_input", "privileged")] == 1
    assert left_out[("attachments", "internal")] == 2  # one marked, one by default
    # The file is still a valid exchange document.
    assert read_document_text(text).cases[0].id == "TST-2025-070"
    # A full export is the council's own: every class, each still marked.
    full = export_document(library, ["TST-2025-070"])
    assert all(word in json.dumps(full, ensure_ascii=False) for word, _, _ in MARKED)
    assert "left_out" not in full["case"]


def read_document_text(text: str):  # type: ignore[no-untyped-def]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "copy.json"
        path.write_text(text, encoding="utf-8")
        return read_document(path)


def test_classes_survive_the_library_and_the_exchange_format(library: CaseLibrary) -> None:
    case = confidential_case()
    library.save_case(case)
    back = library.get_case(case.id)
    assert back == case
    assert [f.confidentiality for f in back.facts] == list(LEVELS)
    assert back.decision is not None
    assert back.decision.conditions[0].evidence[3].confidentiality == "privileged"
    row = library.db.execute(
        "SELECT confidentiality FROM case_facts WHERE case_id = ? ORDER BY position", [case.id]
    ).fetchall()
    assert [r[0] for r in row] == list(LEVELS)


def test_the_library_refuses_a_class_it_does_not_know(library: CaseLibrary) -> None:
    import pytest

    from council_app.errors import CouncilError

    bad = make_case(facts=(Fact(text="A fact.", confidentiality="top-secret"),))
    with pytest.raises(CouncilError):
        library.save_case(bad)
    assert library.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0


levels = st.sampled_from(LEVELS)


@settings(max_examples=60, deadline=None)
@given(
    facts=st.lists(levels, max_size=5),
    inputs=st.lists(levels, max_size=5),
    audience=st.sampled_from(["public", "internal", "council"]),
)
def test_no_copy_holds_text_above_its_audience(
    facts: list[str], inputs: list[str], audience: str
) -> None:
    from council_app.framework import load_framework

    framework = load_framework()
    case = make_case(
        facts=tuple(Fact(text=f"zqf{i}x", confidentiality=lvl) for i, lvl in enumerate(facts)),
        stakeholder_input=tuple(
            StakeholderInput(group="experts", summary=f"zqs{i}x", confidentiality=lvl)
            for i, lvl in enumerate(inputs)
        ),
    )
    copy, withheld = for_audience(case, audience, framework)  # type: ignore[arg-type]
    text = json.dumps(case_to_json(copy))
    hidden = 0
    for i, lvl in enumerate(facts):
        shown = may_see(audience, class_of(lvl, "facts", framework))
        hidden += not shown
        assert (f'"zqf{i}x"' in text) is shown
    for i, lvl in enumerate(inputs):
        shown = may_see(audience, class_of(lvl, "stakeholder_input", framework))
        hidden += not shown
        assert (f'"zqs{i}x"' in text) is shown
    kinds = ("facts", "stakeholder_input")
    assert sum(item.count for item in withheld.items if item.kind in kinds) == hidden
    assert bool(withheld.sentence(kinds)) is (hidden > 0)
