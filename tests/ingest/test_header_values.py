"""Headers judged by the values below them (header_values.py): a person's header over institutions is the
institution carrying the record; a person no header names is read from an address beside its name parts."""

from __future__ import annotations

import datetime as dt

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

GROUPS = ["Projet", None, None, None, None, None, None, "Responsable scientifique", None]
HEADER = ["N° projet", "Intitulé du projet", "Porteur", "Co-porteur", "Sourcing", "Accomp.", "Détection", "Nom",
          "Courriel"]


def _row(n: int, porteur: str, co: str | None = None) -> list:
    return [f"PRJ-{n:02d}", f"Sonde n°{n}", porteur, co, "AAP CPP", "CPP", dt.date(2021, n, 3), f"Agnès MARTIN{n}",
            f"agnes.martin{n}@univ-amu.example.fr"]


def test_a_porteur_column_of_institutions_is_the_lead_institution(tmp_path):
    rows = [GROUPS, HEADER, _row(1, "AMU", "AP-HM"), _row(2, "Aix-Marseille Univ."), _row(3, "UniCA", "CAL"),
            _row(4, "CNRS"), _row(5, "Inserm PACA")]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert list(projects["lead_institution"].astype(str)) == ["AMU", "AMU", "UCA", "CNRS", "INSERM"]
    assert projects["pi"].notna().all() and projects["pi"].nunique() == 5 and not result.problems


def test_a_porteur_column_of_other_organisations_is_the_lead_institution_too(tmp_path):
    rows = [HEADER, _row(1, "Univ. Montpellier"), _row(2, "Institut Curie"), _row(3, "Univ. de Toulon")]
    write_workbook(tmp_path / "raw" / "autres.xlsx", {"Autres porteurs": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["lead_institution"].astype(str)) == ["OTHER"] * 3 and projects["pi"].notna().all()


def test_a_porteur_column_of_people_stays_the_principal_investigator(tmp_path):
    header = ["N° projet", "Intitulé du projet", "Établissement", "Sourcing", "Accomp.", "Détection", "Porteur"]
    rows = [header] + [[f"PRJ-{n}", f"Sonde {n}", "AMU", "AAP CPP", "CPP", dt.date(2021, n, 3), f"Claire MARTIN{n}"]
                       for n in range(1, 4)]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    projects = ingest(tmp_path / "raw").tables["projects"]
    assert list(projects["lead_institution"].astype(str)) == ["AMU"] * 3 and projects["pi"].notna().all()


def test_a_bare_first_name_beside_the_investigators_surname_is_part_of_the_investigator(tmp_path):
    """"Porteur – NOM | Prénom | Mail": the first name beside the surname is the same person's (two investigators
    sharing a surname stay two people)."""
    header = ["Réf.", "Titre du projet", "Porteur – NOM", "Prénom", "Mail", "Etablissement", "Origine", "Suivi par",
              "Sélection / détection"]
    rows = [header, ["AAP18-04", "Sonde A", "PELLETIER", "Hugo", "hugo.pelletier@ipc.example.fr", "IPC", "AAP CPP",
                     "CPP", dt.date(2018, 3, 2)],
            ["AAP22-05", "Sonde B", "PELLETIER", "Agnès", "agnes.pelletier@uca.example.fr", "UCA", "AAP CPP", "CPP",
             dt.date(2022, 3, 2)]]
    write_workbook(tmp_path / "raw" / "aap.xlsx", {"Projets AAP": rows})
    result = ingest(tmp_path / "raw")
    projects = result.tables["projects"]
    assert projects["pi"].notna().all() and projects["pi"].nunique() == 2
    assert not any("Prénom" in c for c in result.sheets[0].unknown_columns)


def test_a_list_of_contacts_beside_a_table_does_not_hide_its_header(tmp_path):
    """The EU desk's tracker keeps its contact points two columns to the right of the proposals, the first contact's
    e-mail on the proposals' header row: that row is still their header."""
    header = ["N° proposition", "Acronyme", "Programme", "Date de dépôt", "Rôle", "Établissement", "Accompagnement",
              "Résultat", None, None, "Cluster Santé", "Manon Roussel", "manon.roussel@europe.example.fr"]
    rows = [["Suivi des dépôts", *[None] * 9, "Points de contact"],
            [*[None] * 10, "Programme", "Contact", "Courriel"], header,
            ["101092466", "LYMPHOCARE", "Horizon Europe – Cluster 1", "02/01/2021", "Coordinateur", "Inserm", "IT",
             "Retenu", None, None, "Mission Cancer", "Amandine Peyre", "amandine.peyre@europe.example.fr"],
            ["101176556", "EXOSCAN", "Horizon Europe – Cluster 1", "16/02/2021", "Partenaire", "CNRS", "IT",
             "Non retenu"]]
    write_workbook(tmp_path / "raw" / "suivi_depots.xlsx", {"Dépôts 2021": rows})
    result = ingest(tmp_path / "raw")
    assert list(result.tables["eu_proposals"]["proposal_id"]) == ["101092466", "101176556"]
    blob = result.tables["eu_proposals"].astype(str).to_csv().lower()
    assert "roussel" not in blob and "peyre" not in blob
