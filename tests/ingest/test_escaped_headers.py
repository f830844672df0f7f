"""Headers written as a list's internal column names, as SharePoint exports them (escaped_headers.py)."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.escaped_headers import with_unescaped_headers
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.ingest.reading import RawSheet


def test_escapes_of_the_header_rows_are_read_as_their_characters():
    sheet = RawSheet(file="f.xlsx", sheet="owssvr", rows=[["R_x00e9_f_x00e9_rence", "Date_x0020_de_x0020_d_x00e9_cision"],
                                                           ["FIN-1", "2021-03-04"]])
    assert with_unescaped_headers(sheet).rows[0] == ["Référence", "Date de décision"]
    plain = RawSheet(file="f.xlsx", sheet="s", rows=[["Référence"]])
    assert with_unescaped_headers(plain) is plain


def test_a_sharepoint_list_of_funding_decisions(tmp_path):
    rows = [["R_x00e9_f_x00e9_rence", "Projet", "Financeur", "Dispositif", "Montant", "Unit_x00e9_",
             "Date_x0020_de_x0020_d_x00e9_cision", "Item Type", "Created By"],
            ["FIN-18-001", "VAL-2018-001", "CPP", "Émergence", 20, "k€", "2018-04-16", "Item", "Céline Barbier"],
            ["FIN-18-004", "VAL-2018-002", "Inserm Transfert", "Maturation", 90, "k€", "2018-12-05", "Item",
             "Bruno Marty"]]
    write_workbook(tmp_path / "raw" / "owssvr.xlsx", {"owssvr": rows})
    funding = ingest(tmp_path / "raw").tables["funding"].set_index("funding_id")
    assert list(funding.index) == ["FIN-18-001", "FIN-18-004"]  # "R_x00e9_f_x00e9_rence": the line ids
    assert [str(d)[:10] for d in funding["decision_date"]] == ["2018-04-16", "2018-12-05"]
    assert list(funding["funder"].astype(str)) == ["canceropole_paca", "inserm_transfert"]
    assert list(funding["amount_eur"]) == [20_000, 90_000]  # "Unité": k€


def test_a_sharepoint_list_s_title_column_is_the_id_or_the_name_it_lacks(tmp_path):
    """SharePoint exports a list's first column as "Title" whatever the list calls it: the proposal's id in a list of
    EU proposals (where "Acronyme" is the acronym, not "Title"), the company's name in a list of start-ups; a name
    opening with an escape is prefixed "OData_" ("OData__x00c9_tablissement")."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "Europe.csv").write_text(
        "Title,Acronyme,Programme,Date_x0020_de_x0020_d_x00e9_p_x00f4_t,R_x00f4_le,OData__x00c9_tablissement,"
        "Accompagnement,Statut,Item Type,Path\n"
        "EU-2018-01,METAPATH,ERC,20/02/2018,Coordinateur,6;#Inserm,CPP;IT,Non retenu,Item,sites/CPP-IT/Lists/Europe\n"
        "EU-2019-02,ONCOMAP,MSCA,03/04/2019,Partenaire,2;#UniCA,IT,Financé,Item,sites/CPP-IT/Lists/Europe\n",
        encoding="utf-8")
    (raw / "Start-ups.csv").write_text(
        "Title,SIREN,Date_x0020_de_x0020_cr_x00e9_ation,Projet_x0020_d_x0027_origine,OData__x00c9_tablissement,"
        "Statut,Laur_x00e9_at_x0020_i_x002d_Lab,Effectif,Item Type,Path\n"
        "OncoSight,552100554,04/05/2018,102;#PDT-2018-003,2;#UniCA,En activité,Non,21,Item,sites/CPP-IT/Lists/S\n"
        "Theralys,732829320,12/09/2021,100;#PDT-2018-001,6;#Inserm,Rachetée,Oui,8,Item,sites/CPP-IT/Lists/S\n",
        encoding="utf-8")
    result = ingest(raw)
    eu = result.tables["eu_proposals"].set_index("proposal_id")
    assert eu["acronym"].to_dict() == {"EU-2018-01": "METAPATH", "EU-2019-02": "ONCOMAP"}
    assert eu["institution"].astype(str).to_dict() == {"EU-2018-01": "INSERM", "EU-2019-02": "UCA"}
    startups = result.tables["startups"].set_index("startup_id")
    assert startups["name"].to_dict() == {"OncoSight": "OncoSight", "Theralys": "Theralys"}
    assert startups["lead_institution"].astype(str).to_dict() == {"OncoSight": "UCA", "Theralys": "INSERM"}
