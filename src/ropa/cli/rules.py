"""`ropa rules [CODE]`: list the rule catalogue, or print one rule's page."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ropa.cli._common import add_lang, fail, help_text, language, words
from ropa.text.grammar import cite

if TYPE_CHECKING:
    from ropa.findings import Rule


def add_parser(subparsers: Any) -> None:
    """Declare `ropa rules`."""
    parser = subparsers.add_parser(
        "rules",
        help=help_text("help.rules"),
        description=words("help.rules.description"),
    )
    parser.add_argument("code", nargs="?", metavar="CODE", help=help_text("help.rules.code"))
    add_lang(parser, "help.rules.lang")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the catalogue or one page; exit 2 for a code that is not in the catalogue."""
    from ropa import rule_docs
    from ropa.rules import RULES, get

    if args.code is None:
        sys.stdout.write(catalogue(RULES, language(args.lang)))
        return 0
    from ropa.rules import nearest_code
    from ropa.text.messages import msg

    wanted = args.code.strip().upper()
    try:
        code = get(wanted).code
    except KeyError:
        nearest = nearest_code(wanted)
        hint = (
            msg("cli.rules.nearest", nearest=nearest)
            if nearest
            else msg("cli.rules.range", first=min(RULES), last=max(RULES))
        )
        return fail(msg("cli.rules.unknown", code=args.code, hint=hint))

    try:
        page = rule_docs.page(code)
    except LookupError:  # pragma: no cover - every rule has a page (tests/test_rule_docs.py)
        return fail(msg("cli.rules.no_page", code=code))
    lang = language(args.lang)
    if lang != PAGE_LANGUAGE:
        sys.stdout.write(_page_heading(RULES[code], lang))
    sys.stdout.write(page)
    return 0


PAGE_LANGUAGE = "en"
"""The language the rule pages (`src/ropa/rule_docs/*.md`) are written in."""


def _page_heading(rule: Rule, lang: str) -> str:
    """What comes before a page asked for in another language than the pages': the rule in
    `lang`, and a line that says the page follows untranslated, marked with its language as
    the workbook marks such text (never an English page passed off as the language asked
    for)."""
    from ropa.text.messages import message

    said = message(
        "cli.rules.heading", lang, code=rule.code, title=rule.title(lang),
        article=cite(rule.article, lang),
    )  # fmt: skip
    note = message("cli.rules.page_untranslated", lang, page_lang=PAGE_LANGUAGE)
    return f"{said}\n{note}\n\n"


def catalogue(rules: Mapping[str, Rule], lang: str = "en") -> str:
    """One aligned line per rule: code, severity, slug, article, title in `lang`."""
    rows = [
        (rule.code, rule.severity.value, rule.slug, cite(rule.article, lang), rule.title(lang))
        for rule in (rules[code] for code in sorted(rules))
    ]
    if not rows:
        return ""
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    return "\n".join(lines) + "\n"
