"""Values a SharePoint or Microsoft Lists export writes with the id of the item they look up ("12;#VAL18-02",
"6;#ANR") or with all the choices made ("Notifié;#Convention signée"): the reader keeps what a person reads in the
list, the item's value ("VAL18-02") or the choices parted by commas ("Notifié, Convention signée")."""

from __future__ import annotations

SAMPLE_ROWS = 500  # rows looked at for such columns: a list's export writes them on most of its lines
MARK = ";#"


def with_lookup_values(rows: list[list]) -> list[list]:
    """``rows`` with the cells of the columns that write lookups or choices so read as a person reads them (the
    rows changed are copies); ``rows`` itself when no column does."""
    columns = {j for row in rows[:SAMPLE_ROWS] for j, cell in enumerate(row) if isinstance(cell, str) and MARK in cell}
    if not columns:
        return rows
    out = []
    for row in rows:
        if any(j < len(row) and isinstance(row[j], str) and MARK in row[j] for j in columns):
            row = [lookup_value(cell) if j in columns and isinstance(cell, str) else cell for j, cell in enumerate(row)]
        out.append(row)
    return out


def lookup_value(text: str) -> str:
    """"12;#VAL18-02" -> "VAL18-02"; "3;#ANR;#7;#Région Sud" -> "ANR, Région Sud"; "Notifié;#Convention signée" ->
    "Notifié, Convention signée"; a text without the mark unchanged."""
    if MARK not in text:
        return text
    parts = text.split(MARK)
    if len(parts) % 2 == 0 and all(p.strip().isdigit() for p in parts[0::2]) and all(p.strip() for p in parts[1::2]):
        parts = parts[1::2]  # each value after the id of its item
    return ", ".join(p.strip() for p in parts if p.strip())
