"""The council's settings: one place that reads, checks and writes them, and the weights in force."""

from __future__ import annotations

import json

import pytest

from council_app.cli import main
from council_app.council.settings import (
    CouncilSettings,
    SettingsError,
    load_settings,
    save_settings,
    set_setting,
    weights_in_force,
)
from council_app.framework import Framework
from council_app.library import CaseLibrary


def test_a_new_library_has_the_defaults(library: CaseLibrary, framework: Framework) -> None:
    settings = load_settings(library)
    assert settings == CouncilSettings()
    assert settings.profile_key(framework) == framework.default_profile_key
    assert weights_in_force(framework, settings).profile_key == framework.default_profile_key


def test_saved_settings_are_read_back_trimmed(library: CaseLibrary, framework: Framework) -> None:
    save_settings(
        library,
        framework,
        CouncilSettings("  Meridian Council ", " Meridian Systems ", "harm_first", "two_thirds"),
    )
    assert load_settings(library) == CouncilSettings(
        "Meridian Council", "Meridian Systems", "harm_first", "two_thirds"
    )
    weights = weights_in_force(framework, load_settings(library))
    assert weights.profile_key == "harm_first"
    assert weights.source == "profile Harm first"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("default_profile", "nonsense", "There is no weight profile 'nonsense'"),
        ("council_name", "   ", "The council's name cannot be empty"),
        ("quorum_rule", "most", "Unknown quorum rule"),
        ("colour", "red", "There is no setting 'colour'"),
    ],
)
def test_a_setting_that_cannot_be_kept_is_refused_and_nothing_changes(
    library: CaseLibrary, framework: Framework, key: str, value: str, message: str
) -> None:
    set_setting(library, framework, "letterhead", "Meridian Systems")
    before = load_settings(library)
    with pytest.raises(SettingsError, match=message):
        set_setting(library, framework, key, value)
    assert load_settings(library) == before


def test_a_profile_the_framework_no_longer_has_falls_back_to_its_default(
    library: CaseLibrary, framework: Framework
) -> None:
    library.set_meta("default_profile", "retired_profile")  # written by an older framework
    settings = load_settings(library)
    assert settings.profile_key(framework) == framework.default_profile_key


def test_the_command_line_sets_and_shows_the_default_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "default_profile", "rights_first"]) == 0
    assert "default_profile = rights_first" in capsys.readouterr().out
    assert main(["settings"]) == 0
    shown = capsys.readouterr().out
    for key in ("council_name", "letterhead", "default_profile", "quorum_rule"):
        assert f"{key} = " in shown
    assert main(["score", "EUC-2022-084", "--json"]) == 0
    score = json.loads(capsys.readouterr().out)
    assert score["weights"]["profile"] == "rights_first"
    assert main(["settings", "default_profile", "nonsense"]) == 1
    assert "There is no weight profile 'nonsense'" in capsys.readouterr().err


def test_the_precedent_blend_is_one_of_the_councils_settings(
    capsys: pytest.CaptureFixture[str], library: CaseLibrary, framework: Framework
) -> None:
    from council_app.council.settings import load_blend
    from council_app.precedent import BlendWeights

    assert load_settings(library).precedent_blend == BlendWeights()
    set_setting(library, framework, "precedent_blend", "text=0.5,graph=0.3")
    assert load_blend(library) == BlendWeights(text=0.5, ratings=0.25, facts=0.25, graph=0.3)
    with pytest.raises(SettingsError, match="negative"):
        set_setting(library, framework, "precedent_blend", "text=-1")
    assert main(["settings", "precedent_blend", "ratings=0.4"]) == 0
    assert (
        "precedent_blend = text=0.35,ratings=0.4,facts=0.25,graph=0.15" in capsys.readouterr().out
    )


def test_language_and_page_size_are_settings_of_the_library(
    capsys: pytest.CaptureFixture[str], library: CaseLibrary, framework: Framework
) -> None:
    assert (load_settings(library).language, load_settings(library).page_size) == ("en", "A4")
    set_setting(library, framework, "language", " pt-br ")
    set_setting(library, framework, "page_size", "letter")
    assert (load_settings(library).language, load_settings(library).page_size) == (
        "pt-BR",
        "Letter",
    )
    set_setting(library, framework, "language", "zh-hant-tw")
    assert load_settings(library).language == "zh-Hant-TW"
    assert main(["settings", "page_size", "A4"]) == 0
    assert "page_size = A4" in capsys.readouterr().out
    assert main(["settings", "language", "en-GB"]) == 0
    assert "language = en-GB" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("language", "English", "'English' is not a language tag"),
        ("language", "en_GB", "'en_GB' is not a language tag"),
        ("language", "", "'' is not a language tag"),
        ("page_size", "A5", "There is no page size 'A5'; the sizes are A4, Letter"),
    ],
)
def test_a_language_or_page_size_that_cannot_be_used_is_refused(
    library: CaseLibrary, framework: Framework, key: str, value: str, message: str
) -> None:
    before = load_settings(library)
    with pytest.raises(SettingsError, match=message):
        set_setting(library, framework, key, value)
    assert load_settings(library) == before


def test_a_damaged_language_or_page_size_reads_as_the_default(library: CaseLibrary) -> None:
    library.set_meta("language", "not a tag")
    library.set_meta("page_size", "B5")
    assert (load_settings(library).language, load_settings(library).page_size) == ("en", "A4")


def test_the_command_line_offers_every_setting() -> None:
    from council_app.cli import build_parser
    from council_app.council.settings import SETTING_KEYS

    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command")
    settings = commands.choices["settings"]  # type: ignore[index]
    key = next(a for a in settings._actions if a.dest == "key")
    assert tuple(key.choices) == SETTING_KEYS  # type: ignore[arg-type]


def test_the_quorums_composition_is_saved_only_for_kinds_the_members_have(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    from dataclasses import replace as changed

    from council_app.council.sessions import quorum_composition

    current = load_settings(demo_library)
    saved = save_settings(
        demo_library, framework, changed(current, quorum_composition="1 external")
    )
    assert saved.quorum_composition == "1:external"
    assert load_settings(demo_library).quorum_composition == "1:external"
    assert [r.key() for r in quorum_composition(demo_library)] == ["1:external"]
    with pytest.raises(SettingsError) as refused:
        save_settings(demo_library, framework, changed(current, quorum_composition="2:observer"))
    assert "No voting member is of the kind 'observer'" in str(refused.value)
    assert load_settings(demo_library).quorum_composition == "1:external"
