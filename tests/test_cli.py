from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from council_app import paths
from council_app.cli import COMMANDS, main
from council_app.library import CaseLibrary
from council_app.library.demo import demo_case_count
from council_app.library.exchange import case_document
from tests.factories import case_on_a_half, make_case


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def lib_arg(tmp_path: Path) -> list[str]:
    return ["--library", str(tmp_path / "lib.sqlite")]


def test_default_library_is_created_from_the_demo_cases(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    assert not paths.default_library_path().exists()
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert paths.default_library_path() == data_dir / "library.sqlite"
    assert paths.default_library_path().exists()
    assert f"{demo_case_count()} cases." in out  # the demo cases and the demo requests' drafts
    assert "EUC-2022-010" in out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == demo_case_count()
    first = next(r for r in rows if r["id"] == "EUC-2022-010")
    assert first["outcome"] == "decline"
    assert first["regions"] == ["GB"]


def test_show_prints_the_case(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "EUC-2022-010")
    assert code == 0
    assert out.startswith("EUC-2022-010 — Live facial recognition")
    assert "Decision: Decline" in out
    assert "Effectiveness of proposed actions" in out
    assert "Priya Raman" in out


def test_show_json_is_an_exchange_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "EUC-2022-010", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["format"] == "council-case"
    assert document["case"]["decision"]["outcome"] == "decline"


def test_search_with_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "voice", "--outcome", "decline", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits, "the demo library has declined voice cases"
    assert all(h["outcome"] == "decline" for h in hits)
    assert all(h["highlights"] for h in hits)
    code, out, _ = run(capsys, "search", "facial recognition", "--limit", "2")
    assert code == 0
    assert "2 cases found." in out
    assert "[facial]" in out or "[recognition]" in out


@pytest.mark.parametrize("query", ['"', "*", "(", "NEAR", "-", ":", 'NEAR("a" b)', "a:b -c"])
def test_search_with_fts_syntax_never_fails(capsys: pytest.CaptureFixture[str], query: str) -> None:
    code, _, err = run(capsys, "search", query)
    assert code == 0, err


@pytest.mark.parametrize("query", ["\"'", "--", "?!"])
def test_a_search_for_punctuation_alone_asks_for_a_word(
    capsys: pytest.CaptureFixture[str], query: str
) -> None:
    code, out, err = run(capsys, "search", "--", query)  # "--" ends the options
    assert (code, out.strip(), err) == (0, "Type a word to search.", "")
    code, out, err = run(capsys, "search", "--json", "--", query)
    assert (code, json.loads(out), err.strip()) == (0, [], "Type a word to search.")


def test_the_cli_searches_whole_words(
    capsys: pytest.CaptureFixture[str], lib_arg: list[str]
) -> None:
    with CaseLibrary.open(Path(lib_arg[1])) as library:
        library.add_cases(
            [
                make_case("VOTE-1", title="Chatbot answers on the elections", summary="Polls."),
                make_case("SHOP-1", title="Recommendations in an electronics shop", summary="."),
            ]
        )
    for query in ("elections", "elect"):  # whole words, by their stem
        code, out, err = run(capsys, *lib_arg, "search", query, "--json")
        assert code == 0, err
        assert [hit["id"] for hit in json.loads(out)] == ["VOTE-1"]


def test_advanced_search_syntax_errors_are_explained(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", '"unbalanced', "--advanced")
    assert code == 1
    assert out == ""
    assert "not valid advanced search syntax" in err
    assert "Traceback" not in err


def test_import_and_export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lib_arg: list[str]
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps(case_document(make_case())), encoding="utf-8")
    code, out, err = run(capsys, "import", str(source), *lib_arg)
    assert code == 0, err
    assert "Imported: 1 added." in out

    target = tmp_path / "out.json"
    code, _, err = run(capsys, "export", "TST-2025-001", "-o", str(target), *lib_arg)
    assert code == 0
    assert "Exported 1 case to" in err
    assert json.loads(target.read_text())["case"]["id"] == "TST-2025-001"

    code, _, err = run(capsys, "export", "--all", "-o", str(target), *lib_arg)
    assert code == 1
    assert "already exists; not overwritten (use --force" in err
    code, _, _ = run(capsys, "export", "--all", "-o", str(target), "--force", *lib_arg)
    assert code == 0
    assert json.loads(target.read_text())["format"] == "council-library"


def test_export_needs_ids_or_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "x.json"))
    assert code == 1
    assert "Give the ids of the cases to export, or --all" in err


def test_refused_import_exits_nonzero_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lib_arg: list[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "council-case", "version": 1, "case": {"id": "X", "title": ""}}')
    code, _, err = run(capsys, "import", str(bad), *lib_arg)
    assert code == 1
    assert "case.title: must not be empty" in err
    assert "Traceback" not in err
    with CaseLibrary.open(tmp_path / "lib.sqlite") as library:
        assert library.count_cases() == 0


def test_errors_are_messages_not_tracebacks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lib_arg: list[str]
) -> None:
    code, _, err = run(capsys, "show", "NOPE-1", *lib_arg)
    assert (code, err.strip()) == (1, "council-app: No case with id 'NOPE-1' in this library.")
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"), *lib_arg)
    assert code == 1 and "no such file" in err
    notdb = tmp_path / "notes.txt"
    notdb.write_text("hello" * 100)
    code, _, err = run(capsys, "list", "--library", str(notdb))
    assert code == 1 and "not a Council Desk library" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["search", "x", "--from", "yesterday"])
    assert caught.value.code == 2
    assert "'yesterday' is not a date" in capsys.readouterr().err


def test_library_option_is_accepted_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = str(tmp_path / "x.sqlite")
    assert run(capsys, "--library", path, "list")[0] == 0
    assert run(capsys, "list", "--library", path)[1].startswith("No cases.")


def test_the_installed_command_runs(tmp_path: Path) -> None:
    env = {**os.environ, "COUNCIL_APP_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-m", "council_app", "search", "biometric refugees", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert any(hit["id"] == "EUC-2025-011" for hit in json.loads(result.stdout))


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in COMMANDS:
        assert f"council-app {command}" in readme, command


# -- scoring commands ------------------------------------------------------------------------


def test_score_prints_the_breakdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", "EUC-2025-011")
    assert code == 0, err
    assert "Weights: profile Balanced" in out
    assert "Council view: median of 4 members" in out
    assert "Potential connection to harm" in out
    assert "22.5 / 30.0" in out  # harm: median 3 at share 0.3
    assert "Concern index: 72.5 of 100" in out
    assert "Inherent concern: 80.0" in out
    assert "Recommendation: Restrict" in out
    assert "The concern index 72.5 is in the band 50 to 75: Restrict." in out
    assert "Members disagree" in out
    assert "Zofia Nowak rated 4" in out
    assert "The recommendation (Restrict) holds unless" in out
    assert "The council decided: Restrict (agrees with the recommendation)." in out


def test_score_rounds_every_number_as_the_index_is_rounded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, lib_arg: list[str]
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps(case_document(case_on_a_half())), encoding="utf-8")
    assert run(capsys, "import", str(source), *lib_arg)[0] == 0
    code, out, err = run(capsys, "score", "TST-2025-088", *lib_arg)
    assert code == 0, err
    rows = {line.split("  ")[0]: line for line in out.splitlines()}
    # 20 + 30 + 25 + 11.25 + 2.5 = 88.75: each half is shown rounded up, as the index is.
    assert "Concern index: 88.8 of 100" in out
    assert "11.3 / 15.0" in rows["Effectiveness of proposed actions"]
    assert "2.5 / 10.0" in rows["Current geopolitical landscape"]
    assert "0.150" in rows["Effectiveness of proposed actions"]  # its weight, as a share
    assert "take off 3.8 points" in out  # 15 − 11.25 = 3.75


def test_the_sensitivity_sentence_quotes_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", "EUC-2025-011")
    assert code == 0, err
    lines = out.splitlines()
    sentence = next(line for line in lines if "holds unless" in line)
    # The nearest flip: the actions' weight falls below 517/9000 = 0.0574… The sentence said 0.06
    # (two decimals, rounded away from the weight now) while the table said 0.057.
    assert "falls below 0.057 (now 0.150)" in sentence
    table = lines[lines.index(next(line for line in lines if "holds from–to" in line)) :]
    row = next(line for line in table if line.strip().startswith("Effectiveness of proposed"))
    assert row.split()[-6:] == ["0.150", "0.057–1.000", "below", "0.057", "→", "Decline"]
    tornado = {line.strip()[:34].strip(): line for line in lines if " … " in line}
    # Rating swings of 66.25 … 78.75 and 68.75 … 76.25: every half up, none down.
    assert tornado["Alignment with guiding principles"].endswith("66.3 …  78.8")
    assert tornado["Effectiveness of proposed actions"].endswith("68.8 …  76.3")


def test_score_json_gives_every_number(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "EUC-2025-011", "--json", "--draws", "300", "--seed", "5")
    assert code == 0
    data = json.loads(out)
    assert data["case"] == "EUC-2025-011"
    assert data["shown_index"] == 72.5
    assert data["index_exact"] == "145/2"
    assert data["shown_inherent_index"] == 80.0
    assert data["recommendation"]["outcome"] == "restrict"
    assert data["recommendation"]["rule"] == "band"
    assert {c["key"] for c in data["contributions"]} == {
        "use_case",
        "harm",
        "principles",
        "actions",
        "geopolitics",
    }
    assert sum(c["points"] for c in data["contributions"]) == pytest.approx(72.5)
    assert data["weights"]["shares"]["harm"] == 0.3
    sens = data["sensitivity"]
    assert sens["random_weights"]["draws"] == 300
    assert sens["random_weights"]["seed"] == 5
    assert 0 <= sens["random_weights"]["agreement"] <= 1
    assert len(sens["intervals"]) == 5
    assert len(sens["weight_swings"]) == 5
    assert sens["sentence"].startswith("The recommendation (Restrict)")
    assert {d["key"] for d in data["disagreements"]} >= {"harm"}
    assert data["member_scores"]["Zofia Nowak"]["outcome"] == "decline"


def test_score_with_typed_weights_and_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    weights = "use_case=0,harm=1,principles=0,actions=0,geopolitics=0"
    code, out, _ = run(capsys, "score", "EUC-2025-011", "--weights", weights, "--json")
    assert code == 0
    assert json.loads(out)["shown_index"] == 75.0  # harm median 3 of 4
    code, out, _ = run(capsys, "score", "EUC-2025-011", "--profile", "equal", "--json")
    assert json.loads(out)["weights"]["source"] == "profile Equal weights"


def test_score_of_an_unrated_case_defers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", "EUC-2026-058")
    assert code == 0
    assert "Recommendation: Defer" in out
    assert "not yet rated — Principle: Honesty" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weights", "use_case=-1,harm=1,principles=1,actions=1,geopolitics=1"], "negative"),
        (
            ["--weights", "use_case=0,harm=0,principles=0,actions=0,geopolitics=0"],
            "All weights are zero",
        ),
        (["--profile", "bold"], "There is no weight profile 'bold'"),
    ],
)
def test_score_refuses_bad_weights(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, "score", "EUC-2025-011", *args)
    assert code == 1
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_weights_ahp(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    matrix = tmp_path / "matrix.json"
    matrix.write_text(
        json.dumps(
            {
                "criteria": ["use_case", "harm", "principles", "actions", "geopolitics"],
                "matrix": [
                    [1, "1/2", 1, 2, 2],
                    [2, 1, 2, 3, 3],
                    [1, "1/2", 1, 2, 2],
                    ["1/2", "1/3", "1/2", 1, 1],
                    ["1/2", "1/3", "1/2", 1, 1],
                ],
            }
        )
    )
    code, out, _ = run(capsys, "weights", "ahp", str(matrix))
    assert code == 0
    assert "principal eigenvector" in out
    assert "CR = 0.0" in out
    assert "consistent enough" in out
    code, out, _ = run(
        capsys, "weights", "ahp", str(matrix), "--json", "--method", "geometric_mean"
    )
    data = json.loads(out)
    assert data["method"] == "geometric_mean"
    assert max(data["weights"], key=data["weights"].get) == "harm"
    assert data["random_index"] == 1.12


def test_weights_ahp_refuses_a_non_reciprocal_matrix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    matrix = tmp_path / "matrix.json"
    matrix.write_text(json.dumps({"criteria": ["harm", "privacy"], "matrix": [[1, 3], [3, 1]]}))
    code, _, err = run(capsys, "weights", "ahp", str(matrix))
    assert code == 1
    assert "not reciprocal: harm vs privacy is 3 but privacy vs harm is 3" in err
    matrix.write_text("{not json")
    code, _, err = run(capsys, "weights", "ahp", str(matrix))
    assert code == 1
    assert "not valid JSON" in err


def test_replay_lists_changed_decisions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "replay",
        "--weights",
        "use_case=0,harm=1,principles=0,actions=0,geopolitics=0",
        "--json",
    )
    assert code == 0
    changes = json.loads(out)
    assert changes
    assert all(c["before"] != c["after"] for c in changes)
    code, out, _ = run(capsys, "replay", "--profile", "balanced")
    assert "No decided case's recommendation changes" in out
    code, _, err = run(capsys, "replay")
    assert code == 1
    assert "Give --profile, --weights or --framework" in err


# -- precedent commands ----------------------------------------------------------------------


def test_precedents_with_reasons_and_consistency(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "precedents", "EUC-2025-055", "--top", "3")
    assert code == 0, err
    assert out.startswith("Precedents for EUC-2025-055")
    assert " 1. EUC-2022-040  Voice cloning of deceased relatives" in out
    assert "Linked: EUC-2025-055 distinguishes EUC-2022-040." in out
    assert "Consistency check" in out
    assert "Distinction recorded:" in out


def test_precedents_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "precedents", "EUC-2024-061", "--json", "--blend", "graph=0.5")
    assert code == 0
    data = json.loads(out)
    assert data["blend"]["graph"] == 0.5
    first = data["precedents"][0]
    assert first["id"] == "EUC-2023-057"
    assert first["path"] == ["EUC-2024-061 supersedes EUC-2023-057"]
    assert set(first["parts"]) == {"text", "ratings", "facts", "graph"}
    assert data["key_terms"]


def test_graph_and_themes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graph", "EUC-2026-077")
    assert code == 0
    assert "EUC-2025-089 (Thirty-day readmission risk model" in out
    assert "    EUC-2023-078 (Fraud risk scoring" in out  # cited by what it cites
    code, out, _ = run(capsys, "themes", "--json")
    data = json.loads(out)
    assert len(data["themes"]) >= 4
    assert data["most_cited"][0] == {"id": "EUC-2022-070", "citations": 5}


def test_generate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "big.sqlite"
    code, _, err = run(capsys, "generate", "--cases", "50", "-o", str(target), "--seed", "4")
    assert code == 0, err
    assert "Generated 50 cases (seed 4)" in err
    code, out, _ = run(capsys, "list", "--library", str(target), "--json")
    assert len(json.loads(out)) == 50
    code, _, err = run(capsys, "generate", "--cases", "50", "-o", str(target))
    assert code == 1
    assert "already exists" in err


def test_search_by_principle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "--principle", "privacy", "--json", "--limit", "100")
    assert code == 0
    ids = {h["id"] for h in json.loads(out)}
    assert "EUC-2022-010" in ids  # privacy rated 4
    assert "EUC-2022-014" not in ids  # wildlife cameras


# -- memos -----------------------------------------------------------------------------------


def test_memo_command_writes_the_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    target = tmp_path / "memo.pdf"
    code, _, err = run(capsys, "memo", "EUC-2025-011", "-o", str(target))
    assert code == 0, err
    assert "Memo for EUC-2025-011 (internal) written to" in err
    reader = PdfReader(target)
    assert reader.metadata.title.startswith("Decision memo EUC-2025-011")
    first = target.read_bytes()

    code, _, err = run(capsys, "memo", "EUC-2025-011", "-o", str(target), "--variant", "external")
    assert code == 1
    assert "already exists; not overwritten (use --force" in err
    assert target.read_bytes() == first

    code, _, _ = run(
        capsys, "memo", "EUC-2025-011", "-o", str(target), "--variant", "external", "--force"
    )
    assert code == 0
    text = " ".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Zofia Nowak" not in text


def test_draft_memo_and_minutes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from pypdf import PdfReader

    draft = tmp_path / "draft.pdf"
    code, _, err = run(capsys, "memo", "EUC-2026-014", "-o", str(draft), "--date", "2026-12-01")
    assert code == 0
    assert "Draft memo for EUC-2026-014" in err
    assert "Dated 2026-12-01" in PdfReader(draft).pages[0].extract_text()

    minutes = tmp_path / "minutes.pdf"
    code, _, err = run(capsys, "minutes", "--date", "2022-09-14", "-o", str(minutes))
    assert code == 0, err
    assert "(3 cases)" in err
    text = " ".join(p.extract_text() for p in PdfReader(minutes).pages)
    for case_id in ("EUC-2022-040", "EUC-2022-041", "EUC-2022-073"):
        assert case_id in text
    # No sitting was recorded that day: whoever voted is not listed as present.
    assert "Present (" not in text and "Attendance is not on record" in text
    code, _, err = run(capsys, "minutes", "--date", "2022-01-01", "-o", str(tmp_path / "none.pdf"))
    assert code == 1
    assert "No sitting and no decision was recorded on 2022-01-01" in err


def test_settings_name_the_council_in_memos(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from pypdf import PdfReader

    code, out, _ = run(capsys, "settings")
    assert "council_name = Ethical Use Advisory Council" in out
    code, out, _ = run(capsys, "settings", "council_name", "Meridian Ethical Use Council")
    assert out.strip() == "council_name = Meridian Ethical Use Council"
    code, _, err = run(capsys, "settings", "council_name", "  ")
    assert code == 1 and "cannot be empty" in err
    target = tmp_path / "memo.pdf"
    run(capsys, "memo", "EUC-2022-010", "-o", str(target))
    assert PdfReader(target).metadata.author == "Meridian Ethical Use Council"
