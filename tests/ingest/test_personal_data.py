"""Personal data typed where no person belongs never reaches an output.

The people of every tester folder (tests/fixtures/unseen/*_expected.json) and of the sample generator's truth are
typed where no person column is: project ids, titles, acronyms, institutions, research units, labels, dates,
amounts, comments, indicator names of a targets table. Every output is then scanned for them: the tables, the
ingestion report, the quarantine and dropped files, the console, the KPIs, and (end to end) the executed
notebooks, the HTML and the text of the PDFs.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from partnership_metrics import paths
from partnership_metrics.ingest.ingestion import ingest
from partnership_metrics.privacy import mask_personal
from partnership_metrics.resources import packaged_yaml
from partnership_metrics.textnorm import fold

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "unseen"


def _fixture_people() -> dict[str, list[str]]:
    """Folder -> its people as the tester wrote them: names in every form and e-mails (a surname alone is not
    a pattern anything could recognise: left out)."""
    out = {}
    for path in sorted(UNSEEN.glob("*_expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        people = expected.get("personal") or expected["people"]["names"] + expected["people"]["emails"]
        out[path.name.removesuffix("_expected.json")] = sorted({p for p in people if " " in p.strip() or "," in p or "@" in p})
    return out


@functools.cache
def _sample_people() -> list[str]:
    """The sample generator's people, from its truth (names as written, e-mails)."""
    import tempfile

    from partnership_metrics.sample import write_sample

    with tempfile.TemporaryDirectory() as folder:
        persons = write_sample(Path(folder) / "raw", seed=2020)["truth"]["persons"]
    return sorted(persons["names"])[:40] + sorted(persons.get("emails", []))[:20]


FIXTURE_PEOPLE = _fixture_people()
_MASKED = re.compile(r"(?:(?:Dr|Pr|Prof|Mme|M)\.? )?\[(?:name|e-mail)\]")  # "Dr [name]": the title is nobody's
NOT_PEOPLE = frozenset(fold(n) for n in packaged_yaml("first_names.yaml")["not_people"])


@pytest.mark.parametrize("folder", sorted(FIXTURE_PEOPLE))
def test_every_person_of_every_tester_folder_is_recognised(folder):
    """Each name or e-mail is masked whole, alone or (unless typed all in lower case) inside a sentence."""
    missed = [p for p in FIXTURE_PEOPLE[folder] if not _MASKED.fullmatch(mask_personal(p))
              and fold(p) not in NOT_PEOPLE]  # "Jean Perrin" names a cancer centre: left as written, by design
    in_text = [p for p in FIXTURE_PEOPLE[folder] if not p.islower() and fold(p) not in NOT_PEOPLE
               and fold(p) in fold(mask_personal(f"Contact : {p}, merci."))]
    assert not missed and not in_text, (missed[:10], in_text[:10])


def test_the_sample_people_are_recognised():
    people = _sample_people()
    assert len(people) >= 40
    assert [p for p in people if mask_personal(p) not in ("[name]", "[e-mail]")] == []


def test_institutions_labels_and_indicators_are_not_taken_for_people():
    """Names of the vocabularies (institutions and their aliases, labels, KPI names, headers) stay as written,
    and so do organisations named after people."""
    import csv

    from partnership_metrics.resources import VOCAB_DIR, packaged_yaml

    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for k, v in x.items():
                yield str(k)
                yield from strings(v)
        elif isinstance(x, list):
            for v in x:
                yield from strings(v)

    with open(VOCAB_DIR / "institutions.csv", encoding="utf-8") as fh:
        texts = [a for row in csv.DictReader(fh) for a in [row["name"], *row["aliases"].split("|")]]
    for name in ("kpis.yaml", "codes.yaml", "headers.yaml", "targets.yaml", "ui.yaml"):
        texts += list(strings(packaged_yaml(name)))
    texts += ["Institut Gustave Roussy", "Laboratoires Pierre Fabre", "Hôpital Saint-Louis", "Hôpital Saint Louis",
              "Université Pierre et Marie Curie", "Centre Antoine-Lacassagne", "DR Inserm PACA", "Jan 2022"]
    assert [t for t in texts if mask_personal(t) != t] == []


# --- end to end ---------------------------------------------------------------------------------------------------

def _people_to_type() -> list[str]:
    chosen = []
    for people in FIXTURE_PEOPLE.values():
        emails = [p for p in people if "@" in p]
        names = [p for p in people if "@" not in p]
        chosen += names[:5] + emails[:2]
    return chosen + _sample_people()[:4]


PEOPLE = _people_to_type()
HEADER = ("Code projet;Intitulé du projet;Acronyme;Etablissement de rattachement;Unité;Domaine technologique;"
          "Origine de la détection;Suivi par;Date de détection;Inventeur référent")


def _hostile_rows() -> list[str]:
    people = iter(PEOPLE * 3)
    rows = []
    for n in range(len(PEOPLE) // 6 + 1):
        a, b, c, d, e, f = (next(people) for _ in range(6))
        rows += [
            # a valid row whose free texts hold people: id, title, acronym (an apostrophe), institution, unit
            f"{a};Projet de {b};l'équipe {c};{d};{e};Therapeutics;Détection IT;IT + CPP;04/01/2022;",
            # a row whose date, label and institution hold people: quarantined, its reasons quote nothing
            f"IT-H-{n:03d};Un projet;ALPHA;{f};U1068;Therapeutics;{a};IT + CPP;{b};",
        ]
    return rows


def write_hostile_raw(folder: Path) -> Path:
    shutil.copytree(paths.SAMPLE_RAW_DIR, folder)
    (folder / "Projets_saisie libre (envoi contact@importations-sud.fr).csv").write_text(
        "\n".join([HEADER, *_hostile_rows()]) + "\n", encoding="utf-8")
    (folder / "Financements_commentaires.csv").write_text(
        "ID financement;Code projet;Organisme financeur;Type de financement;Montant €;Date de décision;Commentaire\n"
        + "".join(f"ITF-H-{n:03d};{p};{p};Prêt d'amorçage;{p};05/03/2022;Voir avec {p}\n"
                  for n, p in enumerate(PEOPLE[:12])), encoding="utf-8")
    (folder / "Objectifs_personnes.csv").write_text(
        "KPI;Période;Cible\n" + "".join(f"{p};2021-2023;10\n" for p in PEOPLE[:10]), encoding="utf-8")
    return folder


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "partnership_metrics", *map(str, args)], capture_output=True,
                          text=True, timeout=900, cwd=cwd,
                          env={**os.environ, "PARTNERSHIP_METRICS_KEY": "test-key-not-secret-0123456789",
                               "COLUMNS": "200"})


def _texts(folder: Path) -> dict[str, str]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            out[path.name] = pd.read_parquet(path).to_csv(index=False)
        elif path.suffix == ".pdf":
            from pypdf import PdfReader

            out[path.name] = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix == ".xlsx":
            out[path.name] = pd.concat(pd.read_excel(path, sheet_name=None)).to_csv()
        else:
            out[path.name] = path.read_text(encoding="utf-8-sig", errors="replace")
    return out


def _leaks(texts: dict[str, str]) -> dict[str, list[str]]:
    found = {}
    for name, text in texts.items():
        folded = fold(text)
        hits = [p for p in PEOPLE if fold(p) in folded]
        if hits:
            found[name] = hits[:5]
    return found


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    base = tmp_path_factory.mktemp("personal")
    raw = write_hostile_raw(base / "raw")
    processed = base / "processed"
    done = cli("ingest", "--raw", raw, "--out", processed)
    assert done.returncode == 0, done.stderr
    return base, processed, done


def test_no_person_typed_outside_the_person_columns_reaches_the_tables_files_or_console(ingested):
    _, processed, done = ingested
    texts = _texts(processed)
    texts["console"] = done.stdout + done.stderr
    kpis = cli("kpis", "--processed", processed, "--format", "csv")
    assert kpis.returncode == 0, kpis.stderr
    texts["kpis"] = kpis.stdout
    assert _leaks(texts) == {}
    report = json.loads((processed / "ingest_report.json").read_text(encoding="utf-8"))
    masked = report["personal_data_masked"]  # counted, per column, in the ingestion report
    assert masked.get("projects.project_id") and masked.get("projects.title") and masked.get("funding.project_id")
    assert "pseudonymised" in done.stdout and "projects.title" in done.stdout
    quarantine = pd.read_csv(processed / "quarantine.csv", encoding="utf-8-sig")
    assert len(quarantine) > 0 and quarantine["reason"].str.contains(r"\[name\]|\[e-mail\]|p-[0-9a-f]{16}").any()


@pytest.mark.slow
def test_no_person_reaches_the_notebooks_html_or_pdf(ingested):
    base, processed, _ = ingested
    out = base / "reports"
    done = cli("report", "--processed", processed, "--out", out, "--kind", "all", "--lang", "fr",
               "--format", "html,pdf")
    assert done.returncode == 0, done.stderr
    texts = _texts(out)
    assert any(name.endswith(".html") for name in texts) and any(name.endswith(".ipynb") for name in texts)
    texts["console"] = done.stdout + done.stderr
    assert _leaks(texts) == {}


def test_masking_a_very_long_word_takes_linear_time():
    """A 1 MB sheet name of letters and digits once took minutes: the e-mail pattern was tried from every letter."""
    import random
    import time

    rnd = random.Random(1)
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

    def seconds(n: int) -> float:
        text = "".join(rnd.choice(letters) for _ in range(n)) + "@x.fr"
        started = time.process_time()
        mask_personal(text)
        return time.process_time() - started

    seconds(1_000)
    small, large = min(seconds(50_000) for _ in range(3)), min(seconds(200_000) for _ in range(3))
    assert large < 8 * max(small, 1e-3), (small, large)  # quadratic: sixteen times


def test_a_first_name_with_the_initial_of_the_surname_is_a_name():
    assert mask_personal("Fichier tenu par Mireille S., chargée de mission") == "Fichier tenu par [name], chargée de mission"
    assert mask_personal("saisi par Mireille S.") == "saisi par [name]"
    assert mask_personal("blanc sophie") == "[name]"  # a form's answer typed in lower case, surname first
    assert mask_personal("appel à projets S. 2022") == "appel à projets S. 2022"  # no first name before the letter


def test_a_lone_capital_is_an_initial_only_before_a_dot():
    """Target names ("B7-H3", "PD-L1", "KRAS G12C") hold lone capitals without a dot: no initial, nothing masked;
    an initial with its dot still starts a name, and an organisation named after people still is not one."""
    for text in ("Inhibiteur sélectif de B7-H3", "Cellules CAR-T anti-KRAS G12C", "PD-L1 Giraud"):
        assert mask_personal(text) == text
    assert mask_personal("Radioligand anti-PD-L1. Contact L. Giraud") == "Radioligand anti-PD-L1. Contact [name]"
    assert mask_personal("Centre Antoine-Lacassagne, Jean Dupont") == "Centre Antoine-Lacassagne, [name]"


def test_a_person_linked_to_their_page_is_the_same_person(tmp_path):
    """Notion writes a relation as the page's title and its link: the link is no part of the name."""
    rows = [["Réf.", "Projet", "Établissement porteur", "Origine", "Accompagnement", "Date de détection", "Porteur (PI)"],
            ["VAL-01", "Sonde", "AMU", "AAP Cancéropôle", "CPP", "16/09/2023",
             "Antoine Gerard (https://www.notion.so/Antoine-Gerard-5df1a6d3753487dd1b82cd4eff632bbd?pvs=21)"],
            ["VAL-02", "Vaccin", "AMU", "AAP Cancéropôle", "CPP", "17/09/2023", "Antoine Gerard"]]
    (tmp_path / "projets.csv").write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    projects = ingest(tmp_path).tables["projects"]
    assert projects["pi"].nunique() == 1 and projects["pi"].iloc[0].startswith("p-")


@pytest.mark.parametrize("text, expected", [
    ("Dr.Martin", "[name]"),  # a title glued to the name
    ("demander à Chidi Okonkwo", "demander à [name]"),  # no known first name: the phrase before says it
    ("Responsable Chidi Okonkwo", "Responsable [name]"),  # a header naming its person
    ("Contact : Léa Roux.", "Contact : [name]."),
    ("Atelier animé par Chidi Okonkwo", "Atelier animé par [name]"),
    ("jean.dupont@inserm", "[e-mail]"),  # no top-level domain
    ("jean.dupont AT inserm.fr", "[e-mail]"),
    ("jean.dupont[at]inserm.fr", "[e-mail]"),
    ("jean.dupont at inserm.fr", "[e-mail]"),
    ("jean (arobase) inserm (point) fr", "[e-mail]"),
])
def test_obfuscated_e_mails_glued_titles_and_names_after_a_lead_phrase_are_masked(text, expected):
    assert mask_personal(text) == expected


@pytest.mark.parametrize("text", ["Contact Inserm Transfert", "voir avec CPP Marseille", "demander à Marseille",
                                  "meeting at 10.30 room", "look at data.gouv.fr", "Responsable du projet"])
def test_organisations_acronyms_and_sentences_after_a_lead_phrase_stay(text):
    assert mask_personal(text) == text


def test_a_file_name_is_masked_with_its_extension_kept():
    from partnership_metrics.privacy import mask_path

    assert mask_path("suivi/Suivi Sophie Martin sophie.martin@univ-amu.fr.xlsx") == "suivi/[name] [e-mail].xlsx"
    assert mask_path("raw/Emargements chidi.okonkwo@ipc.example.csv") == "raw/Emargements [e-mail].csv"
    assert mask_path("raw/projets 2022.csv") == "raw/projets 2022.csv"


def test_a_reason_masks_the_value_its_value_column_masks(tmp_path):
    """A lower-case name alone in its cell is masked in the value column; the reason quoting it ("'sophie martin' is
    not a date") once repeated it."""
    rows = ["Réf.;Projet;Établissement porteur;Origine;Accompagnement;Date de détection;Date de déclaration",
            "VAL-01;Sonde;AMU;AAP Cancéropôle;CPP;sophie martin;16/09/2023",
            "VAL-02;Vaccin;AMU;AAP Cancéropôle;CPP;16/09/2023;camille ricard",
            "VAL-03;Essai;AMU;AAP Cancéropôle;CPP;16/09/2023;01/10/2023"]
    (tmp_path / "projets.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = ingest(tmp_path)
    problems = result.problems + result.cell_problems
    assert len(problems) == 2
    for problem in problems:
        assert problem.value.startswith("p-") and problem.value in problem.reason, problem
        assert "martin" not in problem.reason and "ricard" not in problem.reason


def test_a_fatal_message_masks_a_person_in_the_file_name_and_names_the_raw_folder_given(tmp_path):
    raw = tmp_path / "envois"
    raw.mkdir()
    (raw / "Suivi Sophie Martin sophie.martin@univ-amu.fr.xlsx").write_bytes(b"PK\x03\x04 not a zip at all")
    done = cli("ingest", "--raw", "envois", "--out", "out", cwd=tmp_path)
    lines = [line for line in done.stderr.splitlines() + done.stdout.splitlines() if line.strip()]
    assert done.returncode == 2 and len(lines) == 1, (done.stdout, done.stderr)
    assert lines[0].startswith("error: [name] [e-mail].xlsx: is damaged"), lines[0]
    assert "save a copy as .xlsx in envois/" in lines[0] and "data/raw" not in lines[0]
    assert "sophie" not in lines[0].lower() and "martin" not in lines[0].lower()


@pytest.mark.parametrize("text, expected", [("GUIOL D.", "[name]"), ("Ordonnateur : PELLEGRIN É.", "Ordonnateur : [name]"),
                                            ("CNRS U.", "CNRS U."), ("C. F.", "[name]"), ("U.S. market", "U.S. market"),
                                            ("Dr J.-L. Carrère", "Dr [name]"), ("A.-S. LEFÈVRE-ROCHE", "[name]")])
def test_a_surname_signed_with_its_initial_initials_alone_and_compound_initials_are_names(text, expected):
    assert mask_personal(text) == expected
