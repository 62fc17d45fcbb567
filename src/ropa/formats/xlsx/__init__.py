"""The workbook format, both directions: `write` (export) and `read` (import).

The writer and the reader share the sheet layout (`_book`, `_sheets`, `_data`), the cell rules
(`_cells`) and the sheet words (`_words`); the reader's own cell parsing is in `_read_cells`.
`ooxml` escapes and decodes OOXML's `_xHHHH_` in text, for every workbook ropa writes or reads
(the regulators' layouts included).
Importing this package loads neither direction: openpyxl is loaded by the one asked for.
"""
