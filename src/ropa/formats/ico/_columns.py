"""The ICO layout: its sheet, contact block and columns, and the words of its cells.

The 23 columns are those of the ICO's "Documentation template for controllers", in its order
(ico.org.uk, "Documentation template for controllers", the sheet of processing activities).
The contact block above them and the way a list is written in one cell (one item a line,
`Name (kind): detail`) are ropa's, read back by `read.py`.
"""

from __future__ import annotations

from ropa.text.messages import msg

SHEET = "Processing activities"
TITLE = "Documentation template for controllers"
CONTACT_HEADER_ROW = 3
CONTACT_COLUMNS = ("Name", "Address", "Email", "Telephone", "Website", "Notes")
CONTACT_ROWS = {
    4: ("organisation", "Controller"),
    5: ("dpo", "Data Protection Officer"),
    6: ("representative", "Representative"),
}
HEADER_ROW = 8
FIRST_ROW = 9

COLUMNS: tuple[tuple[str, str], ...] = (
    ("business_function", "Business function"),
    ("purpose", "Purpose of processing"),
    ("joint_controller", "Name and contact details of joint controller (if applicable)"),
    ("individuals", "Categories of individuals"),
    ("personal_data", "Categories of personal data"),
    ("recipients", "Categories of recipients"),
    ("processor_contract", "Link to contract with processor"),
    (
        "third_countries",
        "Names of third countries or international organisations that "
        "personal data are transferred to (if applicable)",
    ),
    (
        "safeguards",
        "Safeguards for exceptional transfers of personal data to third countries "
        "or international organisations (if applicable)",
    ),
    ("retention", "Retention schedule (if possible)"),
    (
        "security",
        "General description of technical and organisational security measures (if possible)",
    ),
    ("article6", "Article 6 lawful basis for processing personal data"),
    ("article9", "Article 9 condition for processing special category data"),
    ("legitimate_interests", "Legitimate interests for the processing (if applicable)"),
    ("lia", "Link to record of legitimate interests assessment (if applicable)"),
    ("rights", "Rights available to individuals"),
    ("automated", "Existence of automated decision-making, including profiling (if applicable)"),
    ("source", "The source of the personal data (if applicable)"),
    ("consent_record", "Link to record of consent"),
    ("location", "Location of personal data"),
    ("dpia_required", "Data Protection Impact Assessment required?"),
    ("dpia_progress", "Data Protection Impact Assessment progress"),
    ("dpia_link", "Link to Data Protection Impact Assessment"),
)
"""(key, header) of each column, in the ICO's order."""

COLUMN = {key: number for number, (key, _) in enumerate(COLUMNS, start=1)}

NONE = "None"
"""Written where the register says "none" ([]), as opposed to an empty cell (not stated)."""
YES, NO = "Yes", "No"
BASIS_PREFIX = "Art. "
AUTOMATED = "Automated decision-making"
PROFILING = "Profiling"
BASIS_LINE = "Basis"
UNTIL_LINE = "Until"
STARTS_LINE = "Starts"
CATEGORIES_LINE = "Categories"
COMPLETED = "Completed"

NOT_HELD = (
    msg("layout.ico.not_held.ids"),
    msg("layout.ico.not_held.activities"),
    msg("layout.ico.not_held.register"),
    msg("layout.ico.not_held.organisation"),
    msg("layout.ico.not_held.joint_controllers"),
    msg("layout.ico.not_held.subjects"),
    msg("layout.ico.not_held.recipients"),
    msg("layout.ico.not_held.legal_bases"),
    msg("layout.ico.not_held.assessments"),
    msg("layout.ico.not_held.retention"),
    msg("layout.ico.not_held.languages"),
    msg("layout.ico.not_held.processor"),
)
"""What a register says that this layout has no place for."""
