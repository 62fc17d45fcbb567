"""Stage 3: pydantic's complaints about the data, as located, readable problems."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import ValidationError

from ropa.loader.problems import Problem, quoted
from ropa.model import Register
from ropa.source import NodePath, PathPart, SourceMap, format_path
from ropa.text.messages import Argument, Invalid, Message, msg


def model_problems(error: ValidationError, data: Any, source_map: SourceMap) -> list[Problem]:
    problems = set()
    suggested: dict[str, str] = {}
    for detail in error.errors(include_url=False):
        path = _data_path(detail["loc"], data)
        kind = detail["type"]
        field = _field_name(path)
        said: Message
        if kind == "missing":
            location = source_map.locate(path[:-1])
            where = format_path(path[:-1])
            said = (
                msg("loader.missing_in", field=path[-1], where=where)
                if path[:-1]
                else msg("loader.missing", field=path[-1])
            )
        elif kind == "union_tag_invalid":
            location = source_map.locate((*path, "basis"))
            said = msg("loader.at", field=f"{field}.basis", problem=_describe(detail))
        elif kind == "extra_forbidden":
            location = source_map.key_location(path)
            name, where = quoted(str(path[-1])), format_path(path[:-1])
            close = _suggestion(str(path[-1]), suggested)
            said = (
                msg("loader.unknown_field.near", name=name, where=where, near=close)
                if close
                else msg("loader.unknown_field", name=name, where=where)
            )
        else:
            location = source_map.locate(path)
            said = msg("loader.at", field=field, problem=_describe(detail))
        problems.add(Problem.of(location, said))
    return sorted(problems)


def _data_path(loc: tuple[int | str, ...], data: Any) -> NodePath:
    """The path in the document; drops the union tags pydantic puts in its error locations."""
    path: list[PathPart] = []
    node = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if (
            isinstance(part, str)
            and part.endswith("-form")
            and not (isinstance(node, dict) and part in node)
        ):
            continue  # the tag of a field's older or newer form (see ropa.model)
        if isinstance(node, dict):
            if part not in node and not last:
                continue  # a tag such as 'legitimate_interests', not a key
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if 0 <= part < len(node) else None
        elif not last and isinstance(part, str):
            continue
        else:
            path.append(part)
            node = None
    return tuple(path)


def _field_name(path: NodePath) -> str:
    return format_path(path)


def _describe(detail: Any) -> Argument:
    """pydantic's complaint in words: a catalogue message where ropa has one, else the
    model's own (English) text."""
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    if kind == "literal_error":
        return msg("loader.not_allowed", value=_show(value), expected=ctx.get("expected", ""))
    if kind == "string_type":
        quote = isinstance(value, (int, float, bool))
        return msg(
            "loader.expected_text.quote" if quote else "loader.expected_text", got=_show(value)
        )
    if kind == "bool_type":
        return msg("loader.expected_bool", got=_show(value))
    if kind in ("tuple_type", "list_type"):
        return msg("loader.expected_list", got=_show(value))
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return msg("loader.expected_mapping", got=_show(value))
    if kind == "union_tag_invalid":
        return msg(
            "loader.basis_unknown",
            basis=_show(ctx.get("tag")),
            expected=ctx.get("expected_tags", ""),
        )
    if kind == "union_tag_not_found":
        return msg("loader.basis_missing")
    if kind == "value_error":
        error = ctx.get("error")
        if isinstance(error, Invalid):
            return error.said
        return str(detail["msg"]).removeprefix("Value error, ")
    return str(detail["msg"])


def _show(value: Any) -> Argument:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return msg("loader.a_mapping")
    if isinstance(value, list):
        return msg("loader.a_list")
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _all_field_names() -> list[str]:
    names: set[str] = set()
    pending: list[Any] = [Register]
    seen: set[Any] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field_name, info in model.model_fields.items():
            names.add(field_name)
            for candidate in _models_in(info.annotation):
                pending.append(candidate)
    return sorted(names)


def _models_in(annotation: Any) -> Iterator[Any]:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(argument)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)


_FIELD_NAMES: list[str] = []
_SUGGESTED_NAME_LENGTH = 40
"""Longest unknown name a suggestion is looked for (no field name is half as long)."""
MAX_SUGGESTIONS = 100
"""Most unknown names a suggestion is looked for in one register; a file of thousands of
unknown keys gets each reported, the first hundred with a suggestion."""


def _suggestion(name: str, asked: dict[str, str]) -> str:
    """The field name an unknown field was likely meant to be, or ''; `asked` holds the
    answers given so far for this register (the same name twice is looked up once)."""
    if name in asked:
        return asked[name]
    if len(name) > _SUGGESTED_NAME_LENGTH or len(asked) >= MAX_SUGGESTIONS:
        return ""
    if not _FIELD_NAMES:
        _FIELD_NAMES.extend(_all_field_names())
    # A field of another model (a `law` on a consent basis) is no typo: suggest nothing.
    candidates = [field for field in _FIELD_NAMES if field != name]
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.75)
    asked[name] = close[0] if close else ""
    return asked[name]
