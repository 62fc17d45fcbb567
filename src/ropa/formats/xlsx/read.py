"""Import: rebuild a register from a workbook that ropa wrote, as it is or edited by hand.

A workbook (`ropa.export_excel`) shows the register in one language, and some fields only in
words; it also holds the register exactly as written, in its hidden sheet `ropa-data`
(`_data`). The import reads both, the visible sheets being the truth:

- each row of a register sheet (Activities, Processing for controllers, Controllers, the five
  catalogues, Transfers) is matched by its id with the entry the data sheet holds under that
  id (the n-th row of an id with the n-th entry of it);
- a cell that still shows what the exporter wrote from that entry keeps the entry's value
  whole: every language, codes, periods, references, exactly;
- a cell that was changed is read (`_import_cells`): a text becomes the workbook language's
  text and the other languages are kept; a label, a word, a name are read back into the
  code, boolean or id they stand for;
- a row with no entry behind it (added by hand) is read wholly from its cells; an entry
  whose row was deleted is left out; the rows' order is the register's order;
- an activity on Activities has the role controller, one on Processing for controllers the
  role processor; the two sheets' rows are merged in the order the data sheet gives them
  (a row added by hand follows the row above it);
- the Cover gives the organisation and the edition. Art. 30 coverage, Rights, Findings and
  Changes are reports computed from the register and are not read; neither are the counts
  ("Used by activities") and open findings. A computed cell that was changed (retention in
  words, a country's name) is an error that says which cell to change instead.

A cell that cannot be read is an error naming its place, `Activities!F12: ...`; every such
error is collected and `WorkbookError` reports them all: nothing is dropped in silence.

The import compares cells with what the exporter's own sheet functions (`_sheets`)
write, so the two can never disagree about what "unchanged" means.
"""

from __future__ import annotations

import itertools
import os
import re
import warnings
import zipfile
from collections import defaultdict, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError

from ropa._collector import collector_paused
from ropa.formats._layout import UNPACKED_FACTOR
from ropa.formats._located import CellProblem, either, model_words
from ropa.formats.xlsx import ooxml
from ropa.formats.xlsx._assessments import ASSESSMENT_FIELDS
from ropa.formats.xlsx._book import CATALOGUES, EXPORT_CODE, Book
from ropa.formats.xlsx._cells import EXCEL_CELL_LIMIT, clean_text, cut_to_limit
from ropa.formats.xlsx._cells import Text as StyledText
from ropa.formats.xlsx._cover import computed_label, cover_rows
from ropa.formats.xlsx._data import ENTRY_MODELS, DataSheet, read_data
from ropa.formats.xlsx._read_cells import (
    READ_LANGUAGES,
    Text,
    Unreadable,
    cell_text,
    is_word,
    lines,
    merge_text,
    parse_bool,
    parse_code,
    parse_codes,
    parse_countries,
    parse_country,
    parse_date,
    parse_duration,
    parse_plain,
)
from ropa.formats.xlsx._sheets import (
    CATALOGUE_ROWS,
    SUBJECT_FIELDS,
    Renderers,
    activities_rows,
    authorisation_text,
    contact_text,
    joint_text,
    legal_basis_text,
    party_text,
    processor_activities_rows,
    retention_rules_rows,
    transfer_text,
    transfers_rows,
)
from ropa.formats.xlsx._waivers import WAIVER_FIELDS, placed_waivers, waivers_rows
from ropa.formats.xlsx._words import (
    ACTIVITY_COLUMNS,
    CATALOGUE_COLUMNS,
    COVER,
    FINDING_COLUMNS,
    PROCESSOR_COLUMNS,
    SHEETS,
    TRANSFER_COLUMNS,
    say,
    word,
)
from ropa.formats.xlsx.ooxml import open_workbook
from ropa.formats.xlsx.write import DATA_SHEET
from ropa.loader import DEFAULT_MAX_BYTES
from ropa.loader.problems import oversize
from ropa.model import (
    FORMAT,
    LEGAL_BASIS_MODELS,
    Activity,
    Contact,
    Dpia,
    Dpo,
    JointController,
    Organisation,
    Party,
    Register,
    RegisterInfo,
    Requirement,
    RetentionEntry,
    SpecialConditionEntry,
    SubProcessorAuthorisation,
    Transfer,
    Waiver,
)
from ropa.text import text_in, without_marks
from ropa.text.escape import printable
from ropa.text.messages import Message, msg
from ropa.vocab import (
    ASSESSMENT_KINDS,
    DATA_SUBJECT_KINDS,
    DEROGATIONS,
    INTERNATIONAL_ORGANISATIONS,
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
)
from ropa.wording import not_stated

__all__ = [
    "READ_LANGUAGES",
    "UNPACKED_FACTOR",
    "CellProblem",
    "Imported",
    "NoDataSheet",
    "WorkbookError",
    "import_workbook",
    "read_workbook",
]


class WorkbookError(Exception):
    """A workbook could not be imported; `problems` names every cell at fault, each with its
    catalogue message (`CellProblem.message_id`, `arguments`; `line(lang)` says it)."""

    def __init__(self, problems: Sequence[CellProblem], lang: str | None = None) -> None:
        self.problems: tuple[CellProblem, ...] = tuple(problems)
        self.lang = lang
        """The workbook's language, when it was told before the import stopped."""
        super().__init__("\n".join(str(problem) for problem in self.problems))


class NoDataSheet(UserWarning):
    """The workbook has no data sheet: the register is read from what its sheets show, in one
    language (the other languages of each text are lost). `said` is the warning as a
    catalogue message."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class Imported:
    """A register read from a workbook, and what the workbook says about itself."""

    register: Register
    lang: str
    """The workbook's language."""
    as_of: date | None
    """The date the workbook was written as of (its Cover), when it says."""
    data_sheet: bool
    """Whether the workbook had its data sheet (without it, one language only is read)."""
    files: tuple[str, ...] = ()
    """The files the register was exported from, when they were several (`include`): the
    main file's name, then the fragments' paths relative to it. The import gives one
    register, which `ropa import` writes as one file."""


def import_workbook(
    path: str | os.PathLike[str], *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Register:
    """Rebuild the register from a workbook that ropa wrote (`export_excel`), in any language
    with a message catalogue.

    Unchanged, the workbook gives back exactly the register it was written from. Edited by
    hand (cells changed, rows added, deleted or reordered), it gives the register as edited:
    see the module's description. `lang` is the workbook's language; by default it is told
    from the sheet names.

    A workbook is a zip archive: one larger than `max_bytes` (50 MB by default, as for a
    register file), or whose parts unpack to more than `UNPACKED_FACTOR` times that, is
    refused before any part is read.

    Raises `WorkbookError` naming every cell that cannot be read (`Activities!F12: ...`), and
    for a file that is not a workbook ropa wrote. Warns `NoDataSheet` when the workbook lacks
    its hidden data sheet (the register is then read from the visible sheets alone).

    Examples:
        >>> import ropa
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> ropa.export_excel(register, "ropa-en.xlsx", lang="en")
        >>> imported = ropa.import_workbook("ropa-en.xlsx")
        >>> imported == register
        True
        >>> ropa.dump(imported, "register.yaml")  # back to YAML, as `ropa import` does
    """
    return read_workbook(path, lang=lang, max_bytes=max_bytes).register


def read_workbook(
    path: str | os.PathLike[str], *, lang: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Imported:
    """Like `import_workbook`, with the workbook's language and date."""
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    refusal = _refused_for_size(path, max_bytes)
    if refusal is not None:
        raise WorkbookError([CellProblem.of(name, refusal)])
    try:
        workbook = open_workbook(path, data_only=True)
    except FileNotFoundError:
        raise WorkbookError([CellProblem.of(name, msg("loader.no_such_file"))]) from None
    except IsADirectoryError:
        raise WorkbookError([CellProblem.of(name, msg("xlsx.import.directory"))]) from None
    except ooxml.TooManyStrings:
        said = msg("xlsx.import.shared_strings", count=f"{ooxml.MAX_SHARED_STRINGS:,}")
        raise WorkbookError([CellProblem.of(name, said)]) from None
    except Exception as error:  # openpyxl, the zip and XML readers, on a damaged file
        said = msg("xlsx.import.not_a_workbook", reason=_reason(error))
        raise WorkbookError([CellProblem.of(name, said)]) from None
    try:
        formulas = _formulas_without_values(path, workbook)
        if formulas:
            raise WorkbookError(formulas)
        run = _Import(workbook, name, lang)
        with collector_paused():  # every row of every sheet, and the register
            register = run.run()
        return Imported(register, run.lang, run.as_of, run.canonical is not None, run.files)
    finally:
        workbook.close()


def _reason(error: Exception) -> str:
    """Why openpyxl (or the zip or XML reader) could not read a workbook or a sheet of it,
    in its own words."""
    return printable(str(error).strip() or type(error).__name__)


def _refused_for_size(path: str | os.PathLike[str], max_bytes: int) -> Message | None:
    """Why the workbook at `path` is refused for its size (a zip bomb, say), or None.

    The sizes are the ones the archive declares; the zip reader never unpacks a part beyond
    its declared size (it stops there, and a part whose content does not match is an error).
    """
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return oversize(size, max_bytes)
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError):
        return None  # not there, or not a zip: `load_workbook` says which, in its words
    limit = UNPACKED_FACTOR * max_bytes
    if unpacked > limit:
        return msg("xlsx.import.unpacked", unpacked=f"{unpacked:,}", limit=f"{limit:,}",
                   factor=str(UNPACKED_FACTOR))  # fmt: skip
    return None


# ---------------------------------------------------------------------------------------------
# Sheets and rows

CATALOGUE_FIELDS: dict[str, tuple[str, ...]] = {
    "controllers": ("id", "name", "contact", "representative", "dpo", "controller_contract",
                    "processing"),
    "data_subjects": SUBJECT_FIELDS,
    "data_categories": ("id", "name", "examples", "special", "national_id", "used_by"),
    "recipients": ("id", "name", "description", "kind", "contract", "countries",
                   "authorisation", "used_by"),
    "retention_rules": ("id", "name", "in_words", "period", "starts", "until", "basis",
                        "description", "used_by"),
    "security_measures": ("id", "name", "kind", "description", "used_by"),
    "assessments": ASSESSMENT_FIELDS,
}  # fmt: skip
"""The columns of each catalogue sheet, in the exporter's order."""

_LATER_CATALOGUES = frozenset({"assessments"})
"""Catalogue sheets that workbooks of earlier ropa versions lack."""
_COMPUTED = frozenset({"used_by", "open_findings", "processing"})
_NOT_REQUIRED = _COMPUTED | {"authorisation"} | {
    "subject_kind", "contract_party", "vulnerable", "criminal_data_authority",
    "direct_marketing", "derogation", "transfer_assessment",
}  # fmt: skip
"""Columns a sheet may lack: the computed ones; the recipients' authorisation, which only
a workbook with a processor's record shows; and those added in 2026-12, which workbooks
written before lack (their fields then stay as the data sheet holds them)."""
"""Columns that count or report, never read: they change with every edit elsewhere."""
_COVER_COMPUTED = frozenset({"generated_by", "as_of", "source_file", "source_sha256",
                             "data_sha256", "fragments",
                             "validation", "changes_since", "records",
                             *(f"count_{key}" for key in ("activities", *CATALOGUES,
                                                          "transfers", "controllers", "waivers",
                                                          "processor_activities"))})  # fmt: skip
_RECORD_SHEETS = ("activities", "processor_activities")
"""The sheets that hold activities: the controller's record and the processor's."""
_AUTHORISATION_KINDS = {word(f"authorisation_{kind}", lang).casefold(): kind
                        for kind in ("specific", "general") for lang in READ_LANGUAGES}  # fmt: skip
_AUTHORISATION_REFERENCE = [f"{word('reference', lang)}:".casefold() for lang in READ_LANGUAGES]
_TRANSFER_KEYS = ("country_code", "recipient", "safeguard", "reference", "derogation",
                  "transfer_assessment")  # fmt: skip
_NOT_IN_CATALOGUE = re.compile(
    r"^(?P<id>\S+) \((?:"
    + "|".join(re.escape(word("unknown_id", lang)) for lang in READ_LANGUAGES)
    + r")\)$"
)
_DPIA = re.compile(r"^(?P<reference>.*) \((?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\)$", re.DOTALL)
_DETAILS = ("withdrawal", "parental_authorisation", "explicit", "law", "interest", "assessment",
            "covers")  # fmt: skip
_CONDITION_DETAILS = ("law", "covered_categories")
_CONDITION_WORDS = {word(key, lang).casefold(): key
                    for key in _CONDITION_DETAILS for lang in READ_LANGUAGES}  # fmt: skip
_CONDITION_SPLIT = re.compile(
    "; (" + "|".join(re.escape(word(key, lang)) for key in _CONDITION_DETAILS
                     for lang in READ_LANGUAGES) + "): ",
    re.IGNORECASE,
)  # fmt: skip
_COVERED_SPLIT = re.compile(
    "; (?:"
    + "|".join(re.escape(word("covered_categories", lang)) for lang in READ_LANGUAGES)
    + "): ",
    re.IGNORECASE,
)
_DPO_LINES = [(key, word(key, lang).casefold() + ":")
              for key in ("dpo_external", "dpo_organisation")
              for lang in READ_LANGUAGES]  # fmt: skip
_DETAIL_WORDS = {word(key, lang).casefold(): key for key in _DETAILS for lang in READ_LANGUAGES}
_DETAIL_SPLIT = re.compile(
    "; ("
    + "|".join(re.escape(word(key, lang)) for key in _DETAILS for lang in READ_LANGUAGES)
    + "): ",
    re.IGNORECASE,
)
_ROUTES = ("url", "email", "phone")
_ROUTE_PREFIXES = [(route, word(f"contact_{route}", lang).casefold() + ":")
                   for route in _ROUTES for lang in READ_LANGUAGES]  # fmt: skip
_ARRANGEMENT = [word("arrangement", lang).casefold() + ":" for lang in READ_LANGUAGES]


_WHAT = {
    "assessment_kind": msg("xlsx.import.what.assessment_kind"),
    "derogation": msg("xlsx.import.what.derogation"),
    "legal_basis": msg("xlsx.import.what.legal_basis"),
    "purpose": msg("xlsx.import.what.purpose"),
    "recipient_kind": msg("xlsx.import.what.recipient_kind"),
    "register_kind": msg("xlsx.import.what.register_kind"),
    "requirement_kind": msg("xlsx.import.what.requirement_kind"),
    "safeguard": msg("xlsx.import.what.safeguard"),
    "security_kind": msg("xlsx.import.what.security_kind"),
    "source": msg("xlsx.import.what.source"),
    "special": msg("xlsx.import.what.special"),
    "special_condition": msg("xlsx.import.what.special_condition"),
    "subject_kind": msg("xlsx.import.what.subject_kind"),
}
"""What a coded column holds, for the message when a cell is none of its labels."""


def _shown(value: Any, lang: str) -> Any:
    """A value the exporter writes, as a reader finds it in the cell."""
    if isinstance(value, StyledText):
        value = value.value
    if isinstance(value, str):
        value = clean_text(value)
        if len(value) > EXCEL_CELL_LIMIT // 2:
            value = cut_to_limit(value, lang)[0]
    return None if value == "" else value


def _read(value: Any) -> Any:
    """A cell's value, comparable with `_shown`."""
    if value == "":
        return None
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass
class _Line:
    """One row of a sheet: its cells by column key, and what the exporter wrote there."""

    sheet: str
    number: int
    values: dict[str, Any]
    letters: dict[str, str]
    expected: dict[str, Any] | None = None

    def ref(self, key: str) -> str:
        return f"{self.sheet}!{self.letters.get(key, 'A')}{self.number}"

    def changed(self, key: str) -> bool:
        if self.expected is None:
            return True
        return bool(_read(self.values.get(key)) != self.expected.get(key))


@dataclass
class _Sheet:
    title: str
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Matched:
    """A row, the entry the data sheet holds for it (if any), and what became of it."""

    line: _Line
    canonical: Any
    entry: Any = None


def _positions(activities: list[_Matched]) -> tuple[dict[int, int], dict[str, int]]:
    """Where each read activity stands in `activities`: by its activity of the data sheet
    (`id()` of it), and by its id (the first activity with that id), so that a row of the
    Waivers or Transfers sheet finds the activity it names."""
    by_canonical = {id(item.canonical): index for index, item in enumerate(activities)
                    if item.canonical is not None and item.entry is not None}  # fmt: skip
    by_id: dict[str, int] = {}
    for index, item in enumerate(activities):
        if item.entry is not None:
            by_id.setdefault(item.entry.id, index)
    return by_canonical, by_id


class _Import:
    """One import: the workbook's sheets, the data sheet, and the problems found so far."""

    def __init__(self, workbook: Any, name: str, lang: str | None) -> None:
        self.workbook = workbook
        self.name = name
        self.problems: list[CellProblem] = []
        self.cells = _Count()
        self.lang = self._language(lang)
        data, embedded = self._data_sheet()
        self.meta = data.meta
        self.canonical: Register | None = _register_of(data) if embedded else None
        self.book = self._book(self.canonical) if self.canonical is not None else None
        self.language = "lv"  # the register's language, once the Cover is read
        self.as_of: date | None = None
        self.data_digest = data.sha256
        files = data.meta.get("files", [])
        self.files: tuple[str, ...] = (
            tuple(files) if isinstance(files, list) and all(isinstance(f, str) for f in files)
            else ()
        )  # fmt: skip
        self.data_sha256: str | None = None  # what the Cover says the digest is

    # -- the workbook ------------------------------------------------------------------------

    def fail(self, where: str, message: Message | str) -> None:
        """A problem at `where`: a catalogue message, or a model's own (English) words."""
        self.problems.append(CellProblem.of(where, message))

    def stop(self) -> WorkbookError:
        return WorkbookError(self.problems, getattr(self, "lang", None))

    def _language(self, lang: str | None) -> str:
        names = set(self.workbook.sheetnames)
        found = [code for code in READ_LANGUAGES
                 if any(say(SHEETS, key, code) in names for key in _RECORD_SHEETS)]  # fmt: skip
        if lang is not None:
            if lang not in READ_LANGUAGES:
                raise ValueError(f"lang must be one of {', '.join(READ_LANGUAGES)}; got {lang!r}")
            if lang not in found:
                title = say(SHEETS, "activities", lang)
                self.fail(self.name, msg("xlsx.import.not_in_language", sheet=repr(title),
                                         lang=lang))  # fmt: skip
                raise self.stop()
            return lang
        if len(found) != 1:
            titles = either([repr(say(SHEETS, "activities", code)) for code in READ_LANGUAGES])
            message = (
                msg("xlsx.import.not_a_register", sheets=titles)
                if not found
                else msg("xlsx.import.both_languages")
            )
            self.fail(self.name, message)
            raise self.stop()
        return found[0]

    def _rows(self, title: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        rows = _bounded_rows(self.workbook[title], title, self.cells)
        for number, row in rows:
            if any(type(value) is str and "_x" in value for value in row):
                row = tuple(ooxml.decode(value) if type(value) is str else value for value in row)
            yield number, row

    def _data_sheet(self) -> tuple[DataSheet, bool]:
        if DATA_SHEET not in self.workbook.sheetnames:
            said = msg("xlsx.import.no_data_sheet", workbook=self.name, sheet=repr(DATA_SHEET))
            warnings.warn(NoDataSheet(said), stacklevel=3)
            return DataSheet(), False
        data, problems = read_data(self._rows(DATA_SHEET))
        for cell, said in problems:
            self.fail(f"{DATA_SHEET}!{cell}", said)
        if not problems and (data.register is None or data.organisation is None):
            self.fail(DATA_SHEET, msg("xlsx.import.data.no_register"))
        return data, not self.problems

    def _book(self, register: Register) -> Book:
        return Book(register=register, lang=self.lang, report=None, as_of=date(2000, 1, 1),
                    source_file="", source_sha256="")  # fmt: skip

    def _sheet(self, key: str, columns: Mapping[str, str]) -> _Sheet:
        """The rows of the sheet `key` below its header, each cell under its column key.

        `columns` maps column key to heading (its first line, as the exporter writes it).
        A column that is missing, or one ropa does not know, is a problem.
        """
        title = say(SHEETS, key, self.lang)
        sheet = _Sheet(title)
        if title not in self.workbook.sheetnames:
            self.fail(self.name, msg("xlsx.import.no_sheet", sheet=repr(title)))
            return sheet
        by_heading = {heading.casefold(): column for column, heading in columns.items()}
        places: dict[int, str] = {}
        letters: dict[str, str] = {}
        for number, row in self._rows(title):
            if number == 1:
                for index, value in enumerate(row):
                    heading = cell_text(value)
                    if heading is None:
                        continue
                    column = by_heading.get(heading.split("\n")[0].strip().casefold())
                    if column is None or column in places.values():
                        self.fail(
                            f"{title}!{get_column_letter(index + 1)}1",
                            msg("xlsx.import.unknown_column", heading=repr(heading)),
                        )
                    else:
                        places[index] = column
                for column, heading in columns.items():
                    if column not in places.values() and column not in _NOT_REQUIRED:
                        self.fail(title, msg("xlsx.import.no_column", heading=repr(heading)))
                # One map for every row of the sheet: rows have the header's columns.
                letters = {column: get_column_letter(index + 1) for index, column in places.items()}
                continue
            if all(value is None or value == "" for value in row):
                continue
            if number == 2 and _says_none_recorded(row, self.lang):
                continue  # the exporter's line under the header of an empty sheet
            values: dict[str, Any] = {}
            for index, value in enumerate(row):
                column = places.get(index)
                if column is not None:
                    values[column] = value
                elif value is not None and value != "":
                    where = f"{title}!{get_column_letter(index + 1)}{number}"
                    self.fail(where, msg("xlsx.import.headless_value"))
            sheet.lines.append(_Line(title, number, values, letters))
        return sheet

    # -- the whole import ---------------------------------------------------------------------

    def run(self) -> Register:
        info, organisation = self._cover()
        catalogues = {key: self._catalogue(key) for key in CATALOGUES}
        controllers = self._catalogue("controllers") if self._has("controllers") else []
        catalogues = {"controllers": controllers, **catalogues}
        interim = Register(
            format=FORMAT,
            register=info or RegisterInfo(kind="controller"),
            organisation=organisation or Organisation(),
            **{key: tuple(m.entry for m in matched if m.entry is not None)
               for key, matched in catalogues.items()},
        )  # fmt: skip
        resolver = _Resolver(self, interim)
        activities = self._activities(resolver, (info or RegisterInfo(kind="controller")).kind)
        transfer_rows = self._transfers(activities, resolver)
        self._transfers_cells(activities, transfer_rows, resolver)
        waivers = self._waivers(activities)
        if self.problems or info is None or organisation is None:
            raise self.stop()
        update: dict[str, Any] = {
            "activities": tuple(m.entry for m in activities if m.entry is not None)
        }
        if waivers is not None:
            update["register"] = interim.register.model_copy(update={"waivers": waivers})
        register = interim.model_copy(update=update)
        self._check_computed(register, catalogues["retention_rules"], activities, transfer_rows)
        self._check_digest()
        self._check_waivers()
        if self.problems:
            raise self.stop()
        return register

    def _waivers(self, activities: list[_Matched]) -> tuple[Waiver, ...] | None:
        """The Waivers sheet's rows, each read into a waiver of the register or of the
        activity it names (the activities' entries get theirs here); the register's own
        waivers, or None for a workbook without the sheet (its waivers stay as the data sheet
        holds them)."""
        if not self._has("waivers"):
            return None
        headings = {key: say(CATALOGUE_COLUMNS, key, self.lang) for key in WAIVER_FIELDS}
        sheet = self._sheet("waivers", headings)
        # What the exporter wrote for each waiver of the data sheet: "" (the register) or the
        # activity id -> pool of (activity of the data sheet or None, waiver, cells).
        pool: dict[str, list[tuple[Any, Waiver, dict[str, Any]]]] = defaultdict(list)
        if self.book is not None and self.canonical is not None:
            rows = self._expected(waivers_rows(self.book), list(WAIVER_FIELDS))
            for (written_in, written), shown in zip(placed_waivers(self.canonical), rows,
                                                    strict=True):  # fmt: skip
                pool[written_in.id if written_in is not None else ""].append(
                    (written_in, written, shown)
                )
        by_canonical, by_id = _positions(activities)
        register_waivers: list[Waiver] = []
        found: dict[int, list[Waiver]] = defaultdict(list)
        for line in sheet.lines:
            applies = cell_text(line.values.get("applies_to"))
            if applies is None:
                self.fail(line.ref("applies_to"), msg("xlsx.import.waiver_applies_to",
                          whole=repr(word("whole_register", self.lang))))  # fmt: skip
                continue
            scope = "" if is_word(applies, "whole_register") else applies.strip()
            rule = (cell_text(line.values.get("rule")) or "").strip()
            candidates = pool.get(scope, [])
            kept = next((c for c in candidates if c[1].rule == rule), None)
            owner: Any = None
            current: Waiver | None = None
            if kept is not None:
                candidates.remove(kept)
                line.expected = kept[2]
                owner, current = kept[0], kept[1]
            read = self._waiver(line, current)
            if read is None:
                continue
            if not scope:
                register_waivers.append(read)
                continue
            position = by_canonical.get(id(owner)) if owner is not None else None
            if position is None and owner is not None and not line.changed("applies_to"):
                continue  # the activity was deleted, and with it this waiver
            position = position if position is not None else by_id.get(scope)
            if position is None:
                self.fail(line.ref("applies_to"), msg("xlsx.import.no_activity", id=repr(scope),
                          sheet=repr(say(SHEETS, "activities", self.lang))))  # fmt: skip
                continue
            found[position].append(read)
        for index, item in enumerate(activities):
            if item.entry is not None:
                item.entry = item.entry.model_copy(update={"waivers": tuple(found[index])})
        return tuple(register_waivers)

    def _waiver(self, line: _Line, current: Waiver | None) -> Waiver | None:
        def rule(value: Any) -> str:
            code = parse_plain(value)
            if code is None:
                raise Unreadable(msg("xlsx.import.waiver_rule"))
            return code.strip()

        def reason(value: Any) -> Any:
            return merge_text(parse_plain(value), current.reason if current else None,
                              self.lang, self.language)  # fmt: skip

        fields: dict[str, Any] = dict(current) if current is not None else {}
        readers: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "rule": ("rule", rule), "reason": ("reason", reason),
            "accepted_by": ("accepted_by", parse_plain),
            "accepted_on": ("accepted_on", parse_date), "expires": ("expires", parse_date),
        }  # fmt: skip
        self._read_fields(line, fields, readers)
        found: Waiver | None = self._validated(Waiver, fields, _places(line, readers),
                                               line.ref("rule"))  # fmt: skip
        return found

    def _check_digest(self) -> None:
        """Report a data sheet that is not the one the workbook was written with.

        The hidden sheet fills in what the visible sheets cannot show (the other languages of
        each text, above all), so a change to it alone would change the register with nothing
        visible in the workbook. The Cover shows the sheet's digest; a data sheet that does
        not match it was changed after the export, and is reported, never taken silently. (A
        workbook written before the Cover showed it is not checked.)
        """
        if self.canonical is None or self.data_sha256 is None:
            return
        if self.data_sha256.strip() != self.data_digest:
            cover = say(SHEETS, "cover", self.lang)
            self.fail(DATA_SHEET, msg("xlsx.import.data.changed", cover=repr(cover)))

    def _check_waivers(self) -> None:
        """Report a waiver that only the hidden data sheet holds.

        Waivers are kept from the data sheet, which no reader sees; what the workbook shows
        of them is the Findings sheet, each finding waived or not. A finding the data sheet's
        register waives that the Findings sheet does not show waived was waived by editing
        the hidden sheet: it is reported, never taken silently.
        """
        canonical = self.canonical
        if canonical is None or not (
            canonical.register.waivers or any(entry.waivers for entry in canonical.activities)
        ):
            return
        from ropa.rules import validate

        try:
            as_of = date.fromisoformat(str(self.meta.get("as_of")))
        except ValueError:
            as_of = None
        report = validate(canonical, as_of=as_of)
        waived = {(f.code, f.activity or ""): f for f in report.findings if f.waived}
        if not waived:
            return
        shown = self._shown_waived()
        if shown is None:
            return  # written without validation: the workbook shows no finding at all
        findings = repr(say(SHEETS, "findings", self.lang))
        for code, activity in sorted(waived.keys() - shown):
            said = (
                msg("xlsx.import.data.waives_for", code=code, activity=repr(activity),
                    findings=findings)
                if activity
                else msg("xlsx.import.data.waives", code=code, findings=findings)
            )  # fmt: skip
            self.fail(DATA_SHEET, said)

    def _shown_waived(self) -> set[tuple[str, str]] | None:
        """(code, activity id) of every finding the Findings sheet shows waived; None when
        the workbook was written without validating the register."""
        title = say(SHEETS, "findings", self.lang)
        if title not in self.workbook.sheetnames:
            return set()
        shown: set[tuple[str, str]] = set()
        columns: dict[str, int] = {}
        not_validated = word("not_validated_notice", self.lang)
        for number, row in self._rows(title):
            if number == 1:
                headings = [cell_text(value) for value in row]
                for key in ("code", "activity", "message", "waived"):
                    heading = say(FINDING_COLUMNS, key, self.lang)
                    if heading in headings:
                        columns[key] = headings.index(heading)
                if len(columns) < 4:
                    return shown
                continue
            cells = {key: row[at] if at < len(row) else None for key, at in columns.items()}
            if cell_text(cells["code"]) == EXPORT_CODE and cell_text(cells["message"]) == (
                not_validated
            ):
                return None
            if is_word(cell_text(cells["waived"]), "yes"):
                code = cell_text(cells["code"]) or ""
                shown.add((code.strip(), (cell_text(cells["activity"]) or "").strip()))
        return shown

    # -- Cover ----------------------------------------------------------------------------------

    def _cover(self) -> tuple[RegisterInfo | None, Organisation | None]:
        title = say(SHEETS, "cover", self.lang)
        canonical = self.canonical
        info = canonical.register if canonical is not None else None
        organisation = canonical.organisation if canonical is not None else None
        if title not in self.workbook.sheetnames:
            self.fail(self.name, msg("xlsx.import.no_sheet", sheet=repr(title)))
            return info, organisation
        labels = {say(COVER, key, self.lang).casefold(): key for key in COVER}
        expected: dict[str, Any] = {}
        if self.book is not None:
            for row, _ in list(cover_rows(self.book))[1:]:
                key = labels.get(str(_shown(row[0], self.lang)).casefold())
                if key is not None:
                    expected[key] = _shown(row[1], self.lang)
        cells: dict[str, _Line] = {}
        for number, row in self._rows(title):
            if number == 1 or not row or all(value is None for value in row):
                continue
            label = cell_text(row[0]) or ""
            key = labels.get(label.strip().casefold())
            value = row[1] if len(row) > 1 else None
            line = _Line(title, number, {"value": value}, {"value": "B"},
                         {"value": expected.get(key or "")} if expected else None)  # fmt: skip
            for index, extra in enumerate(row[2:], 3):
                if extra is not None and extra != "":
                    self.fail(
                        f"{title}!{get_column_letter(index)}{number}",
                        msg("xlsx.import.cover_extra"),
                    )
            if key is None:
                if computed_label(label, self.lang):
                    continue  # the export's own answers, contents and legend
                if line.values["value"] is not None:
                    self.fail(f"{title}!A{number}", msg("xlsx.import.cover_row", label=repr(label)))
                continue
            if key == "as_of":
                with suppress(Unreadable):
                    self.as_of = parse_date(value)
            if key == "data_sha256":
                self.data_sha256 = cell_text(value)
            if key not in _COVER_COMPUTED:
                cells[key] = line
        info = self._register_info(info, cells)
        if info is not None:
            self.language = info.language  # the organisation's texts are in it
        return info, self._organisation(organisation, cells)

    def _read_cell(self, line: _Line, key: str, read: Callable[[Any], Any]) -> Any:
        """`read(value of the cell)`, or a problem at the cell (and None)."""
        try:
            return read(line.values.get(key))
        except Unreadable as error:
            self.fail(line.ref(key), error.said)
        except ValidationError as error:
            self.fail(line.ref(key), model_words(error.errors()[0]))
        return _FAILED

    def _register_info(self, info: RegisterInfo | None, cells: dict[str, _Line]
                       ) -> RegisterInfo | None:  # fmt: skip
        fields: dict[str, Any] = dict(info) if info is not None else {}
        readers: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "language": ("language", parse_plain),
            "kind": (
                "kind",
                lambda v: parse_code(v, REGISTER_KINDS, _WHAT["register_kind"], self.lang),
            ),
            "version": ("version", parse_plain),
            "reviewed": ("reviewed", parse_date),
            "approved_by": ("approved_by", parse_plain),
        }
        found: RegisterInfo | None = self._block(RegisterInfo, fields, cells, readers)
        return found

    def _organisation(self, organisation: Organisation | None, cells: dict[str, _Line]
                      ) -> Organisation | None:  # fmt: skip
        fields: dict[str, Any] = dict(organisation) if organisation is not None else {}
        current = organisation or Organisation()
        readers: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "organisation": ("name", parse_plain),
            "registration_number": ("registration_number", parse_plain),
            "address": ("address", lambda v: self.text(v, current.address)),
            "country": ("country", lambda v: _optional(v, parse_country)),
            "public_body": ("public_body", parse_bool),
            "contact": ("contact", lambda v: self.contact(cell_text(v), current.contact)),
            "dpo": ("dpo", lambda v: self.party(cell_text(v), current.dpo, Dpo)),
            "representative": ("representative",
                               lambda v: self.party(cell_text(v), current.representative)),
            "joint_controllers": ("joint_controllers",
                                  lambda v: self.joint_controllers(v, current.joint_controllers)),
        }  # fmt: skip
        found: Organisation | None = self._block(Organisation, fields, cells, readers)
        return found

    def _block(self, model: type[BaseModel], fields: dict[str, Any], cells: dict[str, _Line],
               readers: Mapping[str, tuple[str, Callable[[Any], Any]]]) -> Any:  # fmt: skip
        places: dict[str, str] = {}
        for key, (name, read) in readers.items():
            line = cells.get(key)
            if line is None:
                continue  # the row was deleted: the field stays as the data sheet has it
            places[name] = line.ref("value")
            if line.changed("value"):
                value = self._read_cell(line, "value", read)
                if value is not _FAILED:
                    fields[name] = value
        title = say(SHEETS, "cover", self.lang)
        return self._validated(model, fields, places, title)

    def _validated(self, model: type[BaseModel], fields: dict[str, Any],
                   places: Mapping[str, str], where: str) -> Any:  # fmt: skip
        try:
            return model.model_validate(fields)
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                name = str(detail["loc"][0]) if detail["loc"] else ""
                said = model_words(detail)
                if detail["type"] == "missing":
                    said = msg("xlsx.import.required", field=name.replace("_", " "))
                self.fail(places.get(name, where), said)
            return None

    # -- composite cells --------------------------------------------------------------------

    def text(self, value: Any, current: Text | None) -> Text | None:
        """A text field from its cell (not stated when empty or "not stated")."""
        return merge_text(parse_plain(value), current, self.lang, self.language)

    def contact(self, text: str | None, current: Contact | None) -> Contact | None:
        """A contact from its lines: `web: ...`, `e-mail: ...`, `phone: ...`, then the note."""
        if (
            current is not None
            and self.book is not None
            and _shown(contact_text(self.book, current), self.lang) == (text or None)
        ):
            return current
        if text is None or parse_plain(text) is None:
            return None
        routes: dict[str, str | None] = dict.fromkeys(_ROUTES)
        notes: list[str] = []
        for line in text.split("\n"):
            folded = line.strip().casefold()
            for route, prefix in _ROUTE_PREFIXES:
                if folded.startswith(prefix):
                    routes[route] = line.strip()[len(prefix) :].strip() or None
                    break
            else:
                notes.append(line)
        note = "\n".join(notes).strip("\n") or None
        return Contact(**routes, note=merge_text(note, current.note if current else None,
                                                 self.lang, self.language))  # fmt: skip

    def party(
        self, text: str | None, current: Party | None, model: type[Party] = Party
    ) -> Party | None:
        """A DPO or representative: the name, then contact lines."""
        if parse_plain(text) is None or is_word(text, "not_applicable"):
            return None
        assert text is not None
        if self.book is not None and text == _shown(party_text(self.book, current), self.lang):
            return current
        name, _, rest = text.strip("\n").partition("\n")
        found: dict[str, Any] = {}
        if model is Dpo:  # `organisation: ...` and `external: yes|no` lines
            kept = []
            for line in rest.split("\n"):
                folded = line.strip().casefold()
                key = next((k for k, prefix in _DPO_LINES if folded.startswith(prefix)), None)
                if key is None:
                    kept.append(line)
                    continue
                said = line.split(":", 1)[1].strip()
                if key == "dpo_external":
                    found["external"] = parse_bool(said)
                else:
                    found["organisation"] = said or None
            rest = "\n".join(kept)
        contact = self.contact(rest or None, current.contact if current else None)
        return model(name=name.strip(), contact=contact, **found)

    def joint_controllers(self, value: Any, current: tuple[JointController, ...]
                          ) -> tuple[JointController, ...]:  # fmt: skip
        text = parse_plain(value)
        if text is None or is_word(text, "none"):
            return ()
        pool = list(current)
        result = []
        for block in re.split(r"\n\s*\n", text.strip("\n")):
            kept = next((jc for jc in pool if self.book is not None
                         and block == _shown(joint_text(self.book, jc), self.lang)),
                        None)  # fmt: skip
            if kept is not None:
                pool.remove(kept)
                result.append(kept)
                continue
            name, _, rest = block.partition("\n")
            base = next((jc for jc in pool if jc.name == name.strip()), None)
            if base is not None:
                pool.remove(base)
            contact_lines, arrangement = [], None
            for line in rest.split("\n"):
                folded = line.strip().casefold()
                prefix = next((p for p in _ARRANGEMENT if folded.startswith(p)), None)
                if prefix is not None:
                    arrangement = line.strip()[len(prefix) :].strip() or None
                elif line.strip():
                    contact_lines.append(line)
            result.append(JointController(
                name=name.strip(),
                contact=self.contact("\n".join(contact_lines) or None,
                                     base.contact if base else None),
                arrangement=merge_text(arrangement, base.arrangement if base else None,
                                       self.lang, self.language),
            ))  # fmt: skip
        return tuple(result)

    # -- catalogues ---------------------------------------------------------------------------

    def _expected(self, rows: Iterator[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
        next(rows)  # the header
        return [
            {key: _shown(value, self.lang) for key, value in zip(columns, values, strict=False)}
            for values, _ in rows
        ]

    def _match(self, sheet: _Sheet, canonical: Sequence[Any], expected: list[dict[str, Any]],
               key_column: str = "id") -> list[_Matched]:  # fmt: skip
        """Each row of `sheet` with the entry of the data sheet it stands for (by id), among
        `canonical`, the entries of the data sheet the sheet shows."""
        pool: dict[str, deque[tuple[Any, dict[str, Any]]]] = defaultdict(deque)
        for entry, shown in zip(canonical, expected, strict=False):
            pool[entry.id].append((entry, shown))
        matched = []
        for line in sheet.lines:
            entry_id = cell_text(line.values.get(key_column))
            if entry_id is None:
                self.fail(line.ref(key_column), msg("xlsx.import.no_id"))
                continue
            entry_id = entry_id.strip()
            line.values[key_column] = entry_id
            found = pool[entry_id].popleft() if pool[entry_id] else None
            if found is not None:
                line.expected = found[1]
            matched.append(_Matched(line, found[0] if found is not None else None))
        return matched

    def _catalogue(self, section: str) -> list[_Matched]:
        if (
            section in _LATER_CATALOGUES
            and not self._has(section)
            and not (self.canonical is not None and getattr(self.canonical, section))
        ):
            return []  # a workbook written before the sheet was, of a register without any
        columns = CATALOGUE_FIELDS[section]
        sheet = self._sheet(section, {key: say(CATALOGUE_COLUMNS, key, self.lang)
                                      for key in columns})  # fmt: skip
        expected: list[dict[str, Any]] = []
        if self.book is not None:
            rows = CATALOGUE_ROWS[section](self.book)
            titles = {cell_text(_shown(cell, self.lang)) for cell in next(rows)[0]}
            shown = [key for key in columns if say(CATALOGUE_COLUMNS, key, self.lang) in titles]
            expected = self._expected(itertools.chain([([], None)], rows), shown)
        canonical = getattr(self.canonical, section) if self.canonical is not None else ()
        matched = self._match(sheet, canonical, expected)
        model = ENTRY_MODELS[section]
        for item in matched:
            current = item.canonical
            fields: dict[str, Any] = dict(current) if current is not None else {}
            readers = self._catalogue_readers(section, current)
            self._read_fields(item.line, fields, readers)
            item.entry = self._validated(model, fields, _places(item.line, readers),
                                         item.line.ref("id"))  # fmt: skip
        return matched

    def _catalogue_readers(self, section: str, current: Any
                           ) -> dict[str, tuple[str, Callable[[Any], Any]]]:  # fmt: skip
        lang = self.lang

        def text(name: str, required: bool = False) -> tuple[str, Callable[[Any], Any]]:
            def read(value: Any) -> Any:
                found = self.text(value, getattr(current, name, None))
                if found is None and required:
                    raise Unreadable(msg("xlsx.import.text_required", field=name))
                return found

            return name, read

        readers: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "id": ("id", parse_plain), "name": text("name", required=True),
        }  # fmt: skip
        if section == "controllers":
            return {**readers, **self._controller_readers(current)}
        if section == "data_subjects":
            readers["description"] = text("description")
            readers["includes_children"] = ("includes_children", parse_bool)
            readers["subject_kind"] = (
                "kind",
                lambda v: parse_code(v, DATA_SUBJECT_KINDS, _WHAT["subject_kind"], lang),
            )
            readers["contract_party"] = ("contract_party", parse_bool)
            readers["vulnerable"] = ("vulnerable", parse_bool)
        elif section == "data_categories":
            readers["examples"] = text("examples")
            readers["special"] = (
                "special",
                lambda v: (
                    None
                    if is_word(cell_text(v), "no")
                    else parse_code(v, SPECIAL_KINDS, _WHAT["special"], lang)
                ),
            )
            readers["national_id"] = ("national_id", parse_bool)
        elif section == "recipients":
            readers["description"] = text("description")
            readers["kind"] = (
                "kind",
                lambda v: parse_code(v, RECIPIENT_KINDS, _WHAT["recipient_kind"], lang),
            )
            # The exporter writes "not applicable" for a recipient that is not a processor.
            readers["contract"] = (
                "contract",
                lambda v: None if is_word(cell_text(v), "not_applicable") else parse_plain(v),
            )
            readers["countries"] = ("countries", parse_countries)
            readers["authorisation"] = ("authorisation",
                                        lambda v: self.authorisation(v, current))  # fmt: skip
        elif section == "retention_rules":
            readers["period"] = ("period", parse_duration)
            readers["starts"] = text("starts")
            readers["until"] = text("until")
            readers["basis"] = text("basis")
            readers["description"] = text("description")
        elif section == "security_measures":
            readers["kind"] = (
                "kind",
                lambda v: parse_code(v, SECURITY_KINDS, _WHAT["security_kind"], lang),
            )
            readers["description"] = text("description")
        else:
            readers["assessment_kind"] = (
                "kind",
                lambda v: parse_code(v, ASSESSMENT_KINDS, _WHAT["assessment_kind"], lang),
            )
            readers["kept_at"] = ("reference", parse_plain)
            readers["date"] = ("date", parse_date)
            readers["review_by"] = ("review_by", parse_date)
        return readers  # fmt: skip

    def _controller_readers(self, current: Any) -> dict[str, tuple[str, Callable[[Any], Any]]]:
        def name(value: Any) -> Any:
            found = parse_plain(value)
            if found is None:
                raise Unreadable(msg("xlsx.import.controller_name"))
            return found

        def contact(value: Any) -> Any:
            return self.contact(cell_text(value), getattr(current, "contact", None))

        def party(field: str) -> Callable[[Any], Any]:
            return lambda v: self.party(cell_text(v), getattr(current, field, None))

        return {
            "name": ("name", name),
            "contact": ("contact", contact),
            "representative": ("representative", party("representative")),
            "dpo": ("dpo", party("dpo")),
            "controller_contract": ("contract", parse_plain),
        }

    def authorisation(self, value: Any, current: Any) -> SubProcessorAuthorisation | None:
        """A sub-processor's authorisation: `general written authorisation; reference: ...`."""
        text = parse_plain(value)
        if text is None:
            return None
        if (
            self.book is not None
            and current is not None
            and text == _shown(authorisation_text(self.book, current), self.lang)
        ):
            return current.authorisation  # type: ignore[no-any-return]
        kind_text, _, rest = text.partition(";")
        kind = _AUTHORISATION_KINDS.get(kind_text.strip().casefold())
        if kind is None:
            words = either([repr(word(f"authorisation_{k}", self.lang))
                            for k in ("specific", "general")])  # fmt: skip
            raise Unreadable(msg("xlsx.import.authorisation", text=repr(kind_text.strip()),
                                 words=words, reference=word("reference", self.lang)))  # fmt: skip
        reference = rest.strip()
        for prefix in _AUTHORISATION_REFERENCE:
            if reference.casefold().startswith(prefix):
                reference = reference[len(prefix) :].strip()
                break
        return SubProcessorAuthorisation(kind=kind, reference=reference or None)

    def _read_fields(self, line: _Line, fields: dict[str, Any],
                     readers: Mapping[str, tuple[str, Callable[[Any], Any]]]) -> None:  # fmt: skip
        for column, (name, read) in readers.items():
            if column not in line.letters or not line.changed(column):
                continue
            value = self._read_cell(line, column, read)
            if value is not _FAILED:
                fields[name] = value

    # -- activities ---------------------------------------------------------------------------

    def _has(self, key: str) -> bool:
        """Whether the workbook has the sheet `key`."""
        return say(SHEETS, key, self.lang) in self.workbook.sheetnames

    def _activities(self, resolver: _Resolver, kind: str) -> list[_Matched]:
        """The activities of both records, in the register's order: the controller's from
        Activities, the processor's from Processing for controllers (each sheet is read when
        the workbook has it; a workbook without either is not a register workbook)."""
        canonical = self.canonical
        order = {id(a): n for n, a in enumerate(canonical.activities)} if canonical else {}
        records: list[list[_Matched]] = []
        for key, role in zip(_RECORD_SHEETS, ("controller", "processor"), strict=True):
            if self._has(key) or (canonical is not None and self._holds(canonical, key)):
                records.append(self._record(key, role, kind, resolver))
        return _merged(records, order)

    @staticmethod
    def _holds(register: Register, key: str) -> bool:
        book_activities = (
            register.controller_activities if key == "activities"
            else register.processor_activities
        )  # fmt: skip
        return bool(book_activities)

    def _record(self, key: str, role: str, kind: str, resolver: _Resolver) -> list[_Matched]:
        """The rows of one record's sheet, each read into an activity of role `role`."""
        processor = role == "processor"
        table = PROCESSOR_COLUMNS if processor else ACTIVITY_COLUMNS
        sheet = self._sheet(key, {column: say(table, column, self.lang) for column in table})
        rows = processor_activities_rows if processor else activities_rows
        expected = (
            self._expected(rows(self.book), list(table)) if self.book is not None else []
        )  # fmt: skip
        canonical = self.canonical
        entries: tuple[Activity, ...] = ()
        if canonical is not None:
            entries = (
                canonical.processor_activities if processor else canonical.controller_activities
            )
        matched = self._match(sheet, entries, expected)
        for item in matched:
            current: Activity | None = item.canonical
            fields: dict[str, Any] = dict(current) if current is not None else {}
            readers = self._activity_readers(current, resolver)
            if processor:
                readers = {column: readers[column] for column in table if column in readers}
                readers["on_behalf_of"] = ("on_behalf_of", lambda v: tuple(
                    resolver.resolve("controllers", line) for line in lines(v)))  # fmt: skip
            self._read_fields(item.line, fields, readers)
            fields.setdefault("transfers", None)
            if (fields.get("role") or kind) != role:
                fields["role"] = role  # the row is on the other record's sheet
            item.entry = self._validated(Activity, fields, _places(item.line, readers),
                                         item.line.ref("id"))  # fmt: skip
        return matched

    def _activity_readers(self, current: Activity | None, resolver: _Resolver
                          ) -> dict[str, tuple[str, Callable[[Any], Any]]]:  # fmt: skip
        lang = self.lang

        def text(name: str) -> Callable[[Any], Any]:
            return lambda v: self.text(v, getattr(current, name, None))

        def name(value: Any) -> Any:
            found = self.text(value, current.name if current is not None else None)
            if found is None:
                raise Unreadable(msg("xlsx.import.activity_name"))
            return found

        def refs(section: str) -> Callable[[Any], Any]:
            return lambda v: tuple(resolver.resolve(section, line) for line in lines(v))

        def recipients(value: Any) -> Any:
            text = cell_text(value)
            if parse_plain(text) is None:
                return None
            return () if is_word(text, "none") else refs("recipients")(value)

        def criminal_data_authority(value: Any) -> Any:
            if is_word(cell_text(value), "not_applicable"):
                return None
            return self.text(value, current.criminal_data_authority if current else None)

        def retention(value: Any) -> Any:
            text = parse_plain(value)
            if text is None:
                return None
            if not _COVERED_SPLIT.search(text):
                return resolver.resolve("retention_rules", text)
            entries = []
            for line in lines(text):
                rule, *covered = _COVERED_SPLIT.split(line)
                if not covered:
                    covers = word("covered_categories", lang)
                    raise Unreadable(msg("xlsx.import.retention_covers", line=repr(line),
                                         covers=covers))  # fmt: skip
                entries.append(RetentionEntry(
                    rule=resolver.resolve("retention_rules", rule),
                    categories=self._covered(covered[-1], resolver)))  # fmt: skip
            return tuple(entries)

        def special_condition(value: Any) -> Any:
            if is_word(cell_text(value), "not_applicable"):
                return None
            return self.special_condition(value, current, resolver)

        return {
            "id": ("id", parse_plain),
            "name": ("name", name),
            "description": ("description", text("description")),
            "purpose": ("purpose", lambda v: parse_code(v, PURPOSES, _WHAT["purpose"], lang)),
            "legal_bases": ("legal_bases",
                            lambda v: self.legal_bases(v, current.legal_bases if current else (),
                                                        resolver)),
            "special_condition": ("special_condition", special_condition),
            "data_subjects": ("data_subjects", refs("data_subjects")),
            "data_categories": ("data_categories", refs("data_categories")),
            "sources": ("sources", lambda v: parse_codes(v, SOURCES, _WHAT["source"], lang)),
            "source_details": ("source_details", text("source_details")),
            "criminal_data_authority": ("criminal_data_authority", criminal_data_authority),
            "direct_marketing": ("direct_marketing", parse_bool),
            "requirement": ("requirement", lambda v: self.requirement(
                v, current.requirement if current else None)),
            "recipients": ("recipients", recipients),
            "retention": ("retention", retention),
            "security_measures": ("security_measures", refs("security_measures")),
            "automated_decisions": ("automated_decisions", parse_bool),
            "profiling": ("profiling", parse_bool),
            "large_scale": ("large_scale", parse_bool),
            "dpia": ("dpia", lambda v: self.dpia(v, resolver)),
            "systems": ("systems", lambda v: tuple(lines(v))),
            "owner": ("owner", parse_plain),
            "reviewed": ("reviewed", parse_date),
        }  # fmt: skip

    def special_condition(self, value: Any, current: Activity | None, resolver: _Resolver
                          ) -> Any:  # fmt: skip
        """The Art. 9(2) conditions, one per line: `Label (Art. 9(2)(x)); law: ...;
        categories: A, B` (see `special_condition_line`). One condition without a law or
        categories is the single form, as written before the list form existed."""
        written = current.special_conditions() if current is not None else ()
        entries: list[SpecialConditionEntry] = []
        plain = True
        for line in lines(value):
            parts = _CONDITION_SPLIT.split(line)
            code = parse_code(parts[0], SPECIAL_CONDITIONS, _WHAT["special_condition"], self.lang)
            assert code is not None
            base = next((entry for entry in written if entry.condition == code), None)
            law: Text | None = None
            categories: tuple[str, ...] = ()
            for detail, text in zip(parts[1::2], parts[2::2], strict=True):
                plain = False
                if _CONDITION_WORDS[detail.casefold()] == "law":
                    law = merge_text(parse_plain(text), base.law if base else None, self.lang,
                                     self.language)  # fmt: skip
                else:
                    categories = self._covered(text, resolver)
            entries.append(SpecialConditionEntry(condition=code, law=law, categories=categories))
        if not entries:
            return None
        if (
            plain
            and len(entries) == 1
            and not isinstance(current.special_condition if current else None, tuple)
        ):
            return entries[0].condition
        return tuple(entries)

    @staticmethod
    def _covered(text: str, resolver: _Resolver) -> tuple[str, ...]:
        """Data categories named in `text`, separated by commas (or the whole text, for a
        name with a comma in it)."""
        with suppress(Unreadable):
            return (resolver.resolve("data_categories", text),)
        return tuple(resolver.resolve("data_categories", name) for name in text.split(", "))

    def requirement(self, value: Any, current: Requirement | None) -> Requirement | None:
        """The Art. 13(2)(e) statement: the kind, then `must be provided: yes|no` and
        `if not provided: ...` lines (see `requirement_text`)."""
        text = parse_plain(value)
        if text is None:
            return None
        first, *rest = text.strip("\n").split("\n")
        kind = parse_code(first, REQUIREMENT_KINDS, _WHAT["requirement_kind"], self.lang)
        if kind is None:
            raise Unreadable(msg("xlsx.import.requirement_kind"))
        obliged: bool | None = None
        consequences: Text | None = None
        for line in rest:
            key, _, said = line.partition(":")
            if is_word(key, "obliged"):
                obliged = parse_bool(said.strip())
            elif is_word(key, "consequences"):
                consequences = self.text(said.strip(), current.consequences if current else None)
            else:
                raise Unreadable(msg("xlsx.import.requirement_line", line=repr(line),
                                     obliged=word("obliged", self.lang),
                                     consequences=word("consequences", self.lang)))  # fmt: skip
        return Requirement(kind=kind, obliged=obliged, consequences=consequences)

    def legal_bases(self, value: Any, current: tuple[Any, ...], resolver: _Resolver
                    ) -> tuple[Any, ...]:  # fmt: skip
        """Legal bases, one per line: `Label (Art. 6(1)(x)); detail: text; ...`."""
        pool = list(current)
        result = []
        for line in lines(value):
            kept = next((basis for basis in pool if self.book is not None
                         and line == _shown(legal_basis_text(self.book, basis), self.lang)),
                        None)  # fmt: skip
            if kept is not None:
                pool.remove(kept)
                result.append(kept)
                continue
            parts = _DETAIL_SPLIT.split(line)
            code = parse_code(parts[0], LEGAL_BASES, _WHAT["legal_basis"], self.lang)
            assert code is not None
            base = next((basis for basis in pool if basis.basis == code), None)
            if base is not None:
                pool.remove(base)
            model = LEGAL_BASIS_MODELS[code]
            fields: dict[str, Any] = {"basis": code}
            for detail, text in zip(parts[1::2], parts[2::2], strict=True):
                name = _DETAIL_WORDS[detail.casefold()]
                if name not in model.model_fields:
                    label = LEGAL_BASES[code].label(self.lang)
                    raise Unreadable(msg("xlsx.import.basis_detail", basis=label,
                                         detail=repr(detail)))  # fmt: skip
                stated = parse_plain(text)
                if name == "assessment":
                    fields[name] = _assessment(resolver, stated)
                elif name == "explicit":
                    fields[name] = parse_bool(stated)
                else:
                    fields[name] = merge_text(stated, getattr(base, name, None), self.lang,
                                              self.language)  # fmt: skip
            try:
                result.append(model.model_validate(fields))
            except ValidationError as error:
                problem = model_words(error.errors()[0])
                raise Unreadable(msg("xlsx.import.basis_invalid", line=repr(line),
                                     problem=problem)) from None  # fmt: skip
        return tuple(result)

    def dpia(self, value: Any, resolver: _Resolver) -> str | Dpia | None:
        """The DPIA: an assessment of the catalogue (by the words the exporter wrote for it,
        its id or its name), else the older `reference (date)`."""
        text = parse_plain(value)
        if text is None:
            return None
        with suppress(Unreadable):
            return resolver.resolve("assessments", text)
        match = _DPIA.match(text)
        if match is None:
            return Dpia(reference=text)
        return Dpia(reference=match["reference"], date=parse_date(match["date"]))

    # -- transfers ------------------------------------------------------------------------------

    def _transfers(self, activities: list[_Matched], resolver: _Resolver
                   ) -> dict[int, list[tuple[_Line, Transfer]]]:  # fmt: skip
        """The Transfers sheet's rows, each read into a transfer of the activity it names:
        activity (its position in `activities`) -> [(row, transfer)], in the sheet's order."""
        headings = {key: say(TRANSFER_COLUMNS, key, self.lang) for key in TRANSFER_COLUMNS}
        sheet = self._sheet("transfers", headings)
        # What the exporter wrote for each transfer of the data sheet: activity id -> pool of
        # (activity of the data sheet, transfer, cells).
        pool: dict[str, list[tuple[Any, Transfer, dict[str, Any]]]] = defaultdict(list)
        if self.book is not None and self.canonical is not None:
            rows = self._expected(transfers_rows(self.book), list(TRANSFER_COLUMNS))
            pairs = [(a, t) for a in self.canonical.activities for t in a.transfers or ()]
            for (activity, transfer), shown in zip(pairs, rows, strict=True):
                pool[activity.id].append((activity, transfer, shown))
        by_canonical, by_id = _positions(activities)
        found: dict[int, list[tuple[_Line, Transfer]]] = defaultdict(list)
        for line in sheet.lines:
            activity_id = cell_text(line.values.get("activity_id"))
            if activity_id is None:
                self.fail(line.ref("activity_id"), msg("xlsx.import.transfer_activity"))
                continue
            activity_id = activity_id.strip()
            candidates = pool.get(activity_id, [])
            kept = next((c for c in candidates
                         if all(_read(line.values.get(k)) == c[2].get(k) for k in _TRANSFER_KEYS)),
                        None)  # fmt: skip
            if kept is not None:
                candidates.remove(kept)
                line.expected = kept[2]
                position = by_canonical.get(id(kept[0]))
                if position is None:
                    continue  # the activity was deleted, and with it this transfer
                found[position].append((line, kept[1]))
                continue
            position = by_id.get(activity_id)
            if position is None:
                self.fail(line.ref("activity_id"), msg("xlsx.import.no_activity",
                          id=repr(activity_id),
                          sheet=repr(say(SHEETS, "activities", self.lang))))  # fmt: skip
                continue
            # A changed row keeps what its cells do not show (the organisation's name in the
            # other languages) from the transfer it was, the first to the same destination.
            code = _read(line.values.get("country_code"))
            base = next((c for c in candidates if c[2].get("country_code") == code), None)
            if base is not None:
                candidates.remove(base)
            parsed = self._transfer(line, resolver, base[1] if base is not None else None)
            if parsed is not None:
                found[position].append((line, parsed))
        return found

    def _transfer(self, line: _Line, resolver: _Resolver, base: Transfer | None = None
                  ) -> Transfer | None:  # fmt: skip
        fields: dict[str, Any] = {}
        readers: dict[str, tuple[str, Callable[[Any], Any]]] = {
            "country_code": ("country", lambda v: _optional(v, _destination)),
            "recipient": ("recipient", lambda v: _optional(
                v, lambda t: resolver.resolve("recipients", t, transfer=True))),
            "safeguard": ("safeguard", lambda v: parse_code(v, SAFEGUARDS, _WHAT["safeguard"],
                                                            self.lang)),
            "reference": ("reference", parse_plain),
            "derogation": ("derogation", lambda v: parse_code(
                v, DEROGATIONS, _WHAT["derogation"], self.lang)),
            "transfer_assessment": ("assessment",
                                    lambda v: _assessment(resolver, parse_plain(v))),
        }  # fmt: skip
        self._read_fields(line, fields, readers)
        destination = fields.pop("country", None)
        if destination in INTERNATIONAL_ORGANISATIONS:
            fields["organisation"] = destination
            if destination == "other":
                fields["organisation_name"] = self.text(
                    line.values.get("country"), base.organisation_name if base else None
                )
        elif destination is not None:
            fields["country"] = destination
        if (
            fields.get("country") is None
            and "organisation" not in fields
            and ("country" in line.letters)
        ):
            # Only the country's name was written: read it.
            country = self._read_cell(line, "country", lambda v: _optional(v, parse_country))
            if country is not _FAILED:
                fields["country"] = country
        transfer: Transfer | None = self._validated(
            Transfer, fields, _places(line, readers), line.ref("country_code")
        )
        return transfer

    def _transfers_cells(self, activities: list[_Matched],
                         rows: dict[int, list[tuple[_Line, Transfer]]],
                         resolver: _Resolver) -> None:  # fmt: skip
        """Each activity's transfers: the Transfers sheet lists them; the Activities cell says
        "none" or "not stated" when it lists none, and must not contradict it."""
        book = resolver.book
        for index, item in enumerate(activities):
            if item.entry is None:
                continue
            listed = tuple(transfer for _, transfer in rows.get(index, ()))
            line = item.line
            cell = _read(line.values.get("transfers"))
            unchanged = not line.changed("transfers")
            transfers: tuple[Transfer, ...] | None
            if listed:
                transfers = listed
                shown = _shown("\n".join(transfer_text(book, t) for t in listed), self.lang)
                if not (unchanged or cell is None or cell == shown):
                    self._transfers_cell_problem(line)
            elif unchanged and item.canonical is not None:
                canonical = item.canonical.transfers
                transfers = () if canonical else canonical  # its rows deleted: none left
            else:
                text = self._read_cell(line, "transfers", parse_plain)
                if text is None:
                    transfers = None
                elif text is not _FAILED and is_word(text, "none"):
                    transfers = ()
                else:
                    if text is not _FAILED:
                        self._transfers_cell_problem(line)
                    continue
            item.entry = item.entry.model_copy(update={"transfers": transfers})

    def _transfers_cell_problem(self, line: _Line) -> None:
        sheet = say(SHEETS, "transfers", self.lang)
        self.fail(line.ref("transfers"), msg("xlsx.import.transfers_cell", sheet=repr(sheet),
                  none=repr(word("none", self.lang)),
                  not_stated=repr(not_stated(self.lang))))  # fmt: skip

    # -- computed cells --------------------------------------------------------------------

    def _check_computed(self, register: Register, retention: list[_Matched],
                        activities: list[_Matched],
                        transfer_rows: dict[int, list[tuple[_Line, Transfer]]],
                        ) -> None:  # fmt: skip
        """A computed cell that was changed must show what the register now says."""
        book = self._book(register)
        rules = self._expected(retention_rules_rows(book), CATALOGUE_FIELDS["retention_rules"])
        kept = [item for item in retention if item.entry is not None]
        for item, shown in zip(kept, rules, strict=True):
            self._computed(
                item.line, "in_words", shown, ("period", "starts", "until"), CATALOGUE_COLUMNS
            )
        rows = self._expected(transfers_rows(book), list(TRANSFER_COLUMNS))
        position = 0
        for index, item in enumerate(activities):
            if item.entry is None:
                continue
            listed = transfer_rows.get(index, [])
            for (line, transfer), shown in zip(listed, rows[position : position + len(listed)],
                                               strict=True):  # fmt: skip
                # An organisation without a code is named in the Country column, by hand.
                named = transfer.organisation == "other"
                for key, source in (("activity", ("activity_id",)), ("country", ("country_code",)),
                                    ("adequacy", ("country_code",))):  # fmt: skip
                    if not (named and key == "country"):
                        self._computed(line, key, shown, source, TRANSFER_COLUMNS)
            position += len(item.entry.transfers or ())

    def _computed(self, line: _Line, key: str, shown: dict[str, Any], sources: Sequence[str],
                  table: Mapping[str, str]) -> None:  # fmt: skip
        if line.expected is None or key not in line.letters or not line.changed(key):
            return  # a row added by hand may say what it likes there
        if _read(line.values.get(key)) != shown.get(key):
            columns = either([repr(say(table, source, self.lang)) for source in sources])
            self.fail(line.ref(key), msg("xlsx.import.computed",
                      column=repr(say(table, key, self.lang)), sources=columns))  # fmt: skip


_FAILED = object()


def _merged(records: list[list[_Matched]], order: Mapping[int, int]) -> list[_Matched]:
    """The rows of the record sheets as one list in the register's order: each sheet's rows
    keep their order, and the sheets interleave as the data sheet's activities do. A row with
    no entry behind it goes with the row above it."""
    keyed: list[deque[tuple[int, _Matched]]] = []
    for matched in records:
        rows: deque[tuple[int, _Matched]] = deque()
        key = -1
        for item in matched:
            if item.canonical is not None:
                key = order.get(id(item.canonical), key)
            rows.append((key, item))
        keyed.append(rows)
    result: list[_Matched] = []
    while any(keyed):
        first = min((rows for rows in keyed if rows), key=lambda rows: rows[0][0])
        result.append(first.popleft()[1])
    return result


MAX_CELLS = 20_000_000
"""Most cells an import reads, over all sheets, the empty ones a row or sheet spans included
(a workbook ropa writes of 50,000 activities has about 4 million)."""


class _Count:
    """Cells read so far in one import."""

    def __init__(self) -> None:
        self.cells = 0


def _bounded_rows(sheet: Any, title: str, count: _Count) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The rows of a read-only sheet, numbered from 1, within `MAX_CELLS`.

    The size a sheet declares (`<dimension ref="A1:XFD1048576"/>`) is not trusted: openpyxl
    would give every row of that grid, 17 billion cells, for a sheet of a few bytes. Rows are
    read as the sheet holds them, and every cell given (empty ones included) is counted.
    """
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as error:  # openpyxl and the XML parser, on a damaged part
            said = msg("xlsx.import.damaged_sheet", reason=_reason(error))
            raise WorkbookError([CellProblem.of(title, said)]) from None
        number += 1
        count.cells += len(row) or 1
        if count.cells > MAX_CELLS:
            said = msg("xlsx.import.cells", cells=f"{MAX_CELLS:,}", row=str(number))
            raise WorkbookError([CellProblem.of(title, said)])
        yield number, row


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _formulas_without_values(path: str | os.PathLike[str], workbook: Any) -> list[CellProblem]:
    """A problem for every formula saved without its computed value.

    Opened with `data_only`, such a cell reads as empty ("not stated"), which is not what
    whoever typed it meant. The sheets are only looked through for a formula element;
    a workbook ropa wrote has none.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if not any(
                _has_formula(archive, part)
                for part in archive.namelist()
                if part.startswith("xl/worksheets/") and part.endswith(".xml")
            ):
                return []
        formulas = open_workbook(path, data_only=False)
    except Exception:  # a damaged part: the import proper reads it again and says so
        return []
    problems: list[CellProblem] = []
    count = _Count()
    try:
        for title in formulas.sheetnames:
            written = _bounded_rows(formulas[title], title, count)
            computed = _bounded_rows(workbook[title], title, count)
            for (number, row), (_, values) in zip(written, computed, strict=False):
                for index, value in enumerate(row):
                    if not (type(value) is str and value.startswith("=")):
                        continue
                    if index < len(values) and values[index] is not None:
                        continue
                    problems.append(
                        CellProblem.of(
                            f"{title}!{get_column_letter(index + 1)}{number}",
                            msg("xlsx.import.formula", formula=printable(value[:60])),
                        )
                    )
    finally:
        formulas.close()
    return problems


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    with archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            if _FORMULA.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


def _destination(text: str) -> str:
    """A transfer's destination from its code cell: an international organisation's code,
    else a country (`parse_country`)."""
    code = text.strip()
    return code if code in INTERNATIONAL_ORGANISATIONS else parse_country(code)


def _assessment(resolver: _Resolver, text: str | None) -> str | None:
    """An assessment reference from its cell: the id of the catalogue entry the text names,
    else the free text as written (the older form)."""
    if text is None:
        return None
    try:
        return resolver.resolve("assessments", text)
    except Unreadable:
        return text


def _optional(value: Any, read: Callable[[str], Any]) -> Any:
    text = parse_plain(value)
    return None if text is None else read(text)


def _places(line: _Line, readers: Mapping[str, tuple[str, Any]]) -> dict[str, str]:
    """Field name -> the cell it was read from."""
    return {name: line.ref(column) for column, (name, _) in readers.items()}


def _register_of(data: DataSheet) -> Register | None:
    if data.register is None or data.organisation is None:
        return None
    return Register(
        format=FORMAT,
        register=data.register,
        organisation=data.organisation,
        **{section: tuple(entries) for section, entries in data.entries.items()},
    )


class _Resolver:
    """Catalogue entries named in an Activities or Transfers cell: by the words the exporter
    wrote for them (from the data sheet or as the catalogue sheet now says), by id, or by
    name."""

    def __init__(self, run: _Import, register: Register) -> None:
        self.lang = run.lang
        self.book = run._book(register)
        sections = ("controllers", *CATALOGUES)
        self.sheets = {key: say(SHEETS, key, run.lang) for key in sections}
        self.shown: dict[str, dict[str, list[str]]] = {key: defaultdict(list) for key in sections}
        self.names: dict[str, dict[str, list[str]]] = {key: defaultdict(list) for key in sections}
        self.ids: dict[str, set[str]] = {key: set() for key in sections}
        books = [self.book] + ([run.book] if run.book is not None else [])
        for book in books:
            render = Renderers(book)
            how = {"controllers": render.controller, "data_subjects": render.subject,
                   "data_categories": render.category,
                   "recipients": render.recipient, "retention_rules": render.retention,
                   "security_measures": render.measure,
                   "assessments": render.assessment}  # fmt: skip
            for section, entry_text in how.items():
                for entry in getattr(book.register, section):
                    shown = _shown(entry_text(entry), run.lang)
                    _add(self.shown[section], shown, entry.id)
                    if isinstance(shown, str) and without_marks(shown) != shown:
                        _add(self.shown[section], without_marks(shown), entry.id)
                    name = text_in(entry.name, run.lang, book.register.register.language)
                    _add(self.names[section], str(_shown(name, run.lang)).casefold(), entry.id)
                    self.ids[section].add(entry.id)
        # A transfer names its recipient by name alone.
        self.transfer_names: dict[str, list[str]] = defaultdict(list)
        for book in books:
            for entry in book.register.recipients:
                shown = _shown(book.text(entry.name), run.lang)
                _add(self.transfer_names, shown, entry.id)
                if isinstance(shown, str) and without_marks(shown) != shown:
                    _add(self.transfer_names, without_marks(shown), entry.id)

    def resolve(self, section: str, text: str, *, transfer: bool = False) -> str:
        """The id of the entry of `section` that `text` names; Unreadable when none or several."""
        text = text.strip()
        tables = [self.transfer_names, self.shown[section]] if transfer else [self.shown[section]]
        for table in tables:
            found = table.get(text)
            if found:
                return self._one(found, text)
        if text in self.ids[section]:
            return text
        found = self.names[section].get(text.casefold())
        if found:
            return self._one(found, text)
        unknown = _NOT_IN_CATALOGUE.match(text)
        if unknown is not None:
            return unknown["id"]
        raise Unreadable(msg("xlsx.import.not_on_sheet", text=repr(text),
                             sheet=repr(self.sheets[section])))  # fmt: skip

    @staticmethod
    def _one(ids: list[str], text: str) -> str:
        if len(ids) > 1:
            raise Unreadable(msg("xlsx.import.ambiguous", text=repr(text), ids=", ".join(ids)))
        return ids[0]


def _add(table: dict[str, list[str]], key: Any, entry_id: str) -> None:
    if key is None:
        return
    found = table[key]
    if entry_id not in found:
        found.append(entry_id)


def _says_none_recorded(row: Sequence[Any], lang: str) -> bool:
    """Whether `row` is only the words "none recorded", as the exporter writes them under the
    header of an empty sheet."""
    first, *rest = row
    return cell_text(first) == word("none_recorded", lang) and all(
        value is None or value == "" for value in rest
    )
