"""The PySide6 desktop app: a thin layer over the core, with no decision rules of its own.

Importing it first makes sure the Qt binding cannot free Python's ``None`` under a member's
feet (see ``shiboken_refcount``): every window, dialog and test reaches Qt through here.
"""

from council_app.ui.shiboken_refcount import protect_singletons

protect_singletons()
