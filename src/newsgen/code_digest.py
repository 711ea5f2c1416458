"""A digest of some of newsgen's own code: the modules named and all they import of it.

Keys that say "made by this code" (page keys, the topic cache's) must change when any
module the work runs through changes, wherever it lies in the package tree; following
the imports finds them, so no list of modules has to be kept by hand.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE_ROOT = Path(__file__).parent  # the folder of the `newsgen` package


def code_digest(modules: Iterable[str], root: Path = PACKAGE_ROOT) -> str:
    """Digest the source of `modules` (dotted names) and of every newsgen module they
    import, directly or not; `root` is the `newsgen` package's folder."""
    digest = hashlib.sha256()
    for path in sorted(imported_closure(modules, root)):
        digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@functools.cache
def running_code_digest(modules: tuple[str, ...]) -> str:
    """`code_digest` of the code this process runs, worked out once: it was read when
    imported, so a long-running `newsgen serve` does not parse it at every rebuild."""
    return code_digest(modules)


def imported_closure(modules: Iterable[str], root: Path = PACKAGE_ROOT) -> set[Path]:
    """The files of `modules` and of the newsgen modules they import, transitively."""
    found: set[Path] = set()
    followed: set[Path] = set()
    waiting = [(name, True) for name in modules]
    while waiting:
        name, follow = waiting.pop()
        path = module_file(name, root)
        if path is None or path in (followed if follow else found):
            continue
        found.add(path)
        if follow:
            followed.add(path)
            waiting.extend((imported, True) for imported in _imports(path))
        # Importing a module runs its package's `__init__` too, but the module does not run
        # through what that re-exports (`from newsgen.topics import …` would, and follows).
        waiting.append((name.rpartition(".")[0], False))
    return found


def module_file(name: str, root: Path = PACKAGE_ROOT) -> Path | None:
    """The file of the newsgen module `name` (`newsgen.topics.find`); None for others."""
    if name != "newsgen" and not name.startswith("newsgen."):
        return None
    parts = name.split(".")[1:]
    candidates = [root.joinpath(*parts, "__init__.py")]
    if parts:
        candidates.append(root.joinpath(*parts[:-1], f"{parts[-1]}.py"))
    return next((path for path in candidates if path.is_file()), None)


def _imports(path: Path) -> list[str]:
    """The modules `path` imports; `from package import module` names the module too."""
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names
