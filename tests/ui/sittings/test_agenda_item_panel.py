"""The agenda item panel against a real sitting built on the demo library with the core."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QBoxLayout,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from council_app.case import Condition, Dissent
from council_app.case_edits import default_review_by
from council_app.council import sessions as s
from council_app.council.agenda import SittingView, item_precedents, sitting_view
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.ui.sittings.agenda_item_panel import (
    EMPTY_TEXT,
    NO_VOTE_TEXT,
    PRECEDENT_ID_ROLE,
    AgendaItemPanel,
)
from council_app.ui.sittings.agenda_item_widgets import DecisionRequest
from council_app.vocabulary import OUTCOME_COLOURS
from tests.ui.sittings.condition_helpers import type_condition

DAY = date(2026, 12, 3)
CASE = "EUC-2026-083"  # in review, rated by four members, recommendation Restrict
OTHER = "EUC-2026-077"
DISTINCT = "Unlike the voter files declined before, nothing leaves the campaign."
MEMBERS = (
    "Amara Okafor",
    "Hannah Brennan",
    "Jonas Lindqvist",
    "Mateo García",
    "Priya Raman",
    "Yusuf Demir",
    "Zofia Nowak",
    "Élodie Marchand",
)


@pytest.fixture
def sid(demo_library: CaseLibrary) -> int:
    session = s.create_session(demo_library, "December sitting", DAY)
    s.add_to_agenda(demo_library, session, CASE, minutes=20)
    s.add_to_agenda(demo_library, session, "EUC-2026-022")
    s.add_to_agenda(demo_library, session, OTHER, minutes=15)
    s.set_status(demo_library, session, "open")  # under way: votes and decisions are taken
    return session


@pytest.fixture
def panel(qtbot: QtBot, framework: Framework) -> AgendaItemPanel:
    w = AgendaItemPanel(framework)
    qtbot.addWidget(w)
    w.resize(1100, 760)
    w.show()
    return w


def view(library: CaseLibrary, framework: Framework, sid: int) -> SittingView:
    return sitting_view(library, framework, sid)


def show(
    panel: AgendaItemPanel, library: CaseLibrary, framework: Framework, sid: int, case: str = CASE
) -> SittingView:
    sitting = view(library, framework, sid)
    panel.show_item(sitting.item(case), sitting)
    return sitting


def vote_row_text(panel: AgendaItemPanel, member: str) -> str:
    return panel.vote_states[member].text()


def plain(text: str) -> str:
    return text.replace("&", "")


# Showing an item ------------------------------------------------------------------------


def test_nothing_chosen_shows_the_empty_state(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    sitting = view(demo_library, framework, sid)
    panel.show_item(None, sitting)
    assert panel.empty.isVisible()
    assert panel.empty.text() == EMPTY_TEXT == "Choose an item on the agenda"
    assert not panel.page.isVisible()
    panel.show_item(sitting.item(CASE), sitting)
    assert panel.page.isVisible() and not panel.empty.isVisible()


def test_the_recusal_box_shows_every_member_name_whole(
    qtbot: QtBot,
    panel: AgendaItemPanel,
    demo_library: CaseLibrary,
    framework: Framework,
    sid: int,
) -> None:
    panel.resize(560, 760)  # its column beside the agenda on a 1366-pixel screen
    show(panel, demo_library, framework, sid)
    box = panel.recuse_member
    names = [box.itemText(i) for i in range(box.count())]
    assert names
    widest = max(box.fontMetrics().horizontalAdvance(name) for name in names)
    qtbot.waitUntil(lambda: box.width() > widest, timeout=2_000)  # not "Amara O"


def test_heading_question_and_time_budget(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    sitting = show(panel, demo_library, framework, sid)
    case = demo_library.get_case(CASE)
    assert panel.heading.text() == f"1. {CASE} — {case.title}"
    assert case.question in panel.question.text()
    assert panel.budget.isVisible() and "20 min" in panel.budget.text()
    panel.show_item(sitting.item("EUC-2026-022"), sitting)
    assert panel.heading.text().startswith("2. EUC-2026-022 — ")
    assert not panel.budget.isVisible()


def test_the_scoring_panel_shows_the_aggregated_score_without_weights(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    sitting = show(panel, demo_library, framework, sid, OTHER)
    item = sitting.item(OTHER)
    assert item is not None
    assert panel.scoring.isVisible()
    assert not panel.scoring.weights.isVisible()
    assert panel.scoring.index.text() == str(item.score.scoring.shown_index)
    assert panel.scoring.outcome.text() == "Recommendation: Restrict"
    # Three members rated it and disagree on two ratings: the panel flags them.
    assert panel.scoring.disagreement.text().startswith("Members disagree on 2 ratings")
    assert "Principle: Human rights" in panel.scoring.disagreement.text()


# Quorum, attendance and recusals --------------------------------------------------------


def test_with_quorum_every_present_member_can_vote(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None
    assert panel.quorum.text() == item.quorum.sentence()
    assert panel.quorum.text().startswith("Quorum: 8 of 8 voting members present")
    assert panel.quorum.styleSheet() == ""
    assert not panel.no_vote.isVisible()
    assert list(panel.vote_boxes) == list(MEMBERS)
    for member, box in panel.vote_boxes.items():
        assert box.isEnabled(), member
        assert box.currentText() == NO_VOTE_TEXT
        assert [box.itemText(i) for i in range(box.count())] == [
            NO_VOTE_TEXT,
            "Approve",
            "Approve with conditions",
            "Restrict",
            "Decline",
            "Defer",
            "Abstain",
        ]
    assert panel.tally.text() == "No votes yet."
    # With no vote cast, a decision departs from its sitting: it needs its reason first.
    assert panel.record_button.text() == "Record decision"
    assert not panel.record_button.isEnabled()
    assert "No vote has been cast." in panel.departures.text()
    panel.departure.setPlainText("Decided by consensus after the hearing.")
    assert panel.record_button.isEnabled()


def test_without_quorum_nothing_can_be_voted_or_decided(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    absent = ["Mateo García", "Priya Raman", "Yusuf Demir", "Zofia Nowak"]
    s.set_attendance(demo_library, sid, absent=absent)
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None and not item.quorum.met
    sentence = item.quorum.sentence()
    assert sentence.startswith("No quorum: 4 of 8 voting members present; 5 needed")
    assert panel.quorum.text() == sentence
    assert "color:" in panel.quorum.styleSheet()  # the warning colour
    assert panel.no_vote.isVisible()
    assert panel.no_vote.text() == "No vote can be recorded: " + sentence
    # Absent members are listed greyed, with no way to vote for them.
    for member in absent:
        assert member not in panel.vote_boxes
        assert vote_row_text(panel, member) == "absent"
        assert not panel.vote_states[member].isEnabled()
    assert set(panel.vote_boxes) == {"Amara Okafor", "Hannah Brennan", "Jonas Lindqvist", "Élodie Marchand"}  # fmt: skip
    assert not any(box.isEnabled() for box in panel.vote_boxes.values())
    assert not panel.record_button.isEnabled()

    # Two come back: quorum again, and the same panel lets them vote.
    s.set_attendance(demo_library, sid, present=["Mateo García", "Priya Raman"])
    show(panel, demo_library, framework, sid)
    assert panel.quorum.text().startswith("Quorum: 6 of 8")
    assert panel.quorum.styleSheet() == ""
    assert not panel.no_vote.isVisible()
    assert "Mateo García" in panel.vote_boxes and panel.vote_boxes["Mateo García"].isEnabled()
    # Quorum no longer stops it; what is left is the reason for deciding without a vote.
    assert "No vote has been cast" in panel.record_button.toolTip()


def test_a_recused_member_is_shown_with_the_reason_and_cannot_vote(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    s.recuse(demo_library, sid, CASE, "Jonas Lindqvist", "Advised Atelier Civique in 2025")
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None
    assert "Jonas Lindqvist" in panel.recusal_list.text()
    assert "Advised Atelier Civique in 2025" in panel.recusal_list.text()
    assert "Jonas Lindqvist" not in panel.vote_boxes
    assert vote_row_text(panel, "Jonas Lindqvist") == "recused"
    assert not panel.vote_states["Jonas Lindqvist"].isEnabled()
    assert panel.quorum.text() == item.quorum.sentence()
    assert "(Jonas Lindqvist recused)" in panel.quorum.text()
    options = [panel.recuse_member.itemText(i) for i in range(panel.recuse_member.count())]
    assert options == [m for m in MEMBERS if m != "Jonas Lindqvist"]
    # The recusal is for this item only.
    panel.show_item(sitting.item(OTHER), sitting)
    assert "Jonas Lindqvist" in panel.vote_boxes
    assert panel.recusal_list.text() == "No one has recused from this item."


def test_recusing_a_member_asks_the_main_window(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    panel.recuse_member.setCurrentIndex(panel.recuse_member.findText("Priya Raman"))
    qtbot.keyClicks(panel.recuse_reason, "Her brother works for the customer")
    with qtbot.waitSignal(panel.recusal_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.recuse_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [CASE, "Priya Raman", "Her brother works for the customer"]

    # Recorded by the core and shown again: the form is ready for the next one.
    s.recuse(demo_library, sid, CASE, "Priya Raman", "Her brother works for the customer")
    show(panel, demo_library, framework, sid)
    assert panel.recuse_reason.text() == ""
    assert panel.recuse_member.findText("Priya Raman") == -1
    assert vote_row_text(panel, "Priya Raman") == "recused"


# Votes -----------------------------------------------------------------------------------


def test_changing_a_vote_reports_it_at_once(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    box = panel.vote_boxes["Amara Okafor"]
    for text, expected in (("Restrict", "restrict"), ("Abstain", "abstain"), (NO_VOTE_TEXT, None)):
        with qtbot.waitSignal(panel.vote_cast, timeout=1000) as blocker:
            box.setCurrentIndex(box.findText(text))
        assert blocker.args == [CASE, "Amara Okafor", expected]
    with qtbot.waitSignal(panel.vote_cast, timeout=1000) as blocker:
        panel.vote_boxes["Élodie Marchand"].setCurrentIndex(
            panel.vote_boxes["Élodie Marchand"].findText("Approve with conditions")
        )
    assert blocker.args == [CASE, "Élodie Marchand", "approve_with_conditions"]


def test_recorded_votes_and_tally_are_shown_without_reporting_them_again(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    votes = {
        "Amara Okafor": "restrict",
        "Hannah Brennan": "restrict",
        "Mateo García": "decline",
        "Priya Raman": "abstain",
    }
    for member, vote in votes.items():
        s.record_vote(demo_library, sid, CASE, member, vote)
    box = panel.vote_boxes["Amara Okafor"]
    with qtbot.assertNotEmitted(panel.vote_cast):
        sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None
    # The same comboboxes, updated in place, so that focus stays where the user was.
    assert panel.vote_boxes["Amara Okafor"] is box
    assert box.currentText() == "Restrict"
    assert panel.vote_boxes["Mateo García"].currentText() == "Decline"
    assert panel.vote_boxes["Priya Raman"].currentText() == "Abstain"
    assert panel.vote_boxes["Yusuf Demir"].currentText() == NO_VOTE_TEXT
    assert panel.tally.text() == item.tally.sentence(framework)
    assert panel.tally.text() == "Restrict 2, Abstain 1, Decline 1; most votes: Restrict."


def test_a_vote_cast_before_a_member_left_is_shown_beside_absent(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    s.record_vote(demo_library, sid, CASE, "Mateo García", "decline")
    s.set_attendance(demo_library, sid, absent=["Mateo García"])
    show(panel, demo_library, framework, sid)
    assert vote_row_text(panel, "Mateo García") == "absent (voted Decline)"


# The decision ----------------------------------------------------------------------------


def test_the_proposed_outcome_follows_the_tally_else_the_recommendation(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    assert panel.outcome.currentData() == "restrict"  # the recommendation; no votes yet
    assert panel.review_by.date() == QDate(2027, 12, 3)
    for member in ("Amara Okafor", "Hannah Brennan"):
        s.record_vote(demo_library, sid, CASE, member, "approve_with_conditions")
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None and item.tally.leading == "approve_with_conditions"
    assert panel.outcome.currentText() == "Approve with conditions"
    expected = default_review_by(framework, "approve_with_conditions", DAY)
    assert panel.review_by.date() == QDate(expected.year, expected.month, expected.day)


def test_the_decision_request_carries_what_was_typed(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    s.record_vote(demo_library, sid, CASE, "Amara Okafor", "decline")
    s.record_vote(demo_library, sid, CASE, "Hannah Brennan", "restrict")
    s.record_vote(demo_library, sid, CASE, "Priya Raman", "restrict")
    show(panel, demo_library, framework, sid)
    panel.outcome.setCurrentIndex(panel.outcome.findData("approve_with_conditions"))
    qtbot.keyClicks(panel.rationale, "Only declared supporters may be targeted.")
    type_condition(qtbot, panel.conditions, "No inferred special-category attributes")
    type_condition(qtbot, panel.conditions, "   ")  # a row left empty is no condition
    type_condition(
        qtbot,
        panel.conditions,
        "  Quarterly audit of segments  ",
        kind="report_due",
        owner="Campaign data office",
        due=date(2027, 3, 31),
        every=3,
    )
    assert panel.conditions.count() == 2
    qtbot.mouseClick(panel.add_dissent, Qt.MouseButton.LeftButton)
    assert len(panel.dissent_rows) == 1
    row = panel.dissent_rows[0]
    # Proposed: the first member who voted for something else.
    assert row.member() == "Amara Okafor"
    qtbot.keyClicks(row.text, "This should be declined, as EUC-2022-041 was.")
    qtbot.mouseClick(panel.add_dissent, Qt.MouseButton.LeftButton)
    assert panel.dissent_rows[1].member() == "Hannah Brennan"  # the next who voted otherwise
    qtbot.mouseClick(panel.add_dissent, Qt.MouseButton.LeftButton)  # left empty: skipped
    qtbot.mouseClick(panel.dissent_rows[1].remove, Qt.MouseButton.LeftButton)
    assert len(panel.dissent_rows) == 2
    # The vote carried Restrict: Approve with conditions departs from it, so it says why.
    assert not panel.record_button.isEnabled()
    assert (
        "The vote carried Restrict (2 of 3 votes cast), not Approve with conditions"
        in panel.departures.text()
    )
    reason = "The campaign's audit offer answers the council's concern."
    qtbot.keyClicks(panel.departure, reason)
    assert panel.record_button.isEnabled()

    with qtbot.waitSignal(panel.decision_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    case_id, request = blocker.args
    assert case_id == CASE
    assert request == DecisionRequest(
        outcome="approve_with_conditions",
        rationale="Only declared supporters may be targeted.",
        conditions=(
            # Left alone, a condition is of the framework's default kind.
            Condition(text="No inferred special-category attributes", kind="before_launch"),
            Condition(
                text="Quarterly audit of segments",
                owner="Campaign data office",
                due=date(2027, 3, 31),
                kind="report_due",
                every_months=3,
            ),
        ),
        dissent=(Dissent("Amara Okafor", "This should be declined, as EUC-2022-041 was."),),
        review_by=default_review_by(framework, "approve_with_conditions", DAY),
        replace=False,
        departure=reason,
    )
    # What the main window does with it: the core takes it as it is.
    updated = s.record_decision(
        demo_library,
        framework,
        sid,
        case_id,
        request.outcome,
        rationale=request.rationale,
        conditions=request.conditions,
        dissent=request.dissent,
        review_by=request.review_by,
        replace_decision=request.replace,
        departure=request.departure,
        distinction=request.distinction,
    )
    assert updated.decision is not None and updated.decision.review_by == date(2027, 12, 3)
    assert updated.decision.departure == reason
    assert [
        (c.text, c.kind, c.owner, c.due, c.every_months) for c in updated.decision.conditions
    ] == [
        ("No inferred special-category attributes", "before_launch", "", None, None),
        ("Quarterly audit of segments", "report_due", "Campaign data office", date(2027, 3, 31), 3),
    ]


def test_the_review_date_follows_the_outcome_until_edited(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    for outcome in framework.outcome_keys:
        panel.outcome.setCurrentIndex(panel.outcome.findData(outcome))
        expected = default_review_by(framework, outcome, DAY)
        assert panel.review_by.date() == QDate(expected.year, expected.month, expected.day)
    panel.outcome.setCurrentIndex(panel.outcome.findData("defer"))
    assert panel.review_by.date() == QDate(2027, 3, 3)
    panel.review_by.setDate(QDate(2027, 2, 1))  # the user's own date
    panel.outcome.setCurrentIndex(panel.outcome.findData("approve"))
    assert panel.review_by.date() == QDate(2027, 2, 1)
    panel.review_default.click()
    assert panel.review_by.date() == QDate(2028, 12, 3)


def test_the_form_survives_a_vote_and_resets_for_another_case(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    panel.outcome.setCurrentIndex(panel.outcome.findData("decline"))
    qtbot.keyClicks(panel.rationale, "Political opinions may not be inferred.")
    type_condition(qtbot, panel.conditions, "None")
    panel.review_by.setDate(QDate(2027, 6, 30))
    qtbot.mouseClick(panel.add_dissent, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.dissent_rows[0].text, "I would approve it.")

    # A vote is recorded and the item shown again with fresh data, its tally leading elsewhere.
    s.record_vote(demo_library, sid, CASE, "Amara Okafor", "approve")
    sitting = show(panel, demo_library, framework, sid)
    assert panel.outcome.currentData() == "decline"  # chosen by the user, not the tally
    assert panel.rationale.toPlainText() == "Political opinions may not be inferred."
    assert panel.conditions.texts() == ["None"]
    assert panel.review_by.date() == QDate(2027, 6, 30)
    assert [r.text.text() for r in panel.dissent_rows] == ["I would approve it."]

    panel.show_item(sitting.item(OTHER), sitting)
    assert panel.rationale.toPlainText() == ""
    assert panel.conditions.model.rowCount() == 0
    assert panel.dissent_rows == []
    assert panel.outcome.currentData() == "restrict"
    assert panel.review_by.date() == QDate(2027, 12, 3)


def test_a_decided_case_shows_its_decision_and_asks_before_replacing_it(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    for member in ("Amara Okafor", "Priya Raman", "Hannah Brennan"):
        s.record_vote(demo_library, sid, CASE, member, "restrict")
    s.record_decision(
        demo_library,
        framework,
        sid,
        CASE,
        "restrict",
        rationale="Declared supporters only.",
        conditions=[Condition("No inferred attributes")],
        dissent=[Dissent("Mateo García", "Decline.")],
        distinction=DISTINCT,
    )
    show(panel, demo_library, framework, sid)
    assert panel.recorded.isVisible()
    text = panel.recorded.text()
    assert (
        "Restrict" in text
        and "decided 3 December 2026" in text
        and "review by 3 December 2027" in text
    )
    # A recorded decision is not an alarm: ordinary text, marked in the outcome's own fill.
    assert "color:" not in panel.recorded.styleSheet()
    assert OUTCOME_COLOURS["restrict"].lower() in panel.recorded.styleSheet()
    assert panel.record_button.text() == "Replace decision…"
    assert panel.replace_box.isVisible() and not panel.replace_box.isChecked()
    assert not panel.record_button.isEnabled()
    # The form starts from the recorded decision, to correct it.
    assert panel.outcome.currentData() == "restrict"
    assert panel.rationale.toPlainText() == "Declared supporters only."
    assert panel.conditions.texts() == ["No inferred attributes"]
    # Whole, as recorded: a replaced decision keeps the kind the core gave it.
    assert [c.kind for c in panel.conditions.conditions()] == ["before_launch"]
    assert [(r.member(), r.text.text()) for r in panel.dissent_rows] == [
        ("Mateo García", "Decline.")
    ]

    assert panel.distinction.toPlainText() == DISTINCT
    qtbot.mouseClick(panel.replace_box, Qt.MouseButton.LeftButton)
    assert panel.replace_box.isChecked() and panel.record_button.isEnabled()
    panel.outcome.setCurrentIndex(panel.outcome.findData("decline"))
    # The votes still carry Restrict: replacing the decision by Decline needs its reason.
    assert not panel.record_button.isEnabled()
    assert "The vote carried Restrict (3 of 3 votes cast), not Decline" in panel.departures.text()
    qtbot.keyClicks(panel.departure, "The council holds to its precedents.")
    with qtbot.waitSignal(panel.decision_requested, timeout=1000) as blocker:
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    request = blocker.args[1]
    assert isinstance(request, DecisionRequest)
    assert request.replace and request.outcome == "decline"
    assert request.review_by == date(2028, 12, 3)
    assert request.dissent == (Dissent("Mateo García", "Decline."),)
    assert request.departure == "The council holds to its precedents."

    # Replaced and shown again: the box must be ticked again for another replacement.
    s.record_decision(
        demo_library, framework, sid, CASE, "decline", replace_decision=True,
        review_by=request.review_by, departure=request.departure,
    )  # fmt: skip
    show(panel, demo_library, framework, sid)
    assert "Decline" in panel.recorded.text()
    assert not panel.replace_box.isChecked() and not panel.record_button.isEnabled()


def test_an_undecided_case_needs_no_replace_box(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    assert not panel.recorded.isVisible()
    assert not panel.replace_box.isVisible()


def test_a_closed_sitting_is_read_only(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    s.record_vote(demo_library, sid, CASE, "Amara Okafor", "restrict")
    s.record_decision(demo_library, framework, sid, CASE, "restrict", dissent=[Dissent("Mateo García", "No.")], distinction=DISTINCT)  # fmt: skip
    s.set_status(demo_library, sid, "closed")
    show(panel, demo_library, framework, sid)
    assert panel.closed_note.isVisible()
    assert panel.vote_boxes["Amara Okafor"].currentText() == "Restrict"
    assert not any(box.isEnabled() for box in panel.vote_boxes.values())
    for widget in (
        panel.recuse_member,
        panel.recuse_button,
        panel.outcome,
        panel.add_dissent,
        panel.review_default,
        panel.replace_box,
        panel.record_button,
        panel.dissent_rows[0].member_box,
        panel.dissent_rows[0].remove,
    ):
        assert not widget.isEnabled(), widget.accessibleName()
    assert panel.rationale.isReadOnly() and panel.conditions.isReadOnly()
    assert panel.departure.isReadOnly() and panel.distinction.isReadOnly()
    assert panel.review_by.isReadOnly() and panel.dissent_rows[0].text.isReadOnly()
    assert not panel.recuse_reason.isEnabled()
    # Even ticked, the box cannot enable recording in a closed sitting.
    panel.replace_box.setChecked(True)
    assert not panel.record_button.isEnabled()


# Precedents and refusals -----------------------------------------------------------------


def test_precedents_are_listed_and_open_on_enter(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None
    assert panel.precedent_status.text() == "Finding precedents…"
    found = item_precedents(demo_library, framework, item.case, item.score)
    # An answer for another item (the user moved on) is ignored.
    other = sitting.item(OTHER)
    assert other is not None
    panel.show_precedents(item_precedents(demo_library, framework, other.case, other.score))
    assert panel.precedent_list.count() == 0

    panel.show_precedents(found)
    assert panel.precedent_list.count() == len(found.precedents) == 5
    first = panel.precedent_list.item(0)
    assert first.data(PRECEDENT_ID_ROLE) == "EUC-2022-041"
    assert first.text() == (
        "EUC-2022-041 — Cloned candidate voices for personalised election robocalls in Brazil\n"
        "Decline · match 75%"
    )
    # Only decided cases are precedents; a case still in review is not among them.
    texts = [panel.precedent_list.item(i).text() for i in range(5)]
    assert not any("not decided" in text for text in texts)
    # The consistency check goes to the scoring panel.
    assert "4 close precedents were decided differently" in panel.scoring.consistency.text()
    # They count against a decision too: Restrict now needs its distinction or reason.
    assert "4 close precedents were decided otherwise" in panel.departures.text()

    panel.precedent_list.setFocus()
    panel.precedent_list.setCurrentRow(1)
    with qtbot.waitSignal(panel.precedent_activated, timeout=1000) as blocker:
        qtbot.keyClick(panel.precedent_list, Qt.Key.Key_Return)
    assert blocker.args == ["EUC-2022-070"]

    # Shown again after a vote: the precedents stay; another case clears them.
    show(panel, demo_library, framework, sid)
    assert panel.precedent_list.count() == 5
    panel.show_item(sitting.item(OTHER), sitting)
    assert panel.precedent_list.count() == 0
    assert panel.scoring.consistency.text() == ""


def test_a_refusal_shows_until_the_item_is_shown_again(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    assert not panel.refusal.isVisible()
    message = f"{CASE} was already decided (Restrict, 2026-12-03). Replace that decision only if the council means to; the case is unchanged."  # fmt: skip
    panel.show_refusal(message)
    assert panel.refusal.isVisible() and panel.refusal.text() == message
    assert "color:" in panel.refusal.styleSheet()
    show(panel, demo_library, framework, sid)
    assert not panel.refusal.isVisible()


# Keyboard, screen readers and layout -----------------------------------------------------


def test_every_interactive_widget_has_an_accessible_name(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    s.recuse(demo_library, sid, CASE, "Jonas Lindqvist", "Conflict")
    s.set_attendance(demo_library, sid, absent=["Zofia Nowak"])
    s.record_decision(demo_library, framework, sid, CASE, "restrict", departure="By consensus.")
    sitting = show(panel, demo_library, framework, sid)
    item = sitting.item(CASE)
    assert item is not None
    panel.show_precedents(item_precedents(demo_library, framework, item.case, item.score))
    qtbot.mouseClick(panel.add_dissent, Qt.MouseButton.LeftButton)
    panel.show_refusal("Refused.")
    # Rows added to a shown panel are shown by their layout once events are processed.
    qtbot.waitUntil(lambda: panel.dissent_rows[0].isVisible(), timeout=1000)
    assert panel.vote_boxes["Amara Okafor"].isVisible()
    interactive = (
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
    )
    missing = []
    checked = 0
    for widget in panel.findChildren(QWidget):
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts of a compound widget
        if isinstance(widget, interactive) and widget.isVisible():
            checked += 1
            if not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {getattr(widget, 'text', str)()}")
    assert missing == []
    assert checked > 15
    # Every label with a mnemonic leads to its field.
    for label in panel.findChildren(QLabel):
        if "&" in label.text() and not label.text().startswith("<"):
            assert label.buddy() is not None, label.text()


def test_tab_follows_the_reading_order_even_after_rows_are_rebuilt(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    s.set_attendance(demo_library, sid, absent=["Élodie Marchand"])
    show(panel, demo_library, framework, sid)  # the vote rows are rebuilt
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: panel.vote_boxes["Amara Okafor"].isVisible(), timeout=1000)

    def next_after(widget: QWidget) -> QWidget | None:
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        return panel.focusWidget()

    assert next_after(panel.recuse_button) is panel.vote_boxes["Amara Okafor"]
    assert next_after(panel.vote_boxes["Zofia Nowak"]) is panel.outcome
    assert next_after(panel.outcome) is panel.rationale
    assert next_after(panel.rationale) is panel.conditions.table
    assert next_after(panel.conditions.table) is panel.conditions.add_button
    # With no condition to remove, Remove is skipped; with one selected, it comes next.
    assert next_after(panel.conditions.add_button) is panel.distinction
    panel.conditions.set_conditions([Condition("Quarterly audit of segments")])
    panel.conditions.table.selectRow(0)
    assert next_after(panel.conditions.add_button) is panel.conditions.remove_button
    assert next_after(panel.conditions.remove_button) is panel.distinction
    assert next_after(panel.distinction) is panel.departure
    assert next_after(panel.departure) is panel.add_dissent


def test_the_columns_stack_on_a_narrow_screen(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    panel.resize(1300, 760)
    assert panel.columns.direction() == QBoxLayout.Direction.LeftToRight
    panel.resize(600, 760)
    assert panel.columns.direction() == QBoxLayout.Direction.TopToBottom


def test_a_planned_sitting_takes_no_votes_or_decisions_until_it_is_opened(
    panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework
) -> None:
    planned = s.create_session(demo_library, "January sitting", date(2027, 1, 7))
    s.add_to_agenda(demo_library, planned, CASE)
    show(panel, demo_library, framework, planned)
    assert panel.closed_note.isVisible()
    assert panel.closed_note.text().startswith("This sitting is planned: open it")
    assert panel.vote_boxes and not any(b.isEnabled() for b in panel.vote_boxes.values())
    panel.departure.setPlainText("By consensus.")
    assert not panel.record_button.isEnabled()
    assert panel.record_button.toolTip().startswith("This sitting is planned")
    s.set_status(demo_library, planned, "open")
    show(panel, demo_library, framework, planned)
    assert not panel.closed_note.isVisible()
    assert all(b.isEnabled() for b in panel.vote_boxes.values())


def test_a_deferral_s_conditions_are_requests_for_information(
    qtbot: QtBot, panel: AgendaItemPanel, demo_library: CaseLibrary, framework: Framework, sid: int
) -> None:
    show(panel, demo_library, framework, sid)
    editor = panel.conditions
    type_condition(qtbot, editor, "Name every intermediary of the payment route")
    type_condition(qtbot, editor, "Monthly report of complaints", kind="report_due", every=1)
    kinds = editor.model.index(0, 1)
    assert kinds.data() == "Before launch"
    assert kinds.data(Qt.ItemDataRole.AccessibleTextRole) == "Before launch, the outcome's default"
    # Deferred, the rows left alone become requests for information; one chosen stays.
    panel.outcome.setCurrentIndex(panel.outcome.findData("defer"))
    assert kinds.data() == "Information requested"
    assert [c.kind for c in editor.conditions()] == ["information_request", "report_due"]
    assert editor.model.index(1, 4).data() == "every month"
    # Delete removes the selected row from the keyboard.
    editor.table.setFocus()
    editor.table.selectRow(1)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert editor.texts() == ["Name every intermediary of the payment route"]


def test_the_conditions_model_follows_qts_rules(
    qtbot: QtBot, panel: AgendaItemPanel, check_model, demo_library: CaseLibrary,
    framework: Framework, sid: int,
) -> None:  # fmt: skip
    show(panel, demo_library, framework, sid)
    check_model(panel.conditions.model)
    type_condition(qtbot, panel.conditions, "A", owner="Legal", due=date(2027, 1, 1))
    panel.conditions.set_conditions([Condition("B", kind="ongoing")])
    panel.conditions.clear()
