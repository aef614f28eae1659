"""How the tests look for personal data in what leaves the council: independently of the rule."""

from __future__ import annotations

import re
import unicodedata

EMAILS = ("hannah.brennan@meridian.example.com", "press@calderbridge.example.org")
PHONES = ("+44 20 7946 0958", "(555) 123-4567", "020 7946 0321")


def plain(text: str) -> str:
    """Lower case, without diacritics, one space between words: how a leak is looked for."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def leaks(text: str, people: tuple[str, ...]) -> list[str]:
    found = []
    words = set(re.findall(r"\w+", plain(text)))
    flat = plain(text)
    for person in people:
        name = plain(person)
        if name in flat:
            found.append(person)
        found += [f"{part} ({person})" for part in name.split() if part in words]
    found += re.findall(r"[\w.+-]+@[\w-]+\.\w+", text)
    digits = re.sub(r"\D", "", text)
    found += [p for p in PHONES if re.sub(r"\D", "", p) in digits]
    return found
