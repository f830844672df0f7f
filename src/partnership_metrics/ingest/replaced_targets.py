"""Targets replaced by an amendment, kept beside the rows in force: a status column says which ("Statut de la
valeur: Validée / Remplacée (avenant n°1 du 14/06/2022)", "Status: Active / Superseded"). A row whose status starts
with a word of ``replaced_status_words`` (``vocab/targets.yaml``) is dropped with its status, when other rows of the
column are not replaced: the rows in force are the targets. A status that says the row replaces another ("Annule et
remplace la cible de 14", ``replacing_status_phrases``) is a row in force."""

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
    words = ctx.kpi_names.target_words
    out = replaced_in(sheet.rows[rec.header_index], rows, rec.mapped_indexes, words.replaced_status_words,
                      words.replacing_status_phrases)
    target = next((m.index for m in rec.columns if m.column == "target"), None)
    if target is not None:
        out.update({i: "no target given (empty)" for i, row in enumerate(rows) if i not in out
                    and (target >= len(row) or is_blank(row[target])) and any(not is_blank(c) for c in row)})
    return out


def replaced_in(header: list, rows: list[list], mapped: set[int], words: frozenset[str],
                keep: tuple[str, ...] = ()) -> dict[int, str]:
    """Offset -> reason of the ``rows`` whose status, in a column outside ``mapped``, starts with one of ``words``
    and with none of the phrases ``keep`` ("Annule et remplace …": the row replaces another, it is in force)."""
    out: dict[int, str] = {}
    for j in range(max((len(r) for r in rows), default=0)):
        if j in mapped:
            continue
        cells = {i: row[j] for i, row in enumerate(rows) if j < len(row) and isinstance(row[j], str)
                 and not is_blank(row[j])}
        replaced = {i for i, c in cells.items() if (said := fold(c).split()) and said[0] in words
                    and not " ".join(said).startswith(keep)}
        if not replaced or len(replaced) == len(cells):
            continue
        name = " ".join(str(header[j]).split()) if j < len(header) and not is_blank(header[j]) else "status"
        out.update({i: f"replaced target ({name} = {' '.join(cells[i].split())[:60]})" for i in replaced})
    return out
