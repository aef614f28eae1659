"""Referral to the board and appeal: the rules, what the library keeps, the memo, the CLI."""

from __future__ import annotations

from datetime import date

import pytest

from council_app.cli import main
from council_app.council.escalation import (
    EscalationError,
    appeal_panel,
    decide_appeal,
    lodge_appeal,
    record_board_decision,
    refer_to_board,
)
from council_app.errors import RevisionConflict
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import decision_revisions
from council_app.library.exchange import export_document
from council_app.memo import prepare_memo, render_memo
from tests.memo.test_external_redaction import pdf_text

DAY = date(2026, 12, 1)
DECLINED = "EUC-2025-048"  # declined, by votes of three members


def _decline(demo_library: CaseLibrary) -> None:
    case = demo_library.get_case(DECLINED)
    assert case.decision is not None and case.decision.outcome == "decline"


def test_the_board_may_uphold_a_decline_but_not_loosen_it(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    _decline(demo_library)
    with pytest.raises(EscalationError, match="not before the board"):
        record_board_decision(
            demo_library, DECLINED, "decline", on=DAY, authority="Board", reasons="r"
        )
    referred = refer_to_board(
        demo_library, DECLINED, on=DAY, by="Sales EMEA", statement="The customer asked."
    )
    # The demo's earlier referral, decided by the board, stays; this one is pending.
    earlier, item = referred.escalations
    assert earlier.result == "decided" and earlier.authority.startswith("Board of Directors")
    assert (item.kind, item.original_outcome, item.result) == ("referral", "decline", "")
    with pytest.raises(EscalationError, match="already referred to the board"):
        lodge_appeal(
            demo_library, DECLINED, grounds="new_information", statement="s", on=DAY, by="x"
        )
    with pytest.raises(EscalationError, match="not loosen a Decline"):
        record_board_decision(
            demo_library, DECLINED, "approve", on=DAY, authority="Board, res. 14", reasons="r"
        )
    assert demo_library.get_case(DECLINED).decision.outcome == "decline"  # type: ignore[union-attr]
    upheld = record_board_decision(
        demo_library, DECLINED, "decline", on=DAY, authority="Board, res. 14", reasons="Upheld."
    )
    assert upheld.escalations[-1].result == "decided"
    assert upheld.escalations[-1].authority == "Board, res. 14"
    assert upheld.decision is not None and upheld.decision.departure.startswith("Decided by")


def test_the_boards_decision_supersedes_the_councils_as_a_revision(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case_id = "EUC-2023-085"  # deferred: the board may tighten it to a Decline
    before = demo_library.get_case(case_id)
    assert before.decision is not None and before.decision.outcome == "defer"
    refer_to_board(demo_library, case_id, on=DAY, by="Legal", statement="Sanctions exposure.")
    after = record_board_decision(
        demo_library, case_id, "decline", on=DAY, authority="Board, res. 2026-15",
        reasons="The sanctions exposure is not acceptable.",
    )  # fmt: skip
    assert after.decision is not None and after.decision.outcome == "decline"
    revisions = decision_revisions(demo_library, after)
    assert [r.decision.outcome for r in revisions][-2:] == ["defer", "decline"]
    text = " ".join(pdf_text(render_memo(prepare_memo(demo_library, framework, after))).split())
    assert "Referral and appeal" in text
    assert "The board (Board, res. 2026-15) decided Decline" in text and "(against Defer)" in text


def test_an_appeal_is_heard_by_a_quorum_of_members_who_did_not_decide(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    case = demo_library.get_case(DECLINED)
    assert case.decision is not None
    voters = {v.member for v in case.decision.votes}
    with pytest.raises(EscalationError, match="new information or a procedural failure"):
        lodge_appeal(demo_library, DECLINED, grounds="unfair", statement="s", on=DAY, by="x")
    lodge_appeal(
        demo_library, DECLINED, grounds="procedural_failure",
        statement="The customer was not heard.", on=DAY, by="Customer success",
    )  # fmt: skip
    panel = appeal_panel(demo_library, case, DAY)
    assert panel and not voters & set(panel)
    voter = sorted(voters)[0]
    with pytest.raises(EscalationError, match=f"{voter} decided the case"):
        decide_appeal(
            demo_library, DECLINED, "upheld", heard_by=[voter, *panel[:2]], on=DAY, reasons="r"
        )
    with pytest.raises(EscalationError, match="needs a quorum"):
        decide_appeal(demo_library, DECLINED, "upheld", heard_by=panel[:1], on=DAY, reasons="r")
    with pytest.raises(EscalationError, match="names the outcome"):
        decide_appeal(demo_library, DECLINED, "varied", heard_by=panel, on=DAY, reasons="r")
    with pytest.raises(EscalationError, match="ends in another outcome"):
        decide_appeal(
            demo_library, DECLINED, "overturned", heard_by=panel, on=DAY, reasons="r",
            outcome="decline",
        )  # fmt: skip
    assert demo_library.get_case(DECLINED).escalations[-1].result == ""  # nothing changed
    varied = decide_appeal(
        demo_library, DECLINED, "varied", heard_by=panel, on=DAY, outcome="restrict",
        reasons="The platform may summarise CVs; no fit scores, no auto-rejection.",
    )  # fmt: skip
    assert varied.decision is not None and varied.decision.outcome == "restrict"
    appeal = varied.escalations[-1]
    assert (appeal.result, appeal.outcome, appeal.heard_by) == ("varied", "restrict", tuple(panel))
    # The external memo names the panel by alias, as it names everyone.
    external = pdf_text(
        render_memo(prepare_memo(demo_library, framework, varied), variant="external")
    )
    assert "Referral and appeal" in external
    assert all(name.split()[0] not in external for name in panel)
    # The exchange format carries it, linked to the outcome it was against.
    exported = export_document(demo_library, [DECLINED])["case"]["escalations"]
    assert exported[-1]["original_outcome"] == "decline" and exported[-1]["result"] == "varied"


def test_a_stale_revision_is_refused(demo_library: CaseLibrary) -> None:
    case = demo_library.get_case(DECLINED)
    with pytest.raises(RevisionConflict):
        refer_to_board(
            demo_library, DECLINED, on=DAY, by="x", statement="s",
            expected_revision=case.revision - 1,
        )  # fmt: skip


def test_the_command_line_refers_appeals_and_hears(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refer", DECLINED, "--why", "Asked by the customer.", "--date", "2026-12-01"]) == 0
    assert "Referred to the board" in capsys.readouterr().out
    assert main(["board", DECLINED, "approve", "--authority", "Board", "--reasons", "r"]) != 0
    err = capsys.readouterr().err
    assert "not loosen a Decline" in err and "Traceback" not in err
    code = main(
        ["board", DECLINED, "decline", "--authority", "Board, res. 9", "--reasons", "Upheld."]
    )
    assert code == 0 and "decided Decline" in capsys.readouterr().out
    # The demo's appeal against EUC-2025-074 is pending: a second is refused until it is heard.
    assert main(["appeal", "EUC-2025-074", "--grounds", "new_information", "--statement", "x"]) != 0
    assert "already under appeal" in capsys.readouterr().err
    assert main(["appeal", "EUC-2025-019", "--grounds", "new_information", "--statement", "y"]) == 0
    out = capsys.readouterr().out
    assert "May hear the appeal (did not decide the case):" in out
    assert main(["escalations", DECLINED]) == 0
    assert "Board, res. 9" in capsys.readouterr().out
