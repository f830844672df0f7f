"""Lists nested under a table's rows, as project tools export them (monday.com's subitems, a task's subtasks): a row
that repeats the table's header texts in other columns ("Subitems | Responsable | Statut | Date" under an item whose
"Responsable" is two columns further) heads a list of the item above, and the rows after it that fill only its
columns are that list's rows. None of them is a row of the table: they are dropped with the reason.

A task tool's subtask names its parent task in a column of its own ("Parent task": "Oncology pitch day 2019"): a
row that could not be read and names a parent there is a subtask of that row ("Book the room"), no row either.

Only rows that could not be read as the table's are looked at (they would be quarantined otherwise).
"""

from __future__ import annotations

from ..textnorm import fold
from .reading import is_blank

NESTED_HEADER = "header of a list nested under the row above"
NESTED_ROW = "row of a list nested under a row above"
SUBTASK = "a subtask of another row"



def nested_list_rows(rows: list[list], candidates: set[int], header: list, words) -> dict[int, str]:
    """Offset -> reason, for the rows of ``candidates`` (offsets in ``rows``) that head or fill a nested list, or
    name their parent task."""
    where = {fold(c): j for j, c in enumerate(header) if isinstance(c, str) and c.strip()}
    parents = [j for j, c in enumerate(header) if isinstance(c, str) and fold(c) in words.parent_task_headers]
    out: dict[int, str] = {i: f"{SUBTASK} ({header[j]}: {rows[i][j]})" for i in sorted(candidates) for j in parents
                           if j < len(rows[i]) and not is_blank(rows[i][j])}
    for i in sorted(candidates):
        if i in out:
            continue
        filled = [(j, c) for j, c in enumerate(rows[i]) if not is_blank(c)]
        if len(filled) < 2 or not all(isinstance(c, str) for _, c in filled):
            continue
        repeated = [j for j, c in filled if fold(c) in where]
        if len(repeated) < 2 or all(where[fold(c)] == j for j, c in filled if fold(c) in where):
            continue  # the header again, in place: another rule's (a repeated header row)
        columns = {j for j, _ in filled}
        out[i] = f"{NESTED_HEADER} ({' | '.join(str(c).strip() for _, c in filled)})"
        k = i + 1
        while k in candidates and k < len(rows):
            cells = {j for j, c in enumerate(rows[k]) if not is_blank(c)}
            if not cells or not cells <= columns:
                break
            out[k] = NESTED_ROW
            k += 1
    return out
