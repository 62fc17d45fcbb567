"""The ICO's "Documentation template for controllers", both ways.

`write.export_ico` writes a register in the template's columns, in the ICO's order, below the
controller, DPO and representative contact block; `read.import_ico` reads a filled template
(.xlsx or .ods) back into a register, with a report of what was mapped where and of every
value it could not map. See docs/migrating.md.
"""

from ropa.formats.ico.read import import_ico
from ropa.formats.ico.write import export_ico

__all__ = ["export_ico", "import_ico"]
