"""Render the screenshots of docs/auditors.md from the shipped register's workbook.

    python scripts/screenshots.py        (or: make screenshots)

Exports data/processing_activities.yaml to the workbook in Latvian and English (as of
2026-11-27, as the docs quote it), prints both to PDF with LibreOffice (`soffice --headless
--convert-to pdf`), finds the first page of each sheet shown by the title in its page header,
and renders that page at 60 dpi with poppler (`pdftoppm -png -r 60`) into docs/images/, named
`<sheet>-<lang>.png`. Run it again whenever the workbook changes, so that the pictures stay
true; the images are committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import ropa  # noqa: E402
from ropa.formats.xlsx._words import SHEETS, say  # noqa: E402

REGISTER = ROOT / "data" / "processing_activities.yaml"
IMAGES = ROOT / "docs" / "images"
AS_OF = date(2026, 11, 27)
SHOWN = ("cover", "activities", "flows", "retention_matrix", "coverage", "findings", "cards")
"""The sheets pictured, by key: the first printed page of each."""


def _run(*command: str) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()}")
    return done.stdout


def _first_pages(pdf: Path, titles: dict[str, str]) -> dict[str, int]:
    """Sheet key -> the number of its first page (the page header names the sheet)."""
    count = int(next(line.split()[-1] for line in _run("pdfinfo", str(pdf)).splitlines()
                     if line.startswith("Pages:")))  # fmt: skip
    longest_first = sorted(titles.items(), key=lambda item: len(item[1]), reverse=True)
    found: dict[str, int] = {}
    for page in range(1, count + 1):
        text = _run("pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-")
        head = next((line for line in text.splitlines() if line.strip()), "")
        key = next((key for key, title in longest_first if title in head), None)
        if key is not None:
            found.setdefault(key, page)
    return found


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        print("screenshots need LibreOffice (soffice) and poppler (pdftoppm)", file=sys.stderr)
        return 2
    register = ropa.load(REGISTER)
    report = ropa.validate(register, as_of=AS_OF)
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ropa-screenshots-") as work:
        folder = Path(work)
        for lang in ("lv", "en"):
            workbook = folder / f"ropa-{lang}.xlsx"
            ropa.export_excel(register, workbook, lang=lang, report=report)
            _run(soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                 "--norestore", "--convert-to", "pdf", "--outdir", str(folder), str(workbook))  # fmt: skip
            pdf = folder / f"ropa-{lang}.pdf"
            pages = _first_pages(pdf, {key: say(SHEETS, key, lang) for key in SHOWN})
            for key in SHOWN:
                if key not in pages:
                    raise SystemExit(f"no page of the sheet {say(SHEETS, key, lang)!r} in {pdf}")
                stem = IMAGES / f"{key.replace('_', '-')}-{lang}"
                page = str(pages[key])
                _run("pdftoppm", "-png", "-r", "60", "-f", page, "-l", page, "-singlefile",
                     str(pdf), str(stem))  # fmt: skip
                print(f"{stem.relative_to(ROOT)}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
