"""The outline (bookmarks) of a memo or minutes, and the links from one part to another.

An archive reader and a screen reader move through a long PDF by its outline; the precedents
table links each case to its entry in the precedents section, where its reasons are.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph


class OutlineEntry(Flowable):
    """A place in the document with an outline entry: it takes no room on the page.

    It keeps with what follows, so that a heading that moves to the next page takes its
    bookmark with it.
    """

    def __init__(self, title: str, key: str, level: int = 0, *, here: bool = True) -> None:
        super().__init__()
        self.title = title
        self.key = key
        self.level = level
        self.here = here  # False: the place is marked elsewhere (see :func:`anchor`)
        self.keepWithNext = True
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        if self.here:
            self.canv.bookmarkHorizontal(self.key, 0, 0)
        self.canv.addOutlineEntry(self.title, self.key, self.level)


def outlined(paragraph: Paragraph, key: str, level: int = 0) -> list[Flowable]:
    """A heading with an outline entry that says what the heading says, word for word (so an
    external version's outline shows no more than its page)."""
    return [OutlineEntry(paragraph.getPlainText(), key, level), paragraph]


def precedent_key(number: int) -> str:
    """The destination of the ``number``-th precedent's entry (numbered, so any case id will do)."""
    return f"precedent-{number}"


def anchor(key: str) -> str:
    """Paragraph markup marking a destination where it stands."""
    return f'<a name="{key}"/>'


def link(key: str, markup: str) -> str:
    """Paragraph markup linking ``markup`` to a destination in the same document."""
    return f'<a href="#{key}" color="#1f3b5c">{markup}</a>'
