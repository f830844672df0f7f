"""``partnership-metrics template``: a blank input workbook, one sheet per table, with a notes sheet."""

from __future__ import annotations

from pathlib import Path

from ..schemas import KINDS, RAW_TABLES, TABLES

NOTES = [
    "How to fill this workbook",
    "",
    "One sheet per table; keep the header row (you may rename headers in French or English, add title rows above,",
    "or add comment columns: they are recognised or kept aside). Columns marked * are required.",
    "Amounts: euros, or write the unit in the header (Montant (k€)) or in the cell (150 k€, 1,5 M€).",
    "Dates: Excel dates, 15/03/2022 (day first), 2022-03-15, 15.03.2022 or 15 mars 2022.",
    "Institutions: as you usually write them (AMU, Aix-Marseille Université, UniCA, AP-HM, CHU de Nice ...).",
    "Names and e-mails of people (PI, attendees) are pseudonymised during ingestion; they never reach a report.",
    "Allowed codes are listed below (French or English labels such as 'Conjoint', 'Financé' are understood).",
    "",
]


def write_template(path: Path) -> Path:
    """Write the template workbook to ``path`` and return it."""
    import xlsxwriter

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    notes = workbook.add_worksheet("Notes")
    notes.set_column(0, 0, 110)
    row = 0
    for line in NOTES:
        notes.write(row, 0, line, bold if row == 0 else wrap)
        row += 1
    for name in RAW_TABLES:
        table = TABLES[name]
        notes.write(row, 0, f"{name}: {table.description}", bold)
        row += 1
        for column in table.raw_columns:
            codes = f" — {', '.join(column.codes)}" if column.codes and column.kind == "code" else ""
            required = " (required)" if column.required else ""
            notes.write(row, 0, f"  {column.name}{required}: {KINDS[column.kind]}{codes}. {column.description}", wrap)
            row += 1
        row += 1
    for name in RAW_TABLES:
        sheet = workbook.add_worksheet(name)
        sheet.freeze_panes(1, 0)
        for col, column in enumerate(TABLES[name].raw_columns):
            sheet.write(0, col, column.name + (" *" if column.required else ""), bold)
            sheet.set_column(col, col, max(14, len(column.name) + 4))
            if column.codes and column.kind == "code":
                sheet.data_validation(1, col, 5000, col, {"validate": "list", "source": list(column.codes),
                                                          "error_type": "warning"})
    workbook.close()
    return path
