"""The council's settings, kept in its library: read, checked and written here only.

The app's Settings dialog, ``council-app settings``, the memo and the minutes all go through
this module, so that a council has one name, one letterhead, one quorum rule and one default
weight profile, whichever of them shows it. The default weight profile is what every score of
the library is made with unless someone explores other weights: the workspace, the sitting, the
presenter, the memo, the minutes and ``council-app score`` read it through
:func:`weights_in_force`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace

from council_app.council.quorum import (
    DEFAULT_RULE,
    QUORUM_COMPOSITION_KEY,
    QUORUM_RULE_KEY,
    check_rule,
    composition_key,
    parse_composition,
)
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library.case_library import CaseLibrary
from council_app.precedent.settings import BlendError, BlendWeights
from council_app.scoring.weights import Weights, profile_weights

DEFAULT_COUNCIL_NAME = "Ethical Use Advisory Council"
COUNCIL_NAME_KEY = "council_name"
LETTERHEAD_KEY = "letterhead"
DEFAULT_PROFILE_KEY = "default_profile"
BLEND_KEY = "precedent_blend"
LANGUAGE_KEY = "language"
PAGE_SIZE_KEY = "page_size"
# What ``council-app settings KEY VALUE`` may set, in the order it lists them.
SETTING_KEYS = (
    COUNCIL_NAME_KEY,
    LETTERHEAD_KEY,
    DEFAULT_PROFILE_KEY,
    QUORUM_RULE_KEY,
    BLEND_KEY,
    LANGUAGE_KEY,
    PAGE_SIZE_KEY,
)
DEFAULT_LANGUAGE = "en"
PAGE_SIZES = ("A4", "Letter")
# A well-formed BCP 47 tag as archives and screen readers use them: a language, then optional
# script, region and variants (RFC 5646 section 2.1, with ISO 639 languages only, without
# extensions and private use).
_LANGUAGE_TAG = re.compile(
    r"(?P<language>[a-z]{2,3})(-(?P<script>[a-z]{4}))?(-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?P<variants>(-([a-z0-9]{5,8}|\d[a-z0-9]{3}))*)",
    re.IGNORECASE,
)


class SettingsError(CouncilError):
    """A setting cannot take the value given; the message says why."""


@dataclass(frozen=True)
class CouncilSettings:
    council_name: str = DEFAULT_COUNCIL_NAME
    letterhead: str = ""  # a second line under the council's name, e.g. the organisation
    default_profile: str | None = None  # a weight profile key; None: the framework's default
    quorum_rule: str = DEFAULT_RULE
    # Members of a kind the quorum also asks for, as stored ("1:external"; "" for none).
    quorum_composition: str = ""
    # How much each likeness counts when precedents are ranked (the app and the CLI alike).
    precedent_blend: BlendWeights = field(default_factory=BlendWeights)
    # The language memos and minutes are written in (a BCP 47 tag: their /Lang and HTML lang),
    # so that a screen reader reads them in the right voice.
    language: str = DEFAULT_LANGUAGE
    page_size: str = "A4"  # one of PAGE_SIZES: what the council's printers take

    def profile_key(self, framework: Framework) -> str:
        """The weight profile in force: the library's default if the framework has it."""
        known = {p.key for p in framework.weight_profiles}
        if self.default_profile in known:
            return str(self.default_profile)
        return framework.default_profile_key

    def value(self, key: str, framework: Framework) -> str:
        if key == DEFAULT_PROFILE_KEY:
            return self.profile_key(framework)
        if key == QUORUM_RULE_KEY:
            return self.quorum_rule
        if key == BLEND_KEY:
            return ",".join(f"{k}={v:g}" for k, v in asdict(self.precedent_blend).items())
        if key == LANGUAGE_KEY:
            return self.language
        if key == PAGE_SIZE_KEY:
            return self.page_size
        return self.council_name if key == COUNCIL_NAME_KEY else self.letterhead


def _blend(stored: str | None) -> BlendWeights:
    if not stored:
        return BlendWeights()
    try:
        values = json.loads(stored)
        return BlendWeights(
            **{f.name: float(values[f.name]) for f in fields(BlendWeights) if f.name in values}
        )
    except (ValueError, TypeError, BlendError):
        return BlendWeights()  # a damaged setting falls back to the defaults, not to an error


def load_settings(library: CaseLibrary) -> CouncilSettings:
    return CouncilSettings(
        council_name=library.meta(COUNCIL_NAME_KEY) or DEFAULT_COUNCIL_NAME,
        letterhead=library.meta(LETTERHEAD_KEY) or "",
        default_profile=library.meta(DEFAULT_PROFILE_KEY) or None,
        quorum_rule=library.meta(QUORUM_RULE_KEY) or DEFAULT_RULE,
        quorum_composition=library.meta(QUORUM_COMPOSITION_KEY) or "",
        precedent_blend=_blend(library.meta(BLEND_KEY)),
        language=_kept(language_tag, library.meta(LANGUAGE_KEY), DEFAULT_LANGUAGE),
        page_size=_kept(page_size_name, library.meta(PAGE_SIZE_KEY), PAGE_SIZES[0]),
    )


def _kept(check: Callable[[str], str], stored: str | None, default: str) -> str:
    """A stored value as its check spells it; a damaged one gives the default, as the blend does."""
    try:
        return check(stored) if stored else default
    except SettingsError:
        return default


def language_tag(text: str) -> str:
    """The tag in its usual spelling (``pt-BR``, ``zh-Hant-TW``), or a refusal saying why.

    A tag that is not well formed would give the PDF a /Lang and the HTML a ``lang`` that
    assistive technology cannot use, so it is refused here, where the dialog and the command
    line both ask.
    """
    found = _LANGUAGE_TAG.fullmatch(text.strip())
    if found is None:
        raise SettingsError(
            f"{text.strip()!r} is not a language tag; use a BCP 47 tag such as en, en-GB, de, "
            "fr-CA or zh-Hant."
        )
    parts = [found["language"].lower()]
    if found["script"]:
        parts.append(found["script"].title())
    if found["region"]:
        parts.append(found["region"].upper())
    parts += [v.lower() for v in found["variants"].split("-") if v]
    return "-".join(parts)


def page_size_name(text: str) -> str:
    """``A4`` or ``Letter`` however it is typed, or a refusal naming the sizes there are."""
    for size in PAGE_SIZES:
        if text.strip().lower() == size.lower():
            return size
    raise SettingsError(
        f"There is no page size {text.strip()!r}; the sizes are {', '.join(PAGE_SIZES)}."
    )


def checked(settings: CouncilSettings, framework: Framework) -> CouncilSettings:
    """The settings with their text trimmed, or a refusal naming what cannot be saved."""
    name = settings.council_name.strip()
    if not name:
        raise SettingsError("The council's name cannot be empty.")
    profile = settings.default_profile
    if profile is not None:
        profile = profile.strip()
        known = [p.key for p in framework.weight_profiles]
        if profile not in known:
            raise SettingsError(
                f"There is no weight profile {profile!r}; the profiles are {', '.join(known)}."
            )
    try:
        rule = check_rule(settings.quorum_rule)
        composition = composition_key(parse_composition(settings.quorum_composition))
    except CouncilError as error:
        raise SettingsError(str(error)) from None
    return CouncilSettings(
        name,
        settings.letterhead.strip(),
        profile,
        rule,
        composition,
        settings.precedent_blend,
        language_tag(settings.language),
        page_size_name(settings.page_size),
    )


def save_settings(
    library: CaseLibrary, framework: Framework, settings: CouncilSettings
) -> CouncilSettings:
    """Check the settings, then write them all in one transaction; returns what was saved."""
    settings = checked(settings, framework)
    with library.write(what="the council's settings changed"):
        library.set_meta(COUNCIL_NAME_KEY, settings.council_name)
        library.set_meta(LETTERHEAD_KEY, settings.letterhead)
        library.set_meta(DEFAULT_PROFILE_KEY, settings.profile_key(framework))
        library.set_meta(QUORUM_RULE_KEY, settings.quorum_rule)
        # Against the members as the library holds them now (saved first by the app).
        from council_app.council.sessions import SessionError, set_quorum_composition

        try:
            set_quorum_composition(library, parse_composition(settings.quorum_composition))
        except SessionError as error:
            raise SettingsError(str(error)) from None
        library.set_meta(BLEND_KEY, json.dumps(asdict(settings.precedent_blend)))
        library.set_meta(LANGUAGE_KEY, settings.language)
        library.set_meta(PAGE_SIZE_KEY, settings.page_size)
    return settings


def set_setting(
    library: CaseLibrary, framework: Framework, key: str, value: str
) -> CouncilSettings:
    """Change one setting by its key (as ``council-app settings KEY VALUE`` does)."""
    current = load_settings(library)
    if key == COUNCIL_NAME_KEY:
        changed = replace(current, council_name=value)
    elif key == LETTERHEAD_KEY:
        changed = replace(current, letterhead=value)
    elif key == DEFAULT_PROFILE_KEY:
        changed = replace(current, default_profile=value)
    elif key == QUORUM_RULE_KEY:
        changed = replace(current, quorum_rule=value)
    elif key == BLEND_KEY:
        try:
            blend = BlendWeights.parse(value, current.precedent_blend)
        except BlendError as error:
            raise SettingsError(str(error)) from None
        changed = replace(current, precedent_blend=blend)
    elif key == LANGUAGE_KEY:
        changed = replace(current, language=value)
    elif key == PAGE_SIZE_KEY:
        changed = replace(current, page_size=value)
    else:
        raise SettingsError(
            f"There is no setting {key!r}; the settings are {', '.join(SETTING_KEYS)}."
        )
    return save_settings(library, framework, changed)


def load_blend(library: CaseLibrary) -> BlendWeights:
    """How precedents are ranked in this library."""
    return _blend(library.meta(BLEND_KEY))


def save_blend(library: CaseLibrary, blend: BlendWeights) -> None:
    library.set_meta(BLEND_KEY, json.dumps(asdict(blend)))


def weights_in_force(framework: Framework, settings: CouncilSettings) -> Weights:
    """The weights every score of the library is made with: its default weight profile."""
    return profile_weights(framework, settings.profile_key(framework))


__all__ = [
    "BLEND_KEY",
    "COUNCIL_NAME_KEY",
    "DEFAULT_COUNCIL_NAME",
    "DEFAULT_LANGUAGE",
    "DEFAULT_PROFILE_KEY",
    "LANGUAGE_KEY",
    "LETTERHEAD_KEY",
    "PAGE_SIZES",
    "PAGE_SIZE_KEY",
    "SETTING_KEYS",
    "CouncilSettings",
    "SettingsError",
    "checked",
    "language_tag",
    "load_blend",
    "load_settings",
    "page_size_name",
    "save_blend",
    "save_settings",
    "set_setting",
    "weights_in_force",
]
