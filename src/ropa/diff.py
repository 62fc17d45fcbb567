"""What changed between two editions of a register, field by field, in the register's words.

Catalogue entries and activities are matched by id, so an entry that moved is not reported as
removed and added again. What is compared:

- the `register` block and the `organisation` (nested blocks such as `contact` or `dpo` field
  by field, e.g. `contact.email`);
- each catalogue and the activities: entries added, removed and changed, and for a changed
  entry every field that differs;
- list fields (`legal_bases`, `data_categories`, `recipients`, ...) as sets: `+ item` for an
  item added, `- item` for one removed, with a repeated item counted as often as it occurs;
- order: when the entries of a section, or the items of a list field, are the same but in
  another order, the diff says `order changed`. Order is part of what a register says (it is
  the order of every export), so a reordering alone is a difference: `diff.is_empty` holds
  exactly when the two registers are equal as data (`old == new`).

Values are shown as the register writes them: codes as codes (`legitimate_interests`), text
fields in the reader's language (falling back as `i18n.text` does), a legal basis with what it
rests on (`legitimate_interests (fraud prevention)`), "not stated" for a missing value. When
two values differ only in a language the reader did not ask for, both are shown in every
language, so no change is ever shown as `x → x`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ropa.countries import country_name
from ropa.durations import Duration
from ropa.model import (
    CATALOGUES,
    ConsentBasis,
    ContractBasis,
    Dpia,
    Dpo,
    JointController,
    LegalObligationBasis,
    LegitimateInterestsBasis,
    Party,
    PublicTaskBasis,
    Register,
    Requirement,
    RetentionEntry,
    SpecialConditionEntry,
    SubProcessorAuthorisation,
    Transfer,
    VitalInterestsBasis,
    Waiver,
)
from ropa.text import LANGUAGES, language_of, marked, text_in
from ropa.text.escape import printable
from ropa.text.messages import message, plural
from ropa.vocab import (
    ASSESSMENT_KINDS,
    DATA_SUBJECT_KINDS,
    DEROGATIONS,
    LEGAL_BASES,
    PURPOSES,
    RECIPIENT_KINDS,
    REGISTER_KINDS,
    REQUIREMENT_KINDS,
    SAFEGUARDS,
    SECURITY_KINDS,
    SOURCES,
    SPECIAL_CONDITIONS,
    SPECIAL_KINDS,
    Term,
)
from ropa.wording import not_stated

__all__ = [
    "SECTIONS",
    "ChangeKind",
    "EntryChange",
    "FieldChange",
    "RegisterDiff",
    "SectionDiff",
    "change_headers",
    "change_rows",
    "diff_registers",
]

ChangeKind = Literal["added", "removed", "changed", "reordered"]

SECTIONS: tuple[str, ...] = (*CATALOGUES, "activities")
"""The id-keyed sections of a register, in the format's order."""


# ---------------------------------------------------------------------------------------------
# The diff


@dataclass(frozen=True)
class FieldChange:
    """One field that differs.

    For `changed`, `old` and `new` are the two values; for a list field, `added` carries the
    item in `new` and `removed` the item in `old`; `reordered` carries both lists.
    """

    field: str
    """The register's key path within its block or entry, e.g. `legal_bases`, `contact.email`."""
    change: ChangeKind
    old: Any = None
    new: Any = None


@dataclass(frozen=True)
class EntryChange:
    """A catalogue entry or activity present in both editions whose fields differ."""

    id: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class SectionDiff:
    """One id-keyed section (a catalogue, or the activities) compared between editions."""

    section: str
    """The section's key in the register, e.g. `data_categories`."""
    added: tuple[Any, ...] = ()
    """Entries (models) only the new edition has, in its order."""
    removed: tuple[Any, ...] = ()
    """Entries only the old edition has, in its order."""
    changed: tuple[EntryChange, ...] = ()
    """Entries in both whose fields differ, in the new edition's order."""
    reordered: bool = False
    """The entries both editions have are in another order."""

    @property
    def is_empty(self) -> bool:
        """Nothing differs in this section."""
        return not (self.added or self.removed or self.changed or self.reordered)


@dataclass(frozen=True)
class RegisterDiff:
    """Everything that differs between an old and a new edition of a register."""

    register: tuple[FieldChange, ...]
    """Changes to the `register` block (version, reviewed, waivers, ...)."""
    organisation: tuple[FieldChange, ...]
    """Changes to the `organisation` block."""
    sections: tuple[SectionDiff, ...]
    """The catalogues, then the activities (`SECTIONS` order)."""
    old_language: str = "lv"
    """The old register's language (for its plain-string text fields)."""
    new_language: str = "lv"
    """The new register's language."""

    @property
    def is_empty(self) -> bool:
        """The two editions say the same (equal as data)."""
        return (
            not self.register and not self.organisation and all(s.is_empty for s in self.sections)
        )

    def section(self, name: str) -> SectionDiff:
        """The diff of one section by its key, e.g. `activities`."""
        for section in self.sections:
            if section.section == name:
                return section
        raise KeyError(f"no section {name!r}; sections are {', '.join(SECTIONS)}")

    def text(self, lang: str = "en") -> str:
        """The diff for people: a heading per section, one line per change, then a count."""
        lines: list[str] = []
        count = 0
        for kind, changes in self._text_sections(lang):
            if changes:
                lines.append(_say("sections", kind, lang))
                lines.extend(f"  {printable(line)}" for line in changes)
                count += len(changes)
        lines.append(_count_line(count, lang))
        return "\n".join(lines) + "\n"

    def as_dict(self) -> dict[str, Any]:
        """The diff as plain data: values as the register writes them (text fields as
        written, in every language), in the shape docs/diff.md describes."""
        document: dict[str, Any] = {
            "equal": self.is_empty,
            "register": [_change_dict(c) for c in self.register],
            "organisation": [_change_dict(c) for c in self.organisation],
        }
        for section in self.sections:
            document[section.section] = {
                "added": [_plain(entry) for entry in section.added],
                "removed": [_plain(entry) for entry in section.removed],
                "changed": [
                    {"id": entry.id, "changes": [_change_dict(c) for c in entry.changes]}
                    for entry in section.changed
                ],
                "reordered": section.reordered,
            }
        return document

    def to_json(self) -> str:
        """`as_dict` as JSON text: UTF-8 friendly, indented, ending in a newline."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    def _text_sections(self, lang: str) -> Iterator[tuple[str, list[str]]]:
        words = _Words(lang, self.old_language, self.new_language)
        yield "register", words.lines(self.register, "register")
        yield "organisation", words.lines(self.organisation, "organisation")
        for section in self.sections:
            name = section.section
            lines = [f"+ {words.entry(e, new=True, section=name)}" for e in section.added]
            lines += [f"- {words.entry(e, new=False, section=name)}" for e in section.removed]
            for entry in section.changed:
                changes = words.lines(entry.changes, section.section)
                lines += [f"{entry.id}: {line}" for line in changes]
            if section.reordered:
                lines.append(_say("changes", "reordered", lang))
            yield section.section, lines


def diff_registers(old: Register, new: Register) -> RegisterDiff:
    """Compare two editions of a register: what `new` adds, removes and changes."""
    return RegisterDiff(
        register=tuple(_field_changes(old.register, new.register)),
        organisation=tuple(_field_changes(old.organisation, new.organisation)),
        sections=tuple(
            _section_diff(name, getattr(old, name), getattr(new, name)) for name in SECTIONS
        ),
        old_language=old.register.language,
        new_language=new.register.language,
    )


# ---------------------------------------------------------------------------------------------
# Comparing


def _field_changes(old: BaseModel, new: BaseModel, prefix: str = "") -> Iterator[FieldChange]:
    """Every field of two models of one type that differs, nested blocks field by field."""
    for name in type(old).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        field = f"{prefix}{name}"
        if (
            isinstance(before, BaseModel)
            and isinstance(after, BaseModel)
            and type(before) is type(after)
            and name not in _WHOLE_VALUES
        ):
            yield from _field_changes(before, after, f"{field}.")
        elif isinstance(before, tuple) and isinstance(after, tuple):
            yield from _list_changes(field, before, after)
        else:
            yield FieldChange(field, "changed", before, after)


# A nested block that is one value in the register's words (a DPIA is its reference and date).
_WHOLE_VALUES = frozenset({"dpia"})


def _list_changes(field: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> Iterator[FieldChange]:
    """A list field as a multiset: removed items, added items, then whether the order moved."""
    removed, added, reordered = _match(old, new)
    for item in removed:
        yield FieldChange(field, "removed", old=item)
    for item in added:
        yield FieldChange(field, "added", new=item)
    if reordered:
        yield FieldChange(field, "reordered", old, new)


def _match(old: Sequence[Any], new: Sequence[Any]) -> tuple[list[Any], list[Any], bool]:
    """Items only in `old`, items only in `new`, and whether the shared items moved.

    Items are matched by equality, each at most once (text maps are not hashable, and lists
    are short, so a quadratic match is the simple and sufficient way).
    """
    taken = [False] * len(new)
    positions: list[int] = []
    removed: list[Any] = []
    for item in old:
        for index, candidate in enumerate(new):
            if not taken[index] and candidate == item:
                taken[index] = True
                positions.append(index)
                break
        else:
            removed.append(item)
    added = [item for index, item in enumerate(new) if not taken[index]]
    return removed, added, positions != sorted(positions)


def _keyed(entries: Sequence[Any]) -> dict[tuple[str, int], Any]:
    """Entries by (id, occurrence): a repeated id (an error the rules report) stays apart."""
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], Any] = {}
    for entry in entries:
        occurrence = seen.get(entry.id, 0)
        seen[entry.id] = occurrence + 1
        keyed[(entry.id, occurrence)] = entry
    return keyed


def _shown_id(key: tuple[str, int]) -> str:
    entry_id, occurrence = key
    return entry_id if occurrence == 0 else f"{entry_id}#{occurrence + 1}"


def _section_diff(name: str, old: Sequence[Any], new: Sequence[Any]) -> SectionDiff:
    before, after = _keyed(old), _keyed(new)
    common_old = [key for key in before if key in after]
    common_new = [key for key in after if key in before]
    changed = []
    for key in common_new:
        changes = tuple(_field_changes(before[key], after[key]))
        if changes:
            changed.append(EntryChange(_shown_id(key), changes))
    return SectionDiff(
        section=name,
        added=tuple(entry for key, entry in after.items() if key not in before),
        removed=tuple(entry for key, entry in before.items() if key not in after),
        changed=tuple(changed),
        reordered=common_old != common_new,
    )


# ---------------------------------------------------------------------------------------------
# In words

# The diff's own words are the catalogue's `diff.<group>.<key>`: `diff.sections.activities`
# (a section's heading), `diff.kinds.activities` (one entry of it), `diff.changes.added`,
# `diff.headers.old`, `diff.none`, `diff.count` (counted), `diff.count_none`.
_TEXT_LANGUAGES_FIRST = LANGUAGES

# Per model: the field that names the value, then the one shown bare in parentheses; every
# other stated field is shown as `field: value`.
_HEADS: dict[type[BaseModel], tuple[str | None, str | None]] = {
    ConsentBasis: ("basis", None),
    ContractBasis: ("basis", None),
    LegalObligationBasis: ("basis", "law"),
    VitalInterestsBasis: ("basis", None),
    PublicTaskBasis: ("basis", "law"),
    LegitimateInterestsBasis: ("basis", "interest"),
    Transfer: ("country", None),
    Waiver: ("rule", "reason"),
    Dpia: ("reference", None),
    Party: ("name", "contact"),
    Dpo: ("name", "contact"),
    RetentionEntry: ("rule", None),
    SpecialConditionEntry: ("condition", None),
    Requirement: ("kind", None),
    JointController: ("name", "contact"),
    SubProcessorAuthorisation: ("kind", "reference"),
}


def _say(group: str, key: str, lang: str) -> str:
    """The diff's word `diff.<group>.<key>` in `lang`."""
    return message(f"diff.{group}.{key}", lang)


def _field_words(field: str) -> str:
    """A key path as words: `legal_bases` -> `legal bases`, `contact.email` stays."""
    return field.replace("_", " ")


# The workbook's headers a field of each block or section is shown under (the catalogue's
# `xlsx.<table>.<key>`); a catalogue entry's fields are the catalogue sheets' columns.
_HEADER_TABLES = {
    "register": "xlsx.cover",
    "organisation": "xlsx.cover",
    "activities": "xlsx.activity_columns",
}
_HEADER_KEYS = {
    ("organisation", "name"): "organisation",
    ("controllers", "contract"): "controller_contract",
}
# Fields whose code is a vocabulary value, by the field's key (and, for `kind`, the section).
_VOCABULARY_OF: dict[str, Any] = {
    "purpose": PURPOSES,
    "basis": LEGAL_BASES,
    "sources": SOURCES,
    "special": SPECIAL_KINDS,
    "special_condition": SPECIAL_CONDITIONS,
    "condition": SPECIAL_CONDITIONS,
    "safeguard": SAFEGUARDS,
    "derogation": DEROGATIONS,
}
_KIND_OF = {
    "register": REGISTER_KINDS,
    "recipients": RECIPIENT_KINDS,
    "security_measures": SECURITY_KINDS,
    "data_subjects": DATA_SUBJECT_KINDS,
    "assessments": ASSESSMENT_KINDS,
    "requirement": REQUIREMENT_KINDS,
}
_BLOCK_SECTIONS: dict[type, str] = {Requirement: "requirement"}
_COUNTRY_FIELDS = frozenset({"country", "countries"})


def field_name(section: str, field: str, lang: str) -> str:
    """A field of `section` (`activities`, `register`, a catalogue) as the workbook's sheet
    names it in `lang`: `retention` is "Glabāšanas termiņš" / "Retention period"; the rest
    of a key path follows in words (`contact.email` -> "Kontaktinformācija: email"). A field
    no sheet shows is its key in words."""
    head, _, rest = field.partition(".")
    table = _HEADER_TABLES.get(section, "xlsx.catalogue_columns")
    msgid = f"{table}.{_HEADER_KEYS.get((section, head), head)}"
    said = message(msgid, lang)
    words = _field_words(head) if said == msgid else said
    return f"{words}: {_nested_field(rest, lang)}" if rest else words


def _nested_field(key: str, lang: str) -> str:
    """A key inside a value (`law`, `contact.email`) in words."""
    return _field_words(key)


def _code_words(key: str, value: str, lang: str, section: str) -> str:
    """A text value of the field `key` (in `section`): a vocabulary code by its label, a
    country code by the country's name; anything else as written."""
    if key in _COUNTRY_FIELDS:
        return country_name(value, lang)
    vocabulary: Any = _KIND_OF.get(section) if key == "kind" else _VOCABULARY_OF.get(key)
    term: Term | None = vocabulary.get(value) if vocabulary is not None else None
    return term.label(lang) if term is not None else value


def _is_text(annotation: Any) -> bool:
    """Whether a field's annotation is register text (`model.Text`: a string or a map of
    language to string)."""
    if get_origin(annotation) is dict:
        return get_args(annotation) == (str, str)
    return any(_is_text(arg) for arg in get_args(annotation))


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models an annotation holds (`tuple[Activity, ...]`, `Contact | None`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models(arg)


@cache
def _text_fields(model: type[BaseModel]) -> frozenset[str]:
    """The names of `model`'s fields that are register text."""
    return frozenset(name for name, info in model.model_fields.items() if _is_text(info.annotation))


def _is_text_field(section: str, field: str) -> bool:
    """Whether the key path `field` of `section` (`register`, `organisation`, a catalogue,
    `activities`) is register text, e.g. `name` of an activity, `contact.note`."""
    models = list(_models(Register.model_fields[section].annotation))
    *parents, last = field.split(".")
    for part in parents:
        fields = [m.model_fields[part] for m in models if part in m.model_fields]
        models = [found for info in fields for found in _models(info.annotation)]
    return any(last in _text_fields(model) for model in models)


def _count_line(count: int, lang: str) -> str:
    if count == 0:
        return message("diff.count_none", lang)
    return plural("diff.count", count, lang, count=count)


class _Words:
    """Values in the register's words, in one reader language."""

    def __init__(self, lang: str, old_language: str, new_language: str) -> None:
        self.lang = lang
        self.old_language = old_language
        self.new_language = new_language

    def value(
        self,
        value: Any,
        *,
        new: bool,
        full: bool = False,
        key: str = "",
        section: str = "",
        text: bool = False,
    ) -> str:
        """`value` in words; with `full`, text fields in every language written. A `text`
        field the register does not give in the reader's language is marked with the
        language it is shown in (`[lv] Klienti`)."""
        language = self.new_language if new else self.old_language
        return _value_words(value, self.lang, language, full, key, section, text)

    def pairs(
        self, changes: Sequence[FieldChange], section: str = ""
    ) -> list[tuple[FieldChange, str, str]]:
        """Each change with its old and new value in words ("" where there is none).

        Where one language alone would show no change (`x → x`, or `- x` and `+ x` in one
        field), those values are shown in every language written.
        """
        described = [(change, *self._pair(change, False, section)) for change in changes]
        ambiguous = _ambiguous_items(described)
        return [
            (change, *self._pair(change, True, section))
            if (change.change == "changed" and old == new)
            or (change.change in ("added", "removed") and (change.field, old or new) in ambiguous)
            else (change, old, new)
            for change, old, new in described
        ]

    def _pair(self, change: FieldChange, full: bool, section: str) -> tuple[str, str]:
        key = change.field.rsplit(".", 1)[-1]
        text = _is_text_field(section, change.field)

        def said(value: Any, new: bool) -> str:
            return self.value(value, new=new, full=full, key=key, section=section, text=text)

        old = "" if change.change == "added" else said(change.old, False)
        new = "" if change.change == "removed" else said(change.new, True)
        return old, new

    def lines(self, changes: Sequence[FieldChange], section: str) -> list[str]:
        """One line per change: `field: old → new`, `field + item`, `field - item`, the
        field named as the workbook's sheet for `section` heads its column.

        A line break inside a value is shown as `\\n`, so each change stays on one line.
        """
        lines = []
        for change, old_words, new_words in self.pairs(changes, section):
            old, new = _one_line(old_words), _one_line(new_words)
            field = field_name(section, change.field, self.lang)
            if change.change == "added":
                lines.append(f"{field} + {new}")
            elif change.change == "removed":
                lines.append(f"{field} - {old}")
            elif change.change == "reordered":
                lines.append(f"{field}: {_say('changes', 'reordered', self.lang)}")
            else:
                lines.append(f"{field}: {old} → {new}")
        return lines

    def entry(self, entry: Any, *, new: bool, section: str) -> str:
        """A catalogue entry or activity of `section`: `id (name)`."""
        text = _is_text_field(section, "name")
        return f"{entry.id} ({_one_line(self.value(entry.name, new=new, text=text))})"


_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _one_line(words: str) -> str:
    return _LINE_BREAK.sub(r"\\n", words)


def _ambiguous_items(described: Sequence[tuple[FieldChange, str, str]]) -> set[tuple[str, str]]:
    """(field, words) of list items that read the same as an item removed from (or added to)
    the same field."""
    removed = {(c.field, old) for c, old, _ in described if c.change == "removed"}
    added = {(c.field, new) for c, _, new in described if c.change == "added"}
    return removed & added


def _value_words(
    value: Any,
    lang: str,
    language: str,
    full: bool,
    key: str = "",
    section: str = "",
    text: bool = False,
) -> str:
    """`value` of the field `key` in words of `lang`: codes by their labels, countries by
    their names, durations in words, yes and no; a `text` field (register text) in `lang`,
    else in the language it has, marked with it (`[lv] Klienti`)."""
    if value is None:
        return not_stated(lang)
    if isinstance(value, bool):
        return message("xlsx.words.yes" if value else "xlsx.words.no", lang)
    if isinstance(value, str):
        if text:
            return value if language == lang else marked(value, language)
        return _code_words(key, value, lang, section)
    if isinstance(value, dict):
        if full:
            order = [c for c in _TEXT_LANGUAGES_FIRST if c in value]
            order += sorted(c for c in value if c not in _TEXT_LANGUAGES_FIRST)
            return " | ".join(f"{code}: {value[code]}" for code in order)
        shown = text_in(value, lang, language) or ""
        written = language_of(value, lang, language)
        return marked(shown, written) if shown and written not in (None, lang) else shown
    if isinstance(value, Duration):
        return value.in_words(lang)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        if not value:
            return message("diff.none", lang)
        return ", ".join(
            _value_words(item, lang, language, full, key, section, text) for item in value
        )
    if isinstance(value, BaseModel):
        return _model_words(value, lang, language, full, section)
    return str(value)


def _model_words(model: BaseModel, lang: str, language: str, full: bool, section: str) -> str:
    # A block's own `kind` (a requirement's, an authorisation's) is of its own value set.
    section = _BLOCK_SECTIONS.get(type(model), section)
    head, bare = _HEADS.get(type(model), (None, None))
    # The bare detail reads first: `legitimate_interests (fraud prevention; covers: ...)`.
    names = [name for name in type(model).model_fields if name not in (head, bare)]
    if bare is not None:
        names.insert(0, bare)
    parts: list[str] = []
    for name in names:
        item = getattr(model, name)
        if item is None or item == ():
            continue
        text = name in _text_fields(type(model))
        words = _value_words(item, lang, language, full, name, section, text)
        parts.append(words if name == bare else f"{_nested_field(name, lang)}: {words}")
    if head is None:
        return "; ".join(parts)
    if getattr(model, head) is None:  # a transfer to an organisation has no country
        return "; ".join(parts)
    text = head in _text_fields(type(model))
    head_words = _value_words(getattr(model, head), lang, language, full, head, section, text)
    return f"{head_words} ({'; '.join(parts)})" if parts else head_words


def _plain(value: Any) -> Any:
    """A value as JSON data, the way the register writes it."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, (date, Duration)):
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _change_dict(change: FieldChange) -> dict[str, Any]:
    return {
        "field": change.field,
        "change": change.change,
        "old": _plain(change.old),
        "new": _plain(change.new),
    }


# ---------------------------------------------------------------------------------------------
# Rows for the Changes sheet of the Excel export


def change_headers(lang: str = "en") -> tuple[str, str, str, str, str, str]:
    """Column headings for `change_rows`: kind, id, field, change, old, new."""
    k, i, f, c, o, n = (
        _say("headers", key, lang) for key in ("kind", "id", "field", "change", "old", "new")
    )
    return k, i, f, c, o, n


def change_rows(diff: RegisterDiff, lang: str = "en") -> list[tuple[str, str, str, str, str, str]]:
    """One row per change, `(kind, id, field, change, old, new)`, in `lang` (lv or en).

    `kind` names the block or section ("activity", "data category", ...), `id` the entry
    ("" for the register and organisation blocks, and for a section's order), `field` the
    register's key in words ("" when a whole entry is added or removed), `change` is added,
    removed, changed or order changed, and `old` / `new` the values in words ("" where there
    is none). Rows come in the order of `RegisterDiff.text`.
    """
    words = _Words(lang, diff.old_language, diff.new_language)
    rows: list[tuple[str, str, str, str, str, str]] = []

    def add(kind: str, entry_id: str, changes: Sequence[FieldChange]) -> None:
        for change, old, new in words.pairs(changes, kind):
            field = field_name(kind, change.field, lang)
            what = _say("changes", change.change, lang)
            rows.append((_say("kinds", kind, lang), entry_id, field, what, old, new))

    add("register", "", diff.register)
    add("organisation", "", diff.organisation)
    for section in diff.sections:
        kind = _say("kinds", section.section, lang)
        for entry in section.added:
            name = words.value(entry.name, new=True)
            rows.append((kind, entry.id, "", _say("changes", "added", lang), "", name))
        for entry in section.removed:
            name = words.value(entry.name, new=False)
            rows.append((kind, entry.id, "", _say("changes", "removed", lang), name, ""))
        for changed in section.changed:
            add(section.section, changed.id, changed.changes)
        if section.reordered:
            rows.append((kind, "", "", _say("changes", "reordered", lang), "", ""))
    return rows
