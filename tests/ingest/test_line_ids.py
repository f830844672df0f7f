"""Funding lines kept without an id (a co-funders' list, a block under the partners' numbered lines) are read with
an id made of where each line is; a block's title gives its unit to amounts whose header gives none."""

from __future__ import annotations

from workbooks import write_workbook  # tests/ingest, beside this file

from partnership_metrics.ingest.ingestion import ingest

SHEET = [["Suivi convention 2021-2023"], [],
         ["2. Engagements financiers 2021 (montants en k€)"],
         ["N°", "Projet", "Financeur", "Dispositif", "Montant", "Date de décision"],
         ["F21-01", "P20-04", "Inserm Transfert", "Maturation", 210, "03/03/2021"],
         ["F21-02", "P20-02", "CanceroPôle PACA", "Emergence", "45 k€", "19/03/2021"],
         ["Sous-total 2021", None, None, None, 255, None], [], [],
         ["2b. Cofinancements externes obtenus"],
         ["Projet", "Financeur", "Type d'aide", "Montant (€)", "Notification (mois)"],
         ["P20-06", "Bpifrance", "Prêt d'amorçage", 50000, "juillet 2021"],
         ["P20-03", "Région Sud", "Preuve de concept", "250 000 €", "10/2021"],
         ["Total", None, None, 300000, None]]


def test_partner_lines_in_k_euros_and_co_funders_lines_without_ids(tmp_path):
    write_workbook(tmp_path / "raw" / "Suivi convention.xlsx", {"Valorisation": SHEET})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"].set_index("funding_id")
    assert funding["amount_eur"].to_dict() == {
        "F21-01": 210_000.0, "F21-02": 45_000.0,  # the block's title says k€, the header only "Montant"
        "Suivi convention.xlsx:Valorisation:12": 50_000.0, "Suivi convention.xlsx:Valorisation:13": 250_000.0}
    assert funding["decision_date_precision"].astype(str).to_dict()["Suivi convention.xlsx:Valorisation:13"] == "month"
    assert not result.problems
    assert sorted(d.reason for d in result.dropped if d.reason.startswith("total")) == ["total row", "total row"]
    made = next(s for s in result.sheets if s.table == "funding" and "id made" in s.note)
    assert made.header_row == 11


def test_a_list_of_projects_is_never_given_made_ids(tmp_path):
    rows = [["Intitulé", "Établissement", "Canal", "Accompagnement", "Date de détection"],
            ["Anticorps", "AMU", "AAP CPP", "CPP", "01/03/2021"], ["Sonde", "UCA", "AAP CPP", "CPP", "01/04/2021"]]
    write_workbook(tmp_path / "raw" / "projets.xlsx", {"Projets": rows})
    result = ingest(tmp_path / "raw")
    assert "projects" not in result.tables  # other tables refer to a project by its id: none can be made
    assert [s.skipped is not None for s in result.sheets] == [True]


def test_a_public_ledger_of_unnumbered_lines_reads_its_funders_and_instruments_by_their_values(tmp_path):
    """A public accountant's commitments, one sheet per year: "Tiers" names the funders and "Article" the
    instruments (found by their values), "AE engagées" is what was committed; the older sheet numbers no line (ids
    made from where each is: its "Exercice" and "Chapitre" repeat, its payments have fractions, none of them a
    reference), writes its amounts in k€ and dates a board's decision by its month ("CA mai 2018")."""
    title = ["Exercice 2021 – engagements (AE) et mandatements (CP)"]
    newer = [title, ["Montants en euros. Tiers = organisme financeur."], [],
             ["Exercice", "N° EJ", "Date d'engagement", "Chapitre", "Article", "AE engagées", "CP mandatés", "Tiers",
              "Objet"],
             [2021, "EJ21-0001", "07/01/2021", "65", "6574-MAT Maturation", 276000, 0, "SATT Sud-Est",
              "Programme de maturation – VAL-19-007"],
             [2021, "EJ21-0002", "01/02/2021", "65", "6574-POC Preuve de concept", 18000, 5400,
              "GIP CanceroPôle PACA", "Preuve de concept VAL-20-007"],
             [2021, "EJ21-0003", "21/03/2021", "74", "7478 Subventions et participations", 108000, 108000,
              "Région Sud", "Programme d'accélération santé (hors projet)"]]
    older = [["Suivi des engagements – période de référence 2018-2020"], ["Montants en milliers d'euros."], [],
             ["Exercice", "Décision", "Chapitre", "Article", "AE engagées (k€)", "CP mandatés (k€)", "Tiers",
              "Objet"],
             [2018, "08/03/2018", "65", "6574-POC Preuve de concept", 30, 21, "GIP CanceroPôle PACA",
              "Preuve de concept VAL-18-002"],
             [2018, "CA mai 2018", "65", "6574-EMG Émergence", 36.5, 18.2, "CanceroPôle PACA", "AAP Émergence 2018"],
             [2019, "CA novembre 2019", "74", "7478 Subventions et participations", 114, 114,
              "Région Provence-Alpes-Côte d'Azur", "Projet VAL-18-001 (télésuivi)"],
             ["Total 2018-2019", None, None, None, 180.5, 153.2]]
    write_workbook(tmp_path / "raw" / "Financements.xlsx", {"2018-2020": older, "2021": newer})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert len(funding) == 6 and not result.problems
    by_amount = funding.set_index("amount_eur")
    assert by_amount["funder"].astype(str).to_dict() == {
        276000.0: "satt_sud_est", 18000.0: "canceropole_paca", 108000.0: "region_sud", 30000.0: "canceropole_paca",
        36500.0: "canceropole_paca", 114000.0: "region_sud"}
    assert by_amount["instrument"].astype(str).to_dict() == {
        276000.0: "maturation", 18000.0: "proof_of_concept", 108000.0: "grant", 30000.0: "proof_of_concept",
        36500.0: "emergence", 114000.0: "grant"}
    assert str(by_amount.loc[36500.0, "decision_date"].date()) == "2018-05-01"
    assert str(by_amount.loc[36500.0, "decision_date_precision"]) == "month"
    assert by_amount.loc[30000.0, "funding_id"] == "Financements.xlsx:2018-2020:5"


def test_a_financial_annex_refers_to_projects_under_its_project_group_and_numbers_no_line(tmp_path):
    """A word-processor annex converted to xlsx: "Projet" over "Réf. CPP | Acronyme" is the project's reference,
    not the line's (its lines get ids made from where they are), the funder its "Engagement Inserm Transfert"
    group, an investment committee's month dates a decision ("CI de septembre 2020")."""
    rows = [["ANNEXE FINANCIÈRE N° 2"], ["État consolidé des engagements d'Inserm Transfert"], [],
            ["Projet", None, "Établissement porteur", "Engagement Inserm Transfert", None, None, "Observations"],
            ["Réf. CPP", "Acronyme", None, "Nature du soutien", "Date du comité", "Montant engagé ¹", None],
            ["CPP-2018-04", "LIQRADI", "UCA", "Maturation", "28/07/2019", "120 000 € HT", None],
            ["CPP-2019-01", "LYMPHNANO6", "Université Côte d'Azur", "Programme de maturation", "CI de septembre 2020",
             "270 000 € HT", None],
            ["CPP-2020-03", "NANONK", "Centre A. Lacassagne", "Preuve de concept (PoC)", "16/08/2021", "140 000 € HT",
             None]]
    write_workbook(tmp_path / "raw" / "IT_Annexe_financiere.xlsx", {"Annexe 2": rows})
    result = ingest(tmp_path / "raw")
    funding = result.tables["funding"]
    assert sorted(funding["project_id"]) == ["CPP-2018-04", "CPP-2019-01", "CPP-2020-03"] and not result.problems
    assert set(funding["funder"].astype(str)) == {"inserm_transfert"}
    assert all(i.startswith("IT_Annexe_financiere.xlsx:Annexe 2:") for i in funding["funding_id"])
    decided = funding.set_index("project_id")
    assert str(decided.loc["CPP-2019-01", "decision_date"].date()) == "2020-09-01"


def test_a_line_s_code_beside_the_file_number_of_its_project(tmp_path):
    """"Code_Ligne | N_Dossier": the line's own code is its id; the file number ("N° dossier", the funded project's
    in a database that numbers projects so) is then the project it funds."""
    (tmp_path / "Export_Access_Financements.csv").write_text(
        "Code_Ligne;N_Dossier;Financeur;Dispositif;Montant_HT (€);Date_Decision\n"
        "FIN-2018-001;DRCI-2018-011;CPP;Emergence;30 000,00;2018-04-30 00:00:00\n"
        "FIN-2019-001;DRCI-2018-011;Inserm Transfert;Maturation;150 000,00;2019-01-20 00:00:00\n", encoding="utf-8")
    result = ingest(tmp_path)
    funding = result.tables["funding"]
    assert list(funding["funding_id"]) == ["FIN-2018-001", "FIN-2019-001"]
    assert list(funding["project_id"]) == ["DRCI-2018-011", "DRCI-2018-011"]
    assert not result.problems


def test_a_caption_above_a_list_is_no_group_over_its_reference(tmp_path):
    """"Financements hors projet (programmes, formations)" alone above "Réf. | Objet | Financeur": the lines' own
    references, not a project's (the caption names a project, it heads no group)."""
    rows = [["Financements hors projet (programmes, formations)"],
            ["Réf.", "Objet", "Financeur", "Dispositif", "Montant (k€)", "Date décision"],
            ["FC21-HP1", "Programme Start-up Booster – promo 2021", "CanceroPôle", "Autre", 30, "15/03/2021"],
            ["RS-2021-FORM", "Cycle formation entrepreneuriat", "Région Sud", "Subvention", 60, "08/07/2021"]]
    write_workbook(tmp_path / "raw" / "hors_projet.xlsx", {"Financements": rows})
    funding = ingest(tmp_path / "raw").tables["funding"]
    assert list(funding["funding_id"]) == ["FC21-HP1", "RS-2021-FORM"]
    assert funding["project_id"].isna().all()
