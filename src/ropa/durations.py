"""ISO 8601 durations of years, months, weeks or days, as retention periods use them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from ropa.text.escape import shortened
from ropa.text.grammar import join
from ropa.text.messages import Invalid, msg, plural

# The lookahead refuses "P" and zero durations ("P0D"), as `Duration.parse` does.
DURATION_PATTERN = r"^P(?=.*[1-9])(?:(?:0*\d{1,6}Y)?(?:0*\d{1,6}M)?(?:0*\d{1,6}D)?|0*\d{1,6}W)$"
_DURATION = re.compile(r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?")

# Average lengths, used only to order durations of different units.
_MAX_DIGITS = 6
_DAYS_PER_YEAR = 365.2425
_DAYS_PER_MONTH = _DAYS_PER_YEAR / 12


@dataclass(frozen=True, order=False)
class Duration:
    """A period such as `P5Y` or `P18M`: comparable, printable in words, never zero.

    Examples:
        >>> from ropa import Duration
        >>> period = Duration.parse("P18M")
        >>> period > Duration.parse("P1Y"), str(period)
        (True, 'P18M')
        >>> period.in_words("en"), Duration.parse("P5Y").in_words("lv")
        ('18 months', '5 gadi')
    """

    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse an ISO 8601 duration of years, months and days, or of weeks alone."""
        if not isinstance(text, str):
            raise Invalid(msg("duration.expected", value=repr(text)))
        # No stripping: the JSON Schema's pattern refuses "P5Y " too, and so must the model.
        stripped = text
        if stripped.startswith("-"):
            raise Invalid(msg("duration.negative", value=repr(text)))
        if "T" in stripped:
            raise Invalid(msg("duration.time", value=repr(text)))
        match = _DURATION.fullmatch(stripped)
        if match is None or stripped == "P":
            raise Invalid(msg("duration.invalid", value=repr(text)))
        if any(part is not None and len(part.lstrip("0")) > _MAX_DIGITS for part in match.groups()):
            # Python cannot convert 4,300 digits, nor make a float of 309; no period is so long.
            said = msg("duration.too_long", value=repr(shortened(text)), digits=_MAX_DIGITS)
            raise Invalid(said)
        years, months, weeks, days = (int(part) if part else 0 for part in match.groups())
        if weeks and (years or months or days):
            raise Invalid(msg("duration.mixed_weeks", value=repr(text)))
        if not (years or months or weeks or days):
            raise Invalid(msg("duration.zero", value=repr(text)))
        return cls(years, months, weeks, days)

    def approximate_days(self) -> float:
        """Length in days, using average month and year lengths (for ordering only)."""
        return (
            self.years * _DAYS_PER_YEAR + self.months * _DAYS_PER_MONTH + self.weeks * 7 + self.days
        )

    def __lt__(self, other: Duration) -> bool:
        return self.approximate_days() < other.approximate_days()

    def __le__(self, other: Duration) -> bool:
        return self.approximate_days() <= other.approximate_days()

    def __gt__(self, other: Duration) -> bool:
        return self.approximate_days() > other.approximate_days()

    def __ge__(self, other: Duration) -> bool:
        return self.approximate_days() >= other.approximate_days()

    def __str__(self) -> str:
        if self.weeks:
            return f"P{self.weeks}W"
        parts = [f"{n}{unit}" for n, unit in ((self.years, "Y"), (self.months, "M"),
                                              (self.days, "D")) if n]  # fmt: skip
        return "P" + "".join(parts)

    def in_words(self, lang: str = "en") -> str:
        """The duration in words: `5 years`, `1 year and 6 months`; Latvian `5 gadi`.

        Each unit is the catalogue's plural message `duration.<unit>`: the language's plural
        forms decide the noun (Latvian: 1, 21, 31 ... take the singular, 11 the plural)."""
        parts = [
            plural(f"duration.{unit}", count, lang, count=count)
            for unit in ("years", "months", "weeks", "days")
            if (count := getattr(self, unit))
        ]
        return join(parts, lang)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> Duration:
            if isinstance(value, Duration):
                return value
            return cls.parse(value)

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "ISO 8601 duration of years, months and days, or weeks alone "
            "(P5Y, P18M, P1Y6M, P2W, P30D); never zero.",
            "examples": ["P5Y", "P18M", "P30D"],
        }
