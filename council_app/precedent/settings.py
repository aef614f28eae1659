"""How much each kind of likeness counts when precedents are ranked.

The blend is a setting of the library (kept in ``library_meta``), so the council's app and its
command line rank precedents the same way; a command can override it for one run.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields

from council_app.errors import CouncilError
from council_app.library import CaseLibrary

META_KEY = "precedent_blend"


class BlendError(CouncilError):
    """The blend weights given cannot be used."""


@dataclass(frozen=True)
class BlendWeights:
    text: float = 0.35  # the words the cases share (bm25 over the key terms)
    ratings: float = 0.25  # how close the rating profiles are
    facts: float = 0.25  # shared tags and regions, same product and sector
    graph: float = 0.15  # explicit links between the cases

    def __post_init__(self) -> None:
        values = asdict(self)
        negative = [k for k, v in values.items() if v < 0]
        if negative:
            raise BlendError(f"Blend weights are 0 or more; {', '.join(negative)} is negative.")
        if sum(values.values()) <= 0:
            raise BlendError("At least one blend weight must be above zero.")

    @classmethod
    def parse(cls, text: str, base: BlendWeights | None = None) -> BlendWeights:
        """``text=0.5,graph=0.2`` as typed; parts not named keep their value in ``base``."""
        values = asdict(base or cls())
        names = [f.name for f in fields(cls)]
        for part in (p for p in text.split(",") if p.strip()):
            match = re.fullmatch(r"\s*(\w+)\s*[=:]\s*(-?[0-9.]+)\s*", part)
            if not match or match.group(1) not in names:
                raise BlendError(
                    f"Cannot read {part.strip()!r}; give parts of the blend as "
                    f"{', '.join(f'{n}=0.3' for n in names)}."
                )
            try:
                values[match.group(1)] = float(match.group(2))
            except ValueError:
                raise BlendError(f"{match.group(2)!r} is not a number.") from None
        return cls(**values)


def load_blend(library: CaseLibrary) -> BlendWeights:
    stored = library.meta(META_KEY)
    if not stored:
        return BlendWeights()
    try:
        values = json.loads(stored)
        return BlendWeights(
            **{f.name: float(values[f.name]) for f in fields(BlendWeights) if f.name in values}
        )
    except (ValueError, TypeError, BlendError):
        return BlendWeights()  # a damaged setting falls back to the defaults, not to an error


def save_blend(library: CaseLibrary, blend: BlendWeights) -> None:
    library.set_meta(META_KEY, json.dumps(asdict(blend)))
