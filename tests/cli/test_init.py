"""`ropa init`: a starter register that validates, commented with Art. 30, beside its schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from ropa.cli import main
from ropa.schema import register_schema

REPO = Path(__file__).resolve().parents[2]

# A line that sets a field: `key:` or `- key:` (a list item), with or without a value.
FIELD = re.compile(r"^\s*(?:- )?([a-z_]+):(?:\s|$)")
# How each language names an Art. 30 item: "Art. 30(1)(c)" / "30. panta 1. punkta c) apakšpunkts".
ARTICLE_30 = {
    "en": re.compile(r"# .*Art\. 30\(\d\)"),
    "lv": re.compile(r"# .*30\. panta \d\. punkt"),
}


def _init(tmp_path: Path, lang: str) -> Path:
    assert main(["init", str(tmp_path / "reg"), "--lang", lang]) == 0
    return tmp_path / "reg"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_starter_validates_without_findings(
    tmp_path: Path, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = _init(tmp_path, lang)
    capsys.readouterr()
    assert main(["validate", "--strict", str(directory / "register.yaml")]) == 0
    # The summary speaks the register's language.
    assert (
        capsys.readouterr().out
        == {
            "en": "0 errors, 0 warnings, 0 info (0 waived)\n",
            "lv": "0 kļūdas, 0 brīdinājumi, 0 informatīvi paziņojumi (0 pieņemti)\n",
        }[lang]
    )


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_field_names_its_article_30_item(tmp_path: Path, lang: str) -> None:
    lines = (_init(tmp_path, lang) / "register.yaml").read_text(encoding="utf-8").splitlines()
    fields = [line for line in lines if FIELD.match(line)]
    # Every top-level section and every activity field is there, each with its comment.
    keys = {FIELD.match(line).group(1) for line in fields}  # type: ignore[union-attr]
    assert {"organisation", "data_subjects", "data_categories", "recipients", "retention_rules",
            "security_measures", "activities", "purpose", "legal_bases", "transfers",
            "retention"} <= keys  # fmt: skip
    uncommented = [line for line in fields if not ARTICLE_30[lang].search(line)]
    assert uncommented == []
    # Each item (a) to (g) is answered somewhere.
    text = "\n".join(lines)
    for letter in "abcdefg":
        item = f"Art. 30(1)({letter})" if lang == "en" else f"30. panta 1. punkta {letter})"
        assert item in text


def test_the_language_chosen_is_the_register_language(tmp_path: Path) -> None:
    lv = yaml.safe_load((_init(tmp_path / "a", "lv") / "register.yaml").read_text("utf-8"))
    en = yaml.safe_load((_init(tmp_path / "b", "en") / "register.yaml").read_text("utf-8"))
    assert lv["register"]["language"] == "lv"
    assert lv["data_subjects"][0]["name"] == "Klienti"
    assert en["register"]["language"] == "en"
    assert en["data_subjects"][0]["name"] == "Customers"


def test_default_language_is_latvian_and_directory_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROPA_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert "Klienti" in (tmp_path / "register.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_schema_copy_is_the_package_schema_and_the_register_meets_it(
    tmp_path: Path, lang: str
) -> None:
    directory = _init(tmp_path, lang)
    text = (directory / "register.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=ropa.schema.json"
    copy = json.loads((directory / "ropa.schema.json").read_text(encoding="utf-8"))
    assert copy == register_schema()
    assert copy == json.loads((REPO / "schemas" / "ropa.schema.json").read_text("utf-8"))
    # JSON has no dates: the register as a JSON document would hold them as strings.
    document = json.loads(json.dumps(yaml.safe_load(text), default=str))
    jsonschema.Draft202012Validator(copy).validate(document)


def test_refuses_to_overwrite_a_register(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "register.yaml").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "register.yaml already exists" in err
    assert (tmp_path / "register.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "ropa.schema.json").exists()


def test_unwritable_place_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "file" / "reg")]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


@pytest.mark.parametrize(
    "text",
    ["Klienti", 'SIA "Piemērs"', "[[Customers]]", "a: b", "x #y", "- list", "null", "yes",
     "2026", "1.5", "0x1F", "'quoted'", "Rīga, Piemēra iela 1", "ends with:", "*alias", "%"],
)  # fmt: skip
def test_a_sample_text_is_written_as_yaml_reads_it_back(text: str) -> None:
    from ropa.cli._starter import _scalar
    from ropa.loader import parse_text

    written = f"value: {_scalar(text)}\n"
    assert parse_text(written)[0] == {"value": text}
    assert yaml.safe_load(written) == {"value": text}


def test_the_starter_follows_ropa_lang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_LANG", "en")
    assert main(["init", str(tmp_path)]) == 0
    assert "Customers" in (tmp_path / "register.yaml").read_text(encoding="utf-8")
