"""The YAML that `ropa import` writes: for people, and read back exactly by every reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ropa
from conftest import SHIPPED
from ropa.formats.yaml import dump_register, scalar
from ropa.model import Register
from strategies import registers


def one_text(text: str) -> Register:
    """A register that holds `text` in every kind of place a text can be."""
    return Register.model_validate({
        "format": "ropa/1",
        "register": {"kind": "controller", "language": "en", "version": text},
        "organisation": {"name": text, "address": {"lv": text, "no": text}},
        "data_subjects": [{"id": "s", "name": {"en": text}}],
        "activities": [{"id": "a", "name": text, "systems": [text, "CRM"],
                        "legal_bases": [{"basis": "consent", "withdrawal": {"en": text}}]}],
    })  # fmt: skip


def test_shipped_register_reads_back_equal() -> None:
    register = ropa.load(SHIPPED)
    assert ropa.load(dump_register(register)) == register


def test_a_register_of_several_files_is_written_as_one_whole_file(tmp_path: Path) -> None:
    clinic = ropa.load(Path(__file__).resolve().parents[2] / "examples/clinic/register.yaml")
    assert clinic.include, "the clinic example is kept across several files"
    # Written elsewhere: it must not name fragments that are not beside it, nor repeat them.
    written = tmp_path / "one.yaml"
    written.write_text(ropa.dumps(clinic), encoding="utf-8")
    again = ropa.load(written)
    assert again.include == ()
    assert again == clinic.model_copy(update={"include": ()})


def test_layout_is_the_formats() -> None:
    register = ropa.load(SHIPPED)
    text = dump_register(register, header="Imported by ropa\nfrom a workbook")
    lines = text.split("\n")
    assert lines[:4] == ["# Imported by ropa", "# from a workbook", "format: ropa/1", ""]
    top = [line.split(":")[0] for line in lines if line and line[0].isalpha()]
    assert top == ["format", "register", "organisation", "data_subjects", "data_categories",
                   "recipients", "retention_rules", "activities"]  # fmt: skip
    assert "  kind: controller\n  version: '2026.1'\n  language: lv\n  reviewed: 2026-11-24\n" in (
        text
    )
    assert "    name: {lv: Klienti, en: Customers}\n" in text  # short maps on one line
    assert "  registration_number: '40103495751'\n" in text  # a number-like text is quoted
    assert "approved_by" not in text and "dpo" not in text  # not stated: left out
    assert text.endswith("\n") and not text.endswith("\n\n")
    activity = text[text.index("  - id: customer_registration") :]
    keys = [line.strip().split(":")[0] for line in activity.split("\n")
            if line.startswith("    ") and not line.startswith("     ")]  # fmt: skip
    assert keys[:6] == ["name", "purpose", "legal_bases", "data_subjects", "data_categories",
                        "sources"]  # fmt: skip


def test_any_header_is_a_comment() -> None:
    register = one_text("x")
    text = dump_register(register, header="from bad\x01name\u2028.xlsx\nsecond")
    assert text.startswith("# from bad?name\n# .xlsx\n# second\nformat: ropa/1\n")
    assert ropa.load(text) == register


def test_empty_recipients_and_transfers_say_none() -> None:
    data: dict[str, Any] = {
        "format": "ropa/1", "register": {"kind": "controller"}, "organisation": {},
        "activities": [{"id": "a", "name": "A", "recipients": [], "transfers": []},
                       {"id": "b", "name": "B"}],
    }  # fmt: skip
    text = dump_register(Register.model_validate(data))
    assert text.count("recipients: []") == 1 and text.count("transfers: []") == 1
    assert "organisation: {}" in text
    assert ropa.load(text) == Register.model_validate(data)


def test_a_legal_basis_starts_with_basis() -> None:
    text = dump_register(one_text("x"))
    assert "      - basis: consent\n        withdrawal: {en: x}\n" in text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Customers", "Customers"),
        ("Rīga, Stabu iela 61", "Rīga, Stabu iela 61"),
        ("NO", "'NO'"),
        ("yes", "'yes'"),
        ("Off", "'Off'"),
        ("null", "'null'"),
        ("~", "'~'"),
        ("2026.1", "'2026.1'"),
        ("0o17", "'0o17'"),
        ("2026-01-31", "'2026-01-31'"),
        ("1:30", "'1:30'"),
        ("- item", "'- item'"),
        ("a: b", "'a: b'"),
        ("a #b", "'a #b'"),
        ("#tag", "'#tag'"),
        ("it's", "it's"),
        ("'quoted'", "'''quoted'''"),
        (" leading", "' leading'"),
        ("trailing ", "'trailing '"),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\x07"'),
        ("line\u2028separator", '"line\\u2028separator"'),
        ("nul\x00", '"nul\\0"'),
        ("bom\ufeff", '"bom\\uFEFF"'),
    ],
)
def test_scalars_are_quoted_where_a_reader_could_misread(text: str, written: str) -> None:
    assert scalar(text) == written
    assert yaml.safe_load(f"key: {written}") == {"key": text}  # YAML 1.1 agrees
    assert ropa.load(dump_register(one_text(text))) == one_text(text)


def test_flow_collections_quote_their_indicators() -> None:
    assert scalar("a, b", flow=True) == "'a, b'"
    assert scalar("a, b") == "a, b"
    assert scalar("why?", flow=True) == "'why?'"
    assert scalar("http://x", flow=True) == "'http://x'"
    assert scalar("http://x") == "http://x"


def test_several_lines_are_a_literal_block() -> None:
    register = one_text("first line\nsecond line")
    text = dump_register(register)
    assert "  name: |-\n    first line\n    second line\n" in text
    assert ropa.load(text) == register
    ending = one_text("ends with a newline\n")
    assert "  name: |\n" in dump_register(ending)
    assert ropa.load(dump_register(ending)) == ending


def test_a_long_line_is_folded_at_spaces() -> None:
    long = " ".join(["word"] * 60)
    register = one_text(long)
    text = dump_register(register)
    assert "  name: >-\n" in text
    assert max(len(line) for line in text.split("\n")) <= 100
    assert ropa.load(text) == register


def test_texts_a_block_cannot_show_are_double_quoted() -> None:
    for awkward in (" indented\nsecond", "trailing \nspace", "two\n\n", "cr\r\nlf", "\n"):
        register = one_text(awkward + "x" if awkward == "\n" else awkward)
        assert ropa.load(dump_register(register)) == register


@settings(max_examples=300, deadline=None)
@given(text=st.text(min_size=1).filter(lambda value: value.strip() != ""))
def test_any_text_reads_back_in_yaml_1_1_and_1_2(text: str) -> None:
    register = one_text(text)
    written = dump_register(register)
    assert ropa.load(written) == register
    assert yaml.safe_load(written)["organisation"]["name"] == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(register=registers(max_entries=4, max_activities=4))
def test_generated_registers_read_back_equal(register: Register) -> None:
    assert ropa.load(dump_register(register, header="generated")) == register


# ---------------------------------------------------------------------------------------------
# The public save: ropa.dump and ropa.dumps


def test_bulk_edit_round_trip_load_change_dump_load(tmp_path: Path) -> None:
    """The recipe of docs/user-guide.md: change a register in a script and save it back."""
    register = ropa.load(SHIPPED)
    activities = tuple(
        activity.model_copy(update={"systems": (*activity.systems, "Archive")})
        for activity in register.activities
    )
    edited = register.model_copy(update={"activities": activities})
    target = tmp_path / "register.yaml"
    ropa.dump(edited, target)
    reloaded = ropa.load(target)
    assert reloaded == edited
    assert reloaded != register
    assert all("Archive" in activity.systems for activity in reloaded.activities)


def test_dumps_names_the_published_schema_first() -> None:
    text = ropa.dumps(ropa.load(SHIPPED))
    first, second = text.splitlines()[:2]
    assert first == (
        "# yaml-language-server: $schema=https://ropa-project.github.io/ropa/schemas/ropa.schema.json"
    )
    assert second == "format: ropa/1"


def test_dumps_writes_another_schema_or_none_when_asked() -> None:
    register = ropa.load(SHIPPED)
    relative = ropa.dumps(register, schema="../schemas/ropa.schema.json")
    assert relative.startswith("# yaml-language-server: $schema=../schemas/ropa.schema.json\n")
    assert ropa.dumps(register, schema="").startswith("format: ropa/1\n")


def test_dumps_writes_keys_in_the_formats_order() -> None:
    text = ropa.dumps(ropa.load(SHIPPED))
    top_level = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert top_level == [name for name in Register.model_fields if name in top_level]
    assert top_level[:3] == ["format", "register", "organisation"]


def test_dump_over_a_file_keeps_its_header_and_schema_line(tmp_path: Path) -> None:
    target = tmp_path / "register.yaml"
    target.write_text(
        "# yaml-language-server: $schema=../schemas/ropa.schema.json\n"
        "# Register of Example SIA; owner: the DPO.\n"
        "#\nformat:" + SHIPPED.read_text("utf-8").split("\nformat:", 1)[1],
        encoding="utf-8",
    )
    register = ropa.load(target)
    ropa.dump(register, target)
    lines = target.read_text("utf-8").splitlines()
    assert lines[:4] == [
        "# yaml-language-server: $schema=../schemas/ropa.schema.json",
        "# Register of Example SIA; owner: the DPO.",
        "#",
        "format: ropa/1",
    ]
    assert ropa.load(target) == register


def test_dump_with_schema_replaces_the_files_schema_line(tmp_path: Path) -> None:
    target = tmp_path / "register.yaml"
    target.write_text("# yaml-language-server: $schema=old.json\n# kept\n", encoding="utf-8")
    ropa.dump(ropa.load(SHIPPED), target, schema="new.json")
    assert target.read_text("utf-8").splitlines()[:3] == [
        "# yaml-language-server: $schema=new.json",
        "# kept",
        "format: ropa/1",
    ]


def test_dump_to_a_stream_writes_what_dumps_makes() -> None:
    import io

    register = ropa.load(SHIPPED)
    stream = io.StringIO()
    ropa.dump(register, stream)
    assert stream.getvalue() == ropa.dumps(register)
