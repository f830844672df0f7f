"""Peak memory and time of `partnership-metrics ingest` on hostile files (the figures of docs/security.md).

Each file is written into a raw folder of its own, then ingested by the real command in a child process whose
address space is capped (``--cap-gb``, default 6): the peak resident memory of that child (``ru_maxrss``), its time,
exit code and last line are printed as a Markdown table. ``--src`` measures another checkout's sources (its
``src/`` folder), e.g. the code before a fix.

    python scripts/hostile_memory.py [--cap-gb 6] [--csv-mb 100] [--src OTHER_CHECKOUT/src]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

sys.path.insert(0, str(ROOT / "tests" / "ingest"))
from hostile_builders import repeated_cell_ods, shared_string_xlsx  # noqa: E402  (the tests' own builders)


def ods(path: Path, rows: int, columns: int, text: str = "x") -> Path:
    return repeated_cell_ods(path, rows, columns, text)


def xlsx(path: Path, text: str, cells: int) -> Path:
    """One shared string ``text`` used by ``cells`` cells, 25 columns wide."""
    return shared_string_xlsx(path, len(text), cells, text)


def yaml_bomb(folder: Path) -> Path:
    parts = ['&a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    parts += [f"&a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    (folder / "a.csv").write_text("id;titre\nP-1;x\n", encoding="utf-8")
    path = folder / "mapping.yaml"
    path.write_text("sheets:\n  - file: [" + ", ".join(parts) + "]\n    skip: true\n", encoding="utf-8")
    return path


def big_csv(path: Path, megabytes: int) -> Path:
    """Projects as partners export them, repeated up to ``megabytes``."""
    header = "Code projet;Intitulé du projet;Acronyme;Etablissement de rattachement;Unité;Domaine technologique;" \
             "Origine de la détection;Suivi par;Date de détection\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(header)
        n = 0
        while fh.tell() < megabytes * 1024 * 1024:
            fh.write(f"IT-2022-{n:07d};Micro-dispositif de perfusion {n};ACR{n};Aix-Marseille Université;U1068;"
                     "Medical device;Détection IT;IT + CPP;04/01/2022\n")
            n += 1
    return path


def wide_csv(path: Path, columns: int) -> Path:
    header = ["Code projet", "Intitulé du projet", "Date de détection"] + [f"colonne {i}" for i in range(columns)]
    rows = [header] + [[f"P{r}", "t", "2022-01-01"] + ["1"] * columns for r in range(5)]
    path.write_text("\n".join(";".join(r) for r in rows) + "\n", encoding="utf-8")
    return path


def cases(csv_mb: int):
    rng = random.Random(1)
    noise = "".join(rng.choices(string.ascii_letters + string.digits, k=900_000))
    yield ".ods, one cell repeated 99 000 x 1 000", lambda d: ods(d / "bomb.ods", 99_000, 1_000)
    yield ".ods, a 20 KB cell repeated 2 000 x 10", lambda d: ods(d / "text.ods", 2_000, 10, "y" * 20_000)
    yield ".xlsx, a 900 KB shared string in 5 000 cells", lambda d: xlsx(d / "bomb.xlsx", "A" * 900_000, 5_000)
    yield ".xlsx, a 2.5 MB shared string in 20 000 cells (50 GB once copied)", \
        lambda d: xlsx(d / "bomb50.xlsx", "A" * 2_500_000, 20_000)
    yield ".xlsx, 900 KB of random text in 5 000 cells", lambda d: xlsx(d / "noise.xlsx", noise, 5_000)
    yield "mapping.yaml, 9 levels of 9 aliases", yaml_bomb
    yield ".csv, 40 000 header columns", lambda d: wide_csv(d / "wide.csv", 40_000)
    yield ".csv, 16 000 header columns (within the limit)", lambda d: wide_csv(d / "wide16k.csv", 16_000)
    yield f".csv of {csv_mb} MB (projects)", lambda d: big_csv(d / "big.csv", csv_mb)


def measure(raw: Path, out: Path, cap: int, src: Path) -> tuple[float, int, str]:
    """(seconds, exit code, last line) of one ingest in a capped child."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = {**os.environ, "PYTHONPATH": str(src), "PARTNERSHIP_METRICS_KEY": "measure-key-not-secret-0123456789",
           "COLUMNS": "200"}
    options = ["--max-file-mb", "1024"]  # the big CSV is measured, not refused
    if "--max-total-mb" in (src / "partnership_metrics" / "cli.py").read_text(encoding="utf-8"):
        options += ["--max-total-mb", "2048"]
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "partnership_metrics", "ingest", "--raw", str(raw), "--out",
                             str(out), *options], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit)
    stdout, stderr = proc.communicate(timeout=1800)
    seconds = time.perf_counter() - started
    lines = [line for line in (stderr + stdout).splitlines() if line.strip()]
    return seconds, proc.returncode, (lines[-1] if lines else "")


def run_one(build, cap: int, src: Path) -> tuple[float, float, int, str, int]:
    """(peak MiB, seconds, exit code, last line, raw bytes) of one case. The peak is the children's ``ru_maxrss``:
    the largest of any child so far, so each case runs in an interpreter of its own (see main)."""
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder) / "raw"
        raw.mkdir()
        build(raw)
        size = sum(p.stat().st_size for p in raw.iterdir())
        seconds, code, last = measure(raw, Path(folder) / "out", cap, src)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, seconds, code, last, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cap-gb", type=float, default=6.0)
    parser.add_argument("--csv-mb", type=int, default=100)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--case", type=int, help=argparse.SUPPRESS)  # one case, in a fresh interpreter
    args = parser.parse_args()
    cap = int(args.cap_gb * 1024**3)
    all_cases = list(cases(args.csv_mb))
    if args.case is not None:
        name, build = all_cases[args.case]
        peak, seconds, code, last, size = run_one(build, cap, args.src)
        print(f"| {name} | {size / 1024:,.0f} KB | {peak:,.0f} MiB | {seconds:.1f} s | {code} | {last[:150]} |")
        return
    print(f"Address space of each ingest capped at {args.cap_gb:g} GB; sources: {args.src}\n")
    print("| file | size | peak memory | time | exit | last line |")
    print("| --- | ---: | ---: | ---: | ---: | --- |")
    for n in range(len(all_cases)):
        subprocess.run([sys.executable, __file__, "--case", str(n), "--cap-gb", str(args.cap_gb), "--csv-mb",
                        str(args.csv_mb), "--src", str(args.src)], check=False)


if __name__ == "__main__":
    main()
