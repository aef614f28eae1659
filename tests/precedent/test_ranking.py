"""Precedents in a small library written for the test: who is near whom is known."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from council_app.case import Assessment, Case, CaseLink, Decision
from council_app.council.settings import load_blend, save_blend
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.precedent import (
    BlendError,
    BlendWeights,
    authorities,
    check_consistency,
    cited_by,
    find_precedents,
    most_cited,
)
from council_app.precedent.terms import key_terms
from tests.factories import ratings


def rated(member: str = "Ana", **scores: int) -> tuple[Assessment, ...]:
    return (Assessment(member=member, **ratings(**scores)),)


def case(case_id: str, title: str, text: str, **fields) -> Case:
    base = Case(
        id=case_id,
        title=title,
        summary=text,
        use_case=text,
        product="Vision AI",
        sector="retail",
        regions=("DE",),
        tags=("retail",),
        submitted=date(2023, 1, 1),
        status="decided",
        assessments=rated(),
        decision=Decision(outcome="approve_with_conditions", date=date(2023, 2, 1)),
    )
    return replace(base, **fields)


@pytest.fixture
def neighbours(library: CaseLibrary) -> CaseLibrary:
    library.add_cases(
        [
            # The query case: facial recognition of shoplifters in supermarkets.
            case(
                "Q",
                "Face matching of shoplifters in supermarkets",
                "Supermarkets match shoppers' faces against a watchlist of shoplifters.",
                tags=("facial-recognition", "watchlist", "retail"),
                assessments=rated(use_case=4, harm=3, actions=1, geopolitics=1, privacy=3),
                decision=None,
                status="in_review",
                links=(CaseLink("cites", "NEAR-1"),),
            ),
            # Nearest: same words, same tags, same product, same ratings, and cited by Q.
            case(
                "NEAR-1",
                "Watchlist face matching in convenience stores",
                "Convenience stores match shoppers' faces against a shoplifter watchlist.",
                tags=("facial-recognition", "watchlist", "retail"),
                assessments=rated(use_case=4, harm=3, actions=1, geopolitics=1, privacy=3),
                decision=Decision(outcome="restrict", date=date(2022, 6, 1)),
                submitted=date(2022, 5, 1),
            ),
            # Second: same words and tags, ratings a bit further, not linked.
            case(
                "NEAR-2",
                "Shoplifter watchlist with face recognition at a department store",
                "A department store wants face recognition of shoplifters from a watchlist.",
                tags=("facial-recognition", "watchlist"),
                assessments=rated(use_case=3, harm=3, actions=2, geopolitics=1, privacy=3),
                decision=Decision(outcome="restrict", date=date(2023, 6, 1)),
            ),
            # Third: shares the product and a tag only.
            case(
                "MID",
                "Counting customers at store entrances",
                "Cameras count people entering shops; no faces are recognised.",
                tags=("retail", "crowd-counting"),
                assessments=rated(use_case=1, harm=1, actions=3, geopolitics=0, privacy=1),
                decision=Decision(outcome="approve", date=date(2023, 3, 1)),
            ),
            # Far: another product, sector, words and ratings.
            case(
                "FAR",
                "Voice cloning for audiobooks",
                "An author's own voice narrates audiobooks with consent.",
                product="Voice Studio",
                sector="media",
                regions=("US",),
                tags=("voice-cloning",),
                assessments=rated(use_case=0, harm=0, actions=4, geopolitics=0, privacy=0),
                decision=Decision(outcome="approve", date=date(2023, 4, 1)),
            ),
        ]
    )
    return library


def test_nearest_precedents_in_order(neighbours: CaseLibrary, framework: Framework) -> None:
    query = neighbours.get_case("Q")
    search = find_precedents(neighbours, framework, query, top=4)
    # FAR shares only the boilerplate of the test's rationales, so it comes last if at all.
    assert [p.case.id for p in search.precedents][:3] == ["NEAR-1", "NEAR-2", "MID"]
    assert [p.case.id for p in search.precedents][3:] in ([], ["FAR"])
    scores = [p.score for p in search.precedents]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


def test_reasons_say_why(neighbours: CaseLibrary, framework: Framework) -> None:
    query = neighbours.get_case("Q")
    near, second, mid = find_precedents(neighbours, framework, query, top=3).precedents
    assert near.path[0].sentence() == "Q cites NEAR-1"
    assert "Linked: Q cites NEAR-1." in near.reasons
    assert "watchlist" in near.shared_terms
    assert near.shared_tags == ("facial-recognition", "watchlist", "retail")
    assert near.shared_regions == ("DE",)
    assert near.same_product and near.same_sector
    assert near.rating_gap == 0
    assert any(r.startswith("Ratings very close: 0.0 points apart") for r in near.reasons)
    assert "Decided Restrict on 1 June 2022." in near.reasons

    assert second.path == ()
    assert second.rating_gap is not None and second.rating_gap > 0
    assert second.rating_differences[0].gap == 1
    assert mid.shared_tags == ("retail",)
    assert mid.rating_gap is not None and mid.rating_gap > second.rating_gap


def test_a_draft_that_is_not_saved_gets_precedents(
    neighbours: CaseLibrary, framework: Framework
) -> None:
    draft = replace(neighbours.get_case("Q"), id="DRAFT-1")
    assert not neighbours.has_case("DRAFT-1")
    search = find_precedents(neighbours, framework, draft, top=2)
    # NEAR-1 is linked from it and alike; Q, its twin, is not decided: related, not precedent.
    assert [p.case.id for p in search.precedents] == ["NEAR-1", "NEAR-2"]
    assert [p.case.id for p in search.related] == ["Q"]
    assert not neighbours.has_case("DRAFT-1")


def test_a_decided_case_has_only_earlier_decisions_for_precedents(
    neighbours: CaseLibrary, framework: Framework
) -> None:
    # Q as if decided on 2023-01-10: NEAR-1 (decided 2022-06-01) was a precedent then;
    # NEAR-2, MID and FAR, decided later in 2023, were not, however alike.
    decided = replace(
        neighbours.get_case("Q"),
        status="decided",
        decision=Decision(outcome="restrict", date=date(2023, 1, 10)),
    )
    search = find_precedents(neighbours, framework, decided)
    assert [p.case.id for p in search.precedents] == ["NEAR-1"]
    assert all(
        p.case.decided is not None and p.case.decided < date(2023, 1, 10) for p in search.precedents
    )
    # A case decided on the same day (at the same sitting) is not its precedent either.
    same_day = replace(decided, decision=Decision(outcome="restrict", date=date(2022, 6, 1)))
    assert find_precedents(neighbours, framework, same_day).precedents == ()


def test_a_case_not_yet_decided_is_never_a_precedent(
    neighbours: CaseLibrary, framework: Framework
) -> None:
    near = neighbours.get_case("NEAR-1")
    search = find_precedents(
        neighbours, framework, replace(near, decision=None, status="in_review")
    )
    assert "Q" not in [p.case.id for p in search.precedents]
    assert [p.case.id for p in search.related] == ["Q"]


def test_superseded_precedents_are_flagged(neighbours: CaseLibrary, framework: Framework) -> None:
    newer = case(
        "NEWER",
        "Shoplifter watchlist face matching reviewed under the new AI law",
        "Convenience stores match shoppers' faces against a shoplifter watchlist; reviewed.",
        tags=("facial-recognition", "watchlist", "retail"),
        assessments=rated(use_case=4, harm=3, actions=1, geopolitics=1, privacy=4),
        decision=Decision(outcome="decline", date=date(2024, 6, 1)),
        links=(CaseLink("supersedes", "NEAR-1"),),
        submitted=date(2024, 5, 1),
    )
    relying = case(
        "RELIES",
        "Watchlist matching at a pharmacy chain",
        "A pharmacy chain would match faces against a shoplifter watchlist.",
        tags=("watchlist",),
        links=(CaseLink("cites", "NEAR-1"),),
    )
    neighbours.add_cases([newer, relying])
    search = find_precedents(neighbours, framework, neighbours.get_case("Q"), top=6)
    by_id = {p.case.id: p for p in search.precedents}
    assert by_id["NEAR-1"].superseded
    assert [s.id for s in by_id["NEAR-1"].superseded_by] == ["NEWER"]
    assert any(
        r.startswith("Superseded by NEWER (Shoplifter watchlist face matching reviewed")
        for r in by_id["NEAR-1"].reasons
    )
    assert by_id["RELIES"].relies_on_superseded == (("NEAR-1", "NEWER"),)
    assert "Relies on NEAR-1, which NEWER has since superseded." in by_id["RELIES"].reasons
    assert not by_id["NEWER"].superseded


def test_authorities_chain_and_citations(library: CaseLibrary) -> None:
    library.add_cases(
        [
            case("A", "Base authority", "first"),
            case("B", "Builds on A", "second", links=(CaseLink("cites", "A"),)),
            case(
                "C",
                "Builds on B",
                "third",
                links=(CaseLink("cites", "B"), CaseLink("related", "X")),
            ),
            case("A2", "Replaces A", "fourth", links=(CaseLink("supersedes", "A"),)),
            case("D", "Also cites A", "fifth", links=(CaseLink("cites", "A"),)),
        ]
    )
    chain = authorities(library, "C")
    assert [(a.case_id, a.depth, a.via) for a in chain] == [("B", 1, "C"), ("A", 2, "B")]
    assert chain[1].superseded_by == ("A2",)
    assert sorted(cited_by(library, "A")) == ["B", "D"]
    assert most_cited(library, 2)[0] == ("A", 2)


def test_consistency_warning(neighbours: CaseLibrary, framework: Framework) -> None:
    query = neighbours.get_case("Q")
    precedents = find_precedents(neighbours, framework, query, top=5).precedents
    check = check_consistency(query, "approve", precedents)
    assert check.warning
    flagged = [i.precedent.case.id for i in check.inconsistent]
    assert flagged[:2] == ["NEAR-1", "NEAR-2"]
    message = check.message(framework)
    assert message.startswith(
        "2 close precedents were decided differently from the recommendation (Approve):"
    )
    assert (
        "NEAR-1 (Watchlist face matching in convenience stores) was decided Restrict; "
        "the ratings are the same." in message
    )
    assert "ratings differ on Direct product use case 4 here vs 3 there" in message
    assert message.endswith("Record in the decision how this case is distinguished from them.")

    agreeing = check_consistency(query, "restrict", precedents)
    assert not agreeing.warning
    assert "agrees with the close precedents (NEAR-1, NEAR-2)" in agreeing.message(framework)

    distinguished = replace(
        query, decision=Decision(outcome="approve", distinction="Only aggregate counts here.")
    )
    recorded = check_consistency(distinguished, "approve", precedents).message(framework)
    assert recorded.endswith("Distinction recorded: Only aggregate counts here.")


def test_blend_settings(neighbours: CaseLibrary, framework: Framework) -> None:
    assert load_blend(neighbours) == BlendWeights()
    only_text = BlendWeights.parse("text=1,ratings=0,facts=0,graph=0")
    save_blend(neighbours, only_text)
    assert load_blend(neighbours) == only_text
    search = find_precedents(neighbours, framework, neighbours.get_case("Q"), blend=only_text)
    assert all(p.score == pytest.approx(p.parts["text"]) for p in search.precedents)
    with pytest.raises(BlendError, match="negative"):
        BlendWeights.parse("text=-1")
    with pytest.raises(BlendError, match="Cannot read 'words=1'"):
        BlendWeights.parse("words=1")
    with pytest.raises(BlendError, match="above zero"):
        BlendWeights.parse("text=0,ratings=0,facts=0,graph=0")


def test_demo_precedents_follow_the_links(demo_library: CaseLibrary, framework: Framework) -> None:
    search = find_precedents(demo_library, framework, demo_library.get_case("EUC-2024-061"), top=3)
    top = search.precedents[0]
    assert top.case.id == "EUC-2023-057"
    assert top.path[0].sentence() == "EUC-2024-061 supersedes EUC-2023-057"


def test_key_terms_count_the_cases_as_they_are_now(neighbours: CaseLibrary) -> None:
    # Document counts are remembered between rankings; a write, here or through another
    # connection, must be seen by the next ranking.
    query = neighbours.get_case("Q")

    def watchlist_cases() -> int:
        (term,) = [t for t in key_terms(neighbours, query, limit=50) if t.word == "watchlist"]
        return term.documents

    assert watchlist_cases() == 2  # NEAR-1 and NEAR-2
    assert watchlist_cases() == 2
    neighbours.add_cases([case("W-1", "A watchlist of suppliers", "Suppliers on a watchlist.")])
    assert watchlist_cases() == 3
    with CaseLibrary.open(neighbours.path) as other:
        other.add_cases([case("W-2", "Another watchlist", "A watchlist of vendors.")])
    assert watchlist_cases() == 4
