"""Frameworks of other shapes than the shipped one, written from resources/framework.toml.

``revised_outcomes_toml()``: the shipped framework as version 2027.1, with Restrict renamed
"Restrict the use", recorded only with a condition and reviewed in six months, and "Escalate
to the board" added: a revision a library adopts while cases assessed under 2026.1 are open.

``SIXFOLD``: six considerations (``sustainability`` added, a concern), four principles of other
names (``dignity``, ``data_care``, ``wellbeing``, ``candour``), a red line on ``candour``, an
outcome ``escalate`` ("Escalate to the board") between restrict and decline with a band of its
own, and a deferral keyed ``pause`` marked ``defers = true`` (there is no ``defer``).

``PLAIN``: four considerations (``use_case``, ``harm``, ``actions``, ``sustainability``), no
principles and so no derived consideration, no ``geopolitics``; no outcome is marked ``defers``, so
the outcome keyed ``defer`` is the deferral.

``LIKERT``: the shipped framework on a 1–5 scale (every red-line bound one up), so the same
judgement is the same number one higher: its index and recommendation must not change.
"""

from __future__ import annotations

import re

from council_app import resources
from council_app.framework import Framework, parse_framework

BUNDLED = resources.read_text(resources.FRAMEWORK_FILE)

SUSTAINABILITY = """
[[considerations]]
key = "sustainability"
title = "Environmental sustainability"
short_title = "Sustainability"
direction = "concern"
description = "The deployment's footprint: energy, hardware, and what it does to the places it runs in."
questions = [
  "How much energy and hardware does the deployment need, and from where?",
  "Could the use speed up harm to an environment people depend on?",
]
levels = [
  "No environmental bearing beyond ordinary office use.",
  "A small footprint, measured and offset.",
  "A notable footprint, or an effect on a local environment, not yet addressed.",
  "A heavy footprint or lasting damage to an environment people depend on.",
  "The use depends on serious, irreversible environmental harm.",
]
"""


def _principle(key: str, title: str) -> str:
    return f'''
[[principles]]
key = "{key}"
title = "{title}"
summary = "{title} is upheld by the use."
questions = ["Does the use uphold {title.lower()}?"]
levels = [
  "{title}: no bearing.",
  "{title}: a remote bearing, well protected.",
  "{title}: could be affected; safeguards are needed.",
  "{title}: likely to be harmed.",
  "{title}: the use depends on harming it.",
]
'''


FOUR_PRINCIPLES = "".join(
    _principle(key, title)
    for key, title in (
        ("dignity", "Dignity"),
        ("data_care", "Data care"),
        ("wellbeing", "Wellbeing"),
        ("candour", "Candour"),
    )
)

# The weights every test computes by hand: a total of 10.
SIXFOLD_WEIGHTS = {
    "use_case": 2,
    "harm": 3,
    "principles": 2,
    "actions": 1,
    "geopolitics": 1,
    "sustainability": 1,
}


def _between(text: str, start: str, end: str, new: str) -> str:
    """``text`` with everything from ``start`` up to (not including) ``end`` replaced."""
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return head + new + end + tail


def _profiles(weights: dict[str, int]) -> str:
    inline = ", ".join(f"{k} = {v}" for k, v in weights.items())
    ones = ", ".join(f"{k} = 1" for k in weights)
    return f"""[[weight_profiles]]
key = "balanced"
title = "Balanced"
weights = {{ {inline} }}

[[weight_profiles]]
key = "equal"
title = "Equal weights"
weights = {{ {ones} }}
"""


PRINCIPLES_HEADER = "# ---------------------------------------------------------------------------------------------\n# The five guiding principles"
GROUPS_HEADER = "# ---------------------------------------------------------------------------------------------\n# Stakeholder groups"
SCORING_HEADER = "# ---------------------------------------------------------------------------------------------\n# Scoring:"
VOTING_HEADER = "# ---------------------------------------------------------------------------------------------\n# Voting:"

ESCALATE = """[[outcomes]]
key = "escalate"
title = "Escalate to the board"
description = "The council puts the case to the board, which decides."
review_months = 6

"""


def sixfold_toml() -> str:
    text = BUNDLED.replace(PRINCIPLES_HEADER, SUSTAINABILITY + "\n" + PRINCIPLES_HEADER, 1)
    text = _between(text, "[[principles]]", GROUPS_HEADER, FOUR_PRINCIPLES.lstrip() + "\n")
    text = text.replace('[[outcomes]]\nkey = "decline"', ESCALATE + '[[outcomes]]\nkey = "decline"')
    text = text.replace(
        'key = "defer"\ntitle = "Defer"',
        'key = "pause"\ntitle = "Pause for information"',
    )
    text = text.replace(
        '  { below = 75, outcome = "restrict" },\n',
        '  { below = 70, outcome = "restrict" },\n  { below = 85, outcome = "escalate" },\n',
    )
    text = text.replace(
        VOTING_HEADER,
        """[[red_lines]]
key = "candour_doubted"
description = "Candour in serious doubt"
floor = "escalate"
conditions = [
  { target = "candour", at_least = 3 },
]

"""
        + VOTING_HEADER,
    )
    head = text.split("[[weight_profiles]]", 1)[0]
    return head + _profiles(SIXFOLD_WEIGHTS)


RESTRICT_SHIPPED = """key = "restrict"
title = "Restrict"
description = "Only a narrowed form of the use may go ahead; the rest is declined."
review_months = 12
"""
RESTRICT_REVISED = """key = "restrict"
title = "Restrict the use"
description = "Only a narrowed form of the use may go ahead; the rest is declined."
review_months = 6
requires_conditions = true
"""


def revised_outcomes_toml() -> str:
    assert RESTRICT_SHIPPED in BUNDLED and 'version = "2026.1"\n' in BUNDLED
    text = BUNDLED.replace('version = "2026.1"\n', 'version = "2027.1"\n', 1)
    text = text.replace(RESTRICT_SHIPPED, RESTRICT_REVISED, 1)
    return text.replace('[[outcomes]]\nkey = "decline"', ESCALATE + '[[outcomes]]\nkey = "decline"')


def plain_toml() -> str:
    """Four considerations, no principles at all."""
    text = BUNDLED.replace(PRINCIPLES_HEADER, SUSTAINABILITY + "\n" + PRINCIPLES_HEADER, 1)
    # No derived consideration and no geopolitics.
    text = _remove_consideration(text, "principles")
    text = _remove_consideration(text, "geopolitics")
    text = _between(text, "[[principles]]", GROUPS_HEADER, "")
    text = text.replace("[framework]\n", "principles = []\n\n[framework]\n", 1)
    # No outcome marked: the outcome keyed "defer" is the deferral.
    text = text.replace("defers = true\n", "")
    text = _between(
        text,
        '[[red_lines]]\nkey = "principle_at_top"',
        '[[red_lines]]\nkey = "severe_harm_unmitigated"',
        "",
    )
    head = text.split("[[weight_profiles]]", 1)[0]
    return head + _profiles({"use_case": 1, "harm": 2, "actions": 1, "sustainability": 1})


def _remove_consideration(text: str, key: str) -> str:
    pattern = re.compile(
        r'\[\[considerations\]\]\nkey = "' + re.escape(key) + r'"\n.*?(?=\n\[\[|\n# ---)',
        re.DOTALL,
    )
    found, count = pattern.subn("", text, count=1)
    assert count == 1, key
    return found


def likert_toml() -> str:
    """The shipped framework rated 1–5 rather than 0–4."""
    import tomlkit

    doc = tomlkit.parse(BUNDLED)
    doc["framework"]["version"] = "2027.5"
    doc["framework"]["scale_min"] = 1
    doc["framework"]["scale_max"] = 5
    for line in doc["red_lines"]:
        for condition in line["conditions"]:
            for bound in ("at_least", "at_most"):
                if bound in condition:
                    condition[bound] = condition[bound] + 1
    return tomlkit.dumps(doc)


SIXFOLD: Framework = parse_framework(sixfold_toml(), source="sixfold.toml")
PLAIN: Framework = parse_framework(plain_toml(), source="plain.toml")
LIKERT: Framework = parse_framework(likert_toml(), source="likert.toml")
