"""The import contract: data flows one way, so no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

from newsgen.code_digest import PACKAGE_ROOT

# From the bottom: what every stage may use, then the stages in the pipeline's order, then
# the search index over the written pages. Above them all, what runs the pipeline (build,
# rebuild_memo, cli, serve) may import anything.
SHARED = {
    "__init__", "cache_files", "characters", "code_digest", "config", "errors", "parallel",
    "by_record", "records", "slugs", "times", "urls", "wording", "yaml_fields",
}  # fmt: skip
STAGES = ["sources", "topics", "plan", "render", "output", "search"]
RUNNERS = {
    "__main__", "build", "build_inputs", "build_place", "build_report", "cli", "rebuild_memo",
    "remembered_plan", "scaffold", "serve", "serve_memo", "cluster",
}  # fmt: skip


def layer(name: str) -> int:
    """The layer of a module or package directly under newsgen (0: shared; higher: later)."""
    if name in SHARED:
        return 0
    if name in STAGES:
        return 1 + STAGES.index(name)
    assert name in RUNNERS, f"newsgen.{name} is in no layer: add it to tests/test_layers.py"
    return len(STAGES) + 1


def owner(path: Path) -> str:
    """The part of newsgen a file belongs to: its package, or the module itself."""
    relative = path.relative_to(PACKAGE_ROOT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported_parts(path: Path) -> set[str]:
    """The parts of newsgen that `path` imports (the first name after `newsgen.`)."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        parts.update(name.split(".")[1] for name in names if name.startswith("newsgen."))
    return parts


def test_no_module_imports_a_later_stage_or_what_runs_the_pipeline() -> None:
    broken = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        part = owner(path)
        for used in imported_parts(path) - {part, "__version__"}:
            if layer(used) > layer(part) or (layer(part) == 0 and used not in SHARED):
                broken.append(f"{path.relative_to(PACKAGE_ROOT)} imports newsgen.{used}")
    assert broken == []


def test_every_part_of_newsgen_has_a_layer() -> None:
    parts = {owner(path) for path in PACKAGE_ROOT.rglob("*.py")}
    assert parts == SHARED | set(STAGES) | RUNNERS


def test_no_module_is_over_300_lines() -> None:
    # A module that grows past this holds more than one job: split it by job.
    lengths = {p: len(p.read_text("utf-8").splitlines()) for p in PACKAGE_ROOT.rglob("*.py")}
    assert {str(p.relative_to(PACKAGE_ROOT)): n for p, n in lengths.items() if n > 300} == {}
