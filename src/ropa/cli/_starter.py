"""The starter register `ropa init` writes: every field commented with the Art. 30 item it
answers, in the language asked for.

The register's shape is here; its words are the catalogue's: the first comment is
`init.header`, each field's comment `init.comment.<section>.<field>`, each sample text
`init.sample.<section>.<field>`. A language with a catalogue has a starter register.
"""

from __future__ import annotations

import json
import re

from ropa.text.messages import message

__all__ = ["starter"]

# Each line: its YAML, with `{section.field}` standing for a sample text of the catalogue
# (`{lang}` and `{today}` for the language and the date), and the id of its comment.
_LINES: tuple[tuple[str, str | None], ...] = (
    ("# yaml-language-server: $schema=ropa.schema.json", None),
    ("#", "init.header"),
    ("format: ropa/1", "init.comment.format"),
    ("register:", "init.comment.register"),
    ("  kind: controller", "init.comment.register.kind"),
    ('  version: "0.1"', "init.comment.register.version"),
    ("  language: {lang}", "init.comment.register.language"),
    ("  reviewed: {today}", "init.comment.register.reviewed"),
    ("", None),
    ("organisation:", "init.comment.organisation"),
    ("  name: {organisation.name}", "init.comment.organisation.name"),
    ("  address: {organisation.address}", "init.comment.organisation.address"),
    ("  country: LV", "init.comment.organisation.country"),
    ("  contact:", "init.comment.organisation.contact"),
    ("    email: {organisation.email}", "init.comment.organisation.email"),
    ("  dpo: null", "init.comment.organisation.dpo"),
    ("", None),
    ("data_subjects:", "init.comment.data_subjects"),
    ("  - id: customers", "init.comment.data_subjects.id"),
    ("    name: {data_subjects.name}", "init.comment.data_subjects.name"),
    ("    includes_children: false", "init.comment.data_subjects.includes_children"),
    ("", None),
    ("data_categories:", "init.comment.data_categories"),
    ("  - id: contact", "init.comment.data_categories.id"),
    ("    name: {data_categories.name}", "init.comment.data_categories.name"),
    ("    examples: {data_categories.examples}", "init.comment.data_categories.examples"),
    ("    special: null", "init.comment.data_categories.special"),
    ("", None),
    ("recipients:", "init.comment.recipients"),
    ("  - id: it_provider", "init.comment.recipients.id"),
    ("    name: {recipients.name}", "init.comment.recipients.name"),
    ("    kind: processor", "init.comment.recipients.kind"),
    ("    contract: DPA-0001", "init.comment.recipients.contract"),
    ("    countries: [LV]", "init.comment.recipients.countries"),
    ("", None),
    ("retention_rules:", "init.comment.retention_rules"),
    ("  - id: contract_plus_3y", "init.comment.retention_rules.id"),
    ("    name: {retention_rules.name}", "init.comment.retention_rules.name"),
    ("    period: P3Y", "init.comment.retention_rules.period"),
    ("    starts: {retention_rules.starts}", "init.comment.retention_rules.starts"),
    ("    basis: {retention_rules.basis}", "init.comment.retention_rules.basis"),
    ("", None),
    ("security_measures:", "init.comment.security_measures"),
    ("  - id: access_control", "init.comment.security_measures.id"),
    ("    name: {security_measures.name}", "init.comment.security_measures.name"),
    ("    kind: technical", "init.comment.security_measures.kind"),
    ("", None),
    ("activities:", "init.comment.activities"),
    ("  - id: customer_service", "init.comment.activities.id"),
    ("    name: {activities.name}", "init.comment.activities.name"),
    ("    purpose: customer_care", "init.comment.activities.purpose"),
    ("    legal_bases:", "init.comment.activities.legal_bases"),
    ("      - basis: contract", "init.comment.activities.basis"),
    ("    data_subjects: [customers]", "init.comment.activities.data_subjects"),
    ("    data_categories: [contact]", "init.comment.activities.data_categories"),
    ("    sources: [data_subject]", "init.comment.activities.sources"),
    ("    requirement: {kind: contractual, obliged: true}", "init.comment.activities.requirement"),
    ("    recipients: [it_provider]", "init.comment.activities.recipients"),
    ("    transfers: []", "init.comment.activities.transfers"),
    ("    retention: contract_plus_3y", "init.comment.activities.retention"),
    ("    security_measures: [access_control]", "init.comment.activities.security_measures"),
    ("    owner: {activities.owner}", "init.comment.activities.owner"),
    ("    reviewed: {today}", "init.comment.activities.reviewed"),
)

_COMMENT_COLUMN = 32
"""Where the comments start, as far as the YAML before them lets them."""
_SAMPLE = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")
# A text YAML reads as text when written plain: no indicator first, no `: ` or ` #` inside,
# and not a word YAML would read as null, a boolean or a number.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:(?!: | #)[^\n])*(?<![\s:])")
_NOT_TEXT = re.compile(r"(?i:null|~|true|false|yes|no|on|off)|[-+.0-9][-+.0-9eEoxa-fA-F_:]*")


def starter(lang: str, today: str) -> str:
    """The starter register in `lang`, reviewed on `today` (YYYY-MM-DD)."""

    def filled(match: re.Match[str]) -> str:
        name = match[1]
        if name == "lang":
            return lang
        if name == "today":
            return today
        return _scalar(message(f"init.sample.{name}", lang))

    lines = []
    for yaml_part, comment in _LINES:
        if comment is None:
            lines.append(yaml_part)
            continue
        said = message(comment, lang)
        if yaml_part == "#":
            lines.append(f"# {said}")
            continue
        code = _SAMPLE.sub(filled, yaml_part)
        gap = " " * max(_COMMENT_COLUMN - len(code), 3)
        lines.append(f"{code}{gap}# {said}")
    return "\n".join(lines) + "\n"


def _scalar(text: str) -> str:
    """`text` as a YAML value: plain when YAML reads it back as this text, else quoted."""
    if _PLAIN.fullmatch(text) and not _NOT_TEXT.fullmatch(text):
        return text
    return json.dumps(text, ensure_ascii=False)
