"""The redaction rule: members found by any of their names, contacts removed, nothing else."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from council_app.library.redaction import (
    EMAIL_LEFT_OUT,
    ORDINARY_WORDS,
    PHONE_LEFT_OUT,
    TITLE_LEFT_OUT,
    Redaction,
)

PEOPLE = ("Zofia Nowak", "Élodie Marchand", "Mateo García", "Jonas Lindqvist", "Will Hardy")


def rule() -> Redaction:
    return Redaction(PEOPLE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nowak's concern, shared by Jonas Lindqvist.", "Member A's concern, shared by Member B."),
        ("see Mateo's rating", "see Member A's rating"),
        ("As Élodie said", "As Member A said"),
        ("As Elodie said", "As Member A said"),
        ("ÉLODIE MARCHAND objected", "Member A objected"),
        ("élodie's point", "Member A's point"),
        # A decomposed é (e + combining acute) is the same letter.
        (unicodedata.normalize("NFD", "Élodie agreed"), "Member A agreed"),
        ("GARCIA and garcía", "Member A and Member A"),
        ("Mateo García-Lindqvist", "Member A-Member B"),
    ],
)
def test_members_are_found_by_any_of_their_names(text: str, expected: str) -> None:
    assert rule().text(text) == expected


def test_the_same_member_keeps_one_alias_through_a_document() -> None:
    redaction = rule()
    redaction.meet(["Jonas Lindqvist"])
    assert (
        redaction.text("Zofia, then Jonas, then Nowak") == "Member B, then Member A, then Member B"
    )
    assert redaction.alias("Zofia Nowak") == "Member B"
    assert redaction.alias("Member B") == "Member B"  # an alias is never a person


def test_a_given_name_that_is_a_word_is_matched_only_with_a_capital() -> None:
    assert rule().text("The customer will audit it; Will disagreed.") == (
        "The customer will audit it; Member A disagreed."
    )
    assert (
        rule().text("Hardy worked hard; a hardy plant.") == "Member A worked hard; a hardy plant."
    )


def test_words_inside_other_words_and_unknown_names_stay() -> None:
    text = "Nowakowski Street, the Zofiaville depot, and Anna Berg from the customer."
    assert rule().text(text) == text


def test_a_name_two_members_share_becomes_a_member() -> None:
    redaction = Redaction(["Anna Berg", "Anna Holm"])
    assert redaction.text("Anna objected. Berg agreed; so did Anna.") == (
        "A member objected. Member A agreed; so did a member."
    )


@pytest.mark.parametrize(
    "contact",
    [
        "jonas.lindqvist@meridian.example.com",
        "secretary@calderbridge-clf.example.org",
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "(555) 123-4567",
        "555-123-4567",
        "020 7946 0958",
        "07700900123",
        "+1.555.123.4567",
        "01 23 45 67 89",
    ],
)
def test_contacts_are_removed_anywhere_in_text(contact: str) -> None:
    text = rule().text(f"Call or write: {contact}, mornings only.")
    assert contact not in text
    assert text.startswith("Call or write: [")
    assert (EMAIL_LEFT_OUT in text) or (PHONE_LEFT_OUT in text)


@pytest.mark.parametrize(
    "text",
    [
        "Decided 2024-03-13, review by 2025-03-13.",
        "Between 2019-2023 the index was 72.5 of 100.",
        "About 1 200 000 people and 12,500,000 images; 3 of 5 members.",
        "Case EUC-2025-011 cites EUC-2022-010.",
    ],
)
def test_dates_numbers_and_case_ids_are_not_phone_numbers(text: str) -> None:
    assert rule().text(text) == text


def test_another_cases_title_is_shown_only_when_clean() -> None:
    assert rule().other_title("Biometric access control") == "Biometric access control"
    assert rule().other_title("Request raised by Mateo") == TITLE_LEFT_OUT
    assert rule().other_title("Helpline 020 7946 0958 routing") == TITLE_LEFT_OUT


names = st.sampled_from(
    [
        variant
        for person in PEOPLE
        for part in (person, *person.split())
        for variant in (part, part.upper(), part.lower(), part.title())
        # A name that is a word is matched with a capital only (see the test above).
        if not (part.lower() in ORDINARY_WORDS and variant[0].islower())
    ]
)
filler = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs", "Po")), max_size=30)


@given(st.lists(st.tuples(filler, names), min_size=1, max_size=5), filler)
def test_no_name_survives_in_any_text(pieces: list[tuple[str, str]], tail: str) -> None:
    text = "".join(f"{before} {name}'s " for before, name in pieces) + tail
    out = rule().text(text)
    folded = " " + "".join(
        c for c in unicodedata.normalize("NFKD", out.casefold()) if not unicodedata.combining(c)
    )
    for _, name in pieces:
        plain = "".join(
            c
            for c in unicodedata.normalize("NFKD", name.casefold())
            if not unicodedata.combining(c)
        )
        assert f" {plain}'s" not in folded, (text, out)
