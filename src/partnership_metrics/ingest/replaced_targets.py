"""Targets replaced by an amendment, kept beside the rows in force: a status column says which ("Statut de la
valeur: Validée / Remplacée (avenant n°1 du 14/06/2022)", "Status: Active / Superseded"). A row whose status starts
with a word of ``replaced_status_words`` (``vocab/targets.yaml``) is dropped with its status, when other rows of the
column are not replaced: the rows in force are the targets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..textnorm import fold
from .reading import is_blank

if TYPE_CHECKING:
    from .normalising import Context
    from .reading import RawSheet
    from .recognition import Recognition


def replaced_rows(sheet: RawSheet, rec: Recognition, rows: list[list], ctx: Context) -> dict[int, str]:
    """Offset -> reason of the rows of a long targets table that a status column says were replaced, or that give
    no target at all (a reference value's row, "Valeur de référence" with no target)."""
    if rec.table != "kpi_targets" or ctx.kpi_names is None or rec.header_index >= len(sheet.rows):
        return {}
    out = replaced_in(sheet.rows[rec.header_index], rows, rec.mapped_indexes,
                      ctx.kpi_names.target_words.replaced_status_words)
    target = next((m.index for m in rec.columns if m.column == "target"), None)
    if target is not None:
        out.update({i: "no target given (empty)" for i, row in enumerate(rows) if i not in out
                    and (target >= len(row) or is_blank(row[target])) and any(not is_blank(c) for c in row)})
    return out


def replaced_in(header: list, rows: list[list], mapped: set[int], words: frozenset[str]) -> dict[int, str]:
    """Offset -> reason of the ``rows`` whose status, in a column outside ``mapped``, starts with one of ``words``."""
    out: dict[int, str] = {}
    for j in range(max((len(r) for r in rows), default=0)):
        if j in mapped:
            continue
        cells = {i: row[j] for i, row in enumerate(rows) if j < len(row) and isinstance(row[j], str)
                 and not is_blank(row[j])}
        replaced = {i for i, c in cells.items() if (said := fold(c).split()) and said[0] in words}
        if not replaced or len(replaced) == len(cells):
            continue
        name = " ".join(str(header[j]).split()) if j < len(header) and not is_blank(header[j]) else "status"
        out.update({i: f"replaced target ({name} = {' '.join(cells[i].split())[:60]})" for i in replaced})
    return out
