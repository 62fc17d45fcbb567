"""ropa's own words in the reader's language, from gettext message catalogues.

Each language is a catalogue `ropa/locale/<lang>/LC_MESSAGES/ropa.mo`, compiled from the
`ropa.po` beside it (`make catalogues`, with Babel). The standard library's `gettext` reads
it at run time, so the installed package needs nothing beyond Python. Message ids are
symbolic (`ROPA201`, `ROPA302.assessment`): English is a catalogue like any other, and a
third language is one more catalogue file, found by `languages()` without a code change.

Placeholders are `str.format` names (`{activity}`); every language uses the same ones
(tests/text/test_messages.py checks it).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from string import Formatter
from typing import NamedTuple, Protocol

from ropa.text.grammar import join

__all__ = [
    "DOMAIN",
    "LOCALE_DIRS",
    "Argument",
    "Clause",
    "Invalid",
    "Labelled",
    "Listing",
    "Message",
    "arguments_text",
    "languages",
    "message",
    "message_ids",
    "message_of",
    "msg",
    "placeholders",
    "plural",
    "render",
    "sarif_template",
]

DOMAIN = "ropa"
"""The gettext domain: every catalogue file is named `ropa.po` / `ropa.mo`."""

LOCALE_DIRS: list[Path] = [Path(__file__).resolve().parent.parent / "locale"]
"""Where catalogues are looked for, first match wins; a test may add a directory."""

FALLBACK = "en"
"""The language a message missing from a catalogue is given in."""


def languages() -> tuple[str, ...]:
    """Every language that has a compiled catalogue, in name order."""
    return _languages(tuple(LOCALE_DIRS))


@cache
def _languages(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    found = {
        mo.parent.parent.name for base in dirs for mo in base.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
    }
    return tuple(sorted(found))


@cache
def _catalogue(lang: str, dirs: tuple[Path, ...]) -> gettext.NullTranslations:
    for base in dirs:
        mo = base / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.is_file():
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
    return gettext.NullTranslations()


@cache
def _entries(lang: str, dirs: tuple[Path, ...]) -> dict[object, str]:
    """The catalogue's messages by id: what its `gettext` looks up, read without the call
    (a large report looks up tens of thousands of messages)."""
    entries: dict[object, str] = getattr(_catalogue(lang, dirs), "_catalog", {})
    return entries


# The catalogues' entries by language, for the directories they were read from: a report
# renders tens of thousands of messages, each looked up without hashing the directories.
_current: dict[str, dict[object, str]] = {}
_current_dirs: list[Path] = []


def _entries_now(lang: str) -> dict[object, str]:
    """`_entries` of `lang` for the present `LOCALE_DIRS` (which a test may change)."""
    if _current_dirs != LOCALE_DIRS:  # a list compares its items by identity first
        _current.clear()
        _current_dirs[:] = LOCALE_DIRS
    entries = _current.get(lang)
    if entries is None:
        entries = _current[lang] = _entries(lang, tuple(LOCALE_DIRS))
    return entries


def _lookup(msgid: str, lang: str) -> str | None:
    text = _entries_now(lang).get(msgid)
    return None if text is None or text == msgid else text


def message(msgid: str, lang: str, /, **params: object) -> str:
    """The message `msgid` in `lang`, its placeholders filled from `params`.

    A language without the message falls back to English; a message no catalogue has is
    its id (a visible gap, never an exception in the middle of a report).

    >>> message("word.waived", "en")
    'waived'
    """
    return message_of(msgid, lang, params)


def message_of(msgid: str, lang: str, params: Mapping[str, object]) -> str:
    """`message(msgid, lang, **params)`, the parameters given as a dict (which is not kept):
    what a report of many findings calls, without unpacking and packing them again."""
    text = _lookup(msgid, lang)
    if text is None and lang != FALLBACK:
        text = _lookup(msgid, FALLBACK)
    if text is None:
        return msgid
    return _filled(text, params, msgid, lang)


def _filled(text: str, params: Mapping[str, object], msgid: str, lang: str) -> str:
    """`text` with `params` filled in; a translation whose placeholders are broken (a
    catalogue added without running the tests) gives the English text, never an error."""
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        english = _lookup(msgid, FALLBACK) if lang != FALLBACK else None
        return english.format(**params) if english is not None else text


def _plural_lookup(msgid: str, count: int, lang: str) -> str | None:
    text = _catalogue(lang, tuple(LOCALE_DIRS)).ngettext(msgid, msgid, count)
    return None if text == msgid else text


def plural(msgid: str, count: int, lang: str, /, **params: object) -> str:
    """The form of the plural message `msgid` that `count` takes in `lang` (the catalogue's
    `Plural-Forms` decide: Latvian has three, English two), placeholders filled from `params`.

    >>> plural("xlsx.counted.error", 21, "lv", count=21)
    '21 kļūda'
    """
    text = _plural_lookup(msgid, count, lang)
    if text is None and lang != FALLBACK:
        text = _plural_lookup(msgid, count, FALLBACK)
    if text is None:
        return msgid
    if not params:
        return text
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        english = _plural_lookup(msgid, count, FALLBACK) if lang != FALLBACK else None
        return english.format(**params) if english is not None else text


class Labelled(Protocol):
    """A value that has a label in each language, such as a vocabulary term
    (`ropa.vocab.Term`): a message argument said in the reader's words."""

    def label(self, lang: str, /) -> str:
        """The label in `lang`."""
        ...


class Listing(NamedTuple):
    """A list argument: its items said in the reader's language and joined as prose
    (`a, b and c`, `a, b un c`), or with `; ` between items that are clauses."""

    items: tuple[Argument, ...]
    clauses: bool = False

    def label(self, lang: str, /) -> str:
        """The items in `lang`, joined."""
        said = [render(item, lang) for item in self.items]
        return "; ".join(said) if self.clauses else join(said, lang)


class Clause(NamedTuple):
    """A label used inside a sentence: "Consent" said as "consent", a sentence said
    without its final full stop. A label that starts with an acronym ("PIPEDA") is kept."""

    value: Labelled

    def label(self, lang: str, /) -> str:
        """The label in `lang`, fit for the middle of a sentence."""
        said = self.value.label(lang).rstrip().rstrip(".")
        if len(said) > 1 and said[0].isupper() and said[1].islower():
            return said[0].lower() + said[1:]
        return said


class Message(NamedTuple):
    """A message not yet put into words: its id and its parameters (name, value), in the
    order they were given. A value is text, or a `Labelled` value (another `Message`, a
    vocabulary term, a `Listing`) said in the reader's language when the message is."""

    id: str
    arguments: tuple[tuple[str, Argument], ...] = ()

    def text(self, lang: str) -> str:
        """The message in `lang`, its arguments in `lang` too."""
        return message_of(self.id, lang, arguments_text(self.arguments, lang))

    def label(self, lang: str, /) -> str:
        """The message in `lang` (a message is `Labelled`: it can be another's argument)."""
        return self.text(lang)

    def arguments_in(self, lang: str) -> tuple[tuple[str, str], ...]:
        """The arguments as text in `lang`, (name, text) in order."""
        return tuple((name, render(value, lang)) for name, value in self.arguments)

    def __str__(self) -> str:
        return self.text(FALLBACK)


Argument = str | Labelled
"""A message argument: text as it is (an id, a date), or a value said in each language."""


def arguments_text(
    arguments: Iterable[tuple[str, Argument]], lang: str, memo: dict[object, str] | None = None
) -> dict[str, object]:
    """Message arguments (name, value) as text in `lang`, by name: what `message_of` fills
    in (made in one step: a report says tens of thousands of messages).

    `memo` keeps the texts of the values said in `lang` so far, for a caller that says many
    messages in that one language: the findings of a large register share a few hundred
    values that are not text (listings, destinations, decisions), each said once then.
    """
    if memo is None:
        return {
            name: value if type(value) is str else render(value, lang) for name, value in arguments
        }
    return {
        name: value if type(value) is str else _remembered(value, lang, memo)
        for name, value in arguments
    }


def _remembered(value: Argument, lang: str, memo: dict[object, str]) -> str:
    """`render(value, lang)`, kept in `memo` under the value and its type (a value compared by
    its fields, as the named tuples and frozen models are, is said the same each time)."""
    key = (type(value), value)
    try:
        said = memo.get(key)
    except TypeError:  # not hashable: said each time
        return render(value, lang)
    if said is None:
        said = memo[key] = render(value, lang)
    return said


def render(value: Argument, lang: str) -> str:
    """An argument as text in `lang`."""
    return value if isinstance(value, str) else value.label(lang)


def msg(msgid: str, /, **params: object) -> Message:
    """A `Message` with `params` as its arguments: text stays text, a `Labelled` value
    (a `Message`, a vocabulary term) stays as it is, a list or tuple becomes a `Listing`,
    anything else is turned into text.

    >>> str(msg("ROPA203", activity="payroll"))
    "activity 'payroll' states no purpose (purpose or description)"
    """
    if not params:
        return Message(msgid)
    for value in params.values():
        if type(value) is not str:
            break
    else:  # all text, the common case: the pairs as they are, with no call per argument
        return Message(msgid, tuple(params.items()))  # type: ignore[arg-type]
    return Message(
        msgid,
        tuple(
            [
                (name, value if type(value) is str else _argument(value))
                for name, value in params.items()
            ]
        ),
    )


_LABELLED_KINDS: set[type] = set()
"""The classes seen whose values are `Labelled` (a term, a message, a clause): a message
argument of one is known at a glance the next time."""


def _argument(value: object) -> Argument:
    # The common kinds first, tested by exact type (a rule's message has a few per finding).
    kind = type(value)
    if kind is str or kind in _LABELLED_KINDS:
        return value  # type: ignore[return-value]
    if kind is int:
        return str(value)
    if kind is list:
        return Listing(tuple([_argument(item) for item in value]))  # type: ignore[attr-defined]
    if isinstance(value, str):
        return value
    if callable(getattr(value, "label", None)):
        if callable(getattr(kind, "label", None)):  # a method of the class: so for each
            _LABELLED_KINDS.add(kind)
        labelled: Labelled = value  # type: ignore[assignment]
        return labelled
    if isinstance(value, (list, tuple)):
        return Listing(tuple([_argument(item) for item in value]))
    return str(value)


class Invalid(ValueError):
    """A value refused, with the catalogue message that says why (`said`); its text is the
    English. Raised by a model's validator, it becomes the loader's located problem in the
    reader's language."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def _english() -> dict[str, str]:
    return _english_in(tuple(LOCALE_DIRS))


@cache
def _english_in(dirs: tuple[Path, ...]) -> dict[str, str]:
    entries = _entries(FALLBACK, dirs)
    return {key: text for key, text in entries.items() if isinstance(key, str) and key}


def message_ids(prefix: str) -> tuple[str, ...]:
    """The English catalogue's ids that are `prefix` or start with `prefix.`, sorted:
    a rule code gives every message of that rule (its title, `ROPA302.title`, is a name,
    not a message, and is left out)."""
    return _message_ids(prefix, tuple(LOCALE_DIRS))


@cache
def _message_ids(prefix: str, dirs: tuple[Path, ...]) -> tuple[str, ...]:
    # Cached: SARIF asks for a rule's ids once per finding.
    return tuple(
        sorted(
            key
            for key in _english_in(dirs)
            if (key == prefix or key.startswith(prefix + ".")) and not key.endswith(".title")
        )
    )


def placeholders(msgid: str) -> tuple[str, ...]:
    """The placeholder names of the English text of `msgid`, in the order they appear."""
    names = (field for _, field, _, _ in Formatter().parse(_english().get(msgid, "")) if field)
    return tuple(dict.fromkeys(names))


def sarif_template(msgid: str) -> str:
    """The English text of `msgid` with SARIF's positional placeholders: `{activity}`
    becomes `{0}`, as `placeholders` orders the names."""
    text = _english().get(msgid, msgid)
    for position, name in enumerate(placeholders(msgid)):
        text = text.replace("{" + name + "}", "{" + str(position) + "}")
    return text
