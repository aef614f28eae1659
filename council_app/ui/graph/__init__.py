"""The case graph: a case's neighbourhood of links and similar cases, and its legend.

``layout`` places the cases and imports no Qt (so it is tested without a QApplication, and
importing this package costs nothing); ``items`` draws them; ``view`` is the widget the
Precedents step embeds; ``legend`` says what the colours and lines mean.
"""
