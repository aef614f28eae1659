"""Re-review: decisions past or near their review date, watch-list flags, and reviews."""

from __future__ import annotations

import ast
import inspect
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from council_app.case import CaseLink, Decision
from council_app.council.review import (
    REVIEW_HORIZON_DAYS,
    add_watch,
    cases_due_for_review,
    close_watch,
    due_for_review,
    flagged_by_watch,
    list_watch,
    record_review,
)
from council_app.date_words import date_words
from council_app.errors import CouncilError
from council_app.library import CaseLibrary, export_document, import_document, parse_document
from tests.factories import make_case

TODAY = date(2026, 11, 27)


def decided(
    case_id: str,
    on: date,
    review_by: date | None,
    *,
    regions: tuple[str, ...] = ("DE",),
    tags: tuple[str, ...] = ("crowd-counting",),
) -> object:
    return make_case(
        case_id,
        regions=regions,
        tags=tags,
        decision=Decision(outcome="approve", date=on, review_by=review_by),
    )


@pytest.fixture
def library(tmp_path: Path) -> CaseLibrary:
    library = CaseLibrary.open(tmp_path / "review.sqlite")
    for case in [
        decided("OVERDUE", date(2024, 1, 10), date(2026, 1, 10)),
        decided("SOON", date(2025, 1, 10), date(2026, 12, 15)),
        decided("LATER", date(2025, 6, 1), date(2027, 6, 1), regions=("FR",), tags=("elections",)),
        decided("AFTER", date(2026, 11, 1), date(2027, 11, 1), regions=("FR",)),
        make_case("UNDECIDED", decision=None, status="in_review", regions=("FR",)),
    ]:
        library.save_case(case)  # type: ignore[arg-type]
    return library


def test_due_lists_overdue_then_due_soon_each_with_why(library: CaseLibrary) -> None:
    items = due_for_review(library, TODAY, within_days=30)
    assert [(i.case.id, i.kind) for i in items] == [("OVERDUE", "overdue"), ("SOON", "due")]
    assert items[0].reasons == ("Review was due on 10 January 2026 (321 days ago).",)
    assert items[1].reasons == ("Review is due on 15 December 2026 (in 18 days).",)
    assert [i.case.id for i in due_for_review(library, TODAY, within_days=7)] == ["OVERDUE"]


def test_a_review_a_day_off_or_due_today_is_said_so(library: CaseLibrary) -> None:
    library.save_case(decided("YESTERDAY", date(2024, 1, 10), TODAY - timedelta(days=1)))  # type: ignore[arg-type]
    library.save_case(decided("TODAY", date(2024, 1, 10), TODAY))  # type: ignore[arg-type]
    library.save_case(decided("TOMORROW", date(2024, 1, 10), TODAY + timedelta(days=1)))  # type: ignore[arg-type]
    reasons = {i.case.id: i.reasons for i in due_for_review(library, TODAY, within_days=30)}
    assert reasons["YESTERDAY"] == (
        f"Review was due on {date_words(TODAY - timedelta(days=1))} (1 day ago).",
    )
    assert reasons["TODAY"] == (f"Review is due on {date_words(TODAY)} (today).",)
    assert reasons["TOMORROW"] == (
        f"Review is due on {date_words(TODAY + timedelta(days=1))} (in 1 day).",
    )


def test_a_watch_entry_flags_the_cases_decided_before_it(library: CaseLibrary) -> None:
    entry = add_watch(library, "region", " fr ", date(2026, 10, 15), "elections announced")
    assert entry.value == "FR"
    # LATER was decided in France before the entry; AFTER was decided since, knowing of it;
    # UNDECIDED has no decision to call back.
    assert list(flagged_by_watch(library)) == ["LATER"]
    items = {i.case.id: i for i in due_for_review(library, TODAY)}
    assert items["LATER"].kind == "watch"
    assert items["LATER"].reasons == (
        "Watch list, region FR (15 October 2026): elections announced",
    )


def test_an_event_date_brings_the_review_of_the_decisions_it_touches_forward(
    library: CaseLibrary,
) -> None:
    # LATER (France) is due for review in June 2027; an election in France on 20 December 2026
    # makes it due before the election, within the horizon.
    add_watch(
        library, "region", "FR", date(2026, 10, 15), "snap elections", event_on=date(2026, 12, 20)
    )
    items = {i.case.id: i for i in due_for_review(library, TODAY, within_days=30)}
    assert items["LATER"].kind == "due"
    assert items["LATER"].reasons == (
        "Watch list, region FR (15 October 2026; event on 20 December 2026): snap elections. "
        "Review brought forward to before the event.",
    )
    assert "LATER" in cases_due_for_review(library, TODAY, within_days=30)
    # Beyond the horizon the event does not list it yet; once the day has passed it is overdue.
    assert "LATER" not in {i.case.id for i in due_for_review(library, TODAY, within_days=7)}
    later = {i.case.id: i for i in due_for_review(library, date(2027, 1, 5), within_days=0)}
    assert later["LATER"].kind == "overdue"
    (entry,) = list_watch(library)
    assert entry.event_on == date(2026, 12, 20)
    # A review since the entry clears it, as it clears any watch flag.
    record_review(library, "LATER", date(2026, 11, 28), date(2027, 11, 28), "Looked again")
    assert "LATER" not in cases_due_for_review(library, TODAY, within_days=30)


def test_a_topic_entry_matches_the_tag(library: CaseLibrary) -> None:
    add_watch(library, "topic", "Crowd Counting", TODAY, "new EU guidance")
    flagged = flagged_by_watch(library)
    assert sorted(flagged) == ["AFTER", "OVERDUE", "SOON"]
    overdue = next(i for i in due_for_review(library, TODAY) if i.case.id == "OVERDUE")
    assert overdue.kind == "overdue"  # the strongest reason decides the kind; all are given
    assert len(overdue.reasons) == 2
    assert "topic “crowd-counting”" in overdue.reasons[1]


def test_a_closed_entry_stops_flagging(library: CaseLibrary) -> None:
    entry = add_watch(library, "region", "FR", TODAY)
    close_watch(library, entry.id)
    assert flagged_by_watch(library) == {}
    assert list_watch(library) == []
    assert [e.active for e in list_watch(library, include_inactive=True)] == [False]
    with pytest.raises(CouncilError, match="no watch-list entry number 99"):
        close_watch(library, 99)


@pytest.mark.parametrize(("kind", "value"), [("region", "  "), ("country", "FR")])
def test_bad_watch_entries_are_refused(library: CaseLibrary, kind: str, value: str) -> None:
    with pytest.raises(CouncilError):
        add_watch(library, kind, value, TODAY)  # type: ignore[arg-type]
    assert list_watch(library) == []


def test_a_review_moves_the_date_keeps_the_history_and_clears_the_flag(
    library: CaseLibrary,
) -> None:
    add_watch(library, "region", "FR", date(2026, 10, 15), "elections announced")
    record_review(library, "OVERDUE", TODAY, date(2027, 11, 27), "Nothing has changed.")
    record_review(library, "LATER", TODAY, date(2027, 6, 1), "Checked after the announcement.")
    assert [i.case.id for i in due_for_review(library, TODAY)] == ["SOON"]
    case = library.get_case("OVERDUE")
    assert case.decision is not None
    assert case.decision.outcome == "approve"  # the decision itself is untouched
    assert case.decision.review_by == date(2027, 11, 27)
    assert [(r.date, r.note, r.next_review_by) for r in case.decision.reviews] == [
        (TODAY, "Nothing has changed.", date(2027, 11, 27))
    ]
    # The review travels with the case.
    document = export_document(library, ["OVERDUE"])
    elsewhere = CaseLibrary.open(Path(library.path).with_name("elsewhere.sqlite"))
    import_document(elsewhere, parse_document(json.dumps(document)))
    assert elsewhere.get_case("OVERDUE") == case


def test_reviews_that_make_no_sense_are_refused(library: CaseLibrary) -> None:
    before = list(library.db.conn.iterdump())
    with pytest.raises(CouncilError, match="has no decision"):
        record_review(library, "UNDECIDED", TODAY, date(2027, 1, 1))
    with pytest.raises(CouncilError, match="must come after"):
        record_review(library, "SOON", TODAY, TODAY)
    with pytest.raises(CouncilError, match="a review comes after"):
        record_review(library, "AFTER", date(2026, 10, 1), date(2027, 1, 1))
    with pytest.raises(CouncilError, match=r"No case with id .NOPE. in this library"):
        record_review(library, "NOPE", TODAY, date(2027, 1, 1))
    assert list(library.db.conn.iterdump()) == before


def test_a_superseded_decision_is_reviewed_through_the_case_that_supersedes_it(
    library: CaseLibrary,
) -> None:
    add_watch(library, "topic", "crowd-counting", TODAY)
    newer = make_case(
        "NEWER",
        links=(CaseLink(type="supersedes", target="OVERDUE"),),
        decision=Decision(outcome="restrict", date=date(2026, 11, 1), review_by=date(2027, 11, 1)),
    )
    library.save_case(newer)
    assert "OVERDUE" not in {i.case.id for i in due_for_review(library, TODAY)}
    assert "OVERDUE" not in flagged_by_watch(library)


def test_the_cases_due_are_those_the_due_list_holds(library: CaseLibrary) -> None:
    """One definition: overdue, due within the horizon and watch flags; superseded left out."""
    add_watch(library, "region", "FR", date(2026, 10, 15), "elections announced")
    newer = make_case(
        "NEWER",
        links=(CaseLink(type="supersedes", target="OVERDUE"),),
        decision=Decision(outcome="restrict", date=date(2026, 11, 1), review_by=date(2027, 11, 1)),
    )
    library.save_case(newer)
    for today, within in [(TODAY, REVIEW_HORIZON_DAYS), (TODAY, 0), (TODAY, 400), (date.max, 1)]:
        listed = {i.case.id for i in due_for_review(library, today, within_days=within)}
        assert cases_due_for_review(library, today, within_days=within) == listed
    assert cases_due_for_review(library, TODAY) == {"SOON", "LATER"}
    assert cases_due_for_review(library, TODAY, within_days=7) == {"LATER"}


def test_the_due_list_counts_the_horizon_in_days_from_today(library: CaseLibrary) -> None:
    soon = date(2026, 12, 15)  # SOON's review date
    assert "SOON" in cases_due_for_review(library, soon - timedelta(days=REVIEW_HORIZON_DAYS))
    day_before = soon - timedelta(days=REVIEW_HORIZON_DAYS + 1)
    assert "SOON" not in cases_due_for_review(library, day_before)


ROOT = Path(__file__).resolve().parents[2]
# The modules that ask what is due for review, none of which may say for how far ahead itself.
ASKERS = (
    "council_app/cli/council_commands.py",
    "council_app/ui/council_operations.py",
    "council_app/ui/library/library_page.py",
    "council_app/ui/library/library_tasks.py",
    "council_app/ui/review/due_table.py",
    "council_app/ui/review/review_page.py",
    "council_app/ui/review/review_tab.py",
)


def test_the_horizon_is_stated_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Every statement of how far ahead "due for review" looks comes from REVIEW_HORIZON_DAYS.

    The number was once written in five places (the library's filter, the Re-review tab, its
    page, the command line and the core's default), and two of them came to disagree.
    """
    from council_app.cli import build_parser

    for function in (due_for_review, cases_due_for_review):
        within = inspect.signature(function).parameters["within_days"]
        assert within.default == REVIEW_HORIZON_DAYS
    parser = build_parser()
    due = parser.parse_args(["due"])
    assert due.within == REVIEW_HORIZON_DAYS
    with pytest.raises(SystemExit):
        parser.parse_args(["due", "--help"])
    assert f"how far ahead (default {REVIEW_HORIZON_DAYS})" in capsys.readouterr().out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `council-app due`"))
    assert re.search(rf"`--within DAYS` \({REVIEW_HORIZON_DAYS}\)", row), row
    for module in ASKERS:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        written = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value == REVIEW_HORIZON_DAYS
        ]
        assert written == [], f"{module} writes {REVIEW_HORIZON_DAYS} itself, lines {written}"


def test_reviewing_a_case_the_library_lacks_names_it_even_when_blank(tmp_path: Path) -> None:
    from council_app.errors import CaseNotFound

    with CaseLibrary.open(tmp_path / "lib.sqlite") as library:
        for case_id in ("NOPE-1", "\r", ""):
            with pytest.raises(CaseNotFound) as raised:
                record_review(library, case_id, date(2026, 1, 1), date(2026, 6, 1))
            assert repr(case_id) in str(raised.value)  # '\r' is seen, not an empty name
