"""Right-to-left text: the order in which a line's characters are drawn (Unicode bidi, UAX #9).

reportlab 5.1 has its own right-to-left support, but it needs ``rlbidi``, which is not on PyPI,
and even with it leaves bidi sorting off for paragraphs of more than one style (its
``bidiSort = False #doBidi``), which every memo paragraph with bold or a fallback face is. So the
memo keeps reportlab's line breaking, which works in logical order, and reorders each line just
before it is drawn, with python-bidi's implementation of the Unicode algorithm: rules X1–I2 give
each character its embedding level over the whole line, L1–L2 reverse the runs, L4 mirrors
brackets. Arabic is joined before that, in logical order (see :mod:`council_app.memo.scripts`),
so the joined shapes are measured when lines are broken and simply travel with their letters.

The rules run on one line at a time with the paragraph's own direction, as UAX #9 prescribes
(L1–L2 apply per line): a Hebrew paragraph of three lines reads from the right on each line,
and an English sentence that quotes a Hebrew name keeps the name's letters, and its words,
from right to left inside the left-to-right line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms: a paragraph without any
# of these needs no reordering, and most memo paragraphs are spared the work.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def has_right_to_left(text: str) -> bool:
    return not text.isascii() and _RIGHT_TO_LEFT.search(text) is not None


def is_right_to_left(text: str) -> bool:
    """The paragraph's direction: that of its first strong character (UAX #9, P2–P3)."""
    from bidi import get_base_level

    return bool(get_base_level(text)) if text else False


def visual_order(text: str, *, right_to_left: bool) -> list[tuple[int, str]]:
    """One line's characters in drawing order, left to right: (index in ``text``, character
    as drawn, mirrored where the rules say). Invisible controls the rules remove are left out."""
    from bidi import algorithm as uba

    storage = uba.get_empty_storage()
    storage["base_level"] = 1 if right_to_left else 0
    storage["base_dir"] = "R" if right_to_left else "L"
    uba.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    uba.explicit_embed_and_overrides(storage)
    uba.resolve_weak_types(storage)
    uba.resolve_neutral_types(storage, False)
    uba.resolve_implicit_levels(storage, False)
    uba.reorder_resolved_levels(storage, False)
    uba.apply_mirroring(storage, False)
    return _marks_after_their_letters([(c["index"], c["ch"], c["level"]) for c in storage["chars"]])


def _marks_after_their_letters(chars: list[tuple[int, str, int]]) -> list[tuple[int, str]]:
    """A reversed run puts a combining mark (a Hebrew vowel point, an Arabic haraka) before its
    letter; drawn that way it would sit on the letter to its left. Put it back after its base."""
    out: list[tuple[int, str]] = []
    marks: list[tuple[int, str]] = []
    for index, char, level in chars:
        if level % 2 and unicodedata.category(char) in ("Mn", "Me"):
            marks.append((index, char))
            continue
        out.append((index, char))
        out += marks
        marks = []
    return out + marks


def draw_order(lines: list[Any], *, right_to_left: bool) -> list[Any]:
    """reportlab's broken lines (logical order) as they are drawn: each line reordered.

    A line is either ``(extra space, [words])`` (a paragraph of one style) or a line object whose
    ``words`` are style fragments; fragments are split where the reordering separates them.
    """
    out = []
    for line in lines:
        if isinstance(line, tuple):
            extra, words = line
            drawn = "".join(
                c for _, c in visual_order(" ".join(words), right_to_left=right_to_left)
            )
            out.append((extra, [drawn]))
        else:
            out.append(line.clone(words=_draw_fragments(line.words, right_to_left)))
    return out


def _draw_fragments(fragments: list[Any], right_to_left: bool) -> list[Any]:
    text: list[str] = []
    owner: list[int] = []
    kept: list[Any] = []  # fragments without text (anchors, images) stay in front
    for number, fragment in enumerate(fragments):
        piece = getattr(fragment, "text", None)
        if piece is None or hasattr(fragment, "cbDefn"):
            kept.append(fragment)
            continue
        text.append(piece)
        owner += [number] * len(piece)
    runs: list[tuple[int, list[str]]] = []
    for index, char in visual_order("".join(text), right_to_left=right_to_left):
        if runs and runs[-1][0] == owner[index]:
            runs[-1][1].append(char)
        else:
            runs.append((owner[index], [char]))
    return kept + [fragments[number].clone(text="".join(chars)) for number, chars in runs]
