"""Findings of the validation rules, and the report that gathers them."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import FrozenInstanceError, dataclass, field, replace
from datetime import date
from enum import Enum
from functools import cached_property
from operator import itemgetter
from typing import Any, NamedTuple

from ropa.source import Location, NodePath, format_path
from ropa.text.messages import Argument, arguments_text, message_of, plural, render
from ropa.text.messages import message as catalogue_message


class Severity(str, Enum):
    """How much a finding matters: an error fails validation, a warning fails it under
    `--strict`, info never does.

    Examples:
        >>> import ropa
        >>> ropa.Severity("warning") is ropa.Severity.WARNING
        True
        >>> sorted(ropa.Severity, key=lambda severity: severity.rank)[0].value
        'error'
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for error, 1 for warning, 2 for info (most serious first)."""
        return ("error", "warning", "info").index(self.value)


@dataclass(frozen=True)
class Rule:
    """A validation rule of the catalogue: stable code, slug, severity and GDPR article.

    Examples:
        >>> import ropa
        >>> rule = ropa.RULES["ROPA302"]
        >>> rule.slug, rule.severity.value
        ('interest-unstated', 'error')
        >>> rule.article_text
        'GDPR Art. 6(1)(f), 13(1)(d)'
    """

    code: str
    slug: str
    severity: Severity
    article: str
    summary: str
    area: str
    controller_only: bool = False
    """Judges only the controller's record (Art. 30(1)): silent on processor activities."""

    @property
    def article_text(self) -> str:
        """The article as a citation: `GDPR Art. 30(1)(a)`."""
        return f"GDPR Art. {self.article}"

    def title(self, lang: str) -> str:
        """The rule's name in `lang`, from the catalogue (`ROPA302.title`); `summary`, its
        English name as registered, when no catalogue has it.

        >>> import ropa
        >>> ropa.RULES["ROPA605"].title("lv")
        'reģistram nav pārskatīšanas datuma'
        """
        msgid = f"{self.code}.title"
        said = catalogue_message(msgid, lang)
        return self.summary if said == msgid else said


class ExpiredWaiver(NamedTuple):
    """A waiver that would silence a finding but has expired (ROPA105): the finding is open
    again and names it."""

    expires: date
    """The waiver's last day."""
    reason: str
    """Why the finding had been accepted."""

    def text(self, lang: str) -> str:
        """`waiver expired on 2027-05-20: reason`, in `lang`."""
        said = catalogue_message("word.waiver_expired", lang, expires=self.expires.isoformat())
        return f"{said}: {self.reason}" if self.reason else said


JSON_FIELDS: tuple[str, ...] = (
    "code", "slug", "severity", "message", "message_id", "arguments", "article", "path",
    "activity", "file", "line", "column", "waived", "reason", "expired_waiver",
)  # fmt: skip
"""The keys of a finding written as JSON (`Finding.as_dict`), in the order written."""
LOCAL_FIELDS = frozenset({"file"})
"""The keys that may hold a path of this machine: a document meant to leave it (the JSON
export) leaves them out."""


_UNSET: Any = object()
"""A keyword left out of `Finding.replace` (the field keeps its value)."""


class _FindingFields:
    """The fields of a `Finding`, as slots: a large register has tens of thousands."""

    __slots__ = (
        "_given", "_message", "activity", "arguments", "article", "code", "expired_waiver",
        "location", "message_id", "path", "reason", "severity", "slug", "waived",
    )  # fmt: skip


class _Unfrozen(_FindingFields):
    """A `Finding` while its fields are set: assigned as plain slots, without the call per
    field a frozen class needs (`object.__setattr__`), which made making the findings of a
    large register cost a tenth of its rules."""

    __slots__ = ()


class Finding(_FindingFields):
    """One thing a rule found: what, where (path and file position), and whether waived.

    `str(finding)` is the line `ropa validate` prints:
    `file:line:col: severity CODE slug: message (GDPR Art. N)`.

    Immutable, compared and hashed by its fields, as a frozen dataclass is. The message is
    put into words only when it is read (`message`, `text`): a large register has tens of
    thousands of findings, and a report shown in Latvian never needs their English text.

    Examples:
        >>> import ropa
        >>> from datetime import date
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> finding = ropa.validate(register, as_of=date(2026, 11, 27)).open_findings[0]
        >>> finding.code, finding.severity.value, finding.file
        ('ROPA501', 'warning', 'data/processing_activities.yaml')
        >>> finding.path_text
        'recipients[0]'
        >>> print(finding)  # doctest: +ELLIPSIS
        data/processing_activities.yaml:...:5: warning ROPA501 processor-contract-missing: ...
    """

    __slots__ = ()  # the fields are `_FindingFields`'s

    _message: str | None
    _given: bool
    code: str
    """The rule's code, e.g. `ROPA303`."""
    slug: str
    """The rule's slug, e.g. `interest-unbalanced`."""
    severity: Severity
    """The rule's severity."""
    article: str
    """The GDPR article the rule applies, e.g. `30(1)(b)`."""
    path: NodePath
    """The path of the node at fault in the register."""
    activity: str | None
    """The id of the activity the finding is about, if it is about one."""
    location: Location | None
    """Where the node at fault was written, when the register came from a file."""
    waived: bool
    """Whether a waiver accepts the finding."""
    reason: str | None
    """The waiver's reason, when waived."""
    message_id: str
    """The catalogue id of the message (`ropa.text.messages`), e.g. `ROPA303`; `message`
    is its English text, kept for callers that read only that."""
    arguments: tuple[tuple[str, Argument], ...]
    """The message's parameters, (name, value) in the order the rule gave them; a value is
    text, or a value said in the reader's language (`ropa.text.messages.Argument`)."""
    expired_waiver: ExpiredWaiver | None
    """The waiver that accepted this finding until it expired (ROPA105); the finding is open."""

    def __init__(
        self,
        code: str,
        slug: str,
        severity: Severity,
        message: str | None,
        article: str,
        path: NodePath,
        activity: str | None = None,
        location: Location | None = None,
        waived: bool = False,
        reason: str | None = None,
        message_id: str = "",
        arguments: tuple[tuple[str, Argument], ...] = (),
        expired_waiver: ExpiredWaiver | None = None,
    ) -> None:
        """`message` is the English text; None to have it rendered from `message_id` and
        `arguments` when first read (which is what the rules do)."""
        if message is None and not message_id:
            raise TypeError("a finding needs a message or a message_id")
        if type(self) is not Finding:  # a subclass may have a layout of its own
            setter = object.__setattr__
            for name, value in (
                ("code", code), ("slug", slug), ("severity", severity), ("_message", message),
                ("_given", message is not None), ("article", article), ("path", path),
                ("activity", activity), ("location", location), ("waived", waived),
                ("reason", reason), ("message_id", message_id), ("arguments", arguments),
                ("expired_waiver", expired_waiver),
            ):  # fmt: skip
                setter(self, name, value)
            return
        object.__setattr__(self, "__class__", _Unfrozen)
        fields: Any = self
        fields.code = code
        fields.slug = slug
        fields.severity = severity
        fields._message = message
        fields._given = message is not None
        fields.article = article
        fields.path = path
        fields.activity = activity
        fields.location = location
        fields.waived = waived
        fields.reason = reason
        fields.message_id = message_id
        fields.arguments = arguments
        fields.expired_waiver = expired_waiver
        fields.__class__ = Finding  # frozen from here on

    @property
    def message(self) -> str:
        """The message in English (rendered on first read, then kept)."""
        return self._english(None)

    def _english(self, memo: dict[object, str] | None) -> str:
        said: str | None = self._message
        if said is None:
            said = message_of(self.message_id, "en", arguments_text(self.arguments, "en", memo))
            object.__setattr__(self, "_message", said)
        return said

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.code, self.slug, self.severity, self.message, self.article, self.path,
            self.activity, self.location, self.waived, self.reason, self.message_id,
            self.arguments, self.expired_waiver,
        )  # fmt: skip

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        names = (
            "code", "slug", "severity", "message", "article", "path", "activity", "location",
            "waived", "reason", "message_id", "arguments", "expired_waiver",
        )  # fmt: skip
        values = zip(names, self._fields(), strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in values)
        return f"{self.__class__.__qualname__}({shown})"

    def __reduce__(self) -> tuple[Any, ...]:
        given = self._message if self._given else None
        return (
            self.__class__,
            (
                self.code, self.slug, self.severity, given, self.article, self.path,
                self.activity, self.location, self.waived, self.reason, self.message_id,
                self.arguments, self.expired_waiver,
            ),
        )  # fmt: skip

    def replace(
        self,
        *,
        waived: bool = _UNSET,
        reason: str | None = _UNSET,
        expired_waiver: ExpiredWaiver | None = _UNSET,
        location: Location | None = _UNSET,
    ) -> Finding:
        """This finding with the fields named changed (as `dataclasses.replace` does)."""
        return Finding(
            self.code,
            self.slug,
            self.severity,
            self._message if self._given else None,
            self.article,
            self.path,
            self.activity,
            self.location if location is _UNSET else location,
            self.waived if waived is _UNSET else waived,
            self.reason if reason is _UNSET else reason,
            self.message_id,
            self.arguments,
            self.expired_waiver if expired_waiver is _UNSET else expired_waiver,
        )

    def as_dict(self, lang: str = "en", *, leave_out: Collection[str] = ()) -> dict[str, Any]:
        """The finding as JSON data, the keys of `JSON_FIELDS` in order (but `leave_out`),
        its message in `lang`: what `ropa validate --format json` and the JSON export write.

        Examples:
            >>> import ropa
            >>> report = ropa.validate(ropa.load("data/processing_activities.yaml"))
            >>> finding = report.findings[0].as_dict("en", leave_out=LOCAL_FIELDS)
            >>> list(finding)[:4], "file" in finding
            (['code', 'slug', 'severity', 'message'], False)
        """
        values: dict[str, Any] = {
            "code": self.code,
            "slug": self.slug,
            "severity": self.severity.value,
            "message": self.text(lang),
            "message_id": self.message_id,
            "arguments": dict(self.arguments_in(lang)),
            "article": self.article,
            "path": self.path_text,
            "activity": self.activity,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "waived": self.waived,
            "reason": self.reason,
            "expired_waiver": None
            if self.expired_waiver is None
            else {
                "expires": self.expired_waiver.expires.isoformat(),
                "reason": self.expired_waiver.reason,
            },
        }
        return {key: values[key] for key in JSON_FIELDS if key not in leave_out}

    def text(self, lang: str, *, memo: dict[object, str] | None = None) -> str:
        """The message in `lang`; the English `message` when no catalogue has its id.

        `memo`: the texts of the arguments already said in `lang`, for a caller that says
        many findings in one language (`ropa.text.messages.arguments_text`)."""
        if not self.message_id or (lang == "en" and not self._given):
            return self._english(memo)  # rendered in English from the catalogue, then kept
        said = message_of(self.message_id, lang, arguments_text(self.arguments, lang, memo))
        return self.message if said == self.message_id else said

    def arguments_in(self, lang: str) -> tuple[tuple[str, str], ...]:
        """The message's parameters as text in `lang`, (name, text) in order."""
        return tuple((name, render(value, lang)) for name, value in self.arguments)

    @property
    def path_text(self) -> str:
        """The path in the register, e.g. `activities[3].legal_bases[1]`."""
        return format_path(self.path)

    @property
    def file(self) -> str | None:
        """The file the finding points into, when the register came from a file."""
        return self.location.file if self.location else None

    @property
    def line(self) -> int | None:
        """1-based line, when known."""
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        """1-based column, when known."""
        return self.location.column if self.location else None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """File, line, column, code (then path, for a total order)."""
        if self.location is None:
            return ("", 0, 0, self.code, self.path_text)
        return (
            self.location.file,
            self.location.line,
            self.location.column,
            self.code,
            self.path_text,
        )

    def waive(self, reason: str) -> Finding:
        """This finding, marked as accepted for `reason`."""
        return self.replace(waived=True, reason=reason)

    def __str__(self) -> str:
        return self.report_line("en")

    def report_line(self, lang: str) -> str:
        """`file:line:col: severity CODE slug: message (GDPR Art. N)`, the message in `lang`."""
        where = f"{self.location}: " if self.location else f"{self.path_text}: "
        text = f"{where}{self.severity.value} {self.code} {self.slug}: {self.text(lang)}"
        text += f" (GDPR Art. {self.article})"
        if self.waived:
            text += f" [waived: {self.reason}]"
        elif self.expired_waiver is not None:
            text += f" [{self.expired_waiver.text(lang)}]"
        return text


@dataclass(frozen=True)
class Report:
    """All findings for one register, sorted; waived findings stay in, marked.

    Examples:
        >>> import ropa
        >>> from datetime import date
        >>> register = ropa.load("data/processing_activities.yaml")
        >>> report = ropa.validate(register, as_of=date(2026, 11, 27))
        >>> report.summary()
        '0 errors, 18 warnings, 8 info (1 waived)'
        >>> report.failed(), report.failed(strict=True)
        (False, True)
        >>> [finding.code for finding in report.for_activity("newsletter")]
        ['ROPA208', 'ROPA211']
        >>> report.filtered(select=["ROPA3"]).summary()
        '0 errors, 7 warnings, 1 info (0 waived)'
    """

    findings: tuple[Finding, ...]
    as_of: date
    file: str | None = None
    rules: tuple[str, ...] = field(default=())

    @classmethod
    def of(
        cls,
        findings: Iterable[Finding],
        *,
        as_of: date,
        file: str | None = None,
        rules: Iterable[str] = (),
    ) -> Report:
        """A report of `findings` in the catalogue's order: file, line, column, code."""
        rules = tuple(rules)
        return cls(_sorted(findings, rules), as_of, file, rules)

    def _count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity and not f.waived)

    @property
    def errors(self) -> int:
        """Errors that are not waived."""
        return self._count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Warnings that are not waived."""
        return self._count(Severity.WARNING)

    @property
    def info(self) -> int:
        """Info findings that are not waived."""
        return self._count(Severity.INFO)

    @property
    def waived(self) -> int:
        """Findings that a waiver accepts."""
        return sum(1 for f in self.findings if f.waived)

    @property
    def open_findings(self) -> tuple[Finding, ...]:
        """Findings that are not waived."""
        return tuple(f for f in self.findings if not f.waived)

    def for_activity(self, activity_id: str) -> tuple[Finding, ...]:
        """Findings about one activity, waived ones included."""
        return self._by_activity.get(activity_id, ())

    @cached_property
    def _by_activity(self) -> dict[str, tuple[Finding, ...]]:
        # Built once, so asking for every activity's findings stays linear.
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.activity is not None:
                grouped.setdefault(finding.activity, []).append(finding)
        return {activity: tuple(found) for activity, found in grouped.items()}

    def failed(self, *, strict: bool = False) -> bool:
        """Whether validation fails: any open error, or under `strict` any open warning."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self, lang: str = "en") -> str:
        """`N errors, N warnings, N info (N waived)`, in `lang` (each count agreeing with its
        noun as the language's plural forms say)."""
        errors, warnings, info, waived = (
            plural(f"xlsx.counted.{noun}", count, lang, count=count)
            for noun, count in (
                ("error", self.errors),
                ("warning", self.warnings),
                ("info", self.info),
                ("waived", self.waived),
            )
        )
        return f"{errors}, {warnings}, {info} ({waived})"

    def filtered(self, *, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
        """Only findings whose code starts with one of `select` (all if empty), none whose
        code starts with one of `ignore`."""
        chosen = tuple(select)
        dropped = tuple(ignore)
        kept = [
            f
            for f in self.findings
            if (not chosen or f.code.startswith(chosen)) and not f.code.startswith(dropped)
        ]
        return replace(self, findings=tuple(kept))


def _place(finding: Finding) -> tuple[str, int, int, str]:
    """`Finding.sort_key` without its last part, the path (which few findings need)."""
    location = finding.location
    if location is None:
        return ("", 0, 0, finding.code)
    return (location.file, location.line, location.column, finding.code)


_SPOT_BITS = 32
"""Bits a line and a column each have in a packed sort key (`_packed_order`): a line or column
number of 2**32 or more (a file of over 4 GB) sorts by the tuples instead."""
_CODE_BITS = 16


def _sorted(findings: Iterable[Finding], codes: Iterable[str] = ()) -> tuple[Finding, ...]:
    """`findings` sorted by `Finding.sort_key`: by place, then the few that share a place by
    their path too, so that the path is put into words only where it decides (the same order
    as one sort by the whole key, each sort being stable). `codes`, the codes expected (in
    any order), only spares a step."""
    items = list(findings)
    try:
        ordered = _packed_order(items, codes)
    except TypeError:  # a Location built by hand with numbers that are not int
        ordered = None
    if ordered is None:
        ordered = _tuple_order(items)
    return tuple(ordered)


def _tuple_order(items: list[Finding]) -> list[Finding]:
    keyed = sorted([(_place(finding), finding) for finding in items], key=itemgetter(0))
    ordered = [finding for _, finding in keyed]
    _order_ties(ordered, [place for place, _ in keyed])
    return ordered


def _packed_order(items: list[Finding], codes: Iterable[str]) -> list[Finding] | None:
    """`_tuple_order`'s result, from one int per finding instead of a tuple: line, column,
    code and the finding's index packed into it, in a list per file. A large register has
    over 100,000 findings, and comparing ints touches no other object, where tuples of a
    string and ints are compared item by item. None where a number does not fit."""
    ranks = {code: rank for rank, code in enumerate(sorted(set(codes)))}
    expected = len(ranks)
    shift = len(items).bit_length()
    by_file: dict[str, list[int]] = {}
    bound = 0
    for index, finding in enumerate(items):
        location = finding.location
        rank = ranks.get(finding.code)
        if rank is None:
            rank = ranks[finding.code] = len(ranks)  # put in order below
        if location is None:
            file, line, column = "", 0, 0
        else:
            file, line, column = location.file, location.line, location.column
        bound |= line | column
        keys = by_file.get(file)
        if keys is None:
            keys = by_file[file] = []
        keys.append((((line << _SPOT_BITS | column) << _CODE_BITS | rank) << shift) | index)
    if bound >> _SPOT_BITS or len(ranks) >> _CODE_BITS:
        return None  # too large, or negative
    if len(ranks) > expected:  # codes met that were not expected
        _rerank(by_file, ranks, shift)
    ordered: list[Finding] = []
    index_mask = (1 << shift) - 1
    for file in sorted(by_file):
        keys = by_file[file]
        keys.sort()
        found = [items[key & index_mask] for key in keys]
        places = [key >> shift for key in keys]
        if len(set(places)) < len(places):
            _order_ties(found, places)
        ordered += found
    return ordered


def _rerank(by_file: dict[str, list[int]], ranks: dict[str, int], shift: int) -> None:
    """Renumber the codes of the packed keys in code order (they were numbered as met)."""
    final = {code: rank for rank, code in enumerate(sorted(ranks))}
    table = [final[code] for code in ranks]
    code_mask = (1 << _CODE_BITS) - 1
    for keys in by_file.values():
        for at, key in enumerate(keys):
            met = (key >> shift) & code_mask
            keys[at] = key + ((table[met] - met) << shift)


def _order_ties(found: list[Finding], places: Sequence[object]) -> None:
    """Sort each run of findings that share a place (file, line, column, code: `places`, one
    per finding, equal for equal places) by path."""
    start = 0
    for end in range(1, len(places) + 1):
        if end < len(places) and places[end] == places[start]:
            continue
        if end - start > 1:
            found[start:end] = sorted(found[start:end], key=Finding.sort_key)
        start = end
