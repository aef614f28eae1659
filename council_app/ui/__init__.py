"""The PySide6 desktop app: a thin layer over the core, with no decision rules of its own."""
