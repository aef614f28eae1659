"""A condition's status changes and evidence as JSON: one form for the library's rows, the
exchange format and the audit log's record of a case, so the three cannot drift apart.

Only what says something is written (an empty note is left out), as everywhere in the
exchange format, so a case whose conditions carry no history reads as it did before they could.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from council_app.case import Evidence, StatusChange


def _put(obj: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "" or value == 0:
        return
    obj[key] = value.isoformat() if isinstance(value, date) else value


def history_to_json(history: Iterable[StatusChange]) -> list[dict[str, Any]]:
    out = []
    for change in history:
        item: dict[str, Any] = {"status": change.status, "on": change.on.isoformat()}
        _put(item, "by", change.by)
        _put(item, "note", change.note)
        out.append(item)
    return out


def evidence_to_json(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    out = []
    for e in evidence:
        item: dict[str, Any] = {"added_on": e.added_on.isoformat()}
        _put(item, "note", e.note)
        _put(item, "added_by", e.added_by)
        _put(item, "file_name", e.file_name)
        _put(item, "sha256", e.sha256)
        _put(item, "size", e.size)
        _put(item, "media_type", e.media_type)
        _put(item, "confidentiality", e.confidentiality)
        out.append(item)
    return out


def history_from_json(items: Sequence[Mapping[str, Any]]) -> tuple[StatusChange, ...]:
    return tuple(
        StatusChange(
            status=str(i["status"]),
            on=date.fromisoformat(i["on"]),
            by=str(i.get("by", "")),
            note=str(i.get("note", "")),
        )
        for i in items
    )


def evidence_from_json(items: Sequence[Mapping[str, Any]]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(
            added_on=date.fromisoformat(i["added_on"]),
            note=str(i.get("note", "")),
            added_by=str(i.get("added_by", "")),
            file_name=str(i.get("file_name", "")),
            sha256=str(i.get("sha256", "")),
            size=int(i.get("size", 0)),
            media_type=str(i.get("media_type", "")),
            confidentiality=str(i.get("confidentiality", "")),
        )
        for i in items
    )
