from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from council_app.council.quorum import composition_problem, parse_requirement, quorum
from council_app.errors import CouncilError
from council_app.library import CaseLibrary, export_document, import_document, parse_document
from council_app.library.drafts import (
    discard_draft,
    list_drafts,
    load_draft,
    save_case_from_draft,
    save_draft,
)
from council_app.library.members import Member, known_member_names, list_members, save_members
from tests.factories import make_case


def test_demo_members_come_with_the_demo_library(demo_library: CaseLibrary) -> None:
    members = {m.name: m for m in list_members(demo_library)}
    assert members["Amara Okafor"].role.startswith("Chair")
    assert members["Zofia Nowak"].active_from == date(2022, 1, 15)
    assert all(m.voting for m in members.values())
    exported = export_document(demo_library)
    assert {m["name"] for m in exported["members"]} == set(members)
    assert "members" not in export_document(demo_library, redact=True)


def test_members_are_saved_whole_and_checked(library: CaseLibrary) -> None:
    save_members(library, [Member("Ana", "Chair"), Member("Ben", voting=False)])
    assert [m.name for m in list_members(library)] == ["Ana", "Ben"]
    assert not list_members(library)[1].voting
    with pytest.raises(CouncilError, match="Ana appears twice"):
        save_members(library, [Member("Ana"), Member("Ana")])
    with pytest.raises(CouncilError, match="end of membership comes before its start"):
        save_members(
            library, [Member("Cy", active_from=date(2025, 1, 1), active_to=date(2024, 1, 1))]
        )
    assert [m.name for m in list_members(library)] == ["Ana", "Ben"]  # unchanged after refusals


def test_known_member_names_include_past_raters(library: CaseLibrary, sample_case) -> None:
    save_members(library, [Member("Ana")])
    library.save_case(sample_case)
    assert known_member_names(library) == ["Ana", "Priya Raman", "Élodie Marchand"] or set(
        known_member_names(library)
    ) == {"Ana", "Priya Raman", "Élodie Marchand"}
    assert known_member_names(library)[0] == "Ana"


def test_a_kind_is_one_word_however_it_was_typed(library: CaseLibrary) -> None:
    """The quorum rule compares kinds: "External " in the table, "EXTERNAL  reviewer" in an
    imported file and "external" in the rule must be found the same."""
    save_members(library, [Member("Ana", kind="  External ")])
    document = {
        "format": "council-library",
        "version": 1,
        "members": [{"name": "Bo", "kind": "EXTERNAL   Reviewer"}],
        "cases": [],
    }
    import_document(library, parse_document(json.dumps(document)))
    kinds = {m.name: m.kind for m in list_members(library)}
    assert kinds == {"Ana": "external", "Bo": "external reviewer"}
    requirement = parse_requirement("1: External  Reviewer")
    assert composition_problem([requirement], kinds.values()) == ""
    found = quorum("majority", ["Ana", "Bo"], ["Ana", "Bo"], composition=[requirement], kinds=kinds)
    assert found.composition[0].present == ("Bo",)


def test_importing_members_never_overwrites(library: CaseLibrary) -> None:
    save_members(library, [Member("Ana", "Chair")])
    document = {
        "format": "council-library",
        "version": 1,
        "members": [{"name": "Ana", "role": "Someone else"}, {"name": "Bo", "voting": False}],
        "cases": [],
    }
    import_document(library, parse_document(json.dumps(document)))
    members = {m.name: m for m in list_members(library)}
    assert members["Ana"].role == "Chair"
    assert not members["Bo"].voting


def test_drafts_keep_work_until_the_case_is_saved(library: CaseLibrary, sample_case) -> None:
    library.save_case(sample_case)
    edited = replace(library.get_case(sample_case.id), title="Edited but not saved")
    save_draft(library, edited, "abc")
    assert library.get_case(sample_case.id).title == sample_case.title  # the record is untouched
    draft = load_draft(library, sample_case.id)
    assert draft is not None
    assert draft.case == edited
    assert draft.case.revision == 1  # what it was based on
    assert draft.base_fingerprint == "abc"
    assert list_drafts(library) == [sample_case.id]
    save_case_from_draft(library, edited)
    assert library.get_case(sample_case.id).title == "Edited but not saved"
    assert load_draft(library, sample_case.id) is None


def test_a_new_case_renamed_while_editing(library: CaseLibrary) -> None:
    case = make_case("NEW-1", decision=None, status="draft")
    save_draft(library, case, "", key="NEW-1")
    renamed = replace(case, id="EUC-2026-100")
    save_draft(library, renamed, "", key="NEW-1")
    assert list_drafts(library) == ["NEW-1"]
    save_case_from_draft(library, renamed, key="NEW-1")
    assert library.case_ids() == ["EUC-2026-100"]
    assert list_drafts(library) == []
    discard_draft(library, "NEW-1")  # nothing left to discard: no error
