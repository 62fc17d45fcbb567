"""The workbook's own words: sheet names, headers, fixed values, as catalogue message ids.

Register text and vocabulary labels come from `ropa.wording` and `ropa.vocab`; this module holds
only what the Excel export itself says. The words themselves are in the message catalogues
(`ropa/locale/<lang>/LC_MESSAGES/ropa.po`): a table here names its keys, in the order the
workbook uses them, and entry `key` of table `NAME` is the message `xlsx.name.key`
(docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ropa.text.grammar import cite
from ropa.text.messages import message, plural


class Table(Mapping[str, str]):
    """Keys in the workbook's order, each mapped to its message id `<group>.<key>`."""

    def __init__(self, group: str, *keys: str) -> None:
        self.group = group
        self._ids = {key: f"{group}.{key}" for key in keys}

    def __getitem__(self, key: str) -> str:
        return self._ids[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


DATA_SHEET = "ropa-data"
"""The title of the sheet a workbook is read back from: the same in every language."""

SHEETS = Table(
    "xlsx.sheets",
    "cover",
    "activities",
    "processor_activities",
    "controllers",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention_rules",
    "security_measures",
    "assessments",
    "transfers",
    "coverage",
    "processor_coverage",
    "rights",
    "findings",
    "waivers",
    "cards",
    "changes",
    "flows",
    "retention_matrix",
)
"""Sheet key -> title (at most 31 characters, none of []:*?/\\ as Excel requires)."""

WORDS = Table(
    "xlsx.words",
    "yes",
    "no",
    "none",
    "none_recorded",
    "whole_register",
    "explicit",
    "covered_categories",
    "dpo_external",
    "dpo_organisation",
    "derogation",
    "impact_assessment",
    "card_item",
    "card_good_practice",
    "card_entry",
    "card_findings",
    "waived",
    "not_applicable",
    "not_available",
    "stated",
    "missing",
    "questioned",
    "applies",
    "conditional",
    "does_not_apply",
    "error",
    "warning",
    "info",
    "good_practice",
    "validation",
    "unknown_id",
    "special",
    "national_id",
    "includes_children",
    "interest",
    "assessment",
    "law",
    "withdrawal",
    "parental_authorisation",
    "covers",
    "recipient",
    "reference",
    "obliged",
    "consequences",
    "contact_url",
    "contact_email",
    "contact_phone",
    "arrangement",
    "authorisation_specific",
    "authorisation_general",
    "controller_record",
    "processor_record",
    "validation_not_run",
    "page",
    "as_of_prefix",
    "inside_eea",
    "cut_marker",
    "cut_notice",
    "not_validated_notice",
    "changes_since",
    "no_changes",
    "title",
    "location",
    "location_row",
    "marked_texts",
    "change_added",
    "change_removed",
    "change_changed",
    "change_reordered",
    "change_item_added",
    "change_item_removed",
    "cover_found",
    "cover_contents",
    "cover_legend",
    "cover_register",
    "cover_checked_on",
    "cover_errors",
    "cover_warnings",
    "cover_info",
    "cover_waived",
    "cover_waived_one",
    "cover_notices",
    "cover_earlier",
    "cover_not_compared",
    "cover_adequacy",
    "cover_adequacy_text",
    "cover_see_findings",
    "cover_none_waived",
    "waiver_who",
    "waiver_on",
    "waiver_until",
    "reason",
    "legend_stated",
    "legend_questioned",
    "legend_missing",
    "legend_not_applicable",
    "legend_error",
    "legend_warning",
    "legend_info",
    "legend_waived",
    "flow_consistent",
    "flow_no_recipient",
    "flow_inside_eea",
    "flow_no_transfer",
    "flow_not_listed",
    "flow_elsewhere",
    "flow_location_unknown",
    "flow_no_decision",
    "flow_decision",
    "flow_condition",
    "not_processed",
    "retention_activity",
)

COUNTED = Table(
    "xlsx.counted",
    "text",
    "character",
    "error",
    "warning",
    "info",
    "waived",
    "notice",
    "change",
    "open_finding",
)
"""Nouns that agree with a count: (Latvian singular, plural), (English singular, plural)."""

COVER = Table(
    "xlsx.cover",
    "organisation",
    "registration_number",
    "address",
    "country",
    "public_body",
    "contact",
    "dpo",
    "representative",
    "joint_controllers",
    "kind",
    "version",
    "reviewed",
    "approved_by",
    "language",
    "generated_by",
    "as_of",
    "source_file",
    "fragments",
    "source_sha256",
    "data_sha256",
    "changes_since",
    "count_activities",
    "records",
    "count_controllers",
    "count_processor_activities",
    "count_data_subjects",
    "count_data_categories",
    "count_recipients",
    "count_retention_rules",
    "count_security_measures",
    "count_assessments",
    "count_waivers",
    "count_transfers",
    "validation",
    "marked_texts",
)

ACTIVITY_COLUMNS = Table(
    "xlsx.activity_columns",
    "id",
    "name",
    "description",
    "purpose",
    "legal_bases",
    "special_condition",
    "data_subjects",
    "data_categories",
    "sources",
    "recipients",
    "transfers",
    "retention",
    "security_measures",
    "automated_decisions",
    "profiling",
    "large_scale",
    "dpia",
    "systems",
    "owner",
    "reviewed",
    "open_findings",
    # Added in 2026-12, after the columns readers already address by position.
    "source_details",
    "requirement",
    "criminal_data_authority",
    "direct_marketing",
)

PROCESSOR_COLUMNS = Table(
    "xlsx.processor_columns",
    "id",
    "name",
    "on_behalf_of",
    "description",
    "transfers",
    "security_measures",
    "data_subjects",
    "data_categories",
    "recipients",
    "systems",
    "owner",
    "reviewed",
    "open_findings",
)
"""The columns of the processor's record, in the order of Art. 30(2)(a)-(d), then good
practice."""

CATALOGUE_COLUMNS = Table(
    "xlsx.catalogue_columns",
    "id",
    "name",
    "description",
    "includes_children",
    "examples",
    "special",
    "national_id",
    "kind",
    "contract",
    "authorisation",
    "contact",
    "representative",
    "dpo",
    "controller_contract",
    "processing",
    "countries",
    "in_words",
    "period",
    "starts",
    "until",
    "basis",
    "used_by",
    "assessment_kind",
    "kept_at",
    "date",
    "review_by",
    "applies_to",
    "rule",
    "reason",
    "accepted_by",
    "accepted_on",
    "expires",
    "subject_kind",
    "contract_party",
    "vulnerable",
)

TRANSFER_COLUMNS = Table(
    "xlsx.transfer_columns",
    "activity_id",
    "activity",
    "country_code",
    "country",
    "adequacy",
    "recipient",
    "safeguard",
    "reference",
    "derogation",
    "transfer_assessment",
)

FLOW_COLUMNS = Table(
    "xlsx.flow_columns",
    "activity_id",
    "activity",
    "recipient",
    "kind",
    "contract",
    "countries",
    "transfer",
    "data_categories",
    "declared",
)
"""The columns of the Data flows sheet: one row per activity and recipient."""

RETENTION_COLUMNS = Table(
    "xlsx.retention_columns",
    "category_id",
    "category",
)
"""The first columns of the Retention by data category sheet; one column per activity follows."""

COVERAGE_COLUMNS = Table(
    "xlsx.coverage_columns",
    "activity_id",
    "activity",
    "missing_items",
    "questioned_items",
)

RIGHTS_COLUMNS = Table(
    "xlsx.rights_columns",
    "activity_id",
    "activity",
    "legal_bases",
    "notes",
)

FINDING_COLUMNS = Table(
    "xlsx.finding_columns",
    "severity",
    "code",
    "rule",
    "article",
    "activity",
    "activity_name",
    "where",
    "message",
    "waived",
    "reason",
)

CHANGE_COLUMNS = Table(
    "xlsx.change_columns",
    "kind",
    "id",
    "name",
    "field",
    "change",
    "old",
    "new",
)

SHEET_QUESTIONS = Table(
    "xlsx.sheet_questions",
    "activities",
    "processor_activities",
    "controllers",
    "data_subjects",
    "data_categories",
    "recipients",
    "retention_rules",
    "security_measures",
    "assessments",
    "transfers",
    "flows",
    "retention_matrix",
    "coverage",
    "processor_coverage",
    "rights",
    "findings",
    "waivers",
    "cards",
    "changes",
)
"""Sheet key -> the question the sheet answers, as the Cover's contents list it."""

PROCESSOR_ITEMS = Table("xlsx.processor_items", "a", "b", "c", "d")
"""What a processor's record must contain, GDPR Art. 30(2)(a)-(d); the articles are
`PROCESSOR_ARTICLES`."""

PROCESSOR_ARTICLES: dict[str, str] = {
    "a": "30(2)(a)",
    "b": "30(2)(b)",
    "c": "30(2)(c)",
    "d": "30(2)(d)",
}


def say(table: Mapping[str, str], key: str, lang: str) -> str:
    """The entry `key` of `table` in `lang`."""
    return message(table[key], lang)


def counted(count: int, key: str, lang: str) -> str:
    """`count` and its noun in agreement: `1 error`, `21 brīdinājums`, `3 kļūdas`, as the
    catalogue's plural forms of `xlsx.counted.<key>` say."""
    return plural(COUNTED[key], count, lang, count=count)


def word(key: str, lang: str) -> str:
    """A fixed word or phrase of the workbook in `lang`."""
    return say(WORDS, key, lang)


def yes_no(value: bool | None, lang: str, *, unknown: str) -> str:
    """yes / no, or `unknown` (usually "not stated") for None."""
    if value is None:
        return unknown
    return word("yes" if value else "no", lang)


def with_article(name: str, article: str, lang: str) -> str:
    """A column header that says which article it answers: `Purpose` + newline + `(Art. ...)`."""
    return f"{name}\n({cite(article, lang)})"


def good_practice(name: str, lang: str) -> str:
    """A column header for a field Art. 30 does not require."""
    return f"{name}\n({word('good_practice', lang)})"
