"""`python -m ropa`: the same as the `ropa` command."""

import sys

from ropa.cli import main

sys.exit(main())
