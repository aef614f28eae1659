"""Argument types shared by the command groups: a refusal here is a usage error (exit 2)."""

from __future__ import annotations

import argparse
from datetime import date


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None


# Large enough for any count, id or seed a council uses; small enough for SQLite (64 bits).
LARGEST = 2**31 - 1


def whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not -LARGEST <= value <= LARGEST:
        raise argparse.ArgumentTypeError(f"{text!r} is too large")
    return value


def positive(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def days(text: str) -> int:
    """A number of days ahead, up to a century."""
    value = whole_number(text)
    if not 0 <= value <= 36_500:
        raise argparse.ArgumentTypeError("must be between 0 and 36500 days")
    return value
