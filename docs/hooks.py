"""MkDocs hooks for the ropa site (named in mkdocs.yml; not a page of the site).

- the published JSON Schemas are served at `schemas/`, the URLs their `$id` names;
- the shipped register and the examples are served at `data/` and `examples/`, so the pages
  can link to them;
- `CHANGELOG.md` at the top of the repository is the site's changelog page;
- every public name of `ropa.__all__` must have a docstring with an example (`>>>`): a name
  without one is a warning, which `mkdocs build --strict` turns into a failed build
  (tests/test_api_examples.py runs the examples).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.ropa")

ROOT = Path(__file__).resolve().parent.parent
STATIC = ("schemas/*.json", "data/processing_activities.yaml", "examples/*.yaml")


def on_files(files: Files, config: Any) -> Files:
    for pattern in STATIC:
        for path in sorted(ROOT.glob(pattern)):
            relative = path.relative_to(ROOT).as_posix()
            files.append(
                File(relative, str(ROOT), config["site_dir"], config["use_directory_urls"])
            )
    changelog = ROOT / "CHANGELOG.md"
    files.append(File.generated(config, "changelog.md", abs_src_path=str(changelog)))
    return files


def on_pre_build(config: Any) -> None:
    import griffe

    package = griffe.load("ropa", search_paths=[str(ROOT / "src")], resolve_aliases=True)
    public = package.members["__all__"].value
    names = [str(name).strip("'\"") for name in getattr(public, "elements", [])]
    if not names:
        log.warning("ropa.__all__ could not be read; the API page cannot be checked")
    for name in names:
        member = package.members.get(name)
        if member is None:
            log.warning("ropa.__all__ names %s, which ropa does not define", name)
            continue
        docstring = member.docstring
        if docstring is None or not docstring.value.strip():
            log.warning("ropa.%s has no docstring (the API reference would be empty)", name)
        elif ">>>" not in docstring.value:
            log.warning("ropa.%s: the docstring has no example (an `Examples:` section)", name)
