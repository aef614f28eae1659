"""How much each kind of likeness counts when precedents are ranked.

The blend is one of the council's settings (:mod:`council_app.council.settings` reads and
writes it), so the council's app and its command line rank precedents the same way; a command
can override it for one run.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from council_app.errors import CouncilError


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
