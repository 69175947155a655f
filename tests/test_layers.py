"""The shape of generator/, read from its source: layers one way, no import cycles, short modules, each with a docstring.

The layer order and the cycle rule are import-linter contracts in pyproject.toml (`[tool.importlinter]`), checked
here by its own command so a failure prints the offending import chain. grimp, the library under import-linter,
also reads imports inside functions (`def f(): import generator.site.build`) and dotted ones; the tests below prove
both on a small package made for the purpose, and that every import the source holds is an edge of the graph.
docs/architecture.md explains the layers to people.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from sitetools import ROOT

PACKAGE = ROOT / "generator"
MAX_LINES = 300
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _lint_imports(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`lint-imports` of this environment, without its cache (nothing written into the project)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, check=False, env=env)


def import_cycles(graph: grimp.ImportGraph, root: str) -> list[list[str]]:
    """Every set of modules under `root` that import each other in a circle (Tarjan's strongly connected components).

    import-linter's `acyclic_siblings` contract finds circles between siblings; this also finds one between a package
    (its __init__.py) and a module inside it, the kind the rule registry once made."""
    inside = sorted(m for m in graph.modules if m == root or m.startswith(root + "."))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.find_modules_directly_imported_by(module)):
            if other not in inside_set:
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            circle: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                circle.append(member)
                if member == module:
                    break
            if len(circle) > 1:
                found.append(sorted(circle))

    inside_set = set(inside)
    for module in inside:
        if module not in index:
            visit(module)
    return found


def _describe(graph: grimp.ImportGraph, circle: list[str]) -> str:
    lines = []
    for importer in circle:
        for imported in circle:
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"{importer}:{detail['line_number']}: {detail['line_contents']}")
    return "\n".join(lines)


def test_layers_and_no_sibling_cycles_per_import_linter() -> None:
    """Both contracts of pyproject.toml are kept; a broken one fails with the chain of imports that breaks it."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "2 kept, 0 broken" in result.stdout, result.stdout[-3000:]


def test_the_layer_contract_lists_the_phases_in_order() -> None:
    """The order docs/architecture.md gives, lowest last; exhaustive, so a new subpackage must be given a place."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    assert layers["containers"] == ["generator"]
    assert layers["exhaustive"] is True
    assert layers["layers"] == ["__main__", "cli", "demo", "site", "pages", "office", "outputs", "rules", "records", "core"]
    assert [c["type"] for c in config["contracts"]] == ["layers", "acyclic_siblings"]


def test_no_import_cycle_between_any_two_modules() -> None:
    graph = grimp.build_graph("generator", cache_dir=None)
    circles = import_cycles(graph, "generator")
    assert circles == [], "\n\n".join(_describe(graph, c) for c in circles)


def _imports_in_source(path: Path, graph: grimp.ImportGraph) -> set[tuple[str, str, int]]:
    """(importer, imported, line) of every generator import in the file, at the top or inside a function alike."""
    importer = _name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    found: set[tuple[str, str, int]] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from generator.rules import registry` imports the module generator.rules.registry
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in graph.modules else base for a in node.names]
        else:
            continue
        found |= {(importer, target, node.lineno) for target in targets
                  if target == "generator" or target.startswith("generator.")}
    return found


def test_every_import_in_the_source_is_an_edge_the_contracts_see() -> None:
    """Imports inside functions, `import generator.x.y` and `from generator.x import y` all reach the graph."""
    graph = grimp.build_graph("generator", cache_dir=None)
    seen = {(importer, imported, detail["line_number"])
            for importer in graph.modules for imported in graph.find_modules_directly_imported_by(importer)
            for detail in graph.get_import_details(importer=importer, imported=imported)}
    in_source = set().union(*(_imports_in_source(p, graph) for p in _modules()))
    lazy = {(i, m, n) for i, m, n in in_source if i == "generator.cli" and m == "generator.site.build"}
    assert lazy, "generator/cli.py imports generator.site.build inside a function; the test no longer sees it"
    missing = sorted(in_source - seen)
    assert missing == [], missing
    assert len(in_source) > 200


LAYERS = ["__main__", "cli", "demo", "site", "pages", "office", "outputs", "rules", "records", "core"]


def _toy_package(root: Path, files: dict[str, str]) -> None:
    """A package `toy` with the ten layers of generator/ (empty) plus `files`, and the project's contracts for it."""
    for layer in LAYERS:
        target = root / "toy" / (f"{layer}.py" if layer in ("__main__", "cli") else f"{layer}/__init__.py")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text('"""Empty."""\n', encoding="utf-8")
    (root / "toy" / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        (root / "toy" / name).write_text(text, encoding="utf-8")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    section = project[project.index("[tool.importlinter]"):]
    section = section[: section.index("\n# `make mutation`")]
    (root / "pyproject.toml").write_text(re.sub(r'"generator"', '"toy"', section) + "\n", encoding="utf-8")


@pytest.mark.parametrize("line", ["import toy.pages.high", "from toy.pages import high", "from toy.pages.high import f"])
def test_an_upward_import_inside_a_function_breaks_the_contract(tmp_path: Path, line: str) -> None:
    """records/low.py imports pages/high.py only when a function runs: still a broken layer, named with its line."""
    _toy_package(tmp_path, {
        "pages/high.py": '"""High."""\n\n\ndef f() -> None:\n    """Nothing."""\n',
        "records/low.py": f'"""Low."""\n\n\ndef g() -> None:\n    """Imports upward, late."""\n    {line}\n',
    })
    result = _lint_imports(tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 kept, 1 broken" in result.stdout, result.stdout
    assert "toy.records.low -> toy.pages.high (l.6)" in result.stdout, result.stdout


def test_a_circle_through_a_package_init_is_found(tmp_path: Path) -> None:
    """rules/__init__.py importing a rule that imports the package back: the circle issue 19 broke, found again."""
    _toy_package(tmp_path, {
        "rules/__init__.py": '"""Rules."""\n\nfrom toy.rules import one\n\nREGISTRY: list[str] = []\n',
        "rules/one.py": '"""One rule."""\n\n\ndef register() -> None:\n    """Late."""\n    from toy.rules import REGISTRY\n'
                        '    REGISTRY.append("one")\n',
    })
    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("toy", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "toy" or m.startswith("toy.")]:
            del sys.modules[name]
    circles = import_cycles(graph, "toy")
    assert circles == [["toy.rules", "toy.rules.one"]]
    assert "toy.rules.one:6: from toy.rules import REGISTRY" in _describe(graph, circles[0])


def test_no_module_over_300_lines() -> None:
    """Modules that fit in one reading (issue 19). Split where the subject splits, not by line count."""
    long = {p.relative_to(ROOT).as_posix(): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, long


def test_every_module_has_a_docstring() -> None:
    """What the module is for, in its first lines; an empty __init__.py only marks a package and is left out."""
    missing = [p.relative_to(ROOT).as_posix() for p in _modules()
               if p.read_text(encoding="utf-8").strip() and ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) is None]
    assert missing == [], missing


def test_the_architecture_doc_names_every_module() -> None:
    """docs/architecture.md says which module owns what: each module of generator/ has its line, none is invented."""
    doc = ARCHITECTURE.read_text(encoding="utf-8")
    modules = {p.relative_to(PACKAGE).as_posix() for p in _modules()
               if p.name != "__init__.py" or p.read_text(encoding="utf-8").strip()}
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", doc))
    assert sorted(modules - named) == []
    subpackages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert sorted(n for n in named - modules if n.split("/")[0] in subpackages) == []
