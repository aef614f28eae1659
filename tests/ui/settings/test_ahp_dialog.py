from __future__ import annotations

from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from council_app.framework import Framework
from council_app.scoring import Weights
from council_app.scoring.ahp import CR_LIMIT
from council_app.ui.settings.ahp_dialog import AhpDialog

KEYS = ("use_case", "harm", "principles", "actions", "geopolitics")


@pytest.fixture
def dialog(qtbot: QtBot, framework: Framework) -> AhpDialog:
    w = AhpDialog(framework)
    qtbot.addWidget(w)
    w.show()
    return w


def shown_weights(w: AhpDialog) -> dict[str, float]:
    return {key: float(w.weight_labels[key].text()) for key in KEYS}


def combo(w: AhpDialog, left: str, right: str) -> QComboBox:
    found = w.findChild(QComboBox, f"ahp_{left}_vs_{right}")
    assert found is not None
    return found


def make_inconsistent(w: AhpDialog) -> None:
    # A cycle: use case over harm, harm over principles, principles over use case.
    w.set_judgement("use_case", "harm", "9")
    w.set_judgement("harm", "principles", "9")
    w.set_judgement("principles", "use_case", "9")


def test_all_equal_gives_equal_weights_and_no_inconsistency(dialog: AhpDialog) -> None:
    assert tuple(dialog.keys) == KEYS
    pairs = dialog.findChildren(QComboBox)
    assert (
        len([c for c in pairs if c.objectName().startswith("ahp_") and "_vs_" in c.objectName()])
        == 10
    )
    assert combo(dialog, "use_case", "harm").currentText() == "Equally important (1)"
    assert combo(dialog, "use_case", "harm").count() == 17
    assert shown_weights(dialog) == dict.fromkeys(KEYS, 0.2)
    assert dialog.lambda_label.text() == "5.000"
    assert dialog.ci_label.text() == "0.000"
    assert dialog.cr_label.text().startswith("0.000")
    assert "1.12" in dialog.ri_label.text() and "Saaty (1980)" in dialog.ri_label.text()
    assert dialog.status.text().startswith("Consistent")
    assert not dialog.status_frame.autoFillBackground()
    result = dialog.current_result()
    assert result.consistent and result.consistency_ratio == pytest.approx(0, abs=1e-9)


def test_the_scale_runs_from_left_extremely_to_right_extremely(dialog: AhpDialog) -> None:
    box = combo(dialog, "harm", "geopolitics")
    assert box.itemText(0) == "Harm: extremely more important than Geopolitics (9)"
    assert box.itemText(8) == "Equally important (1)"
    assert box.itemText(16) == "Geopolitics: extremely more important than Harm (9)"
    dialog.set_judgement("harm", "geopolitics", "1/5")
    assert box.currentText() == "Geopolitics: strongly more important than Harm (5)"
    assert dialog.judgement("geopolitics", "harm") == Fraction(5)
    assert dialog.matrix()[4][1] == "5" and dialog.matrix()[1][4] == "1/5"


def test_harm_three_times_every_other_consideration(dialog: AhpDialog) -> None:
    for key in KEYS:
        if key != "harm":
            dialog.set_judgement("harm", key, "3")
    # use_case comes before harm, so its row shows the reciprocal, in words that favour harm.
    assert (
        combo(dialog, "use_case", "harm").currentText()
        == "Harm: moderately more important than Use case (3)"
    )
    shown = shown_weights(dialog)
    assert max(shown, key=lambda k: shown[k]) == "harm"
    assert shown["harm"] == pytest.approx(3 / 7, abs=5e-4)
    assert all(shown[k] == pytest.approx(1 / 7, abs=5e-4) for k in KEYS if k != "harm")
    assert dialog.current_result().consistency_ratio == pytest.approx(0, abs=1e-6)
    assert dialog.status.text().startswith("Consistent")


def test_keyboard_changes_a_judgement(qtbot: QtBot, dialog: AhpDialog) -> None:
    box = combo(dialog, "use_case", "harm")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentText() == "Use case: moderately more important than Harm (3)"
    shown = shown_weights(dialog)
    assert shown["use_case"] > shown["harm"]


def test_inconsistent_judgements_warn_and_name_the_one_to_revise(dialog: AhpDialog) -> None:
    make_inconsistent(dialog)
    result = dialog.current_result()
    assert result.consistency_ratio > 0.10 and not result.consistent
    text = dialog.status.text()
    assert f"CR {result.consistency_ratio:.3f} > 0.10" in text
    revision = result.revision
    assert revision is not None
    # The judgement to revise is named by the titles members know, not the internal keys.
    left = dialog.framework.consideration(revision.row).short_title
    right = dialog.framework.consideration(revision.column).short_title
    assert f"Start with {left} vs {right}" in text
    assert f"→ {revision.suggested}" in text
    marker = dialog.findChild(QWidget, f"ahp_revise_{revision.row}_vs_{revision.column}")
    assert marker is not None and marker.isVisible()
    others = [
        m
        for m in dialog.findChildren(QWidget)
        if m.objectName().startswith("ahp_revise_") and m is not marker
    ]
    assert len(others) == 9 and not any(m.isVisible() for m in others)
    assert dialog.status_frame.autoFillBackground()  # styled as a warning
    assert dialog.cr_label.text().startswith(f"{result.consistency_ratio:.3f}")
    # Back to consistent: the warning goes.
    for a, b in (("use_case", "harm"), ("harm", "principles"), ("principles", "use_case")):
        dialog.set_judgement(a, b, "1")
    assert dialog.status.text().startswith("Consistent")
    assert not marker.isVisible()


def test_changing_the_method_changes_the_method_named(qtbot: QtBot, dialog: AhpDialog) -> None:
    make_inconsistent(dialog)
    dialog.set_judgement("actions", "geopolitics", "5")
    assert "Principal eigenvector (Saaty)" in dialog.weights_box.title()
    before = dialog.current_result()
    assert before.method == "eigenvector"
    dialog.method.setCurrentIndex(1)
    after = dialog.current_result()
    assert after.method == "geometric_mean"
    assert "Row geometric mean" in dialog.weights_box.title()
    assert dialog.source_text().startswith("AHP (row geometric mean, CR ")
    assert after.weights != before.weights
    assert shown_weights(dialog)["actions"] == pytest.approx(after.weights["actions"], abs=5e-4)
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.weights_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.use_anyway_button, Qt.MouseButton.LeftButton)
    chosen: Weights = blocker.args[0]
    assert chosen.source == f"AHP (row geometric mean, CR {after.consistency_ratio:.2f})"


def test_use_these_weights_emits_the_weights_shown(qtbot: QtBot, dialog: AhpDialog) -> None:
    dialog.set_judgement("harm", "geopolitics", "5")
    dialog.set_judgement("use_case", "actions", "1/2")
    dialog.set_judgement("principles", "geopolitics", "3")
    shown = shown_weights(dialog)
    cr = dialog.current_result().consistency_ratio
    with qtbot.waitSignal(dialog.weights_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    chosen = blocker.args[0]
    assert isinstance(chosen, Weights)
    assert dialog.chosen_weights is chosen
    assert chosen.source == f"AHP (principal eigenvector, CR {cr:.2f})"
    shares = chosen.shares()
    assert sum(shares.values()) == 1
    assert set(shares) == set(KEYS)
    for key in KEYS:
        assert float(shares[key]) == pytest.approx(shown[key], abs=5e-4)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_inconsistent_judgements_ask_before_they_become_weights(
    qtbot: QtBot, dialog: AhpDialog
) -> None:
    make_inconsistent(dialog)
    cr = dialog.current_result().consistency_ratio
    assert cr > CR_LIMIT
    emitted: list[object] = []
    dialog.weights_chosen.connect(emitted.append)
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    box = dialog.inconsistency_box
    assert box is not None and box.isVisible()
    assert box.text() == (
        f"These judgements are inconsistent (ratio {cr:.2f}, limit 0.10). Use them anyway?"
    )
    assert [b.text() for b in box.buttons()] == ["Use anyway", "Revise"]
    assert box.defaultButton() is dialog.revise_button
    assert emitted == []
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.weights_chosen, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.use_anyway_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].source.endswith(f"CR {cr:.2f})")
    assert not dialog.isVisible()


def test_revise_keeps_the_dialog_open_and_chooses_nothing(qtbot: QtBot, dialog: AhpDialog) -> None:
    make_inconsistent(dialog)
    emitted: list[object] = []
    dialog.weights_chosen.connect(emitted.append)
    qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    box = dialog.inconsistency_box
    assert box is not None
    qtbot.mouseClick(dialog.revise_button, Qt.MouseButton.LeftButton)
    assert emitted == []
    assert dialog.chosen_weights is None
    assert dialog.isVisible()
    assert not box.isVisible()


def test_consistent_judgements_are_used_without_a_question(qtbot: QtBot, dialog: AhpDialog) -> None:
    dialog.set_judgement("harm", "geopolitics", "3")
    assert dialog.current_result().consistent
    with qtbot.waitSignal(dialog.weights_chosen, timeout=1000):
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    assert dialog.inconsistency_box is None


def test_cancel_chooses_nothing(qtbot: QtBot, dialog: AhpDialog) -> None:
    emitted: list[object] = []
    dialog.weights_chosen.connect(emitted.append)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert emitted == [] and dialog.chosen_weights is None
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_set_judgement_refuses_what_is_not_a_comparison(dialog: AhpDialog) -> None:
    with pytest.raises(ValueError, match="Saaty's scale"):
        dialog.set_judgement("harm", "actions", "10")
    with pytest.raises(ValueError, match="not a number"):
        dialog.set_judgement("harm", "actions", "lots")
    with pytest.raises(KeyError):
        dialog.set_judgement("harm", "budget", "3")
    with pytest.raises(ValueError, match="Unknown method"):
        dialog.set_method("average")  # type: ignore[arg-type]


def test_every_interactive_widget_has_an_accessible_name(dialog: AhpDialog) -> None:
    interactive = [
        w
        for w in dialog.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert len(interactive) >= 13  # ten judgements, the method, two buttons
    assert all(w.accessibleName() for w in interactive), [
        w.objectName() for w in interactive if not w.accessibleName()
    ]
    # Each judgement is labelled by its left-hand consideration; the method has a mnemonic.
    buddies = {
        label.buddy(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    assert buddies[dialog.method] == "&Method:"
    assert buddies[combo(dialog, "harm", "actions")] == "Potential connection to harm"
    assert all(isinstance(b, QAbstractButton) for b in dialog.buttons.buttons())
    assert dialog.use_button.text() == "&Use these weights"


def test_tab_order_follows_the_reading_order(dialog: AhpDialog) -> None:
    expected: list[QWidget] = [
        combo(dialog, a, b) for i, a in enumerate(KEYS) for b in KEYS[i + 1 :]
    ]
    expected += [dialog.method, dialog.use_button, dialog.cancel_button]
    chain: list[QWidget] = []
    widget: QWidget | None = expected[0]
    for _ in range(200):
        if widget is None:
            break
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is expected[0]:
            break
    assert chain == expected
