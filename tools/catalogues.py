"""Keep the message catalogues in order, and move (Latvian, English) pairs out of the code.

    python tools/catalogues.py sort    every ropa.po rewritten with its entries sorted by msgid
    python tools/catalogues.py merge   after `git merge` stopped on a conflict in a ropa.po:
                                       each entry taken from the side that changed it
    python tools/catalogues.py move    the workbook's (lv, en) tables in formats/xlsx/_words.py
                                       become keys only, their words entries of the catalogues;
                                       the notice's phrases (notice/_phrases.py, LV and EN)
                                       become entries notice.<field>[.<key>];
                                       the country names of countries.py become
                                       entries country.<code>

`make catalogues` runs `sort`, then compiles every .po into its .mo. `move` can be run again
at any time (after a merge that brought a table of pairs back, say): a table already moved is
left as it is, and an entry already in a catalogue takes the text of the pair.

A table `NAME = {"key": ("lv", "en"), ...}` becomes `NAME = Table("xlsx.name", "key", ...)`
and each pair the entries `xlsx.name.key` of the Latvian and the English catalogue. A table of
counted nouns (`{"key": (("lv one", "lv many"), ("en one", "en many"))}`) becomes plural
entries, `{count}` in front of the noun, one form for each of the language's Plural-Forms.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "ropa" / "locale"
WORDS = ROOT / "src" / "ropa" / "formats" / "xlsx" / "_words.py"


@dataclass
class Entry:
    """One catalogue entry: a plain message (`forms` of one text) or a plural one."""

    msgid: str
    forms: list[str]
    plural: bool = False
    comments: list[str] = field(default_factory=list)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def read(po: Path) -> tuple[str, dict[str, Entry]]:
    """The header block of `po` as written, and its entries by msgid."""
    text = po.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    ends = next(i for i, block in enumerate(blocks) if '\nmsgid ""' in f"\n{block}")
    header = "\n\n".join(blocks[: ends + 1]).rstrip("\n")
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    entries: dict[str, Entry] = {}
    for message in catalogue:
        if not message.id:
            continue
        comments = [f"# {line}" for line in message.user_comments]
        comments += [f"#. {line}" for line in message.auto_comments]
        if isinstance(message.id, tuple | list):
            forms = [str(form) for form in message.string]
            entries[message.id[0]] = Entry(message.id[0], forms, True, comments)
        else:
            entries[message.id] = Entry(message.id, [str(message.string)], False, comments)
    return header, entries


def write(po: Path, header: str, entries: dict[str, Entry]) -> None:
    """`po` with `header` and `entries` sorted by msgid."""
    out = [header]
    for msgid in sorted(entries):
        entry = entries[msgid]
        lines = [*entry.comments, f"msgid {_quote(msgid)}"]
        if entry.plural:
            lines.append(f"msgid_plural {_quote(msgid)}")
            lines += [f"msgstr[{n}] {_quote(form)}" for n, form in enumerate(entry.forms)]
        else:
            lines.append(f"msgstr {_quote(entry.forms[0])}")
        out.append("\n".join(lines))
    po.write_text("\n\n".join(out) + "\n", encoding="utf-8")


def _plural_count(header: str) -> int:
    for line in header.splitlines():
        if "nplurals=" in line:
            return int(line.split("nplurals=", 1)[1].split(";", 1)[0])
    return 2


def catalogues(locale: Path = LOCALE) -> list[Path]:
    """Every language's ropa.po under `locale`."""
    return sorted(locale.glob("*/LC_MESSAGES/ropa.po"))


def sort(locale: Path = LOCALE) -> None:
    """Rewrite every catalogue sorted by msgid (entries, comments and header kept)."""
    for po in catalogues(locale):
        write(po, *read(po))


def _strings(node: ast.expr) -> tuple[str, ...] | None:
    """The texts of a tuple of string literals, else None."""
    if isinstance(node, ast.Tuple) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts
    ):
        return tuple(e.value for e in node.elts if isinstance(e, ast.Constant))
    return None


def _table(node: ast.stmt) -> tuple[str, list[tuple[str, ast.expr]]] | None:
    """A top-level `NAME[: type] = {"key": value, ...}` with string keys, else None."""
    target = node.target if isinstance(node, ast.AnnAssign) else None
    if isinstance(node, ast.Assign) and len(node.targets) == 1:
        target = node.targets[0]
    value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
    if not isinstance(target, ast.Name) or not isinstance(value, ast.Dict) or not value.keys:
        return None
    items = []
    for key, item in zip(value.keys, value.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        items.append((key.value, item))
    return target.id, items


def move(source: Path = WORDS, prefix: str = "xlsx", locale: Path = LOCALE) -> int:
    """Move the (lv, en) tables of `source` into the catalogues; the number of entries moved."""
    code = source.read_text(encoding="utf-8")
    lines = code.splitlines(keepends=True)
    found: dict[str, tuple[tuple[str, ...], bool]] = {}  # msgid -> (lv, en) texts, plural
    edits: list[tuple[int, int, str]] = []
    for node in ast.parse(code).body:
        table = _table(node)
        if table is None:
            continue
        name, items = table
        pairs: dict[str, tuple[tuple[str, ...], bool]] = {}
        for key, item in items:
            pair = _strings(item)
            if pair is not None and len(pair) == 2:
                pairs[key] = (pair, False)
                continue
            if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                forms = [_strings(half) for half in item.elts]
                if all(f is not None and len(f) == 2 for f in forms):
                    lv, en = (f for f in forms if f is not None)
                    pairs[key] = ((*lv, *en), True)
                    continue
            break
        else:
            group = f"{prefix}.{name.lower()}"
            found |= {f"{group}.{key}": texts for key, texts in pairs.items()}
            keys = "".join(f"    {key!r},\n".replace("'", '"') for key in pairs)
            replacement = f'{name} = Table(\n    "{group}",\n{keys})\n'
            edits.append((node.lineno - 1, node.end_lineno or node.lineno, replacement))
    if not found:
        return 0
    for start, end, replacement in reversed(edits):
        lines[start:end] = [replacement]
    source.write_text("".join(lines), encoding="utf-8")
    for po in catalogues(locale):
        lang = po.parent.parent.name
        if lang not in ("lv", "en"):
            continue
        header, entries = read(po)
        for msgid, (texts, plural) in found.items():
            if plural:
                one, many = texts[:2] if lang == "lv" else texts[2:]
                # Latvian's third form is the one after zero: "0 kļūdas", as the plural.
                forms = [f"{{count}} {one}"] + [f"{{count}} {many}"] * (_plural_count(header) - 1)
                entries[msgid] = Entry(msgid, forms, True)
            else:
                entries[msgid] = Entry(msgid, [texts[0] if lang == "lv" else texts[1]])
        write(po, header, entries)
    return len(found)


TUPLE_KEYS = {
    "intro": ("1",),
    "legal_basis": ("one", "many"),
    "obliged": ("must", "need_not"),
    "months": tuple(f"{n:02}" for n in range(1, 13)),
}
"""The names of the entries of the notice's tuples of phrases (`notice.months.03`)."""


def phrase_entries(phrases: object) -> dict[str, str]:
    """The phrases of one language of the notice as catalogue entries, msgid -> text:
    `notice.<field>`, `notice.<field>.<key>` for a map or a tuple of phrases."""
    from dataclasses import fields

    entries: dict[str, str] = {}
    for spec in fields(phrases):  # type: ignore[arg-type]
        value = getattr(phrases, spec.name)
        msgid = f"notice.{spec.name.rstrip('_')}"
        if isinstance(value, str):
            entries[msgid] = value
        elif isinstance(value, tuple):
            keys = TUPLE_KEYS[spec.name]
            assert len(keys) == len(value), spec.name
            entries |= {f"{msgid}.{key}": text for key, text in zip(keys, value, strict=True)}
        else:
            entries |= {
                f"{msgid}.{key}": getattr(text, "text", text) for key, text in value.items()
            }
    return entries


def move_phrases(locale: Path = LOCALE) -> int:
    """Move the notice's phrases (`LV = Phrases(...)`, `EN = ...` in notice/_phrases.py, if it
    still has them) into the catalogues; the number of entries moved."""
    if "LV = Phrases(" not in (ROOT / "src/ropa/notice/_phrases.py").read_text(encoding="utf-8"):
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from ropa.notice import _phrases

    written = {lang: getattr(_phrases, lang.upper(), None) for lang in ("lv", "en")}
    if any(not hasattr(p, "title") for p in written.values()):
        return 0
    moved = {lang: phrase_entries(p) for lang, p in written.items()}
    assert set(moved["lv"]) == set(moved["en"]), set(moved["lv"]) ^ set(moved["en"])
    for po in catalogues(locale):
        lang = po.parent.parent.name
        if lang in moved:
            header, entries = read(po)
            entries |= {msgid: Entry(msgid, [text]) for msgid, text in moved[lang].items()}
            write(po, header, entries)
    return len(moved["en"])


VOCAB = ROOT / "src" / "ropa" / "vocab.py"


def _add_pairs(locale: Path, found: Mapping[str, tuple[str, ...]]) -> None:
    """Write each `msgid: (lv, en)` pair taken out of the code into the lv and en catalogues."""
    for po in catalogues(locale):
        lang = po.parent.parent.name
        if lang in ("lv", "en"):
            header, entries = read(po)
            for msgid, (lv, en) in found.items():
                entries[msgid] = Entry(msgid, [lv if lang == "lv" else en])
            write(po, header, entries)


def move_terms(source: Path = VOCAB, locale: Path = LOCALE) -> int:
    """Move the labels of the vocabularies (`NAME = _table(Term(code, lv, en, article, dpv),
    ...)` in vocab.py) into the catalogues as `vocab.<name>.<code>`; each becomes
    `Term(code, article, dpv)` and its table `_table("<name>", ...)`. The number moved."""
    code = source.read_text(encoding="utf-8")
    lines = code.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(line: int, col: int) -> int:
        return offsets[line - 1] + len(lines[line - 1].encode()[:col].decode())

    found: dict[str, tuple[str, str]] = {}
    edits: list[tuple[int, int, str]] = []  # character offsets
    for node in ast.parse(code).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Call):
            continue
        if not (isinstance(value.func, ast.Name) and value.func.id == "_table"):
            continue
        terms = [a for a in value.args if isinstance(a, ast.Call) and len(a.args) == 5]
        if not terms:
            continue
        group = target.id.lower()
        first = value.args[0]
        edits.append((at(first.lineno, first.col_offset), at(first.lineno, first.col_offset),
                      f'"{group}",\n    '))  # fmt: skip
        for term in terms:
            key, lv, en, article, dpv = term.args
            assert isinstance(key, ast.Constant) and isinstance(lv, ast.Constant)
            assert isinstance(en, ast.Constant)
            found[f"vocab.{group}.{key.value}"] = (lv.value, en.value)
            parts = ", ".join(ast.get_source_segment(code, a) or "" for a in (key, article, dpv))
            start = at(term.lineno, term.col_offset)
            end = at(term.end_lineno or term.lineno, term.end_col_offset or 0)
            edits.append((start, end, f"Term({parts})"))
    if not found:
        return 0
    for start, end, text in sorted(edits, reverse=True):
        code = code[:start] + text + code[end:]
    source.write_text(code, encoding="utf-8")
    _add_pairs(locale, found)
    return len(found)


COUNTRIES = ROOT / "src" / "ropa" / "countries.py"


def move_scopes(source: Path = COUNTRIES, locale: Path = LOCALE) -> int:
    """Move the words of the adequacy decisions' scopes (`_scope(code, lv, en)` in
    countries.py) into the catalogues as `vocab.adequacy_scopes.<code>`; the number moved."""
    code = source.read_text(encoding="utf-8")
    found: dict[str, tuple[str, str]] = {}
    segments: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(code)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if node.func.id != "_scope" or len(texts) != 3 or len(node.args) != 3:
            continue
        key, lv, en = texts
        found[f"vocab.adequacy_scopes.{key}"] = (lv, en)
        segments.append((ast.get_source_segment(code, node) or "", f'_scope("{key}")'))
    if not found:
        return 0
    for segment, replacement in segments:
        code = code.replace(segment, replacement, 1)
    source.write_text(code, encoding="utf-8")
    _add_pairs(locale, found)
    return len(found)


def move_countries(source: Path = COUNTRIES, locale: Path = LOCALE) -> int:
    """Move the country names (`COUNTRY_NAMES = MappingProxyType({"AD": ("Andora", "Andorra"),
    ...})` in countries.py, with the docstring after it) into the catalogues as
    `country.<code>`; the number moved."""
    code = source.read_text(encoding="utf-8")
    lines = code.splitlines(keepends=True)
    body = ast.parse(code).body
    for index, node in enumerate(body):
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id == "COUNTRY_NAMES":
            break
    else:
        return 0
    value = node.value
    table = value.args[0] if isinstance(value, ast.Call) and value.args else value
    assert isinstance(table, ast.Dict), "COUNTRY_NAMES is not a table of (lv, en) pairs"
    found: dict[str, tuple[str, ...]] = {}
    for key, item in zip(table.keys, table.values, strict=True):
        pair = _strings(item)
        assert isinstance(key, ast.Constant) and pair is not None and len(pair) == 2
        found[f"country.{key.value}"] = pair
    end = node.end_lineno or node.lineno
    after = body[index + 1] if index + 1 < len(body) else None
    if isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant):
        end = after.end_lineno or end
    del lines[node.lineno - 1 : end]
    source.write_text("".join(lines), encoding="utf-8")
    _add_pairs(locale, found)
    return len(found)


def _entries_at(revision: str, po: Path) -> tuple[str, dict[str, Entry]]:
    import subprocess
    import tempfile

    relative = po.relative_to(ROOT).as_posix()
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{relative}"],
                           capture_output=True, check=False)  # fmt: skip
    if shown.returncode != 0:
        return "", {}
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "ropa.po"
        copy.write_bytes(shown.stdout)
        return read(copy)


def merge() -> None:
    """Resolve a merge's conflicts in the catalogues entry by entry: an entry added, changed or
    removed on one side is taken from that side (on both sides: ours, reported)."""
    import subprocess

    for po in catalogues():
        _, base = _entries_at(":1", po)
        header, ours = _entries_at(":2", po)
        _, theirs = _entries_at(":3", po)
        if not header:
            continue  # not in conflict
        merged: dict[str, Entry] = {}
        for msgid in sorted(set(base) | set(ours) | set(theirs)):
            was, mine, other = base.get(msgid), ours.get(msgid), theirs.get(msgid)
            if mine == was:
                chosen = other
            elif other in (was, mine):
                chosen = mine
            else:
                print(f"{po}: {msgid} changed on both sides; ours kept", file=sys.stderr)
                chosen = mine
            if chosen is not None:
                merged[msgid] = chosen
        write(po, header, merged)
        subprocess.run(["git", "-C", str(ROOT), "add", str(po)], check=True)


def main(argv: list[str]) -> int:
    if argv == ["merge"]:
        merge()
        return 0
    if argv == ["sort"]:
        sort()
        return 0
    if argv == ["move"]:
        print(f"moved {move()} workbook entries into the catalogues")
        print(f"moved {move_phrases()} notice entries into the catalogues")
        print(f"moved {move_terms()} vocabulary labels into the catalogues")
        print(f"moved {move_scopes()} adequacy scopes into the catalogues")
        print(f"moved {move_countries()} country names into the catalogues")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
