"""``partnership-metrics template``: a blank input workbook, one sheet per table, with a notes sheet, in the language
the partners read: French or English sheet names, headers and drop-down labels (``vocab/columns.yaml``), the
partners' names from the partnership; every header and label is one that ingestion reads back."""

from __future__ import annotations

from pathlib import Path

from ..partnership import Partnership, default_partnership
from ..resources import packaged_yaml
from ..schemas import RAW_TABLES, TABLES
from .vocabulary import PARTNER_COLUMNS

LIST_ROWS = 5000  # rows below the header that get the drop-down lists


def headers(table: str, lang: str) -> list[str]:
    """The headers of a table's sheet in ``lang`` (required columns marked ``*``)."""
    named = packaged_yaml("columns.yaml").get(table, {}).get("columns", {})
    return [(named.get(c.name, {}).get(lang) or c.name) + (" *" if c.required else "") for c in TABLES[table].raw_columns]


def code_labels(table: str, column: str, lang: str, partnership: Partnership) -> dict[str, str]:
    """code -> the label people read in ``lang`` (the partners' codes named after the partners)."""
    labels = {code: texts[lang] for code, texts in
              (packaged_yaml("columns.yaml").get(table, {}).get("codes", {}).get(column) or {}).items()}
    partner_codes = PARTNER_COLUMNS.get((table, column))
    for partner in partnership.partners:
        if partner_codes:
            labels[partner_codes[partner.code]] = partner.short[lang]
        if (table, column) == ("funding", "funder"):
            labels[partner.funder] = partner.short[lang]
    if partner_codes:
        labels[partner_codes["joint"]] = partnership.joint_label[lang]
    codes = TABLES[table].column(column).codes
    return {code: labels.get(code, code) for code in codes}


def write_template(path: Path, lang: str = "fr", partnership: Partnership | None = None) -> Path:
    """Write the template workbook to ``path`` (``.xlsx``) in ``lang`` and return its path."""
    import xlsxwriter

    partnership = partnership or default_partnership()
    vocab = packaged_yaml("columns.yaml")
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    notes = workbook.add_worksheet("Notes" if lang == "en" else "Mode d'emploi")
    notes.set_column(0, 0, 120)
    lines = list(vocab["template_notes"][lang])
    for name in RAW_TABLES:
        sheet_name = vocab.get(name, {}).get("sheet", {}).get(lang, name)
        lines.append(f"## {sheet_name}")
        for header, column in zip(headers(name, lang), TABLES[name].raw_columns, strict=False):
            allowed = ""
            if column.kind == "code":
                allowed = " — " + ", ".join(code_labels(name, column.name, lang, partnership).values())
            lines.append(f"  {header}{allowed}")
        lines.append("")
    for row, line in enumerate(lines):
        notes.write(row, 0, line.removeprefix("## "), bold if row == 0 or line.startswith("## ") else wrap)
    for name in RAW_TABLES:
        sheet = workbook.add_worksheet(vocab.get(name, {}).get("sheet", {}).get(lang, name)[:31])
        sheet.freeze_panes(1, 0)
        for col, (header, column) in enumerate(zip(headers(name, lang), TABLES[name].raw_columns, strict=False)):
            sheet.write(0, col, header, bold)
            sheet.set_column(col, col, max(14, len(header) + 4))
            if column.kind == "code":
                choices = list(code_labels(name, column.name, lang, partnership).values())
                sheet.data_validation(1, col, LIST_ROWS, col, {"validate": "list", "source": choices,
                                                               "error_type": "warning"})
    workbook.close()
    return path
