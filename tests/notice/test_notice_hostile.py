"""Register text that would break the Markdown notice, and a notice that would contradict
itself: the notice shows text as written and never says two things that cannot both hold."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from ropa.model import Register
from ropa.notice import render_notice
from ropa.notice._phrases import PHRASES

BASE: dict[str, Any] = {
    "format": "ropa/1",
    "register": {"kind": "controller", "language": "en", "reviewed": "2026-01-15"},
    "organisation": {"name": "Acme", "country": "LV"},
    "data_categories": [{"id": "contact", "name": "Contacts"}],
    "recipients": [{"id": "cloud", "name": "Cloud Inc.", "kind": "processor",
                    "countries": ["US"]}],
    "activities": [
        {"id": "orders", "name": "Orders", "legal_bases": [{"basis": "contract"}],
         "data_categories": ["contact"], "recipients": ["cloud"], "transfers": []},
        {"id": "support", "name": "Support", "legal_bases": [{"basis": "contract"}],
         "data_categories": ["contact"], "recipients": [], "transfers": []},
    ],
}  # fmt: skip


def notice(change: Any, lang: str = "en") -> str:
    data = copy.deepcopy(BASE)
    change(data)
    return render_notice(Register.model_validate(data), lang=lang, fmt="md")


def test_a_description_starting_with_a_code_fence_does_not_open_a_code_block() -> None:
    for fence in ("~~~", "```", "~~~python", "  ~~~"):

        def describe(data: dict[str, Any], fence: str = fence) -> None:
            data["activities"][0]["description"] = f"{fence} the rest is code"

        text = notice(describe)
        assert not [line for line in text.splitlines() if re.match(r" {0,3}(~~~|```)", line)]
        # Every heading after it is still a heading.
        assert "\n## " in text.split("the rest is code", 1)[1]


def test_strike_through_is_shown_as_written() -> None:
    def describe(data: dict[str, Any]) -> None:
        data["activities"][0]["description"] = "~~not struck~~"

    assert r"\~\~not struck\~\~" in notice(describe)


@pytest.mark.parametrize("name", ["# Orders", "> Orders", "- Orders", "+ Orders", "1. Orders",
                                  "  # Orders", "=== Orders"])  # fmt: skip
def test_a_name_that_starts_a_block_stays_text_in_a_list_item(name: str) -> None:
    # The recipient serves one activity of two: the notice lists that activity's name under it.
    def rename(data: dict[str, Any]) -> None:
        data["activities"][0]["name"] = name

    text = notice(rename)
    items = [line for line in text.splitlines() if re.match(r"\s*- ", line)]
    assert items, text
    for item in items:
        content = item.lstrip()[2:]
        assert not re.match(r"(#|>|[-+] |\d+\.|=)", content), item


def _no_recipients_but_a_transfer(recipient: str | None) -> Any:
    def change(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["recipients"] = []
        transfer: dict[str, Any] = {"country": "US", "safeguard": "scc"}
        if recipient is not None:
            transfer["recipient"] = recipient
        data["activities"][0]["transfers"] = [transfer]

    return change


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("recipient", ["cloud", None])
def test_a_transfer_is_never_beside_we_do_not_disclose(lang: str, recipient: str | None) -> None:
    text = notice(_no_recipients_but_a_transfer(recipient), lang)
    assert PHRASES[lang].no_recipients not in text
    if recipient is not None:
        # the recipient the transfer names is a recipient (its English name marked in lv)
        assert {"lv": "**\\[en\\] Cloud Inc.**", "en": "**Cloud Inc.**"}[lang] in text


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_no_recipients_and_no_transfers_say_we_do_not_disclose(lang: str) -> None:
    def none(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity["recipients"] = []

    assert PHRASES[lang].no_recipients in notice(none, lang)


def test_a_name_ending_in_hashes_keeps_them_in_its_heading() -> None:
    def rename(data: dict[str, Any]) -> None:
        data["activities"][0]["name"] = "Orders ##"

    text = notice(rename)
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert any(line.endswith("Orders \\#\\#") for line in headings), headings
