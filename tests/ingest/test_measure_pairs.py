"""A dashboard's export in long form, "Measure Names | Measure Values" (measure_pairs.py): each measure a column."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.measure_pairs import with_measure_columns
from partnership_metrics.ingest.reading import RawSheet

NAMES, VALUES = frozenset({"measure names"}), frozenset({"measure values"})


def test_each_record_s_measures_are_written_on_its_first_row():
    rows = [["Filtres appliqués : Année est 2018"], [],
            ["ID événement", "Intitulé", "Measure Names", "Measure Values"],
            ["EV-1", "Webinaire ERC", "Nombre de participants", 18], [None, None, "Satisfaction (/5)", None],
            ["EV-2", "Formation PI", "Nombre de participants", 14], [None, None, "Satisfaction (/5)", "4,4"]]
    sheet = with_measure_columns(RawSheet(file="f.xlsx", sheet="s", rows=rows), NAMES, VALUES)
    assert sheet.rows[2] == ["ID événement", "Intitulé", None, None, "Nombre de participants", "Satisfaction (/5)"]
    assert sheet.rows[3] == ["EV-1", "Webinaire ERC", None, None, 18, None]
    assert sheet.rows[5] == ["EV-2", "Formation PI", None, None, 14, "4,4"]
    assert sheet.rows[4] == sheet.rows[6] == [None] * 6  # every value of these rows is on their record's first row
    assert len(sheet.rows) == len(rows) and "2 measures read as columns" in sheet.notes[-1]
    plain = RawSheet(file="f.xlsx", sheet="s", rows=[["Mesure", "Valeur"], ["a", 1]])
    assert with_measure_columns(plain, NAMES, VALUES) is plain


def test_records_repeating_their_columns_on_each_measure_row():
    """Each record's columns repeated on its rows; a measure given twice with two values keeps both (nothing lost)."""
    rows = [["N° dossier", "Measure Names", "Measure Values"], ["P-1", "Titre", "Sonde"], ["P-1", "Date", "2021"],
            ["P-2", "Titre", "Vaccin"], ["P-2", "Date", "2022"], ["P-2", "Date", "2023"]]
    sheet = with_measure_columns(RawSheet(file="f.xlsx", sheet="s", rows=rows), NAMES, VALUES)
    assert [r for r in sheet.rows if any(c is not None for c in r)] == [
        ["N° dossier", None, None, "Titre", "Date"], ["P-1", None, None, "Sonde", "2021"],
        ["P-2", None, None, "Vaccin", "2022; 2023"]]


def test_a_tableau_export_of_projects_one_row_per_field(tmp_path):
    fields = ["Titre du projet", "Établissement porteur", "Canal de sourcing", "Accompagnement", "Date de détection"]
    rows = [["N° dossier", "Acronyme", "Measure Names", "Measure Values"]]
    for pid, acronym, values in (("CPP-2018-01", "IMMUPRO", ["Inhibiteur de kinase", "IPC", "Appel à projets CPP",
                                                              "CPP et Inserm Transfert", "28/08/2018"]),
                                 ("CPP-2018-02", "NEOSCAN", ["Sonde d'imagerie", "AMU", "Détection IT", "IT",
                                                             "mars 2019"])):
        rows += [[pid if k == 0 else None, acronym if k == 0 else None, field, value]
                 for k, (field, value) in enumerate(zip(fields, values, strict=True))]
    write_workbook(tmp_path / "raw" / "Tableau_dossiers.xlsx", {"Dossiers (format long)": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"].set_index("project_id")
    assert projects["acronym"].to_dict() == {"CPP-2018-01": "IMMUPRO", "CPP-2018-02": "NEOSCAN"}
    assert projects["lead_institution"].astype(str).to_dict() == {"CPP-2018-01": "IPC", "CPP-2018-02": "AMU"}
    assert projects["detection_date_precision"].to_dict() == {"CPP-2018-01": "day", "CPP-2018-02": "month"}
    assert not result.problems
