"""The YAML and JSON parsers' own complaints, in the reader's language.

libyaml, PyYAML's Python parser and the standard library's `json` say what is wrong in fixed
English phrases. Those a register's author meets are catalogue messages here
(`yaml.problem.*`, `yaml.context.*`, `json.problem.*`); a phrase not in these tables is shown
as the parser wrote it.
"""

from __future__ import annotations

from ropa.text.messages import Argument, msg

__all__ = ["json_problem", "yaml_context", "yaml_problem"]

# The parser's phrase -> (catalogue id, its arguments). libyaml and PyYAML's Python parser
# word some of the same problems differently: both are here.
_YAML_PROBLEMS: dict[str, tuple[str, dict[str, str]]] = {
    "mapping values are not allowed in this context": ("yaml.problem.mapping_values", {}),
    "mapping values are not allowed here": ("yaml.problem.mapping_values_here", {}),
    "did not find expected key": ("yaml.problem.no_key", {}),
    "could not find expected ':'": ("yaml.problem.no_colon", {}),
    "found character that cannot start any token": ("yaml.problem.bad_character", {}),
    "did not find expected node content": ("yaml.problem.no_content", {}),
    "did not find expected ',' or ']'": ("yaml.problem.flow_end", {"end": "']'"}),
    "did not find expected ',' or '}'": ("yaml.problem.flow_end", {"end": "'}'"}),
    "did not find expected '-' indicator": ("yaml.problem.no_dash", {}),
    "block sequence entries are not allowed in this context": ("yaml.problem.dash", {}),
    "block sequence entries are not allowed here": ("yaml.problem.dash_here", {}),
    "found unexpected end of stream": ("yaml.problem.end_of_file", {}),
    "found unknown escape character": ("yaml.problem.escape", {}),
    "did not find expected <document start>": ("yaml.problem.document_start", {}),
    "found unexpected ':'": ("yaml.problem.colon", {}),
    "found unexpected document indicator": ("yaml.problem.document_marker", {}),
    "did not find expected comment or line break": ("yaml.problem.line_break", {}),
    "found undefined tag handle": ("yaml.problem.tag_handle", {}),
    "did not find expected alphabetic or numeric character": ("yaml.problem.name", {}),
    "did not find expected whitespace or line break": ("yaml.problem.space", {}),
}

_YAML_CONTEXTS = {
    "while parsing a block mapping": "yaml.context.block_mapping",
    "while parsing a block collection": "yaml.context.block_collection",
    "while parsing a block node": "yaml.context.block_node",
    "while parsing a flow mapping": "yaml.context.flow_mapping",
    "while parsing a flow sequence": "yaml.context.flow_sequence",
    "while parsing a flow node": "yaml.context.flow_node",
    "while parsing a node": "yaml.context.node",
    "while parsing a quoted scalar": "yaml.context.quoted_parse",
    "while scanning a quoted scalar": "yaml.context.quoted_scan",
    "while scanning a simple key": "yaml.context.simple_key",
    "while scanning a plain scalar": "yaml.context.plain",
    "while scanning a block scalar": "yaml.context.block_scalar",
    "while scanning an anchor": "yaml.context.anchor",
    "while scanning an alias": "yaml.context.alias",
    "while scanning a tag": "yaml.context.tag_scan",
    "while parsing a tag": "yaml.context.tag_parse",
    "while scanning for the next token": "yaml.context.next_token",
}

_JSON_PROBLEMS = {
    "Expecting value": "json.problem.value",
    "Expecting ',' delimiter": "json.problem.comma",
    "Expecting ':' delimiter": "json.problem.colon",
    "Expecting property name enclosed in double quotes": "json.problem.name",
    "Unterminated string starting at": "json.problem.unterminated",
    "Invalid control character at": "json.problem.control",
    "Invalid \\escape": "json.problem.escape",
    "Invalid \\uXXXX escape": "json.problem.unicode_escape",
    "Extra data": "json.problem.extra",
    "Illegal trailing comma before end of object": "json.problem.trailing_comma_object",
    "Illegal trailing comma before end of array": "json.problem.trailing_comma_array",
}

MESSAGE_IDS = frozenset(
    [entry for entry, _ in _YAML_PROBLEMS.values()]
    + list(_YAML_CONTEXTS.values())
    + list(_JSON_PROBLEMS.values())
)
"""Every catalogue message of this module (the tests check each is in every catalogue)."""


def yaml_problem(problem: str) -> Argument:
    """What the YAML parser says is wrong, in the reader's words where ropa has them."""
    found = _YAML_PROBLEMS.get(problem)
    if found is None:
        return problem
    msgid, arguments = found
    return msg(msgid, **arguments)


def yaml_context(context: str) -> Argument:
    """Where the YAML parser was when it met the problem ("while parsing a block mapping")."""
    msgid = _YAML_CONTEXTS.get(context)
    return context if msgid is None else msg(msgid)


def json_problem(problem: str) -> Argument:
    """What the JSON parser says is wrong ("Expecting value")."""
    msgid = _JSON_PROBLEMS.get(problem)
    return problem if msgid is None else msg(msgid)
