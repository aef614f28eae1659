"""A fingerprint of the case record a memo was made from.

SHA-256 over the case in the exchange format, serialised canonically (sorted keys, no spaces,
UTF-8). Any edit to the case changes it; the same record always gives the same fingerprint, so
a reader holding two memos can tell whether they describe the same version of the case.
"""

from __future__ import annotations

import hashlib
import json

from council_app.case import Case
from council_app.library.exchange import case_to_json


def case_fingerprint(case: Case) -> str:
    canonical = json.dumps(
        case_to_json(case), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
