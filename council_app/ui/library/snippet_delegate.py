"""Paints a case's title with, during a search, the passage that matched beneath it.

The matched words are bold; the passage is in the palette's muted text colour so that the title
stays the first thing read.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from council_app.ui.library.case_table_model import SNIPPET_HTML_ROLE


class TitleWithSnippetDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        snippet = index.data(SNIPPET_HTML_ROLE)
        if not snippet:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        # The widget is None when the delegate paints outside a view (Qt's stubs say otherwise).
        widget: QWidget | None = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(text_role)
        background = opt.palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        # Two parts text to one part background: muted in light and dark palettes alike.
        muted = QColor(
            (2 * text_colour.red() + background.red()) // 3,
            (2 * text_colour.green() + background.green()) // 3,
            (2 * text_colour.blue() + background.blue()) // 3,
        ).name()
        document = QTextDocument()
        document.setDefaultFont(opt.font)
        document.setDocumentMargin(3)
        # The title keeps to one line so that the passage below it has two.
        title = opt.fontMetrics.elidedText(title, Qt.TextElideMode.ElideRight, opt.rect.width() - 8)
        document.setHtml(
            f"<div>{html.escape(title)}</div><div style='color:{muted}'>{snippet}</div>"
        )
        document.setTextWidth(opt.rect.width())
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(text_role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        # Clip at a line boundary so that no line is cut through its middle.
        margin = document.documentMargin()
        line = opt.fontMetrics.lineSpacing()
        whole_lines = max(1, int((opt.rect.height() - 2 * margin) // line))
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), margin + whole_lines * line))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(SNIPPET_HTML_ROLE):
            lines = 3
            return QSize(size.width(), option.fontMetrics.lineSpacing() * lines + 8)
        return size
