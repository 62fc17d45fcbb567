"""`python -m ropa.rule_docs [--check] [DIRECTORY]`: regenerate (or check) docs/rules/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ropa.rule_docs import stale_docs, write_docs


def main(argv: Sequence[str] | None = None) -> int:
    """Write the rule pages and index into DIRECTORY (default docs/rules); with --check only
    report what is out of date and exit 1 if anything is."""
    parser = argparse.ArgumentParser(
        prog="python -m ropa.rule_docs", description="Regenerate docs/rules/ from the package."
    )
    parser.add_argument("directory", nargs="?", default="docs/rules", metavar="DIRECTORY")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_docs(args.directory)
        for name in stale:
            print(f"{args.directory}/{name}: out of date", file=sys.stderr)
        if stale:
            print("run: python -m ropa.rule_docs", file=sys.stderr)
        return 1 if stale else 0
    for path in write_docs(args.directory):
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
