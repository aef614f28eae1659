"""Offline preparation: members assess on their own laptops; packages merge into the session."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from council_app.case import Assessment, Rating
from council_app.errors import CouncilError, ImportRefused
from council_app.framework import Framework
from council_app.library import CaseLibrary, export_document, import_document, parse_document
from council_app.library.package import (
    make_package,
    merge_package,
    plan_merge,
    read_package,
    read_package_file,
    write_package,
)
from council_app.scoring import score_case
from tests.factories import make_case, ratings


def dump(library: CaseLibrary) -> list[str]:
    return list(library.db.conn.iterdump())


@pytest.fixture
def session_library(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "session.sqlite")
    library.save_case(make_case("CASE-1", assessments=(), decision=None, status="in_review"))
    return library


def copy_for_member(session_library: CaseLibrary, tmp_path: Path, name: str) -> CaseLibrary:
    """A member's own library: the session's cases, exported and imported on their laptop."""
    document = export_document(session_library)
    library = CaseLibrary.open(tmp_path / f"{name}.sqlite")
    import_document(library, parse_document(json.dumps(document)))
    return library


def rate(library: CaseLibrary, member: str, **scores: int) -> None:
    case = library.get_case("CASE-1")
    assessment = Assessment(member=member, **ratings(**scores))
    library.save_case(replace(case, assessments=(*case.assessments, assessment)))


def test_two_members_prepare_offline_and_both_assessments_merge(
    session_library: CaseLibrary, tmp_path: Path, framework: Framework
) -> None:
    ana_library = copy_for_member(session_library, tmp_path, "ana")
    ben_library = copy_for_member(session_library, tmp_path, "ben")
    rate(ana_library, "Ana", harm=1, use_case=1)
    rate(ben_library, "Ben", harm=3, use_case=3)
    ana_file, ben_file = tmp_path / "ana.councilcase", tmp_path / "ben.councilcase"
    write_package(ana_file, make_package(ana_library, "CASE-1", "Ana"))
    write_package(ben_file, make_package(ben_library, "CASE-1", "Ben"))

    for file in (ana_file, ben_file):
        result = merge_package(session_library, read_package_file(file))
        assert result.assessment == "added"
        assert result.facts == "unchanged"
    merged = session_library.get_case("CASE-1")
    assert [a.member for a in merged.assessments] == ["Ana", "Ben"]
    assert merged.assessment_by("Ana") == ana_library.get_case("CASE-1").assessment_by("Ana")
    view = score_case(framework, merged).council
    assert view.ratings.value("harm") == 2  # the median of 1 and 3
    assert view.ratings.value("use_case") == 2
    assert {d.key for d in view.disagreements} >= {"harm", "use_case"}

    # Merging the same package again changes nothing.
    before = dump(session_library)
    assert merge_package(session_library, read_package_file(ana_file)).assessment == "unchanged"
    assert dump(session_library) == before


def test_a_package_carries_one_member_and_a_checksum(
    session_library: CaseLibrary, tmp_path: Path
) -> None:
    rate(session_library, "Ana")
    rate(session_library, "Ben")
    package = make_package(session_library, "CASE-1", "Ana")
    manifest = package["manifest"]
    assert manifest["member"] == manifest["created_by"] == "Ana"
    assert manifest["case_id"] == "CASE-1"
    assert len(manifest["content_sha256"]) == 64
    assert manifest["app_version"]
    assert [r["member"] for r in package["content"]["case"]["ratings"]] == ["Ana"]
    with pytest.raises(
        CouncilError, match="Cy has not assessed CASE-1; its assessments are by Ana, Ben"
    ):
        make_package(session_library, "CASE-1", "Cy")


def test_a_tampered_package_is_refused(session_library: CaseLibrary, tmp_path: Path) -> None:
    rate(session_library, "Ana", harm=1)
    file = tmp_path / "ana.councilcase"
    write_package(file, make_package(session_library, "CASE-1", "Ana"))
    data = bytearray(file.read_bytes())
    position = data.index(b'"score": 1')
    data[position + len(b'"score": ')] = ord("4")  # one byte changed
    before = dump(session_library)
    with pytest.raises(ImportRefused, match="does not match its checksum"):
        merge_package(session_library, read_package(bytes(data), source="ana.councilcase"))
    with pytest.raises(ImportRefused, match="damaged"):
        read_package(bytes(data[:-10]))
    assert dump(session_library) == before


def test_a_package_from_a_newer_version_is_refused(session_library: CaseLibrary) -> None:
    rate(session_library, "Ana")
    package = make_package(session_library, "CASE-1", "Ana")
    package["version"] = 2
    with pytest.raises(ImportRefused, match="newer version of Council Desk"):
        read_package(json.dumps(package).encode())


def test_a_package_for_an_unknown_case(session_library: CaseLibrary, tmp_path: Path) -> None:
    rate(session_library, "Ana")
    package = read_package(json.dumps(make_package(session_library, "CASE-1", "Ana")).encode())
    elsewhere = CaseLibrary.open(tmp_path / "other.sqlite")
    before = dump(elsewhere)
    with pytest.raises(ImportRefused, match="CASE-1 is not in this library"):
        merge_package(elsewhere, package)
    assert dump(elsewhere) == before
    assert merge_package(elsewhere, package, add_case=True).assessment == "added"
    assert elsewhere.get_case("CASE-1").assessment_by("Ana") is not None


def test_the_same_member_twice_is_shown_and_chosen(
    session_library: CaseLibrary, tmp_path: Path
) -> None:
    rate(session_library, "Ana", harm=1)
    laptop = copy_for_member(session_library, tmp_path, "ana")
    case = laptop.get_case("CASE-1")
    newer = replace(
        case.assessments[0],
        considerations={**case.assessments[0].considerations, "harm": Rating(3, "Rethought.")},
    )
    laptop.save_case(replace(case, assessments=(newer,)))
    package = read_package(json.dumps(make_package(laptop, "CASE-1", "Ana")).encode())

    plan = plan_merge(session_library, package)
    assert plan.assessment == "conflict"
    assert plan.needs_choice == ["assessment"]
    assert "different assessment by Ana" in plan.describe()
    before = dump(session_library)
    with pytest.raises(ImportRefused, match="Not merged; choose first"):
        merge_package(session_library, package)
    assert dump(session_library) == before
    assert merge_package(session_library, package, assessment="keep").assessment == "kept"
    assert session_library.get_case("CASE-1").assessment_by("Ana").considerations["harm"].score == 1
    assert merge_package(session_library, package, assessment="take").assessment == "replaced"
    assert session_library.get_case("CASE-1").assessment_by("Ana").considerations["harm"].score == 3


def test_facts_changed_on_one_side_or_both(session_library: CaseLibrary, tmp_path: Path) -> None:
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    # The member corrected the customer's name on the laptop.
    laptop.save_case(replace(laptop.get_case("CASE-1"), customer="Lakeside Transit Authority Ltd"))
    package = read_package(json.dumps(make_package(laptop, "CASE-1", "Ana")).encode())
    plan = plan_merge(session_library, package)
    assert plan.facts == "member_changed"
    assert [d.name for d in plan.differences] == ["customer"]
    with pytest.raises(ImportRefused, match="choose first"):
        merge_package(session_library, package)

    # The session changed the title meanwhile: now both sides changed.
    session_library.save_case(
        replace(session_library.get_case("CASE-1"), title="Renamed at the session")
    )
    plan = plan_merge(session_library, package)
    assert plan.facts == "conflict"
    result = merge_package(session_library, package, facts="keep")
    assert result.facts == "kept"
    merged = session_library.get_case("CASE-1")
    assert merged.title == "Renamed at the session"
    assert merged.customer == "Lakeside Transit Authority"
    assert merged.assessment_by("Ana") is not None


def test_a_fact_the_member_added_is_a_change_of_facts_taken_with_its_class(
    session_library: CaseLibrary, tmp_path: Path
) -> None:
    from council_app.case import Fact

    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    fact = Fact(
        text="The operator's union opposes it.", source="Works council", confidentiality="council"
    )
    laptop.save_case(replace(laptop.get_case("CASE-1"), facts=(fact,)))
    package = read_package(json.dumps(make_package(laptop, "CASE-1", "Ana")).encode())
    plan = plan_merge(session_library, package)
    assert plan.facts == "member_changed"
    assert [d.name for d in plan.differences] == ["facts"]
    assert merge_package(session_library, package, facts="take").facts == "taken"
    assert session_library.get_case("CASE-1").facts == (fact,)


def test_facts_changed_only_at_the_session_are_kept_without_asking(
    session_library: CaseLibrary, tmp_path: Path
) -> None:
    laptop = copy_for_member(session_library, tmp_path, "ana")
    rate(laptop, "Ana")
    package = read_package(json.dumps(make_package(laptop, "CASE-1", "Ana")).encode())
    session_library.save_case(
        replace(session_library.get_case("CASE-1"), summary="Updated by the secretary")
    )
    plan = plan_merge(session_library, package)
    assert plan.facts == "library_changed"
    assert plan.needs_choice == []
    merge_package(session_library, package)
    assert session_library.get_case("CASE-1").summary == "Updated by the secretary"
