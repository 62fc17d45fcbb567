"""Language lookup, escaping and grammar (`ropa.text`)."""

from __future__ import annotations

from ropa.text import LANGUAGES, not_stated, text_in
from ropa.text.escape import printable, shortened
from ropa.text.grammar import cite, join, latvian_singular


def test_text_in_falls_back_to_the_register_language_then_any() -> None:
    value = {"lv": "Klienti", "en": "Customers"}
    assert text_in(value, "en") == "Customers"
    assert text_in(value, "de", "lv") == "Klienti"
    assert text_in({"de": "Kunden"}, "en", "lv") == "Kunden"
    assert text_in("Klienti", "en") == "Klienti"
    assert text_in(None, "en") is None


def test_the_languages_are_latvian_then_english() -> None:
    assert LANGUAGES == ("lv", "en")
    assert not_stated("lv") == "nav norādīts"
    assert not_stated("en") == "not stated"


def test_latvian_number_agreement() -> None:
    assert [n for n in (1, 2, 11, 21, 101, 111, 1001) if latvian_singular(n)] == [1, 21, 101, 1001]


def test_lists_in_prose_have_no_serial_comma() -> None:
    assert join(["a", "b", "c"], "en") == "a, b and c"
    assert join(["a", "", "b"], "lv") == "a un b"
    assert join(["a"], "en") == "a"


def test_article_citations_in_both_languages() -> None:
    assert cite("30(1)(b)", "en") == "Art. 30(1)(b)"
    assert cite("30(1)(b)", "lv") == "30. panta 1. punkta b) apakšpunkts"
    assert cite("30(1)(f), 5(1)(e)", "lv") == (
        "30. panta 1. punkta f) apakšpunkts, 5. panta 1. punkta e) apakšpunkts"
    )
    assert cite("9", "lv") == "9. pants"
    assert cite("", "lv") == ""


def test_escaping_keeps_terminal_controls_out() -> None:
    assert printable("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert shortened("x" * 100) == "x" * 57 + "..."
    assert shortened("a\nb") == "a\\nb"
