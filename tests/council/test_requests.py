"""A request from a product team: the blank form, the draft case it becomes, what it leaves out,
who should take it and why, and the form kept as received."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from council_app.cli import main
from council_app.council.requests import (
    blank_request,
    completeness,
    import_request,
    request_of,
    triage,
)
from council_app.errors import ImportRefused
from council_app.framework import Framework
from council_app.library import CaseLibrary

TODAY = date(2026, 12, 8)


def filled() -> dict:  # type: ignore[type-arg]
    form = blank_request(TODAY)
    form.update(
        title="Face matching for hotel check-in",
        question="May Grandview Hotels use Vision AI to match guests' faces at check-in?",
        product="Vision AI",
        customer="Grandview Hotels",
        sector="retail",
        regions=["DE", "AT"],
        use_case="Kiosks in 40 hotels compare a live face image to the passport photo.",
        intended_uses=["Check-in of consenting guests"],
        people_affected=["Hotel guests", "Front-desk staff"],
        proposed_actions=["An opt-out desk at every hotel", "Images deleted after 24 hours"],
        requester={"name": "Lena Vogt", "team": "Sales DACH", "contact": "lena@example.com"},
    )
    return form


def test_a_filled_request_becomes_a_draft_case_kept_with_its_form(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    data = json.dumps(filled()).encode()
    report = import_request(demo_library, framework, data, source="form", today=TODAY)
    case = demo_library.get_case(report.case.id)
    assert case.id.startswith("EUC-2026-") and case.status == "draft"
    assert (case.title, case.product, case.customer, case.regions) == (
        "Face matching for hotel check-in", "Vision AI", "Grandview Hotels", ("DE", "AT"),
    )  # fmt: skip
    assert "People affected:\n- Hotel guests\n- Front-desk staff" in case.use_case
    assert [m.description for m in case.mitigations] == [
        "An opt-out desk at every hotel",
        "Images deleted after 24 hours",
    ]
    assert case.facts[0].text == "Requested by Lena Vogt, Sales DACH."
    assert case.facts[0].confidentiality == "internal"
    assert list(report.missing) == [
        "No unsupported uses named: say what the product must not be used for.",
        "No impacted-community input planned: say why.",
    ]
    assert report.triage.route == "council"
    assert report.triage.sentence() == (
        "Suggested: the full council, by the rule “A sensitive sector, people or technology”."
    )
    assert report.precedents and all(demo_library.has_case(p) for p in report.precedents)
    assert request_of(demo_library, case.id) == filled()
    # Saving the case again leaves the form as received.
    demo_library.save_case(case)
    assert request_of(demo_library, case.id) == filled()


def test_what_is_left_out_and_who_should_take_it(framework: Framework) -> None:
    blank = blank_request(TODAY)
    assert completeness(blank)[:4] == [
        "No question: say what the council is asked, in one sentence.",
        "No product named.",
        "No customer named.",
        "No use case: say what will be deployed, where, on whom.",
    ]
    assert triage(framework, blank).route == "chair"  # none of the triggers
    profiling = {**blank, "use_case": "Churn scoring of subscribers by their usage."}
    found = triage(framework, profiling)
    assert (found.route, found.rule.key if found.rule else None) == (
        "subcommittee",
        "personal_data",
    )
    health = {**blank, "sector": "health"}
    assert triage(framework, health).route == "council"
    told = {
        **filled(),
        "unsupported_uses": ["Marketing"],
        "no_community_input_because": "None exists.",
    }
    assert completeness(told) == []


def test_a_malformed_request_is_refused_and_nothing_is_written(
    library: CaseLibrary, framework: Framework
) -> None:
    for data, words in (
        (b"{not json", "not JSON"),
        (
            json.dumps({"format": "council-request", "version": 1, "regions": ["de"]}).encode(),
            "regions",
        ),
        (
            json.dumps({"format": "council-request", "version": 1, "colour": "red"}).encode(),
            "colour",
        ),
    ):
        with pytest.raises(ImportRefused, match=words):
            import_request(library, framework, data, source="form", today=TODAY)
    assert library.db.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert library.db.execute("SELECT count(*) FROM case_requests").fetchone()[0] == 0


def test_the_command_line_writes_a_blank_form_and_imports_it_filled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hotel.councilrequest"
    assert main(["request", "new", "-o", str(path)]) == 0
    assert json.loads(path.read_text())["format"] == "council-request"
    assert main(["request", "new", "-o", str(path)]) != 0  # not overwritten without --force
    assert "already exists" in capsys.readouterr().err
    path.write_text(json.dumps(filled()), encoding="utf-8")
    assert main(["import", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["route"] == "council" and out["rule"] == "sensitive"
    assert "No impacted-community input planned: say why." in out["missing"]
    assert main(["show", out["case"]]) == 0
    assert "Face matching for hotel check-in" in capsys.readouterr().out


def test_a_clarification_round_trip_is_merged_and_kept(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    from council_app.council.clarification import ask, exchange, take_reply

    report = import_request(
        demo_library, framework, json.dumps(filled()).encode(), source="form", today=TODAY
    )
    case_id = report.case.id
    form = ask(
        demo_library,
        case_id,
        ["What may the product not be used for?", "Who hears guests?"],
        on=TODAY,
    )
    assert [q["key"] for q in form["questions"]] == ["q1", "q2"]
    reply = json.loads(json.dumps(form))
    reply["questions"][0]["answer"] = "Never for marketing or for sharing with police."
    reply["answered_by"] = "Lena Vogt"
    taken = take_reply(demo_library, json.dumps(reply).encode(), source="reply", today=TODAY)
    assert (taken.answered, taken.unanswered) == (1, 1)
    fact = demo_library.get_case(case_id).facts[-1]
    assert fact.text == (
        "What may the product not be used for? — Never for marketing or for sharing with police."
    )
    assert (fact.source, fact.confidentiality) == ("Reply by Lena Vogt, 2026-12-08", "internal")
    assert [kind for kind, _, _ in exchange(demo_library, case_id)] == [
        "request",
        "clarification",
        "reply",
    ]
    # A second round's questions number on; a reply to questions never asked is refused.
    again = ask(demo_library, case_id, ["Which hotels first?"], on=TODAY)
    assert [q["key"] for q in again["questions"]] == ["q3"]
    forged = {**reply, "questions": [{"key": "q1", "text": "Something else?", "answer": "x"}]}
    with pytest.raises(ImportRefused, match="did not ask"):
        take_reply(demo_library, json.dumps(forged).encode(), source="reply", today=TODAY)
    empty = {**again}
    with pytest.raises(ImportRefused, match="answers none"):
        take_reply(demo_library, json.dumps(empty).encode(), source="reply", today=TODAY)
    assert len(demo_library.get_case(case_id).facts) == len(taken.case.facts)


def test_the_command_line_asks_and_imports_the_reply(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "ask.councilreply"
    code = main(
        [
            "request",
            "clarify",
            "EUC-2026-092",
            "--ask",
            "Which actions limit the risk?",
            "-o",
            str(path),
        ]
    )
    assert code == 0, capsys.readouterr().err
    form = json.loads(path.read_text())
    assert form["format"] == "council-reply" and form["case"] == "EUC-2026-092"
    form["questions"][0]["answer"] = "An opt-out by SMS and no location data."
    path.write_text(json.dumps(form), encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(path)]) == 0
    assert "merged into EUC-2026-092: 1 answer" in capsys.readouterr().out
    assert main(["show", "EUC-2026-092"]) == 0
    out = capsys.readouterr().out
    assert "An opt-out by SMS and no location data." in out
    assert (
        "Request and clarification" in out
        and "request received from Sigrid Aas, Sales Nordics." in out
    )
    assert "the council asked 1 question." in out and "the requester replied, answering 1." in out
    assert main(["request", "clarify", "EUC-2026-092", "-o", str(tmp_path / "x.councilreply")]) != 0
    assert "ask at least one question" in capsys.readouterr().err
