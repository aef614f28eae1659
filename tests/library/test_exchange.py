from __future__ import annotations

import contextlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from council_app import resources
from council_app.case import Case
from council_app.errors import CouncilError, ImportRefused
from council_app.library import (
    CaseLibrary,
    export_document,
    import_document,
    import_file,
    parse_document,
    read_document,
    write_document,
)
from council_app.library.exchange import case_document, case_to_json
from tests.factories import make_case


def dump(library: CaseLibrary) -> list[str]:
    """Every row of the library, to prove that a refused import changed nothing."""
    return list(library.db.conn.iterdump())


def demo_json() -> dict[str, Any]:
    return json.loads(resources.read_text(resources.DEMO_LIBRARY_FILE))


def case_json(**changes: Any) -> dict[str, Any]:
    obj = case_to_json(make_case())
    obj.update(changes)
    return {"format": "council-case", "version": 1, "case": obj}


def test_demo_library_is_large_and_varied(demo_cases: tuple[Case, ...]) -> None:
    assert len(demo_cases) >= 40
    outcomes = {c.decision.outcome for c in demo_cases if c.decision}
    assert outcomes == {"approve", "approve_with_conditions", "restrict", "decline", "defer"}
    assert {c.status for c in demo_cases} >= {"draft", "in_review", "decided"}
    assert len({c.product for c in demo_cases}) >= 6
    assert len({c.sector for c in demo_cases}) >= 8
    ids = {c.id for c in demo_cases}
    links = [link for c in demo_cases for link in c.links]
    assert len(links) >= 20
    assert all(link.target in ids for link in links)
    assert {link.type for link in links} == {"cites", "supersedes", "distinguishes", "related"}
    decided = [c for c in demo_cases if c.status == "decided"]
    for case in decided:
        assert case.decision and case.decision.rationale, case.id
        assert len(case.assessments) >= 2, case.id
        assert case.stakeholder_input, case.id


def test_demo_library_round_trips(library: CaseLibrary, tmp_path: Path) -> None:
    original = demo_json()
    report = import_document(library, parse_document(json.dumps(original)))
    assert len(report.added) == len(original["cases"])
    exported = export_document(library)
    assert exported["format"] == "council-library" and exported["version"] == 1
    # The file says which library and which revision of each case it was read at, so that an
    # import over the library later can tell whether the case changed meanwhile.
    assert exported["library"] == library.meta("library_id")
    assert {c["revision"] for c in exported["cases"]} == {1}
    by_id = {c["id"]: {k: v for k, v in c.items() if k != "revision"} for c in exported["cases"]}
    assert by_id == {c["id"]: c for c in original["cases"]}

    # And the exported file, imported into another library, gives the same cases again.
    target = tmp_path / "export.json"
    write_document(target, exported)
    with CaseLibrary.open(tmp_path / "second.sqlite") as second:
        import_file(second, target)
        assert second.get_cases() == library.get_cases()


def test_single_case_document_round_trips(library: CaseLibrary, sample_case: Case) -> None:
    import_document(library, parse_document(json.dumps(case_document(sample_case))))
    assert library.get_case(sample_case.id) == sample_case
    exported = export_document(library, [sample_case.id])
    assert exported["format"] == "council-case"
    assert exported["case"] == {**case_to_json(sample_case), "revision": 1}


def test_export_redacted_leaves_out_contacts(library: CaseLibrary, sample_case: Case) -> None:
    library.save_case(sample_case)
    redacted = export_document(library, [sample_case.id], redact=True)
    text = json.dumps(redacted)
    assert "chair@commuters.example.org" not in text
    assert "Commuters' Forum" in text


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"", "the file is empty"),
        (b'{"format": "council-case", "version": 1, "case": {"id": "X"', "not valid JSON"),
        (b"[1, 2, 3]", "not a Council Desk exchange document (expected a JSON object"),
        (b'{"format": "spreadsheet", "version": 1}', "format 'spreadsheet'"),
        (b'{"version": 1, "cases": []}', 'no "format" field'),
        (b'{"format": "council-library", "version": 2, "cases": []}', "newer than this Council"),
        (b'{"format": "council-library", "version": "1", "cases": []}', "must be 1; found '1'"),
        (b'{"format": "council-library", "version": 1}', "missing required field 'cases'"),
        (b"\xff\xfe{}", "not UTF-8 text"),
    ],
)
def test_malformed_documents_are_refused(
    demo_library: CaseLibrary, payload: bytes, message: str
) -> None:
    before = dump(demo_library)
    with pytest.raises(ImportRefused) as caught:
        import_document(demo_library, parse_document(payload, source="bad.json"))
    assert message in str(caught.value)
    assert str(caught.value).startswith("bad.json")
    assert dump(demo_library) == before


def _schema_problem(document: dict[str, Any]) -> str:
    with pytest.raises(ImportRefused) as caught:
        parse_document(json.dumps(document), source="case.json")
    return str(caught.value)


def test_a_score_out_of_range_is_named() -> None:
    doc = case_json()
    doc["case"]["ratings"][0]["considerations"]["harm"]["score"] = 7
    message = _schema_problem(doc)
    assert (
        "TST-2025-001: Priya Raman rates 'harm' 7, which is not on its scale 0–4 under framework 2026.1"
        in message
    )


def test_an_unknown_field_is_named_with_a_suggestion() -> None:
    doc = case_json(sumary="typo")
    message = _schema_problem(doc)
    assert "unknown field 'sumary' (did you mean 'summary'?)" in message


def test_missing_title_and_bad_dates_are_all_listed() -> None:
    doc = case_json(submitted="2024-02-30")
    del doc["case"]["title"]
    doc["case"]["decision"]["review_by"] = "next year"
    message = _schema_problem(doc)
    assert "case: missing required field 'title'" in message
    assert "case.submitted: '2024-02-30' is not a valid date (expected YYYY-MM-DD)" in message
    assert "case.decision.review_by: 'next year' is not a valid date" in message


def test_problems_in_a_library_name_the_case() -> None:
    doc = demo_json()
    doc["cases"][3]["ratings"][1]["principles"]["privacy"]["confidence"] = "certain"
    message = _schema_problem(doc)
    case_id = doc["cases"][3]["id"]
    assert (
        f"cases[3] ({case_id}).ratings[1].principles.privacy.confidence: must be one of" in message
    )


def test_rules_across_fields_are_checked() -> None:
    doc = demo_json()
    doc["cases"][1]["id"] = doc["cases"][0]["id"]
    doc["cases"][2]["status"] = "draft"  # but it has a decision
    doc["cases"][4]["links"] = [{"type": "cites", "target": doc["cases"][4]["id"]}]
    message = _schema_problem(doc)
    assert f"case id {doc['cases'][0]['id']!r} appears more than once" in message
    assert "has a decision, so its status must be 'decided', not 'draft'" in message
    assert "a case cannot cites itself" in message


def test_existing_cases_are_not_overwritten_without_consent(
    library: CaseLibrary, sample_case: Case
) -> None:
    library.save_case(sample_case)
    newer = make_case("NEW-1")
    changed = replace(sample_case, title="A changed title")
    document = parse_document(
        json.dumps(
            {
                "format": "council-library",
                "version": 1,
                "cases": [case_to_json(newer), case_to_json(changed)],
            }
        ),
        source="update.json",
    )
    before = dump(library)
    with pytest.raises(ImportRefused) as caught:
        import_document(library, document)
    assert "already in the library with different content" in str(caught.value)
    assert sample_case.id in caught.value.problems
    assert dump(library) == before

    report = import_document(library, document, replace=True)
    assert report.added == ["NEW-1"]
    assert report.replaced == [sample_case.id]
    assert library.get_case(sample_case.id).title == "A changed title"


def test_importing_the_same_file_twice_is_harmless(demo_library: CaseLibrary) -> None:
    report = import_document(demo_library, parse_document(json.dumps(demo_json())))
    assert report.added == [] and report.replaced == []
    assert len(report.unchanged) == demo_library.count_cases()


def test_links_to_unknown_cases_are_reported(library: CaseLibrary) -> None:
    report = import_document(library, parse_document(json.dumps(case_json())))
    assert report.dangling_links == [("TST-2025-001", "EUC-2022-010")]
    assert "point to cases not in this library (EUC-2022-010)" in report.summary()


def test_files_are_not_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("precious")
    with pytest.raises(CouncilError, match="already exists; not overwritten"):
        write_document(target, {"format": "council-library", "version": 1, "cases": []})
    assert target.read_text() == "precious"
    write_document(target, {"format": "council-library", "version": 1, "cases": []}, force=True)
    assert json.loads(target.read_text())["cases"] == []


def test_paths_the_system_refuses_are_refused_in_words(tmp_path: Path) -> None:
    """The app's export calls this directly, without the CLI's own checks in front."""
    document = {"format": "council-library", "version": 1, "cases": []}
    with pytest.raises(CouncilError, match="File name too long"):
        write_document(tmp_path / ("x" * 300 + ".json"), document)
    with pytest.raises(CouncilError, match="is a folder"):
        write_document(tmp_path, document, force=True)
    assert list(tmp_path.iterdir()) == []


def test_missing_and_oversized_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImportRefused, match="no such file"):
        read_document(tmp_path / "missing.json")
    big = tmp_path / "big.json"
    big.write_text(json.dumps(demo_json()))
    monkeypatch.setattr("council_app.library.exchange.MAX_IMPORT_BYTES", 1000)
    with pytest.raises(ImportRefused, match="Split the library into parts"):
        read_document(big)


def _mutations() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=10), children, max_size=4)
        ),
        max_leaves=12,
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key_path=st.lists(
        st.sampled_from(
            [
                "case",
                "ratings",
                0,
                "considerations",
                "harm",
                "score",
                "decision",
                "votes",
                "links",
                "regions",
                "title",
                "id",
                "status",
            ]
        ),
        min_size=1,
        max_size=5,
    ),
    value=_mutations(),
)
def test_mutated_documents_are_imported_or_refused_cleanly(
    library: CaseLibrary, key_path: list[Any], value: Any
) -> None:
    doc = case_json()
    node: Any = doc
    for key in key_path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    with contextlib.suppress(TypeError, IndexError):
        node[key_path[-1]] = value
    before = dump(library)
    try:
        import_document(library, parse_document(json.dumps(doc)), replace=True)
    except ImportRefused:
        assert dump(library) == before
