"""benchmarks/RESULTS.md from the figures of benchmarks/run.py: each figure against its goal, growth, notes."""

from __future__ import annotations

import itertools
import os
import platform
import re
import statistics

NOT_MEASURED = "not measured in this run"


def ok(cond: bool) -> str:
    return "✅" if cond else "❌"


def _times(s: dict) -> str:
    """``7.30 s (7.10–7.90, CPU 6.80 s)``: median wall time, its range over the repetitions, median CPU time."""
    spread = f"{s['wall_min']:.2f}–{s['wall_max']:.2f}, " if s.get("n", 1) > 1 else ""
    return f"{s['wall_s']:.2f} s ({spread}CPU {s['cpu_s']:.2f} s)"


def linearity(scales: list[dict]) -> dict | None:
    """Seconds and peak MiB per raw MiB at the largest scale against the next smaller one (None below 2 scales)."""
    rows = sorted(scales, key=lambda r: r["scale"])
    if len(rows) < 2:
        return None
    big, small = rows[-1], rows[-2]
    base = rows[0]
    time_ratio = (big["ingest_s"] / big["raw_mib"]) / (small["ingest_s"] / small["raw_mib"])
    cpu_ratio = (big["ingest_cpu_s"] / big["raw_mib"]) / (small["ingest_cpu_s"] / small["raw_mib"])
    # memory: the interpreter and imports are a fixed cost; compare the growth of the peak beyond the smallest scale
    mem_small = (small["peak_mib"] - base["peak_mib"]) / max(small["raw_mib"] - base["raw_mib"], 1e-9)
    mem_big = (big["peak_mib"] - base["peak_mib"]) / max(big["raw_mib"] - base["raw_mib"], 1e-9)
    return {"big": big, "small": small, "time_ratio": time_ratio, "cpu_ratio": cpu_ratio,
            "mem_per_mib_small": mem_small, "mem_per_mib_big": mem_big,
            "mem_ratio": mem_big / mem_small if mem_small > 0 else float("inf")}


def figures(results: dict, goals: dict) -> list[tuple[str, str, str, str]]:
    """(figure, measured, goal, verdict) rows; a verdict of "—" when not measured or a reference line only."""
    rows = []
    ingest = results.get("ingest", {})
    for scale in ("50", "1"):
        goal = goals[f"ingest_ratio_{scale}"]
        name = (f"`ingest` at scale {scale} / plain read of the same files with "
                f"`pandas.read_excel(engine=\"calamine\")` + `pandas.read_csv`")
        e = ingest.get(scale)
        if not e:
            rows.append((name, NOT_MEASURED, f"≤ {goal}×", "—"))
            continue
        rows.append((name, (f"**{e['ratio']:.2f}×**: {_times(e['ingest'])} vs {_times(e['calamine'])}; CPU ratio "
                           f"{e['cpu_ratio']:.2f}×; {e['raw_mib']:.1f} MiB, {e['raw_rows'][0]} raw rows"),
                     f"≤ {goal}×", ok(e["ratio"] <= goal)))
    if ingest:
        refs = "; ".join(f"scale {k}: **{e['ratio_openpyxl']:.2f}×** ({_times(e['ingest'])} vs "
                         f"{_times(e['openpyxl'])})" for k, e in sorted(ingest.items(), key=lambda kv: int(kv[0])))
        rows.append(("reference line: `ingest` / plain read with pandas' default engines (openpyxl, odf)", refs,
                     "—", "—"))
    scales = results.get("scales", [])
    lin = linearity(scales)
    big = next((r for r in scales if r["scale"] == 1000), None)
    name = "scale 1000: `ingest` time and peak memory of the whole process"
    limit = goals["peak_1000_mib"]
    goal = f"linear in size (per raw MiB ≤ {goals['linear_slack']}× scale 100's), ≤ {limit / 1024:.0f} GiB"
    if big and lin:
        linear = lin["time_ratio"] <= goals["linear_slack"] and lin["mem_ratio"] <= goals["linear_slack"]
        rows.append((name, (f"**{big['ingest_s']:.1f} s** (CPU {big['ingest_cpu_s']:.1f} s), peak "
                           f"**{big['peak_mib']:.0f} MiB** for {big['raw_mib']:.0f} MiB of raw files; per raw MiB "
                           f"against scale {lin['small']['scale']}: time ×{lin['time_ratio']:.2f} (CPU "
                           f"×{lin['cpu_ratio']:.2f}), peak growth ×{lin['mem_ratio']:.2f}"),
                     goal, ok(linear and big["peak_mib"] <= limit)))
    else:
        rows.append((name, NOT_MEASURED, goal, "—"))
    name = "unchanged `ingest` re-run"
    goal = f"≤ {goals['ingest_rerun_s']} s"
    if ingest:
        worst = max(ingest.values(), key=lambda e: e["rerun"]["wall_s"])
        text = "; ".join(f"scale {k}: {'**' if e is worst else ''}{e['rerun']['wall_s']:.2f} s"
                         f"{'**' if e is worst else ''} ({_times(e['rerun']).split(' (', 1)[1]}, "
                         f"reused: {e['rerun']['reused']}"
                         for k, e in sorted(ingest.items(), key=lambda kv: int(kv[0])))
        met = all(e["rerun"]["wall_s"] <= goals["ingest_rerun_s"] and e["rerun"]["reused"] for e in ingest.values())
        rows.append((name, text, goal, ok(met)))
    else:
        rows.append((name, NOT_MEASURED, goal, "—"))
    rep = results.get("reports")
    name = "unchanged `report --kind all` re-run (same tables, parameters, notebooks, package version)"
    goal = f"≤ {goals['report_rerun_s']:g} s"
    if rep:
        rows.append((name, (f"**{rep['rerun']['wall_s']:.1f} s** (CPU {rep['rerun']['cpu_s']:.1f} s); first run "
                           f"{rep['ours']['wall_s']:.1f} s"), goal,
                     ok(rep["rerun"]["wall_s"] <= goals["report_rerun_s"])))
    else:
        rows.append((name, NOT_MEASURED, goal, "—"))
    name = ("8 report files (three-year + annual × fr, en × HTML, PDF) / naive papermill CLI → nbconvert CLI → "
            "Chromium per file")
    goal = f"≤ {goals['reports_ratio']}×"
    if rep:
        rows.append((name, (f"**{rep['ratio']:.2f}×**: {rep['ours']['wall_s']:.1f} s vs {rep['naive']['wall_s']:.1f} s"
                           f" (CPU {rep['ours']['cpu_s']:.1f} s vs {rep['naive']['cpu_s']:.1f} s = "
                           f"{rep['cpu_ratio']:.2f}×)"), goal, ok(rep["ratio"] <= goals["reports_ratio"])))
    else:
        rows.append((name, NOT_MEASURED, goal, "—"))
    k100 = next((r for r in scales if r["scale"] == 100), None)
    name = "all 30 KPIs for 2021-2023 at scale 100 (goal of the previous round)"
    if k100:
        rows.append((name, f"**{k100['kpis_s'] * 1000:.0f} ms**", f"< {goals['kpis_s']:g} s",
                     ok(k100["kpis_s"] < goals["kpis_s"])))
    return rows


def _short(figure: str) -> str:
    """The figure's name without its details: ``8 report files``, ```ingest` at scale 50 / plain read``."""
    for cut in (" of the same files", " (", " of the whole process"):
        figure = figure.split(cut)[0]
    return figure


def _bold(measured: str) -> str:
    """The headline of a measured cell (its bold parts)."""
    return ", ".join(re.findall(r"\*\*(.+?)\*\*", measured)) or measured


def contention(results: dict) -> dict[str, float]:
    """Median wall/CPU time of the single-process commands of each section: how much they waited for a CPU."""
    sections = {
        "ingest": [e[k]["wall_s"] / e[k]["cpu_s"] for e in results.get("ingest", {}).values()
                   for k in ("ingest", "calamine", "openpyxl", "rerun") if e[k]["cpu_s"] > 0],
        "scales": [r["ingest_s"] / r["ingest_cpu_s"] for r in results.get("scales", []) if r["ingest_cpu_s"] > 0],
    }
    return {name: statistics.median(ratios) for name, ratios in sections.items() if ratios}


def shortfalls(scales: list[dict]) -> list[str]:
    """A note for each scale whose sample holds far fewer rows than its scale promises (against the one before)."""
    notes = []
    rows = sorted(scales, key=lambda r: r["scale"])
    for small, big in itertools.pairwise(rows):
        factor, got = big["scale"] / small["scale"], big["rows"] / small["rows"]
        if got < 0.8 * factor:
            notes.append(f"- **The sample at scale {big['scale']} is smaller than its scale**: {big['rows']} tidy "
                         f"rows, "
                         f"×{got:.1f} those of scale {small['scale']} for a ×{factor:.0f} scale (attendance rows "
                         f"×{big['attendance'] / small['attendance']:.1f}, raw files "
                         f"×{big['raw_mib'] / small['raw_mib']:.1f}): its figures describe that smaller volume.")
    return notes


def growth(scales: list[dict]) -> list[str]:
    lines = [("| scale | raw files | tidy rows | projects | attendance rows | ingest | ingest CPU | ingest per raw MiB "
             "| peak memory | 30 KPIs |"), "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in scales:
        lines.append(f"| {r['scale']} | {r['raw_mib']:.1f} MiB | {r['rows']} | {r['projects']} | {r['attendance']} | "
                     f"{r['ingest_s']:.1f} s | {r['ingest_cpu_s']:.1f} s | {r['ingest_s'] / r['raw_mib']:.2f} s | "
                     f"{r['peak_mib']:.0f} MiB | {r['kpis_s'] * 1000:.0f} ms |")
    return lines


def profile_lines(prof: dict, top: int = 15) -> list[str]:
    lines = [(f"One `ingest --force` at scale 50 under `python -m cProfile` took {prof['profiled_s']:.1f} s, of "
              f"which {prof['imports_s']:.1f} s importing modules. cProfile slows pure-Python code down and its "
              f"wall-clock timer charges other programs' time slices to whichever function runs: the shares matter, "
              f"not the seconds. Full listing: `benchmarks/out/ingest_scale50_profile.txt`."), "",
             "| cumulative | own | calls | the package's functions (below the CLI), by cumulative time |",
             "| ---: | ---: | ---: | --- |"]
    lines += [f"| {e['cum_s']:.2f} s | {e['own_s']:.2f} s | {e['calls']} | `{e['where']}` |"
              for e in prof["by_cum"][:top]]
    lines += ["", "| own | cumulative | calls | any function, by own time |", "| ---: | ---: | ---: | --- |"]
    lines += [f"| {e['own_s']:.2f} s | {e['cum_s']:.2f} s | {e['calls']} | `{e['where']}` |"
              for e in prof["by_own"][:top]]
    return lines


def render(results: dict, goals: dict, kept: str) -> str:
    """The whole RESULTS.md; ``kept`` is the hand-written analysis (the marker line and what follows it)."""
    meta = results["meta"]
    rows = figures(results, goals)
    start, end = meta["machine_start"], meta["machine_end"]
    pressure = ""
    if "cpu_pressure_avg60" in start and "cpu_pressure_avg60" in end:
        pressure = (f"; tasks waiting for a CPU {start['cpu_pressure_avg60']:.0f} % of the time before, "
                    f"{end['cpu_pressure_avg60']:.0f} % after (/proc/pressure/cpu, avg60)")
    lines = [
        "# Benchmark results",
        "",
        (f"Latest run: {meta['date']}, {platform.machine()}, {os.cpu_count()} cores, "
         f"Python {platform.python_version()}, partnership-metrics {meta['version']} ({meta['git']}). "
         f"Reproduce with `make bench` (or `python benchmarks/run.py --help` for the options)."),
        "",
        ("Every figure is the wall time of a whole command as a user runs it (process start-up included), measured "
        "side by side in the same run; repeated figures give the median and, in brackets, the range and the median "
        "CPU time (user + system of the whole process tree). Peak memory is the largest resident set of the process "
        "tree."),
        "",
        "| figure | measured | goal | |",
        "| --- | --- | --- | --- |",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
        "## How time and memory grow (1 → 10 → 100 → 1000)",
        "",
        *(growth(results["scales"]) if results.get("scales") else [NOT_MEASURED]),
        "",
        "## Notes (written by the harness)",
        "",
    ]
    missed = [f"{_short(a)}: {_bold(b)} (goal {c})" for a, b, c, d in rows if d == "❌"]
    lines.append("- **Goals not met in this run**: " + ("; ".join(missed) if missed else "none") + ".")
    lines += shortfalls(results.get("scales", []))
    slowdown = contention(results)
    waited = (" Single-process commands (ingest, plain reads) took a median "
              + " and ".join(f"{v:.2f}× their CPU time in the {k} section" for k, v in slowdown.items())
              + " (1.00× when they have a CPU to themselves)." if slowdown else "")
    lines.append(f"- **Machine load**: load average {start['loadavg'][0]:.1f} at the start, {end['loadavg'][0]:.1f} "
                 f"at the end{pressure}.{waited} With other work running, wall times are noisy (hence medians and "
                 f"CPU times).")
    lines.append(f"- **Cost of this run**: {meta['total_s'] / 60:.1f} min in all, of which "
                 f"{meta['generation_s'] / 60:.1f} min generating sample folders that were not cached yet "
                 f"({', '.join(f'{k}: {v:.0f} s' for k, v in meta['sections_s'].items())}); "
                 f"{meta['repeat']} repetitions (openpyxl: {min(meta['repeat'], 3)}).")
    gen = meta.get("sizes_mib", {})
    if gen:
        lines.append("- **Cached inputs** (benchmarks/out/, git-ignored): "
                     + ", ".join(f"scale {k}: {v:.1f} MiB" for k, v in gen.items()) + ".")
    if results.get("profile"):
        lines += ["", "### Where the time goes: profile of one ingest at scale 50", "",
                  *profile_lines(results["profile"])]
    return "\n".join(lines) + "\n\n" + kept.rstrip() + "\n"
