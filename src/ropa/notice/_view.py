"""The register as a notice reads it: catalogue entries by id, every name in one language."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from ropa.model import Activity, DataCategory, Recipient, Register, RetentionRule
from ropa.notice._document import Inline, Link
from ropa.text import language_of, marked
from ropa.wording import text

_UNSAFE_IN_URL = frozenset("<>\"'`\\")


class RegisterView:
    """Look-ups a notice needs, in the reader's language `lang`.

    A reference to an id the catalogue lacks is shown as the id itself: the validators report
    it, and the notice should not hide it.
    """

    def __init__(self, register: Register, lang: str) -> None:
        self.register = register
        self.lang = lang
        # A processor does not inform the controller's data subjects (Art. 13, 14 and 28):
        # the notice speaks of the controller-role activities only.
        self.activities = register.controller_activities
        self.left_out = register.processor_activities
        """The processor-role activities, which the notice leaves out."""
        self._subjects = {entry.id: entry for entry in register.data_subjects}
        self._categories = {entry.id: entry for entry in register.data_categories}
        self._recipients = {entry.id: entry for entry in register.recipients}
        self._retention = {entry.id: entry for entry in register.retention_rules}
        self.marked: dict[tuple[str, str], None] = {}
        """(language, text) of every register text shown marked, in the order first shown."""

    def text(self, value: str | dict[str, str] | None) -> str:
        """A text field in the reader's language, whitespace collapsed; "" when not stated.
        A text the register does not give in that language is shown in the one it has,
        marked with it (`[lv] Klienti`), never passed off as the reader's: the `--draft`
        section lists each one (`marked`)."""
        shown = " ".join(text(self.register, value, self.lang).split())
        language = language_of(value, self.lang, self.register.register.language)
        if not shown or language is None or language == self.lang:
            return shown
        self.marked.setdefault((language, shown))
        return marked(shown, language)

    def name(self, activity: Activity) -> str:
        """The activity's name (its purpose as the notice states it)."""
        return self.text(activity.name) or activity.id

    def names(self, activities: list[Activity]) -> tuple[tuple[Inline, ...], ...]:
        """The activities' names, one list line each."""
        return tuple((self.name(activity),) for activity in activities)

    def subject_name(self, subject_id: str) -> str:
        """The name of a data subject category."""
        found = self._subjects.get(subject_id)
        return self.text(found.name) if found is not None else subject_id

    def category(self, category_id: str) -> DataCategory | None:
        """A data category by id."""
        return self._categories.get(category_id)

    def category_name(self, category_id: str) -> str:
        """The name of a data category."""
        found = self._categories.get(category_id)
        return self.text(found.name) if found is not None else category_id

    def recipient(self, recipient_id: str) -> Recipient | None:
        """A recipient category by id."""
        return self._recipients.get(recipient_id)

    def recipient_name(self, recipient_id: str) -> str:
        """The name of a recipient category."""
        found = self._recipients.get(recipient_id)
        return self.text(found.name) if found is not None else recipient_id

    def retention(self, activity: Activity) -> RetentionRule | None:
        """The activity's retention rule, when it names one the catalogue has."""
        if not isinstance(activity.retention, str):
            return None
        return self._retention.get(activity.retention)

    def used_categories(self) -> list[str]:
        """Data category ids the activities use: catalogue order, then unknown ids."""
        used = {category for activity in self.activities for category in activity.data_categories}
        return _in_catalogue_order(used, self._categories)

    def used_recipients(self) -> list[str]:
        """Recipient ids the activities use, as recipients or as the recipients of their
        transfers (a transfer discloses the data to its recipient whether or not the
        activity lists it): catalogue order, then unknown ids."""
        used = {
            recipient for activity in self.activities for recipient in activity_recipients(activity)
        }
        return _in_catalogue_order(used, self._recipients)

    def used_retention_rules(self) -> list[RetentionRule]:
        """Retention rules the activities use, in catalogue order."""
        used = {rule for activity in self.activities for rule in activity.retention_rule_ids()}
        return [rule for rule in self.register.retention_rules if rule.id in used]


def activity_recipients(activity: Activity) -> tuple[str, ...]:
    """The recipients an activity discloses data to: those it lists, then those its
    transfers name that it does not list."""
    listed = tuple(activity.recipients or ())
    named = tuple(
        transfer.recipient
        for transfer in activity.transfers or ()
        if transfer.recipient is not None and transfer.recipient not in listed
    )
    return listed + tuple(dict.fromkeys(named))


def _in_catalogue_order(used: set[str], catalogue: Mapping[str, object]) -> list[str]:
    known = [entry_id for entry_id in catalogue if entry_id in used]
    return known + sorted(used - set(catalogue))


def web_link(url: str, shown: str | None = None) -> Inline:
    """A link when `url` is a plain http(s) URL; otherwise the text itself, never a link."""
    label = shown if shown is not None else url
    try:
        parts = urlsplit(url)
    except ValueError:
        return label
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return label
    if any(char.isspace() or ord(char) < 32 or char in _UNSAFE_IN_URL for char in url):
        return label
    return Link(label, url)
