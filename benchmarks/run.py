"""Benchmark harness: the performance figures of the package, each against its goal, measured side by side in one run.

    make bench                                   # everything: ~6 min on 2 cores, ~11 min the first time
    make bench BENCH_ARGS="--skip-scale-1000"    # or: python benchmarks/run.py [options]
    python benchmarks/run.py --only ingest --repeat 3
    git worktree add ../before main && python benchmarks/run.py --only ingest --against ../before/src

Sections (``--only`` takes a comma-separated list of them):
  ingest   `ingest` against a plain pandas read of the same files (calamine; openpyxl as a second reference line),
           at scales 1 and 50, several repetitions (median and range); then unchanged re-runs of `ingest`.
  reports  the 8 report files (`report --kind all`) against the naive papermill -> nbconvert -> Chromium chain,
           then the same `report` command re-run unchanged.
  scales   growth 1 -> 10 -> 100 -> 1000: raw size, tidy rows, ingest time, peak memory, time of the 30 KPIs.
  profile  cProfile of one `ingest` at scale 50 (top functions by cumulative and by own time).

A full run rewrites benchmarks/RESULTS.md (its hand-written analysis, after the marker line, is kept); a partial
run only prints its figures and writes benchmarks/out/results-partial.json, unless ``--write`` is given;
``--render`` rewrites RESULTS.md from the figures of an earlier run without measuring anything. Generated
inputs are cached in benchmarks/out/ (git-ignored). Every timing is the wall time of a whole command, as a user runs
it (process start-up included); the CPU time (user + system, all child processes) is reported next to it because
the wall time of a busy machine is noisy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PLAIN_READ = ROOT / "benchmarks" / "plain_read.py"
BIN = Path(sys.executable).parent
CLI = [sys.executable, "-m", "partnership_metrics"]
SECTIONS = ("ingest", "reports", "scales", "profile")
GOALS = {
    "ingest_ratio_50": 1.0,  # ingest / plain calamine read, scale 50
    "ingest_ratio_1": 1.0,  # same at scale 1
    "peak_1000_mib": 2048,  # peak memory of ingest at scale 1000
    "linear_slack": 1.25,  # "linear": per raw MiB, scale 1000 costs at most 1.25x what scale 100 costs
    "ingest_rerun_s": 0.4,  # unchanged ingest re-run
    "report_rerun_s": 1.0,  # unchanged `report --kind all` re-run
    "reports_ratio": 0.25,  # 8 report files / naive chain
    "kpis_s": 1.0,  # the 30 KPIs at scale 100 (goal of the previous round, still watched)
}
GENERATION = {"s": 0.0}  # seconds spent generating sample folders that were not cached
MARKER = "<!-- Hand-written analysis: benchmarks/run.py keeps everything below this line. -->"

KPI_TIMING = """
import json, sys, time
import partnership_metrics as pm
tables = pm.load(sys.argv[1])
best = float("inf")
for _ in range(3):
    t = time.perf_counter()
    table = pm.kpi_table(tables, period="2021-2023")
    best = min(best, time.perf_counter() - t)
print(json.dumps({"kpis_s": best, "kpis": int(table["kpi_id"].nunique()),
                  "rows": int(sum(len(df) for df in tables.values())), "projects": len(tables["projects"]),
                  "attendance": len(tables["event_attendance"])}))
"""

# Runs one command and reports its wall time, the CPU time and peak RSS of its process tree (RUSAGE_CHILDREN: the
# largest process; children of children count once their parent has waited for them), from a fresh parent so that
# no earlier command's peak is mixed in.
PROBE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True, env={**__import__("os").environ, "COLUMNS": "120"})
s = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall_s": s, "cpu_s": u.ru_utime + u.ru_stime, "peak_mib": u.ru_maxrss / 1024,
                  "code": p.returncode, "stdout": p.stdout, "stderr": p.stderr[-2000:]}))
"""


def measure(argv: list) -> dict:
    """Wall seconds, CPU seconds, peak MiB and stdout of one command (which must succeed)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *map(str, argv)], check=False, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"probe failed: {' '.join(map(str, argv))}\n{done.stderr[-2000:]}")
    m = json.loads(done.stdout)
    if m["code"] != 0:
        raise SystemExit(f"command failed ({m['code']}): {' '.join(map(str, argv))}\n{m['stderr']}")
    return m


def run(argv: list) -> str:
    """Stdout of a command that is not timed (which must succeed)."""
    done = subprocess.run([str(a) for a in argv], check=False, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "120"})
    if done.returncode != 0:
        raise SystemExit(f"command failed ({done.returncode}): {' '.join(map(str, argv))}\n{done.stderr[-2000:]}")
    return done.stdout


def summary(measures: list[dict]) -> dict:
    """Median, range and count of the wall and CPU times of repeated measures, and the largest peak."""
    walls, cpus = [m["wall_s"] for m in measures], [m["cpu_s"] for m in measures]
    return {"wall_s": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
            "cpu_s": statistics.median(cpus), "peak_mib": max(m["peak_mib"] for m in measures), "n": len(measures)}


def interleaved(commands: dict[str, list], repeats: dict[str, int]) -> dict[str, list[dict]]:
    """Measure each command ``repeats[name]`` times, the commands taking turns (so that load drifts hit all)."""
    out: dict[str, list[dict]] = {name: [] for name in commands}
    for i in range(max(repeats.values())):
        for name, argv in commands.items():
            if i < repeats[name]:
                out[name].append(measure(argv))
    return out


def sample(scale: int) -> Path:
    """The raw folder of ``sample-data --scale N`` (generated once, cached in benchmarks/out/raw_scaleN)."""
    folder = OUT / f"raw_scale{scale}"
    if not (folder / ".complete").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        print(f"  generating sample-data --scale {scale} ...", flush=True)
        started = time.perf_counter()
        run([*CLI, "sample-data", "--seed", "2020", "--scale", scale, "--out", folder])
        GENERATION["s"] += time.perf_counter() - started
        print(f"  ... {time.perf_counter() - started:.0f} s, {raw_mib(folder):.1f} MiB", flush=True)
        (folder / ".complete").write_text("ok\n")
    return folder


def raw_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1024**2


def fmt(s: dict) -> str:
    """``7.3 s (7.1-7.9, n=5; CPU 6.8 s)``."""
    spread = f"{s['wall_min']:.2f}–{s['wall_max']:.2f}, n={s['n']}; " if s["n"] > 1 else ""
    return f"{s['wall_s']:.2f} s ({spread}CPU {s['cpu_s']:.2f} s)"


def bench_ingest(results: dict, repeat: int, against: Path | None = None) -> None:
    """`ingest --force` against the plain calamine and openpyxl reads at scales 1 and 50; unchanged re-runs.
    ``against``: the ``src`` folder of another checkout, whose `ingest` is measured in turn with the others."""
    for scale in (1, 50):
        raw, processed = sample(scale), OUT / f"processed_scale{scale}"
        commands = {"ingest": [*CLI, "ingest", "--raw", raw, "--out", processed, "--force"],
                    "calamine": [sys.executable, PLAIN_READ, "calamine", raw],
                    "openpyxl": [sys.executable, PLAIN_READ, "openpyxl", raw]}
        repeats = {"ingest": repeat, "calamine": repeat, "openpyxl": min(repeat, 3)}
        if against is not None:
            commands["against"] = ["env", f"PYTHONPATH={against}", *CLI, "ingest", "--raw", raw, "--out",
                                   OUT / f"processed_scale{scale}_against", "--force"]
            repeats["against"] = repeat
        measured = interleaved(commands, repeats)
        s = {name: summary(ms) for name, ms in measured.items()}
        rows = {int(m["stdout"]) for name in ("calamine", "openpyxl") for m in measured[name]}
        entry = {**s, "raw_rows": sorted(rows), "raw_mib": raw_mib(raw),
                 "ratio": s["ingest"]["wall_s"] / s["calamine"]["wall_s"],
                 "cpu_ratio": s["ingest"]["cpu_s"] / s["calamine"]["cpu_s"],
                 "ratio_openpyxl": s["ingest"]["wall_s"] / s["openpyxl"]["wall_s"]}
        reruns = [measure([*CLI, "ingest", "--raw", raw, "--out", processed]) for _ in range(repeat)]
        entry["rerun"] = {**summary(reruns), "reused": all("reused" in m["stdout"] for m in reruns)}
        results.setdefault("ingest", {})[str(scale)] = entry
        if against is not None:
            entry["against"] = {"src": str(against), "cpu_ratio": s["against"]["cpu_s"] / s["calamine"]["cpu_s"],
                                "ratio": s["against"]["wall_s"] / s["calamine"]["wall_s"]}
            print(f"  scale {scale}: ingest of {against}: {fmt(s['against'])} -> ratio {entry['against']['ratio']:.2f} "
                  f"(CPU {entry['against']['cpu_ratio']:.2f})", flush=True)
        print(f"  scale {scale}: ingest {fmt(s['ingest'])}, peak {s['ingest']['peak_mib']:.0f} MiB\n"
              f"           calamine read {fmt(s['calamine'])} -> ratio {entry['ratio']:.2f} "
              f"(CPU {entry['cpu_ratio']:.2f}; goal <= {GOALS[f'ingest_ratio_{scale}']})\n"
              f"           openpyxl read {fmt(s['openpyxl'])} -> ratio {entry['ratio_openpyxl']:.2f}\n"
              f"           unchanged re-run {fmt(entry['rerun'])}, reused: {entry['rerun']['reused']} "
              f"(goal <= {GOALS['ingest_rerun_s']} s)", flush=True)


def bench_reports(results: dict) -> None:
    """The 8 report files: naive chain of CLIs, then `report --kind all` twice (the second unchanged)."""
    processed = OUT / "processed_reports"
    run([*CLI, "ingest", "--raw", ROOT / "data" / "raw" / "sample", "--out", processed])
    naive_dir = OUT / "naive_reports"
    shutil.rmtree(naive_dir, ignore_errors=True)
    naive_dir.mkdir(parents=True)
    chromium = _chromium()
    jobs = [("three_year_report", {"period": "2021-2023"}), ("annual_review", {"year": "2023"})]
    steps = []
    for notebook, extra in jobs:
        for lang in ("fr", "en"):
            stem = naive_dir / f"{notebook}_{lang}"
            params = [x for k, v in {"processed_dir": processed, "baseline": "2018-2020", "lang": lang,
                                     **extra}.items() for x in ("-p", k, v)]
            steps.append(measure([BIN / "papermill", ROOT / "notebooks" / f"{notebook}.ipynb", f"{stem}.ipynb",
                                  *params, "-k", "python3", "--cwd", ROOT, "--no-progress-bar"]))
            steps.append(measure([BIN / "jupyter", "nbconvert", "--to", "html", "--no-input", f"{stem}.ipynb"]))
            steps.append(measure([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                  "--disable-background-networking", "--no-pdf-header-footer",
                                  f"--print-to-pdf={stem}.pdf", f"file://{stem}.html"]))
    naive = {"wall_s": sum(m["wall_s"] for m in steps), "cpu_s": sum(m["cpu_s"] for m in steps), "n": 1}
    ours_dir = OUT / "our_reports"
    shutil.rmtree(ours_dir, ignore_errors=True)
    command = [*CLI, "report", "--processed", processed, "--out", ours_dir, "--kind", "all", "--period",
               "2021-2023", "--year", "2023", "--lang", "fr,en", "--format", "html,pdf"]
    first = measure(command)
    files = sorted(p.name for p in ours_dir.rglob("*") if p.suffix in (".html", ".pdf"))
    reruns = [measure(command) for _ in range(3)]  # unchanged: the reports of the first run are reused
    reused = all("reused" in m["stdout"] + m["stderr"] for m in reruns)
    results["reports"] = {"naive": naive, "ours": summary([first]), "rerun": {**summary(reruns), "reused": reused},
                          "files": files, "ratio": first["wall_s"] / naive["wall_s"],
                          "cpu_ratio": first["cpu_s"] / naive["cpu_s"]}
    print(f"  8 report files: ours {fmt(summary([first]))} vs papermill+nbconvert+chromium CLIs "
          f"{naive['wall_s']:.1f} s (CPU {naive['cpu_s']:.1f} s) -> ratio {results['reports']['ratio']:.2f} "
          f"(goal <= {GOALS['reports_ratio']}); {len(files)} files\n"
          f"  unchanged re-run of report --kind all: {fmt(summary(reruns))}, reused: {reused} "
          f"(goal <= {GOALS['report_rerun_s']} s)", flush=True)


def _chromium() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from partnership_metrics.reporting.browser import find_chromium

    found = find_chromium()
    if not found:
        raise SystemExit("no Chromium found: apt-get install chromium (the report benchmark needs one)")
    return found


def bench_scales(results: dict, scales: list[int]) -> None:
    """Growth with scale: one `ingest --force` per scale (time, CPU, peak), then the 30 KPIs on its tables."""
    rows = []
    for scale in scales:
        raw, processed = sample(scale), OUT / f"processed_scale{scale}"
        m = measure([*CLI, "ingest", "--raw", raw, "--out", processed, "--force"])
        kpis = json.loads(run([sys.executable, "-c", KPI_TIMING, processed]))
        size = raw_mib(raw)
        rows.append({"scale": scale, "raw_mib": size, "ingest_s": m["wall_s"], "ingest_cpu_s": m["cpu_s"],
                     "peak_mib": m["peak_mib"], **kpis})
        print(f"  scale {scale:>4}: raw {size:6.1f} MiB, {kpis['rows']:>8} tidy rows, ingest {m['wall_s']:6.1f} s "
              f"(CPU {m['cpu_s']:6.1f} s), peak {m['peak_mib']:5.0f} MiB, {kpis['kpis']} KPIs in "
              f"{kpis['kpis_s'] * 1000:.0f} ms", flush=True)
    results["scales"] = rows


def bench_profile(results: dict, top: int = 25) -> None:
    """cProfile of one `ingest --force` at scale 50; the top functions go to RESULTS.md, the rest to out/."""
    import pstats

    raw, processed, prof = sample(50), OUT / "processed_profile", OUT / "ingest_scale50.prof"
    m = measure([sys.executable, "-m", "cProfile", "-o", prof, "-m", "partnership_metrics", "ingest", "--raw", raw,
                 "--out", processed, "--force"])
    stats = pstats.Stats(str(prof))
    total = stats.total_tt
    entries = []
    for (file, line, func), (_cc, calls, own, cum, _callers) in stats.stats.items():
        where = _short(file, line, func)
        entries.append({"where": where, "calls": calls, "own_s": own, "cum_s": cum})
    # by cumulative time: the package's own functions below the CLI wrappers (the others are typer, runpy, ...)
    wrappers = ("partnership_metrics/__main__.py", "partnership_metrics/cli.py")
    by_cum = sorted((e for e in entries if e["where"].startswith("partnership_metrics/")
                     and not e["where"].startswith(wrappers)), key=lambda e: -e["cum_s"])[:top]
    by_own = sorted(entries, key=lambda e: -e["own_s"])[:top]
    imports = max((e["cum_s"] for e in entries if e["where"].endswith("(_find_and_load)")), default=0.0)
    with open(OUT / "ingest_scale50_profile.txt", "w", encoding="utf-8") as fh:
        pstats.Stats(str(prof), stream=fh).sort_stats("cumtime").print_stats(80)
    results["profile"] = {"wall_s": m["wall_s"], "profiled_s": total, "imports_s": imports, "by_cum": by_cum,
                          "by_own": by_own}
    print(f"  profiled ingest at scale 50: {m['wall_s']:.1f} s under cProfile, {imports:.1f} s of imports; "
          f"the package's functions by cumulative time:")
    for e in by_cum[:12]:
        print(f"    {e['cum_s']:7.2f} s cum {e['own_s']:7.2f} s own {e['calls']:>9}  {e['where']}")
    print(f"  full listing: {(OUT / 'ingest_scale50_profile.txt').relative_to(ROOT)}", flush=True)


def _short(file: str, line: int, func: str) -> str:
    """``partnership_metrics/ingest/read.py:12(read_table)``, ``pandas/…``, or ``{built-in method …}``."""
    if file == "~":
        return func
    parts = Path(file).parts
    for anchor in ("partnership_metrics", "site-packages", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            rest = parts[i:] if anchor == "partnership_metrics" else parts[i + 1:]
            return f"{'/'.join(rest)}:{line}({func})"
    return f"{Path(file).name}:{line}({func})"


def machine_state() -> dict:
    """Load average and, where the kernel tells, how often runnable tasks waited for a CPU (last 60 s)."""
    state = {"loadavg": os.getloadavg()}
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        state["cpu_pressure_avg60"] = float(first.split("avg60=")[1].split()[0])
    except (OSError, IndexError, ValueError):
        pass
    return state


def git_state() -> str:
    try:
        head = run(["git", "rev-parse", "--short", "HEAD"]).strip()
        dirty = run(["git", "status", "--porcelain", "--", "src"]).strip()
    except SystemExit:
        return "unknown commit"
    return f"commit {head}" + (" + uncommitted changes in src/" if dirty else "")


DEFAULT_ANALYSIS = MARKER + """

## Analysis

(Write here what the figures mean: which goals are missed and why, where the time goes.)
"""


def write_results(results: dict, path: Path) -> None:
    """RESULTS.md from the figures, keeping the hand-written analysis of the file it replaces."""
    sys.path.insert(0, str(Path(__file__).parent))
    from results_md import render

    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept = old[old.index(MARKER):] if MARKER in old else DEFAULT_ANALYSIS
    path.write_text(render(results, GOALS, kept), encoding="utf-8")


def compile_package(src: Path | None = None) -> None:
    """Write the bytecode of the package measured (or of the one in ``src``), as installing a wheel does: in a
    checkout run with PYTHONDONTWRITEBYTECODE set, every command would otherwise compile its ~45 modules again
    (~0.09 s of CPU), which the plain read does not pay for pandas (its bytecode is in site-packages)."""
    run([*(["env", f"PYTHONPATH={src}"] if src else []), sys.executable, "-c",
         "import compileall, pathlib, partnership_metrics as pm; "
         "compileall.compile_dir(pathlib.Path(pm.__file__).parent, quiet=1)"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"Comma-separated sections to run, among {', '.join(SECTIONS)} (default: all).")
    parser.add_argument("--skip-reports", action="store_true", help="Skip the report section.")
    parser.add_argument("--skip-profile", action="store_true", help="Skip the profile section.")
    parser.add_argument("--skip-scale-1000", action="store_true",
                        help="Growth table without scale 1000 (its sample takes minutes to generate and ingest).")
    parser.add_argument("--skip-scale-100", action="store_true", help="Growth table with scales 1 and 10 only.")
    parser.add_argument("--repeat", type=int, default=5,
                        help="Repetitions of each ingest and plain read at scales 1 and 50, and of the unchanged "
                             "ingest re-run (median reported; default 5; the openpyxl read at most 3).")
    parser.add_argument("--write", action="store_true",
                        help="Rewrite benchmarks/RESULTS.md even after a partial run (missing figures say so).")
    parser.add_argument("--render", nargs="?", const=OUT / "results.json", type=Path, metavar="JSON",
                        help="Measure nothing: rewrite RESULTS.md from the figures of an earlier run "
                             "(default: benchmarks/out/results.json).")
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="Also measure `ingest` from the src/ folder of another checkout (e.g. a worktree of main "
                             "made with `git worktree add`), in turn with the other commands: before and after on the "
                             "same files, the same load.")
    args = parser.parse_args()
    if args.against is not None and not (args.against / "partnership_metrics" / "__init__.py").is_file():
        parser.error(f"--against {args.against}: no partnership_metrics package there (give a checkout's src/)")
    if args.render:
        write_results(json.loads(args.render.read_text(encoding="utf-8")), RESULTS)
        print(f"{RESULTS.relative_to(ROOT)} rewritten from {args.render}.")
        return
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown or args.repeat < 1:
        parser.error(f"unknown section(s) {sorted(unknown)}" if unknown else "--repeat must be at least 1")
    sections = [s for s in SECTIONS if s in sections and not (s == "reports" and args.skip_reports)
                and not (s == "profile" and args.skip_profile)]
    scales = [1, 10] + ([] if args.skip_scale_100 else [100]) + ([] if args.skip_scale_1000 else [1000])
    complete = sections == list(SECTIONS) and scales == [1, 10, 100, 1000]

    OUT.mkdir(parents=True, exist_ok=True)
    compile_package()
    if args.against is not None:
        compile_package(args.against.resolve())
    started = time.perf_counter()
    results: dict = {"meta": {"date": dt.date.today().isoformat(), "git": git_state(), "repeat": args.repeat,
                              "version": run([*CLI, "--version"]).strip().split()[-1],
                              "machine_start": machine_state(), "sections_s": {}}}
    steps = {
        "ingest": ("Ingest against a plain pandas read (scales 1 and 50), unchanged re-runs:",
                   lambda: bench_ingest(results, args.repeat,
                                        args.against.resolve() if args.against is not None else None)),
        "reports": ("Reports against the naive papermill -> nbconvert -> Chromium chain, unchanged re-run:",
                    lambda: bench_reports(results)),
        "scales": (f"Growth with scale {' -> '.join(map(str, scales))} (ingest, memory, KPIs):",
                   lambda: bench_scales(results, scales)),
        "profile": ("Profile of one ingest at scale 50:", lambda: bench_profile(results)),
    }
    for name in sections:
        title, step = steps[name]
        print(title, flush=True)
        t = time.perf_counter()
        step()
        results["meta"]["sections_s"][name] = time.perf_counter() - t
    meta = results["meta"]
    meta.update(total_s=time.perf_counter() - started, generation_s=GENERATION["s"], machine_end=machine_state(),
                sizes_mib={p.name.removeprefix("raw_scale"): raw_mib(p)
                           for p in sorted(OUT.glob("raw_scale*"), key=lambda p: int(p.name[9:])) if p.is_dir()})
    print(f"Done in {meta['total_s'] / 60:.1f} min.")
    if complete or args.write:
        (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        write_results(results, RESULTS)
        print(f"Results written to {RESULTS.relative_to(ROOT)} (figures in benchmarks/out/results.json).")
    else:
        (OUT / "results-partial.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print("Partial run: figures in benchmarks/out/results-partial.json; RESULTS.md unchanged (use --write).")


if __name__ == "__main__":
    main()
