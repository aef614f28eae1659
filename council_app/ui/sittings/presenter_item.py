"""What the room reads about the agenda item under discussion, and in which colours.

The presenter window is two jobs: a window the chair steers through the agenda (keys, screens,
zoom, the fitting of type) and the item it shows. Saying what an item shows is the larger of the
two and changes with what the council records (red lines, disagreements, votes, decisions), so
it is kept here, apart from the window; the window calls it whenever it draws an item.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from council_app.council.agenda import ItemView, SittingView
from council_app.scoring import Disagreement, points_to_discuss, rating_text
from council_app.ui.common.dates import long_date_text
from council_app.ui.common.numbers import count_text
from council_app.ui.common.palette import outcome_colour, strictest_colour

if TYPE_CHECKING:
    from council_app.ui.sittings.presenter_window import PresenterWindow


def mixed(foreground: QColor, background: QColor, amount: float) -> QColor:
    """``foreground`` faded toward ``background`` by ``amount`` (0 keeps it as it is)."""
    keep = 1 - amount
    return QColor.fromRgbF(
        foreground.redF() * keep + background.redF() * amount,
        foreground.greenF() * keep + background.greenF() * amount,
        foreground.blueF() * keep + background.blueF() * amount,
    )


def _e(text: str) -> str:
    return html.escape(text)


def colour_from_palette(window: PresenterWindow) -> None:
    """Colour the texts and rules from the window's palette: its strongest pair, and shades of it."""
    palette = window.palette()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    muted = mixed(text, base, 0.32)
    plain = f"color: {text.name()};"
    quiet = f"color: {muted.name()};"
    for label in (
        window.case_title,
        window.question,
        window.index,
        window.reason,
        window.tally,
        window.recused,
    ):
        label.setStyleSheet(plain)
    for label in (
        window.sitting,
        window.position,
        window.case_id,
        window.version,
        window.question_caption,
        window.bars_caption,
        window.index_caption,
        window.index_note,
        window.disagreements_caption,
        window.placeholder,
    ):
        label.setStyleSheet(quiet)
    for rule in (window.header_rule, window.footer_rule):
        rule.setStyleSheet(f"background: {mixed(text, base, 0.75).name()};")
    bars = QPalette(window.bars.palette())
    bars.setColor(QPalette.ColorRole.WindowText, text)
    bars.setColor(QPalette.ColorRole.Midlight, mixed(text, base, 0.85))
    window.bars.setPalette(bars)


def show_item(window: PresenterWindow, view: SittingView, item: ItemView) -> None:
    """Fill the window with ``item``, the agenda item under discussion in ``view``."""
    palette = window.palette()
    framework = item.framework  # the version the case is assessed or was decided under
    title = framework.outcome_title
    budget = f"  ·  {item.minutes} minutes" if item.minutes else ""
    window.position.setText(f"Item {item.number} of {len(view.items)}{budget}")
    case = item.case
    window.case_id.setText(case.id)
    window.case_title.setText(case.title)
    window.version.setText(item.version_note)
    window.version.setVisible(bool(item.version_note))
    question = case.question or case.summary
    window.question_caption.setText("Question before the council" if case.question else "Summary")
    window.question.setText(question)
    window.question_caption.setVisible(bool(question))
    window.question.setVisible(bool(question))

    scoring = item.score.scoring
    rec = scoring.recommendation
    if scoring.shown_index is None:
        window.index.setText("–")
        window.index_note.setText("not yet rated in full")
    else:
        window.index.setText(str(scoring.shown_index))
        window.index_note.setText("of 100")
    window.index.setAccessibleDescription(f"{window.index.text()} {window.index_note.text()}")

    colour = outcome_colour(rec.outcome, palette, framework)
    on_colour = palette.color(QPalette.ColorRole.Base)
    pad = max(2, window.fontMetrics().height() // 3)
    window.outcome.setText(title(rec.outcome))
    window.outcome.setStyleSheet(
        f"background: {colour.name()}; color: {on_colour.name()};"
        f" border-radius: {pad}px; padding: {pad}px {pad * 3}px;"
    )
    window.outcome.setAccessibleDescription(f"Recommendation: {title(rec.outcome)}")
    window.reason.setText(rec.reason)

    warn = strictest_colour(palette, framework).name()
    to_discuss = points_to_discuss(framework, item.score.member_red_lines)
    if rec.red_lines or to_discuss:
        window.red_lines.setTextFormat(Qt.TextFormat.RichText)
        window.red_lines.setText(
            "<br>".join(
                [
                    f"<b>Red line:</b> {_e(h.description)} ({_e(h.detail)}) — "
                    f"at least {_e(title(h.floor))}"
                    for h in rec.red_lines
                ]
                + [f"<b>To discuss:</b> {_e(point)}" for point in to_discuss]
            )
        )
        window.red_lines.setStyleSheet(f"color: {warn};")
        window.red_lines.setAccessibleDescription(
            "; ".join([f"{h.description} ({h.detail})" for h in rec.red_lines] + to_discuss)
        )
    window.red_lines.setVisible(bool(rec.red_lines or to_discuss))

    window.bars.set_contributions(scoring.contributions)

    flags = item.score.council.disagreements
    if flags:
        window.disagreements.setTextFormat(Qt.TextFormat.RichText)
        text = palette.color(QPalette.ColorRole.Text)
        count = f"{count_text(len(flags), 'rating')}"
        window.disagreements_caption.setText(f"Members disagree on {count}")
        window.disagreements.setText("".join(flag_html(d, text.name()) for d in flags))
        window.disagreements.setAccessibleDescription(" ".join(d.sentence() for d in flags))
    window.disagreements.setVisible(bool(flags))
    window.disagreements_caption.setVisible(bool(flags))

    window.quorum.setText(item.quorum.sentence())
    window.quorum.setStyleSheet(
        f"color: {palette.color(QPalette.ColorRole.Text).name() if item.quorum.met else warn};"
    )
    window.tally.setText(f"Votes: {item.tally.sentence(framework)}")
    council = item.score.council
    aside = council.stood_aside
    counted = len(council.members)
    window.recused.setText(
        f"Recused: {', '.join(aside)} — ratings left out "
        f"({council.method} of {count_text(counted, 'member')})"
        if aside
        else ""
    )
    window.recused.setVisible(bool(aside))
    decision = case.decision
    if decision is not None:
        when = f", {long_date_text(decision.date)}" if decision.date else ""
        review = (
            f"  ·  review by {long_date_text(decision.review_by)}" if decision.review_by else ""
        )
        window.decision.setText(f"Decided: {title(decision.outcome)}{when}{review}")
        window.decision.setStyleSheet(
            f"color: {outcome_colour(decision.outcome, palette, framework).name()};"
        )
    else:
        window.decision.setText("")
    window.decision.setVisible(decision is not None)
    for label in (window.quorum, window.tally, window.recused, window.decision, window.reason):
        label.setAccessibleDescription(label.text())


def flag_html(flag: Disagreement, colour: str) -> str:
    low = f"{_e(', '.join(flag.low_members))} rated {rating_text(flag.low)}"
    high = f"{_e(', '.join(flag.high_members))} rated {rating_text(flag.high)}"
    return (
        f"<div style='margin-top:0.4em; color:{colour}'><b>{_e(flag.label)}</b><br>"
        f"{low}  ·  {high}</div>"
    )
