"""``partnership-metrics kpis``: JSON shape, CSV and xlsx exports, the terminal table, the partnership, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from partnership_metrics.cli import app
from partnership_metrics.errors import PartnershipMetricsError
from partnership_metrics.kpis import COLUMNS, catalogue, kpi_table
from partnership_metrics.kpis.command import csv_text, run_kpis


@pytest.fixture
def processed(tmp_path, tables):
    """A processed folder as ``ingest`` leaves it: one Parquet file per table and a manifest."""
    folder = tmp_path / "processed"
    folder.mkdir()
    for name, df in tables.items():
        df.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / "manifest.json").write_text("{}\n", encoding="utf-8")
    return folder


def run(processed, width=200, **options):
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run_kpis(processed, console=Console(file=stderr), out=Console(file=stdout, width=width), **options)
    return code, stdout.getvalue(), stderr.getvalue()


def test_json_keeps_its_six_keys_then_the_caveat(processed):
    code, stdout, stderr = run(processed, period="2021-2023", fmt="json")
    assert code == 0 and stderr == ""
    records = json.loads(stdout)
    assert len(records) == len(catalogue()) * 4  # every KPI x (2021, 2022, 2023, 2021-2023)
    assert all(list(r) == ["kpi_id", "period", "value", "unit", "target", "status", "caveat"] for r in records)
    ids = [k.id for k in catalogue()]
    for kpi_id in ids:
        assert [r["period"] for r in records if r["kpi_id"] == kpi_id] == ["2021", "2022", "2023", "2021-2023"]
    by_key = {(r["kpi_id"], r["period"]): r for r in records}
    assert by_key[("val_projects_detected", "2021-2023")] == {
        "kpi_id": "val_projects_detected", "period": "2021-2023", "value": 6, "unit": "count", "target": 6,
        "status": "met", "caveat": None}
    assert isinstance(by_key[("trn_attendees", "2022")]["value"], int)
    assert by_key[("fun_leverage_ratio", "2021-2023")]["value"] == pytest.approx(4390 / 890)
    assert by_key[("eu_success_rate", "2023")] == {
        "kpi_id": "eu_success_rate", "period": "2023", "value": None, "unit": "share", "target": None,
        "status": "no_target", "caveat": None}
    assert by_key[("trn_satisfaction", "2023")]["status"] is None  # a target, no value
    assert "NaN" not in stdout


def test_json_default_period_and_single_year(processed):
    _, stdout, _ = run(processed, fmt="json")
    assert {r["period"] for r in json.loads(stdout)} == {"2021", "2022", "2023", "2021-2023"}
    _, stdout, _ = run(processed, year=2022, fmt="json")
    records = json.loads(stdout)
    assert len(records) == len(catalogue()) and {r["period"] for r in records} == {"2022"}


def test_cli_json_through_typer(processed):
    result = CliRunner().invoke(app, ["kpis", "--processed", str(processed), "--period", "2021-2023",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == len(catalogue()) * 4


def test_csv_has_every_column(processed):
    code, stdout, _ = run(processed, fmt="csv", lang="en")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert list(rows[0]) == list(COLUMNS) and len(rows) == len(catalogue()) * 4
    assert (rows[0]["kpi_id"], rows[0]["period"], rows[0]["value"]) == ("val_projects_detected", "2021", "3.0")
    changes = [float(r["change_vs_baseline"]) for r in rows if r["change_vs_baseline"]]
    assert min(changes) < 0  # negative numbers stay numbers, never quoted


def test_csv_neutralises_formulas(tables):
    table = kpi_table(tables, lang="en")
    table.loc[0, "reason"] = '=HYPERLINK("http://evil")'
    table.loc[1, "label"] = "@SUM(A1)"
    rows = list(csv.DictReader(io.StringIO(csv_text(table))))
    assert rows[0]["reason"] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1]["label"] == "'@SUM(A1)"
    assert rows[2]["label"] == "Projects detected" and rows[2]["value"] == "1.0"


def test_csv_to_file(processed, tmp_path):
    target = tmp_path / "out" / "kpis.csv"
    code, stdout, stderr = run(processed, fmt="csv", output=target)
    assert code == 0 and stdout == "" and str(target) in stderr
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("kpi_id,period,value,unit,target,status,baseline,reason,reason_code,reason_params,label,")
    assert "Projets détectés" in text  # French labels by default


def test_xlsx_workbook(processed, tmp_path):
    target = tmp_path / "kpis.xlsx"
    code, _, _ = run(processed, fmt="xlsx", output=target, lang="fr")
    assert code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Valorisation", "Formation et événements", "Projets européens", "Synergies",
                               "Optimisation des financements", "Définitions"]
    sheet = book["Valorisation"]
    assert sheet.freeze_panes == "B2"
    assert [c.value for c in sheet[1]][:6] == ["Indicateur", "Période", "Valeur", "Cible", "Statut", "Référence"]
    assert sheet.max_row == 1 + 11 * 4  # the 10 of the catalogue and the conversion within 24 months
    first = [c.value for c in sheet[2]]
    assert first[:5] == ["Projets détectés", "2021", 3, None, "sans cible"]
    money = sheet.cell(row=2 + 4 * 4, column=3)  # val_maturation_eur 2021
    assert money.value == 280_000 and "€" in money.number_format
    met = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "2021-2023" and r[4].value == "atteint")
    assert met[4].fill.fgColor.rgb.endswith("C6EFCE")
    share = book["Projets européens"].cell(row=2 + 2 * 4 + 3, column=3)  # eu_success_rate 2021-2023
    assert share.value == pytest.approx(0.4) and "%" in share.number_format
    definitions = book["Définitions"]
    assert definitions.max_row == 1 + len(catalogue())
    assert definitions.cell(row=2, column=1).value == "val_projects_detected"


def test_xlsx_in_english(processed, tmp_path):
    target = tmp_path / "kpis.xlsx"
    run(processed, fmt="xlsx", output=target, lang="en")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[-1] == "Definitions" and "Training and events" in book.sheetnames


def test_terminal_table_in_french_and_english(processed):
    code, stdout, _ = run(processed)
    assert code == 0
    assert "Projets détectés" in stdout and "4\u202f390\u202f000\u00a0€" in stdout and "40,0\u00a0%" in stdout
    assert "atteint" in stdout and "aucune proposition européenne avec un résultat déposée en 2023" in stdout
    _, stdout, _ = run(processed, lang="en")
    assert "Projects detected" in stdout and "€4,390,000" in stdout and "40.0%" in stdout


def test_terminal_table_in_a_narrow_terminal_lists_reasons_below(processed):
    _, stdout, _ = run(processed, width=80, lang="en")
    assert max(len(line) for line in stdout.splitlines()) <= 80
    table, notes = stdout.split("Coordination gaps")[0], stdout.split("Coordination gaps")[-1]
    assert "Projects detected" in table and "€4,390,000" in table and "Baseline" in table
    assert "Note" not in table and "vs baseline" not in table
    assert "EU success rate (2023): no EU proposal with a result submitted in 2023" in notes


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"period": "2021/2023"}, "invalid period '2021/2023'"),
        ({"baseline": "soon"}, "invalid period 'soon'"),
        ({"period": "2021-2023", "year": 2022}, "either --period or --year"),
        ({"fmt": "pdf"}, "unknown format 'pdf'"),
        ({"fmt": "xlsx"}, "--output"),
        ({"lang": "de"}, "unknown language"),
    ],
)
def test_bad_options_are_one_line_errors(processed, options, message):
    with pytest.raises(PartnershipMetricsError, match=message) as caught:
        run(processed, **options)
    assert "\n" not in str(caught.value)


def test_missing_processed_folder(tmp_path):
    with pytest.raises(PartnershipMetricsError, match="run `partnership-metrics ingest` first"):
        run(tmp_path / "nowhere")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "partnership-metrics"
    if not script.is_file():
        pytest.skip("the partnership-metrics script is not installed next to this Python (pip install -e .)")
    return [str(script)]


def test_installed_command_prints_json_only_on_stdout(processed):
    done = subprocess.run([*_command(), "kpis", "--processed", str(processed), "--period", "2021-2023",
                           "--format", "json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(catalogue()) * 4


def test_installed_command_bad_period_is_one_line_exit_2(processed):
    done = subprocess.run([*_command(), "kpis", "--processed", str(processed), "--period", "2021 to 2023"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "error: invalid period '2021 to 2023': expected a year (2022) or a period of years (2020-2022)"]


def _partnership_file(folder: Path, **changes) -> Path:
    """A copy of the packaged partnership.yaml with some keys changed, as a user edits it."""
    import yaml

    from partnership_metrics.partnership import PACKAGED_FILE

    data = yaml.safe_load(PACKAGED_FILE.read_text(encoding="utf-8"))
    data.update(changes)
    path = folder / "partnership.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_the_partnership_gives_the_defaults_and_the_languages(processed, tmp_path):
    config = _partnership_file(tmp_path, period="2022-2023", baseline="2019-2021", languages=["en"])
    code, stdout, _ = run(processed, fmt="json", config=config)
    assert code == 0 and {r["period"] for r in json.loads(stdout)} == {"2022", "2023", "2022-2023"}
    _, stdout, _ = run(processed, config=config)
    assert "Projects detected" in stdout and "Projets détectés" not in stdout  # its first (and only) language
    with pytest.raises(PartnershipMetricsError, match="unknown language 'fr': use en"):
        run(processed, lang="fr", config=config)
    result = CliRunner().invoke(app, ["kpis", "--processed", str(processed), "--config", str(config),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["period"] for r in json.loads(result.stdout)} == {"2022", "2023", "2022-2023"}
    # without --config: the copy saved beside the tables is the folder's partnership
    _, stdout, _ = run(processed, fmt="json")
    assert {r["period"] for r in json.loads(stdout)} == {"2021", "2022", "2023", "2021-2023"}
    (processed / "partnership.yaml").write_bytes(config.read_bytes())
    _, stdout, _ = run(processed, fmt="json")
    assert {r["period"] for r in json.loads(stdout)} == {"2022", "2023", "2022-2023"}


def test_a_missing_partnership_file_is_a_one_line_error(processed, tmp_path):
    with pytest.raises(PartnershipMetricsError, match="no such file") as caught:
        run(processed, config=tmp_path / "nowhere.yaml")
    assert "\n" not in str(caught.value)


def test_kpis_that_read_a_table_with_a_sheet_not_read_say_so(tmp_path):
    """A sheet skipped at ingestion (here: an events sheet without its organiser) makes the KPIs that read its table
    carry a caveat, in the table, the JSON and the terminal, never a silent 0."""
    import json

    from typer.testing import CliRunner

    from partnership_metrics import kpi_table, load
    from partnership_metrics.cli import app

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "events.csv").write_text("ID événement;Date;Intitulé;Type;Nb participants\nE1;01/02/2022;X;Formation;3\n",
                                    encoding="utf-8")
    (raw / "funding.csv").write_text("Réf.;Projet;Financeur;Dispositif;Montant;Date de décision\n"
                                     "F1;P1;Région Sud;Subvention;150 k€;15/03/2022\n", encoding="utf-8")
    out = tmp_path / "processed"
    assert CliRunner().invoke(app, ["ingest", "--raw", str(raw), "--out", str(out)]).exit_code == 3
    table = kpi_table(load(out), period="2021-2023", lang="en").set_index(["kpi_id", "period"])
    assert table.loc[("trn_events", "2022"), "caveat"] == "incomplete: events.csv was not read"
    assert table.loc[("syn_joint_event_share", "2021-2023"), "caveat"] == "incomplete: events.csv was not read"
    assert table.loc[("fun_partnership_eur", "2022"), "caveat"] is None  # funding was read
    french = kpi_table(load(out), period="2021-2023", lang="fr").set_index(["kpi_id", "period"])
    assert french.loc[("trn_events", "2022"), "caveat"] == "incomplet\u00a0: events.csv n’a pas pu être lu"
    done = CliRunner().invoke(app, ["kpis", "--processed", str(out), "--format", "json", "--lang", "en"])
    records = {(r["kpi_id"], r["period"]): r for r in json.loads(done.stdout)}
    assert records[("trn_attendees", "2022")]["caveat"] == "incomplete: events.csv was not read"
    assert records[("fun_partnership_eur", "2022")]["caveat"] is None


def test_xlsx_comment_column_holds_the_partners_comments(processed, tmp_path):
    import shutil

    from partnership_metrics.tables import arrow_table

    folder = tmp_path / "with_comments"
    shutil.copytree(processed, folder)
    rows = [{"kpi_id": "val_projects_detected", "period": "2021-2023", "cause": "Appel reporté",
             "action": "Deux appels en 2024", "owner": "Cellule valorisation", "due_date": None}]
    import pyarrow.parquet as pq

    pq.write_table(arrow_table("commentary", rows), folder / "commentary.parquet")
    target = tmp_path / "kpis.xlsx"
    code, _, _ = run(folder, fmt="xlsx", output=target, lang="fr")
    assert code == 0
    sheet = openpyxl.load_workbook(target)["Valorisation"]
    by_key = {(r[11].value, r[1].value): r[10].value for r in sheet.iter_rows(min_row=2)}
    assert by_key[("val_projects_detected", "2021-2023")] == (
        "Appel reporté\u00a0; action\u00a0: Deux appels en 2024 (responsable\u00a0: Cellule valorisation).")
    assert by_key[("val_projects_detected", "2021")] in (None, "")
    # an exact value with what it rests on: the catalogue's conversion of 2023 (0 %) is too early to judge
    assert by_key[("val_maturation_conversion", "2023")].startswith("trop tôt")
    assert by_key[("val_maturation_conversion", "2021")] in (None, "")
