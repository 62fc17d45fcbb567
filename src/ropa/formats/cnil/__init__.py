"""The CNIL's "registre simplifié" (Modèle de registre simplifié), both ways.

`write.export_cnil` writes the list of processing activities and one *fiche* per activity,
laid out as the CNIL's template (cnil.fr, `registre-traitement-simplifie.ods`) lays them out,
with the CNIL's French labels and the register's texts as they are; `read.import_cnil` reads a
filled template (.ods or .xlsx) back into a register, with a report of what was mapped where
and of every value it could not map. See docs/migrating.md.
"""

from ropa.formats.cnil.read import import_cnil
from ropa.formats.cnil.write import export_cnil

__all__ = ["export_cnil", "import_cnil"]
