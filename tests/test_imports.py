"""The import contract: no import cycles in the package (lazy imports inside functions included; imports
for type checking only left out: they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kompetens"


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The package's modules ``path`` imports, anywhere in it."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {  # imports under `if TYPE_CHECKING:` never run
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for n in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [base, *(f"{base}.{a.name}" for a in node.names)]
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    files = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    modules = {_module(p) for p in files}
    graph = {_module(p): _imports(p, modules) for p in files}
    # a package's __init__ is imported with any of its modules: an edge into a package is not a cycle
    # by itself, so only module-to-module edges between plain modules count
    packages = {_module(p) for p in files if p.name == "__init__.py"}
    return {m: {t for t in ts if t not in packages} for m, ts in graph.items() if m not in packages}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_graph_is_read() -> None:
    graph = _graph()
    assert "kompetens.layout" in graph["kompetens.extract.pipeline"]
    assert "kompetens.api.render" in graph["kompetens.api.errors"]


def test_no_import_cycles() -> None:
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()) or [])


BEHIND_THE_ENGINE = (
    "kompetens.market",
    "kompetens.taxonomy.importers",
    "kompetens.taxonomy.build",
    "kompetens.extract",
)


def test_interfaces_go_through_the_engine() -> None:
    # the CLI, the REST API and the web pages parse input and format output; the work is the Engine's
    files = [p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts]
    modules = {_module(p) for p in files}
    interfaces = [
        p for p in files if _module(p) == "kompetens.cli" or _module(p).startswith("kompetens.api.")
    ]
    assert {"kompetens.cli", "kompetens.api.routes", "kompetens.api.pages"} <= {
        _module(p) for p in interfaces
    }
    wrong = {
        (_module(p), target)
        for p in interfaces
        for target in _imports(p, modules)
        if target.startswith(BEHIND_THE_ENGINE)
    }
    assert not wrong, sorted(wrong)


def _inside(graph: dict[str, set[str]], package: str) -> dict[str, set[str]]:
    """The edges between the modules of ``package`` only."""
    mine = {m for m in graph if m.startswith(f"{package}.")}
    return {m: graph[m] & mine for m in mine}


def test_one_interface_package() -> None:
    # the web pages live in the API's package: one door over HTTP, nothing beside it to import it back
    assert not (PACKAGE / "web").exists()
    graph = _graph()
    assert "kompetens.api.pages" in graph and "kompetens.api.deps" in graph["kompetens.api.pages"]
    inside = _inside(graph, "kompetens.api")
    assert _cycle(inside) is None, " -> ".join(_cycle(inside) or [])
    outside = {t for m, ts in graph.items() if m.startswith("kompetens.api.") for t in ts}
    assert not {t for t in outside if t.startswith("kompetens.cli")}


def test_the_interface_package_ships_its_pages() -> None:
    # templates and the stylesheet are package data: found through the package, not a path beside the code
    from importlib import resources

    api = resources.files("kompetens.api")
    assert api.joinpath("templates", "base.html").is_file()
    assert api.joinpath("static", "kompetens.css").is_file()


def test_the_package_is_marked_typed_for_its_users() -> None:
    """Hunt hR, finding 3: without the PEP 561 marker a user's `mypy --strict` on `from kompetens.engine import
    Engine` answered "module is installed, but missing library stubs or py.typed marker" and every result was
    Any. The marker is in the package and among its package data (so wheels carry it)."""
    import tomllib
    from importlib import resources

    assert resources.files("kompetens").joinpath("py.typed").is_file()
    pyproject = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in pyproject["tool"]["setuptools"]["package-data"]["*"]


def test_the_core_object_and_errors_import_from_the_package_lazily() -> None:
    """``from kompetens import Engine`` works (hunt hR: the types lived in deep modules only), and ``import
    kompetens`` alone loads neither the engine nor its dependencies (the CLI's start-up)."""
    import subprocess
    import sys

    code = (
        "import sys, kompetens; assert 'kompetens.engine' not in sys.modules, 'eager';"
        "from kompetens import Code, Engine, IngestError, KompetensError, SkippedInput;"
        "import kompetens.engine as e, kompetens.errors as r;"
        "assert Engine is e.Engine and KompetensError is r.KompetensError and Code.E101 is r.Code.E101;"
        "assert IngestError is r.IngestError and SkippedInput is r.SkippedInput;"
        "assert sorted(kompetens.__all__) == sorted(['Code', 'Engine', 'IngestError', 'KompetensError',"
        " 'SkippedInput', '__version__'])"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    try:
        from kompetens import NoSuchThing  # type: ignore[attr-defined]  # noqa: F401
    except ImportError as e:
        assert "NoSuchThing" in str(e)
    else:
        raise AssertionError("an unknown name imported")
