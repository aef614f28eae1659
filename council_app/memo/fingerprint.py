"""A fingerprint of the case record a memo was made from.

SHA-256 over the case in the exchange format, serialised canonically (sorted keys, no spaces,
UTF-8). Any edit to the case changes it; the same record always gives the same fingerprint, so
a reader holding two memos can tell whether they describe the same version of the case. The
audit log records the same fingerprint for every change, so a memo can be traced to the change
that produced its case.
"""

from __future__ import annotations

from council_app.library.exchange import case_fingerprint

__all__ = ["case_fingerprint"]
