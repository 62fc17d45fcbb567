"""The message catalogues: complete in every language, same placeholders, .mo up to date,
and a third language is a catalogue file and nothing else."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ropa.text import messages

LOCALE = Path(messages.__file__).resolve().parent.parent / "locale"
SRC = Path(messages.__file__).resolve().parent.parent


def _read(po: Path) -> dict[str, str]:
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    return {_id(m.id): _text(m.string) for m in catalogue if m.id}


def _id(msgid: str | tuple[str, ...]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _text(string: str | tuple[str, ...]) -> str:
    """The text of an entry; a plural one's forms joined, "" if any form is empty."""
    if isinstance(string, str):
        return string
    return " | ".join(string) if all(string) else ""


def _names(text: str) -> set[str]:
    """The placeholders of `text`: `str.format` names, and argparse's `%s` / `%(name)r`."""
    if "%" in text:
        return {f"%{match}" for match in re.findall(r"%(\(\w+\)[sr]|[sr])", text)}
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


def catalogue_problems(locale: Path) -> list[str]:
    """What is wrong with the catalogues under `locale`: a message missing or empty in a
    language, or placeholders that differ from the English ones."""
    catalogues = {po.parent.parent.name: _read(po) for po in locale.glob("*/LC_MESSAGES/ropa.po")}
    every = set().union(*catalogues.values())
    english = catalogues["en"]
    problems = []
    for lang, entries in sorted(catalogues.items()):
        for msgid in sorted(every):
            text = entries.get(msgid, "")
            if not text:
                problems.append(f"{lang}: {msgid} is missing")
            elif msgid in english and _names(text) != _names(english[msgid]):
                problems.append(f"{lang}: {msgid} has placeholders {sorted(_names(text))}")
    return problems


def test_every_language_has_every_message_with_the_same_placeholders() -> None:
    assert catalogue_problems(LOCALE) == []
    assert {"lv", "en"} <= set(messages.languages())


def _copy_with(tmp_path: Path, lang: str, change: str, into: str) -> Path:
    for po in LOCALE.glob("*/LC_MESSAGES/ropa.po"):
        target = tmp_path / po.relative_to(LOCALE)
        target.parent.mkdir(parents=True)
        text = po.read_text(encoding="utf-8")
        target.write_text(text.replace(change, into) if lang in str(po) else text, "utf-8")
    return tmp_path


def test_a_missing_message_fails(tmp_path: Path) -> None:
    broken = _copy_with(tmp_path, "/lv/", 'msgid "ROPA303"', 'msgid "ROPA303-gone"')
    assert "lv: ROPA303 is missing" in catalogue_problems(broken)


def test_a_differing_placeholder_fails(tmp_path: Path) -> None:
    broken = _copy_with(tmp_path, "/lv/", "darbībai '{activity}' nav norādīts nolūks", "nav {x}")
    assert any(p.startswith("lv: ROPA203 has placeholders") for p in catalogue_problems(broken))


def test_a_differing_argparse_placeholder_fails(tmp_path: Path) -> None:
    broken = _copy_with(tmp_path, "/lv/", "izvēlieties no %(choices)s", "izvēlieties no %s")
    assert any(p.startswith("lv: argparse.invalid_choice has") for p in catalogue_problems(broken))


def test_every_message_the_code_uses_is_in_the_catalogue() -> None:
    used = set()
    for module in SRC.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        # msg("id", ...), and the command line's help_text("id") / words("id") / _said("id")
        used |= set(re.findall(r'\b(?:msg|help_text|words|_said)\(\s*"([^"]+)"', text))
        # ids kept in tables (a parser's phrase -> its message, a kind of file -> its word)
        used |= set(
            re.findall(
                r'"((?:output|yaml|json|loader|model|duration|help|cli)\.[a-z_.]+[a-z_])"', text
            )
        )
    assert used, "the rules use catalogue messages"
    assert sorted(used - set(_read(LOCALE / "en/LC_MESSAGES/ropa.po"))) == []


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_shipped_mo_is_the_compiled_po(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "ropa.po"
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    shipped = po.with_suffix(".mo").read_bytes()
    assert compiled.getvalue() == shipped, "run `make catalogues` and commit the .mo"


def _pseudo(tmp_path: Path) -> Path:
    """A pseudo-language `xx`: every English message in brackets, compiled on the fly."""
    with (LOCALE / "en/LC_MESSAGES/ropa.po").open("rb") as handle:
        catalogue = read_po(handle)
    catalogue.locale = None
    for entry in catalogue:
        # Excel allows no [ ] in a sheet's name: sheet titles are wrapped in ⟦ ⟧.
        start, end = ("⟦", "⟧") if str(entry.id).startswith("xlsx.sheets.") else ("[[", "]]")
        if entry.id and isinstance(entry.string, tuple | list):  # plural forms
            entry.string = tuple(f"{start}{form}{end}" for form in entry.string)
        elif entry.id:
            entry.string = f"{start}{entry.string}{end}"
    target = tmp_path / "xx" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "ropa.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    return tmp_path


def test_a_third_language_is_a_catalogue_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa.loader import load
    from ropa.rules import validate

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    assert "xx" in messages.languages()
    report = validate(load(Path("data/processing_activities.yaml")))
    said = [finding.text("xx") for finding in report.findings]
    assert said and all(text.startswith("[[") and text.endswith("]]") for text in said)


def test_every_rule_says_its_findings_from_the_catalogue() -> None:
    """Each rule has its messages in the catalogue, and no rule yields another's message:
    SARIF gives a rule's `messageStrings` by the rule's code."""
    from ropa.rules import RULES

    english = _read(LOCALE / "en/LC_MESSAGES/ropa.po")
    assert [code for code in RULES if not messages.message_ids(code)] == []
    misplaced = []
    for module in (SRC / "rules").glob("*.py"):
        # Each @rule("CODE", ...) to the next: the msg("...") ids that rule's check uses.
        for code, body in re.findall(
            r'@rule\(\s*"(ROPA\d+)"(.*?)(?=@rule\(|\Z)', module.read_text(), re.S
        ):
            for used in re.findall(r'\bmsg\(\s*f?"(ROPA\d+)', body):
                if used != code:
                    misplaced.append(f"{module.name}: {code} says {used}'s message")
    assert misplaced == []
    assert {m.split(".")[0] for m in english if m.startswith("ROPA")} <= set(RULES)


def test_validate_speaks_the_language_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str, env: dict[str, str] | None = None) -> str:
        import os

        done = subprocess.run(
            [sys.executable, "-m", "ropa", "validate", *args, "data/processing_activities.yaml"],
            capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False,
        )  # fmt: skip
        return done.stdout

    latvian = run("--lang", "lv")
    assert "darbībai 'customer_registration' nav norādīts neviens drošības pasākums" in latvian
    english = run("--lang", "en")
    assert "activity 'customer_registration' names no security measure" in english
    assert "drošības pasākums" in run(env={"ROPA_LANG": "lv"})
    assert "names no security measure" in run(env={"ROPA_LANG": "en"})
    sarif = json.loads(run("--format", "sarif", "--lang", "lv"))
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "ROPA208")
    assert result["message"]["id"] == "ROPA208"
    assert result["message"]["arguments"] == ["customer_registration"]
    assert "names no security measure" in result["message"]["text"]
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ROPA208"]["messageStrings"]["ROPA208"]["text"].startswith("activity '{0}'")


def test_every_rule_has_a_title_in_every_language() -> None:
    """`ROPAxxx.title` names the rule (SARIF, the workbook, `ropa rules`); the English one
    is the summary the rule is registered with."""
    from ropa.rules import RULES

    for po in LOCALE.glob("*/LC_MESSAGES/ropa.po"):
        entries = _read(po)
        assert [code for code in RULES if not entries.get(f"{code}.title")] == [], po
    english = _read(LOCALE / "en/LC_MESSAGES/ropa.po")
    assert {c: english[f"{c}.title"] for c in RULES} == {c: r.summary for c, r in RULES.items()}
    assert RULES["ROPA303"].title("lv") == (
        "leģitīmo interešu pamats nenorāda interešu līdzsvarošanas testu"
    )


def test_a_title_is_no_message_of_the_rule() -> None:
    from ropa import reporters
    from ropa.loader import load
    from ropa.rules import validate

    log = reporters.sarif(validate(load(Path("data/processing_activities.yaml"))))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules if any(k.endswith(".title") for k in r["messageStrings"])] == []
    named = {rule["id"]: rule["shortDescription"]["text"] for rule in rules}
    assert named["ROPA605"] == "the register has no review date"


def test_every_output_speaks_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pseudo-language catalogue, made on the fly, and nothing else: validate, the
    workbook's sheet names, headers and labels, the notice and the diff all speak it."""
    from datetime import date

    from openpyxl import load_workbook

    from ropa.diff import diff_registers
    from ropa.formats.xlsx.write import export_excel
    from ropa.loader import load
    from ropa.model import Transfer
    from ropa.notice import render_notice
    from ropa.rules import validate

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    register = load(Path("data/processing_activities.yaml"))
    report = validate(register, as_of=date(2026, 11, 27))

    def pseudo(text: object) -> bool:
        return isinstance(text, str) and (
            (text.startswith("[[") and "]]" in text) or (text[:1], text[-1:]) == ("⟦", "⟧")
        )

    # validate
    assert report.findings and all(pseudo(f.text("xx")) for f in report.findings)
    # the workbook: every sheet's name, every header, every label of the cover
    older = register.model_copy(update={
        "register": register.register.model_copy(update={"version": "2025.4"}),
        "activities": register.activities[:-1],
    })  # fmt: skip
    path = tmp_path / "ropa-xx.xlsx"
    export_excel(register, path, lang="xx", report=report, since=older)
    book = load_workbook(path)
    shown = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"]
    assert len(shown) > 10 and all(pseudo(sheet.title) for sheet in shown)
    for sheet in shown:
        first_row = [cell.value for cell in sheet[1] if cell.value]
        if sheet is not book.worksheets[0]:  # a header may add a letter or an article
            assert first_row and all("[[" in str(value) for value in first_row), sheet.title
    labels = [row[0].value for row in book.worksheets[0].iter_rows(min_row=2)]
    assert labels and [label for label in labels if not pseudo(label)] == []
    # country names: the organisation's country on the Cover
    cover = [str(cell) for row in book.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert "[[Latvia]] (LV)" in cover
    # the notice: every heading
    notice = render_notice(register, lang="xx", fmt="html")
    headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", notice)  # h3: the purposes' names
    assert len(headings) > 5 and all(pseudo(heading) for heading in headings), headings
    # ... and the countries data go to, in the notice and on the workbook's Transfers sheet
    first = register.activities[0]
    transfer = Transfer(country="US", safeguard="scc", assessment="TIA 2026")
    sending = register.model_copy(update={
        "activities": (first.model_copy(update={"transfers": (transfer,)}),
                       *register.activities[1:]),
    })  # fmt: skip
    assert "[[United States]]" in render_notice(sending, lang="xx", fmt="html")
    export_excel(sending, tmp_path / "sending.xlsx", lang="xx")
    sent = load_workbook(tmp_path / "sending.xlsx")
    transfers = next(sheet for sheet in sent.worksheets if sheet.title == "⟦Transfers⟧")
    assert transfers["D2"].value == "[[United States]] (US)"
    # the diff: the fields it names
    changes = diff_registers(older, register).text("xx")
    assert "[[" in changes
    # the JSON-LD export's SHACL results, tagged with the language
    from ropa.formats.jsonld import jsonld_document

    graph = jsonld_document(register, lang="xx", report=report, findings=True)["@graph"]
    results = [n["sh:resultMessage"] for n in graph if n.get("@type") == "sh:ValidationResult"]  # type: ignore[union-attr]
    assert results and all(r["@language"] == "xx" and pseudo(r["@value"]) for r in results)  # type: ignore[index]


def test_the_commands_take_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ropa.cli import main

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    shipped = "data/processing_activities.yaml"
    out = tmp_path / "notice.md"
    assert main(["notice", shipped, "--lang", "xx", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# \\[\\[")  # Markdown escapes [
    assert main(["validate", "--lang", "xx", "--as-of", "2026-11-27", shipped]) in (0, 1)
    assert "[[" in capsys.readouterr().out


def _said_in_pseudo(line: str) -> bool:
    """Whether a line `ropa` printed is in the pseudo-language: its message, after the place
    (`Sheet!B4: `, `file.xlsx: `) or `ropa: `, is bracketed."""
    return line.startswith("[[") or line.partition(": ")[2].startswith("[[")


def test_the_import_speaks_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every line `ropa import` prints, the header of the YAML it writes and the layouts'
    gaps, refusals and reports come from the catalogue of the language asked for."""
    from openpyxl import Workbook
    from tests.formats.test_cnil import TEMPLATE_ODS
    from tests.formats.test_ico import handmade
    from tests.formats.xlsx.test_read import edited, export

    from ropa.cli import main
    from ropa.loader import load

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    monkeypatch.setenv("ROPA_LANG", "xx")
    register = load(Path("data/processing_activities.yaml"))
    workbook = export(register, tmp_path / "ropa-lv.xlsx", "lv")
    out = tmp_path / "register.yaml"

    def spoil(book: Workbook) -> None:
        book["Apstrādes darbības"]["A1"] = "Piezīmes"  # an unknown column
        for row in book.worksheets[0].iter_rows(min_row=2):
            if row[0].value == "Publiska iestāde":
                row[1].value = "varbūt"
        del book["ropa-data"]

    capsys.readouterr()
    # A workbook with cells at fault: each problem, and the summary.
    assert main(["import", str(edited(workbook, spoil)), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 3 and [line for line in lines if not _said_in_pseudo(line)] == []
    assert not out.exists()

    # A workbook read: the warning, the header written and the summary.
    def drop(book: Workbook) -> None:
        del book["ropa-data"]

    assert main(["import", str(edited(workbook, drop)), "-o", str(out)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(_said_in_pseudo(line) for line in lines), lines
    header = out.read_text(encoding="utf-8").splitlines()[:2]
    assert all(line.startswith("# [[") for line in header), header
    # A file that is not a workbook, and an option refused.
    assert main(["import", str(tmp_path / "gone.xlsx"), "-o", str(out)]) == 2
    assert main(["import", str(workbook), "--lang", "xx", "-o", str(out)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert all(_said_in_pseudo(line) for line in lines), lines
    # The ICO layout: every gap, the refusal, the report's every line and the header.
    report = tmp_path / "report.txt"
    source = handmade(tmp_path / "hand.xlsx")
    argv = ["import", "--layout", "ico", str(source), "-o", str(out), "--report", str(report)]
    assert main(argv) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 3 and all(_said_in_pseudo(line) for line in lines), lines
    text = report.read_text(encoding="utf-8").splitlines()
    headings = [line for line in text if not line.startswith("  ")]
    assert len(headings) == 3 and all(line.startswith("[[") for line in headings), headings
    gaps = text[text.index(headings[1]) + 1 : text.index(headings[2])]
    assert gaps and all(_said_in_pseudo(line.strip()) for line in gaps), gaps
    not_held = text[text.index(headings[2]) + 1 :]
    assert not_held and all(line.strip().startswith("[[") for line in not_held), not_held
    assert main([*argv, "--accept-gaps"]) == 0
    capsys.readouterr()
    header = out.read_text(encoding="utf-8").splitlines()[:2]
    assert all(line.startswith("# [[") for line in header), header
    empty = tmp_path / "empty.xlsx"
    Workbook().save(empty)
    assert main(["import", "--layout", "ico", str(empty), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(_said_in_pseudo(line) for line in lines), lines
    # The CNIL layout: its gaps and the refusal.
    assert main(["import", "--layout", "cnil", str(TEMPLATE_ODS), "-o", str(out)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) > 3 and all(_said_in_pseudo(line) for line in lines), lines
    assert main(["import", "--layout", "cnil", str(empty), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(_said_in_pseudo(line) for line in lines), lines


def test_every_help_text_speaks_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`ropa --lang xx ... --help`: the description and every option's help of `ropa` and of
    every command come from the catalogue (argparse's own words included)."""
    import argparse

    from ropa import cli

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    cli.speak(["--lang", "xx", "--help"])
    try:
        parser = cli.build_parser()
        commands = next(
            action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
        )
        parsers = {"ropa": parser, **commands.choices}
        assert set(parsers) == {"ropa", *cli._COMMANDS}
        not_said = []
        for name, each in parsers.items():
            texts = [each.description or ""] + [
                action.help for action in each._actions if action.help not in (None, "==SUPPRESS==")
            ]
            texts += [action.help or "" for action in commands._choices_actions]
            not_said += [f"{name}: {text}" for text in texts if not text.startswith("[[")]
        assert not_said == []
        assert parser.format_help().startswith("[[usage: ]]ropa")
    finally:
        cli.speak([])


def test_the_command_line_errors_speak_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ropa.cli import main

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    monkeypatch.setenv("ROPA_LANG", "xx")
    shipped = "data/processing_activities.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: ropa/1\nregister: [\n", encoding="utf-8")
    lines = []
    for argv in (
        ["notice", shipped, "--authority-url", "https://example.org"],
        ["notice", shipped, "-o", shipped],
        ["schema", "--write", str(broken / "x")],
        ["validate", str(broken)],
        ["init", str(tmp_path / "init")],
        ["init", str(tmp_path / "init")],
        ["export", shipped, "-o", str(tmp_path)],
        ["notice", shipped, "-o", str(tmp_path)],
    ):
        main(argv)
        captured = capsys.readouterr()
        lines += captured.err.splitlines() + captured.out.splitlines()
    said = [line.removeprefix("ropa: ") for line in lines]
    assert len(said) == 8
    assert [line for line in said if "[[" not in line] == [], said
    # an output that cannot be written: the reason is the catalogue's too
    assert said[-1].endswith(
        "[[is a directory]]; ropa writes to files, character devices and pipes]]"
    )


_BROKEN = {
    "syntax.yaml": "format: ropa/1\nregister: [\n",
    "colon.yaml": "format: ropa/1\nregister: a: b\n",
    "tab.yaml": "format: ropa/1\nregister:\n\tkind: x\n",
    "duplicate.yaml": "format: ropa/1\nformat: ropa/1\n",
    "alias.yaml": "a: *x\n",
    "deep.yaml": "a: " + "[" * 120 + "]" * 120 + "\n",
    "second.yaml": "a: 1\n---\nb: 2\n",
    "tag.yaml": "a: !!python/object 1\n",
    "fields.yaml": (
        "format: ropa/1\nregister: {kind: controller, version: [1], language: LV,"
        " reviewed: 2026-02-30, lnguage: lv}\norganisation: {name: '', country: lv}\n"
    ),
    "syntax.json": '{"a": }',
    "nan.json": '{"a": NaN}',
    "include.yaml": "format: ropa/1\ninclude: [missing.yaml, '', /abs.yaml]\n",
}


def test_the_loader_speaks_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every problem the loader finds in a broken file (YAML and JSON syntax, the loader's
    own limits, the models' complaints, includes) is said from the catalogue, located."""
    from ropa.loader import LoadError, load

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    said = []
    for name, text in _BROKEN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(LoadError) as raised:
            load(tmp_path / name, name=name)
        said += raised.value.lines("xx")
    assert len(said) > len(_BROKEN)
    assert [line for line in said if not re.match(r"[\w.]+:\d+:\d+: \[\[", line)] == []
    # a parser's own phrase inside ropa's sentence is the catalogue's too
    parsers = [line for line in said if re.search("valid (YAML|JSON): ", line)]
    assert len(parsers) == 3
    assert [line for line in parsers if line.count("[[") < 2] == []


def test_every_phrase_of_the_parsers_has_its_message() -> None:
    from ropa.loader import syntax_words

    for lang in ("lv", "en"):
        entries = _read(LOCALE / lang / "LC_MESSAGES/ropa.po")
        assert sorted(syntax_words.MESSAGE_IDS - set(entries)) == [], lang
    english = _read(LOCALE / "en/LC_MESSAGES/ropa.po")
    # English says what the parser says, word for word
    for phrase, (msgid, arguments) in syntax_words._YAML_PROBLEMS.items():
        assert english[msgid].format(**arguments) == phrase
    for phrase, msgid in {**syntax_words._YAML_CONTEXTS, **syntax_words._JSON_PROBLEMS}.items():
        assert english[msgid] == phrase


def test_init_writes_its_starter_in_a_third_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The starter register is made of catalogue entries: a language with a catalogue has
    one, every comment and sample text in it, and it loads (samples quoted as YAML needs)."""
    from ropa.cli import main
    from ropa.loader import load

    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, _pseudo(tmp_path)])
    assert main(["init", str(tmp_path / "xx"), "--lang", "xx"]) == 0
    assert capsys.readouterr().out.startswith("ropa: [[")
    text = (tmp_path / "xx" / "register.yaml").read_text(encoding="utf-8")
    comments = [line.partition("# ")[2] for line in text.splitlines()[1:] if "# " in line]
    assert len(comments) > 50 and [c for c in comments if not c.startswith("[[")] == []
    register = load(tmp_path / "xx" / "register.yaml")
    assert register.register.language == "xx"
    assert register.data_subjects[0].name == "[[Customers]]"
    assert register.activities[0].owner == "[[Head of customer service]]"


def test_a_translation_with_broken_placeholders_gives_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A catalogue added without running the tests, its placeholders mistyped: ropa says
    those messages in English, and its help and errors still work."""
    with (LOCALE / "en/LC_MESSAGES/ropa.po").open("rb") as handle:
        catalogue = read_po(handle)
    catalogue.locale = None
    for entry in catalogue:
        if entry.id and isinstance(entry.string, str):
            entry.string = "{nonsense} " + entry.string.replace("{", "{{").replace("}", "}}")
    target = tmp_path / "yy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "ropa.mo").open("wb") as handle:
        write_mo(handle, catalogue)
    monkeypatch.setattr(messages, "LOCALE_DIRS", [*messages.LOCALE_DIRS, tmp_path])
    assert messages.message("cli.date", "yy", text="'x'") == "'x' is not a date (YYYY-MM-DD)"
    from ropa.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["--lang", "yy", "validate", "--help"])
    assert stopped.value.code == 0
    assert "fail on open warnings too" in " ".join(capsys.readouterr().out.split())


def test_a_workbook_in_a_third_language_reads_back(tmp_path: Path) -> None:
    """A workbook exported in a language added as a catalogue file imports again, recognised
    by its sheets' names in that language, into the register it was written from."""
    # The import's tables of words are made when it is imported, from the catalogues
    # installed then: a fresh process installs the pseudo-language first.
    script = f"""
from pathlib import Path
from ropa.text import messages
messages.LOCALE_DIRS.append(Path({str(_pseudo(tmp_path))!r}))
from ropa.formats.xlsx.read import READ_LANGUAGES, read_workbook
from ropa.formats.xlsx.write import export_excel
from ropa.loader import load
assert "xx" in READ_LANGUAGES, READ_LANGUAGES
register = load(Path("data/processing_activities.yaml"))
path = Path({str(tmp_path / "ropa-xx.xlsx")!r})
export_excel(register, path, lang="xx")
imported = read_workbook(path)
assert imported.lang == "xx", imported.lang
assert imported.register == register
assert read_workbook(path, lang="xx").register == register
print("read back")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "read back\n"
