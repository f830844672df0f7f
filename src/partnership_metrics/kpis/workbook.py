"""The KPI table as an Excel workbook a director can read: one sheet per area and a definitions sheet."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import xlsxwriter

from ..exports import neutralise_formula
from ..ui_strings import ui_strings
from .catalogue import areas, catalogue_frame, check_lang, status_labels

NUMBER_FORMATS = {
    "count": "#,##0",
    "eur": '#,##0 "€"',
    "days": "#,##0.0",
    "share": "0.0%",
    "score": "0.00",
    "ratio": "0.00",
    "index": "0.000",
}
STATUS_COLOURS = {"met": "#C6EFCE", "close": "#FFEB9C", "missed": "#FFC7CE", "no_target": "#EDEDED"}

# The columns of a sheet: the key of their header in vocab/ui.yaml (strings) and their width.
HEADERS = ("indicator", "period", "value", "target", "status", "baseline", "previous_year", "change_vs_previous",
           "change_vs_baseline", "pct_vs_baseline", "comment", "kpi_id")
WIDTHS = (42, 11, 16, 16, 13, 16, 16, 16, 16, 14, 48, 32)
DEFINITION_HEADERS = ("kpi_id", "indicator", "area", "unit", "direction", "additive", "definition")
DEFINITION_WIDTHS = (32, 40, 28, 14, 20, 9, 90)


def _number(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def _text(x):
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else neutralise_formula(str(x))


def write_workbook(table: pd.DataFrame, path: Path, lang: str | None = None,
                   comments: Mapping[tuple[str, str], str] | None = None) -> Path:
    """Write the KPI table (:func:`~partnership_metrics.kpis.engine.kpi_table` output) to ``path``, its headers and
    labels in ``lang``. The comment column holds the partners' comment on a KPI and period (``comments``:
    ``(kpi_id, period) -> sentence``, see :func:`.commentary.workbook_comments`), then why a value is null."""
    comments = comments or {}
    words, lang = ui_strings(), check_lang(lang)
    headers = [words.text(key, lang) for key in HEADERS]
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})
    header = book.add_format({"bold": True, "bg_color": "#1F3864", "font_color": "#FFFFFF", "text_wrap": True,
                              "valign": "vcenter", "border": 1})
    text = book.add_format({"valign": "top"})
    wrap = book.add_format({"valign": "top", "text_wrap": True})
    numbers = {(unit, bold): book.add_format({"num_format": fmt, "valign": "top", "bold": bold})
               for unit, fmt in NUMBER_FORMATS.items() for bold in (False, True)}
    percent = book.add_format({"num_format": "+0.0%;-0.0%;0.0%", "valign": "top"})
    bold = book.add_format({"bold": True, "valign": "top"})
    statuses = {s: book.add_format({"bg_color": c, "valign": "top", "align": "center"})
                for s, c in STATUS_COLOURS.items()}

    status_names = status_labels()
    for area, names in areas().items():
        rows = table[table["area"] == area]
        sheet = book.add_worksheet(names[lang][:31])
        sheet.write_row(0, 0, headers, header)
        sheet.set_row(0, 32)
        sheet.freeze_panes(1, 1)
        for col, width in enumerate(WIDTHS):
            sheet.set_column(col, col, width)
        for r, row in enumerate(rows.itertuples(index=False), start=1):
            is_period = "-" in row.period
            unit = row.unit
            sheet.write_string(r, 0, _text(row.label), bold if is_period else text)
            sheet.write_string(r, 1, _text(row.period), bold if is_period else text)
            for col, value in ((2, row.value), (3, row.target), (5, row.baseline), (6, row.previous),
                               (7, row.change_vs_previous), (8, row.change_vs_baseline)):
                number = _number(value)
                if number is None:
                    sheet.write_blank(r, col, None, text)
                else:
                    sheet.write_number(r, col, number, numbers[(unit, is_period and col == 2)])
            status = row.status if isinstance(row.status, str) else None
            if status:
                sheet.write_string(r, 4, status_names[status][lang], statuses[status])
            else:
                sheet.write_blank(r, 4, None, text)
            pct = _number(row.pct_vs_baseline)
            if pct is None:
                sheet.write_blank(r, 9, None, text)
            else:
                sheet.write_number(r, 9, pct, percent)
            note = " ".join(t for t in (comments.get((row.kpi_id, row.period), ""), _text(row.reason)) if t)
            sheet.write_string(r, 10, _text(note), wrap)
            sheet.write_string(r, 11, _text(row.kpi_id), text)
        sheet.autofilter(0, 0, max(len(rows), 1), len(WIDTHS) - 1)

    _write_definitions(book, lang, header, wrap, table["kpi_id"].tolist())
    book.close()
    return path


def _write_definitions(book, lang: str, header, wrap, kpi_ids) -> None:
    words = ui_strings()
    sheet = book.add_worksheet(words.text("definitions_sheet", lang))
    sheet.write_row(0, 0, [words.text(key, lang) for key in DEFINITION_HEADERS], header)
    sheet.freeze_panes(1, 0)
    for col, width in enumerate(DEFINITION_WIDTHS):
        sheet.set_column(col, col, width)
    yes, no = words.text("yes", lang), words.text("no", lang)
    for r, k in enumerate(catalogue_frame(lang, kpi_ids).itertuples(index=False), start=1):
        cells = (k.kpi_id, k.label, k.area_label, k.unit_label, k.direction_label, yes if k.additive else no,
                 k.definition)
        for col, value in enumerate(cells):
            sheet.write_string(r, col, _text(value), wrap)
