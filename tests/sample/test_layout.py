"""The files as partners keep them: messy like the real ones, and every row, person and planted bad row as the
truth says."""

from __future__ import annotations

import re
from collections import Counter

from python_calamine import CalamineWorkbook

from partnership_metrics import schemas

from .sheets import is_blank, is_total

# ----------------------------------------------------------------------------------------- truth vs the files


def test_truth_row_counts_match_the_files(written):
    truth, cells = written.truth, written.cells
    per_table: Counter = Counter()
    for sh in truth["sheets"]:
        rows = cells[(sh["file"], sh["sheet"])]
        header = rows[sh["header_row"] - 1]
        assert [h for h in header if h not in ("", None)] == sh["header"]
        body = rows[sh["header_row"]:]
        assert len(body) == sh["rows_read"], sh["file"]
        assert sum(map(is_blank, body)) == sh["dropped_blank"]
        assert sum(map(is_total, body)) == sh["dropped_total"]
        assert len(body) - sh["dropped_blank"] - sh["dropped_total"] == sh["accepted"] + sh["quarantined"]
        per_table[sh["table"]] += sh["accepted"]
    assert set(truth["tables"]) == set(schemas.RAW_TABLES)
    for table, counts in truth["tables"].items():
        assert counts["accepted"] == per_table[table] == len(written.expected[table]), table
        assert counts["rows_read"] == counts["accepted"] + counts["quarantined"] + counts["dropped"]
    assert {s["sheet"] for s in truth["ignored_sheets"]} == {"Listes", "Notes"}


def test_truth_names_the_canonical_column_of_every_header(written):
    for sh in written.truth["sheets"]:
        table = schemas.TABLES[sh["table"]]
        assert list(sh["columns"]) == sh["header"]
        named = {c for c in sh["columns"].values() if c}
        assert named <= set(table.column_names), sh["file"]
        assert set(table.required) <= named, (sh["file"], sh["sheet"])


def test_accepted_ids_in_the_files_are_the_expected_ids(written):
    truth, cells = written.truth, written.cells
    planted = {(p["file"], p["sheet"], p["row"]) for p in truth["planted"]}
    ids: dict[str, list] = {}
    for sh in truth["sheets"]:
        rows = cells[(sh["file"], sh["sheet"])]
        for number, row in enumerate(rows[sh["header_row"]:], start=sh["header_row"] + 1):
            if not (is_blank(row) or is_total(row) or (sh["file"], sh["sheet"], number) in planted):
                ids.setdefault(sh["table"], []).append(row[0])
    for table, column in (("projects", "project_id"), ("funding", "funding_id"), ("startups", "startup_id"),
                          ("events", "event_id"), ("eu_proposals", "proposal_id"), ("kpi_targets", "kpi_id")):
        assert Counter(ids[table]) == Counter(written.expected[table][column].tolist()), table


def test_planted_bad_rows_are_in_the_files(written):
    planted = written.truth["planted"]
    assert {p["reason"] for p in planted} == {"impossible date", "missing required id", "negative amount",
                                              "unknown status label"}
    sheets = {(s["file"], s["sheet"]): s for s in written.truth["sheets"]}
    for p in planted:
        sheet = sheets[(p["file"], p["sheet"])]
        row = written.cells[(p["file"], p["sheet"])][p["row"] - 1]
        assert row[sheet["header"].index(p["column"])] == ("" if p["value"] is None else p["value"])
        assert sheet["quarantined"] >= 1
    values = {p["reason"]: p["value"] for p in planted}
    first, last = written.partnership.years
    assert values["impossible date"] == f"31/02/{min(first + 1, last)}"
    assert values["missing required id"] is None
    assert values["negative amount"].startswith("-")


def test_every_person_written_is_in_the_truth(written):
    persons, cells = written.truth["persons"], written.cells
    names = {n.casefold() for n in persons["names"]}
    emails = set(persons["emails"])
    found = set()
    for rows in cells.values():
        for row in rows:
            for v in row:
                if isinstance(v, str):
                    found |= set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", v))
    assert found and found <= emails
    attendance = next(rows for (file, sheet), rows in cells.items() if sheet == "Émargements")
    header = attendance[0]
    last, first = header.index("Nom"), header.index("Prénom")
    attendees = [f"{r[first]} {r[last]}".casefold() for r in attendance[1:] if not is_blank(r)]
    assert len(attendees) > 1000 and set(attendees) <= names
    pi_cells = set(persons["pi_cells"])
    assert any(c.isupper() for c in "".join(pi_cells))  # "DUBOIS Marie" as well as "Marie Dubois"
    for key, rows in cells.items():
        for label in ("Porteur du projet", "Inventeur referent", "Inventeur référent"):
            header = next((r for r in rows[:5] if label in r), None)
            if header:
                col = header.index(label)
                written_pis = {r[col] for r in rows[rows.index(header) + 1:] if len(r) > col and r[col]}
                assert written_pis <= pi_cells, key
    for email in emails:  # reserved domains only: no real mailbox
        assert email.endswith(".example")


def test_sirens_in_the_file_are_luhn_valid(cells, expected):
    from partnership_metrics.sample import luhn_valid

    rows = cells[("EU_proposals_and_startups.xlsx", "Start-ups")]
    header_index = next(i for i, r in enumerate(rows) if "SIREN" in r)
    col = rows[header_index].index("SIREN")
    sirens = []
    for row in rows[header_index + 1:]:
        v = row[col]
        text = str(int(v)) if isinstance(v, float) else v.replace(" ", "")
        assert len(text) == 9 and luhn_valid(text), v
        sirens.append(text)
    assert sorted(sirens) == sorted(expected["startups"]["siren"])


# ---------------------------------------------------------------------------------- messy like partner files


def test_cpp_workbook_is_messy_like_the_real_one(generated, cells):
    folder, _ = generated
    name = "CPP_suivi_valorisation_2018-2023.xlsx"
    meta = {m.name: str(m.visible) for m in CalamineWorkbook.from_path(str(folder / name)).sheets_metadata}
    assert "Hidden" in meta["Listes"] and "Hidden" not in meta["Projets"]
    import openpyxl

    wb = openpyxl.load_workbook(folder / name)
    assert any(str(r).startswith("A1:") for r in wb["Projets"].merged_cells.ranges)
    assert wb["Projets"].data_validations.dataValidation  # dropdowns fed by the hidden sheet
    projects = cells[(name, "Projets")]
    header = projects[3]
    assert "Date de\ndétection" in header and all(v == "" for v in projects[2])
    detection = [r[header.index("Date de\ndétection")] for r in projects[4:] if not is_blank(r)]
    kinds = {type(v).__name__ for v in detection}
    assert {"date", "str"} <= kinds
    assert any(re.fullmatch(r"\d{1,2} [a-zéû]+ \d{4}", v) for v in detection if isinstance(v, str))
    assert any(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in detection if isinstance(v, str))
    cofinancing = [v for r in cells[(name, "Cofinancements")] for v in r if isinstance(v, str)]
    assert any("\u202f" in v and v.endswith("€") for v in cofinancing)
    assert any(re.fullmatch(r"\d+ k€", v) for v in cofinancing)
    funding = cells[(name, "Financements")]
    assert is_total(funding[-1]) and isinstance(funding[-1][4], float)
    assert "Montant (k€)" in funding[3]


def test_inserm_transfert_files_are_cp1252_csv_with_two_templates(generated):
    folder, summary = generated
    csvs = [n for n in summary["files"] if n.endswith(".csv")]
    assert {f"IT_decisions_financement_{y}.csv" for y in range(2018, 2024)} <= set(csvs)
    undecodable = 0
    for name in csvs:
        raw = (folder / name).read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            undecodable += 1
        assert b";" in raw.splitlines()[0]
    assert undecodable > len(csvs) // 2  # accents in cp1252, as Excel exports them
    old = (folder / "IT_decisions_financement_2019.csv").read_bytes().decode("cp1252").splitlines()[0]
    new = (folder / "IT_decisions_financement_2022.csv").read_bytes().decode("cp1252").splitlines()[0]
    assert old != new


def test_other_files_look_like_partner_files(cells):
    targets = cells[("Objectifs_partenariat_2021-2023.ods", "Objectifs")]
    assert targets[2][:4] == ["Indicateur", "Libellé", "Période", "Cible"]
    share_cells = [r[3] for r in targets[3:] if str(r[0]).endswith("_share") or r[0] == "eu_success_rate"]
    assert any(isinstance(v, str) and v.endswith("%") for v in share_cells)
    assert any(isinstance(v, float) and v < 1 for v in share_cells)
    eu = cells[("EU_proposals_and_startups.xlsx", "EU proposals")]
    assert eu[0][0] == "Proposal ID"
    attendance = cells[("Formations_evenements_2018-2023.xlsx", "Émargements")]
    units = {r[5] for r in attendance[1:]}
    assert {"U1068", "UMR7258"} & units and any(u.startswith("UMR ") for u in units)
    institutions = {r[4] for r in attendance[1:]}
    assert {"amU - Aix-Marseille Université", "UniCA", "C.N.R.S."} & institutions
    hostile = [v for rows in cells.values() for r in rows for v in r if isinstance(v, str) and "<" in v]
    assert not hostile
