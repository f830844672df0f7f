"""The package's shape: stages import one way, modules stay small, no fact of one partnership in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "partnership_metrics"
# Each stage may import the stages before it, never those after (shared modules are below all of them).
ORDER = ("ingest", "kpis", "reporting", "pipeline", "cli")
MAX_LINES = 800
# Names as written (capitalised): the funder codes of the tables (``canceropole_paca``) are codes, not names.
FACTS = re.compile(r"2021-2023|2018-2020|2020-12-10|2020, 12, 10|15[.,]9\s*%|0\.159|Canc[eé]rop[oô]le|Inserm Transfert")


def _modules():
    return [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]


def _stage(module: str) -> int | None:
    parts = module.split(".")
    name = parts[1] if len(parts) > 1 else ""
    return ORDER.index(name) if name in ORDER else None


def _imports(path: Path) -> list[str]:
    module = "partnership_metrics." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
                out += [target] + [f"{target}.{a.name}" for a in node.names]
            elif node.module and node.module.startswith("partnership_metrics"):
                out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names if a.name.startswith("partnership_metrics")]
    return out


def test_stages_import_one_way():
    wrong = []
    for path in _modules():
        module = "partnership_metrics." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        if module in ("partnership_metrics.__init__", "partnership_metrics.__main__"):
            continue  # the public API and the entry point stand above every stage
        own = _stage(module)
        for target in _imports(path):
            other = _stage(target)
            lower_module = own is None and other is not None and module.split(".")[1] not in ("sample", "workspace")
            if (own is not None and other is not None and other > own) or lower_module:
                wrong.append(f"{module} imports {target}")
    assert not wrong, wrong


def test_no_module_over_800_lines():
    assert not [(p.name, n) for p in _modules() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]


def test_no_fact_of_the_partnership_in_code():
    """The partnership's facts live in partnership.yaml and the vocabularies, not in string literals of the code
    (docstrings and comments aside; the sample generator writes the packaged partnership's data on purpose)."""
    found = []
    for path in _modules():
        if "sample" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)
                      and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and FACTS.search(node.value)):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value[:60]!r}")
    assert not found, found


def test_the_repository_cites_no_document_outside_it():
    root = PACKAGE.parents[1]
    texts = [p for p in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yaml"), *root.glob("docs/*.md"), root / "README.md"]
             if p.is_file()]
    assert not [p.name for p in texts if re.search(r"\bSPEC\b", p.read_text(encoding="utf-8"))]
