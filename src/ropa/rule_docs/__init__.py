"""The rule pages: one markdown page per catalogue rule, shipped inside the package.

The pages here (`ROPAnnn.md`) are the canonical ones: `ropa rules CODE` prints them and the
SARIF output carries them as rule help. `docs/rules/` holds identical copies plus a generated
`index.md`; regenerate it with `python -m ropa.rule_docs` (a test fails when it drifts).
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from ropa.rules import RULES

__all__ = ["codes", "description", "expected_docs", "index", "page", "stale_docs", "write_docs"]

_CODE = re.compile(r"ROPA\d{3}")
_PAGE_NAME = re.compile(r"ROPA\d{3}\.md")
INDEX = "index.md"
"""Name of the generated table of rules in the docs directory."""


def codes() -> tuple[str, ...]:
    """The codes that have a page, in order."""
    names = (entry.name for entry in resources.files(__name__).iterdir())
    return tuple(sorted(name[:-3] for name in names if _PAGE_NAME.fullmatch(name)))


def page(code: str) -> str:
    """The markdown page of rule `code`; `LookupError` when there is none."""
    if not _CODE.fullmatch(code):
        raise LookupError(f"{code!r} is not a rule code (ROPAnnn)")
    try:
        return resources.files(__name__).joinpath(f"{code}.md").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LookupError(f"rule {code} has no page") from None


def description(code: str) -> str:
    """The first paragraph of the page's "What it checks" section, on one line."""
    text = page(code)
    _, _, section = text.partition("\n## What it checks\n")
    paragraph = section.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def index() -> str:
    """`index.md`: the catalogue as a table, each code linked to its page."""
    rows = [
        f"| [{rule.code}]({rule.code}.md) | {rule.slug} | {rule.severity.value} "
        f"| {rule.article} | {rule.title('en')} |"
        for rule in (RULES[code] for code in sorted(RULES))
    ]
    controller_only = ", ".join(code for code in sorted(RULES) if RULES[code].controller_only)
    return _INDEX_TEMPLATE.format(rows="\n".join(rows), controller_only=controller_only)


def expected_docs() -> dict[str, str]:
    """What `docs/rules/` must hold: file name -> content."""
    files = {f"{code}.md": page(code) for code in codes()}
    files[INDEX] = index()
    return files


def stale_docs(directory: str | Path) -> list[str]:
    """Names of files in `directory` that are missing, different or no longer wanted."""
    folder = Path(directory)
    wanted = expected_docs()
    stale = []
    for name, content in wanted.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            stale.append(name)
    if folder.is_dir():
        stale += [
            path.name
            for path in folder.iterdir()
            if _PAGE_NAME.fullmatch(path.name) and path.name not in wanted
        ]
    return sorted(stale)


def write_docs(directory: str | Path) -> list[Path]:
    """Write the pages and `index.md` into `directory`; remove pages of no rule. Returns the
    files written or removed."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = expected_docs()
    changed = []
    for name in stale_docs(folder):
        target = folder / name
        if name in wanted:
            target.write_text(wanted[name], encoding="utf-8", newline="\n")
        else:
            target.unlink()
        changed.append(target)
    return changed


_INDEX_TEMPLATE = """\
# Rule catalogue

Every finding of `ropa validate` carries one of these codes. A code never changes meaning and
is never reused; a retired rule keeps its number.

- **error**: the register is wrong or fails a must of GDPR Art. 30; `ropa validate` exits 1.
- **warning**: a "should", or a gap an auditor will ask about; fails only under `--strict`.
- **info**: worth knowing; never fails validation.

| code | slug | severity | GDPR article | fires when |
|---|---|---|---|---|
{rows}

## The controller's record and the processor's

A register may hold both records: activities of role controller (Art. 30(1)) and of role
processor (Art. 30(2), carried out on behalf of the controllers in `controllers`). These
rules judge only the controller's record and are silent on processor-role activities, whose
purposes, legal bases and retention are the controller's:

{controller_only}.

The ROPA7xx rules judge the processor's record.

## Choosing and waiving rules

- `ropa validate --select ROPA3` checks only the 3xx (lawfulness) rules; `--ignore ROPA604`
  drops one rule. Both take comma-separated codes or prefixes.
- To accept one finding on purpose, add a waiver with a reason: under the activity
  (`activities[].waivers`) for a finding about that activity, under `register.waivers` for a
  finding about the organisation or a catalogue entry:

  ```yaml
  waivers:
    - rule: ROPA303
      reason: The balancing test is being redone; DPO sign-off due 2027-01-31.
  ```

  A waived finding is still reported, marked `[waived: reason]`, and no longer fails
  validation. A waiver without a reason is itself an error (ROPA104).

`ropa rules` lists this table in a terminal; `ropa rules ROPA302` prints one page.

## Editing these pages

These files are generated. The canonical pages live in the package, in
`src/ropa/rule_docs/ROPAnnn.md`, so that `ropa rules CODE` works from an installed wheel.
Edit them there and regenerate this directory with:

```sh
python -m ropa.rule_docs            # rewrites docs/rules/
python -m ropa.rule_docs --check    # exit 1 when docs/rules/ is out of date
```

`tests/test_rule_docs.py` fails when `docs/rules/` differs from the package pages, when a rule
has no page, or when a page names no rule.
"""
