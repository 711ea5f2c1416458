"""Finding the source files of a site, by one documented rule.

A source is a regular file ending in `.txt` (seed format) or `.md`/`.markdown`
(Markdown with front matter), anywhere under the source folder. Ignored: names and
folders starting with `.` (hidden files, `.git`, editor swap files) or `#` (editor
autosaves), names ending in `~` (editor backups), and files with any other extension.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SEED_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class SourceFiles:
    """The source files found, in path order, and how many other files were ignored."""

    paths: tuple[Path, ...]
    ignored: int


def find_sources(source_dir: Path) -> SourceFiles:
    """Give every source file under `source_dir`, sorted, and the count of ignored files."""
    found: list[Path] = []
    ignored = 0
    for folder, subfolders, names in os.walk(source_dir):
        subfolders[:] = sorted(d for d in subfolders if not _is_hidden(d))
        for name in names:
            path = Path(folder, name)
            # A FIFO or device named `.txt` would hang or mislead the build: not a source.
            if is_source_name(name) and path.is_file():
                found.append(path)
            else:
                ignored += 1
    return SourceFiles(tuple(sorted(found)), ignored)


def is_source_name(name: str) -> bool:
    """Whether a file of this name is a source by the rule in this module's docstring."""
    if _is_hidden(name) or name.endswith("~"):
        return False
    return name.lower().endswith(SEED_SUFFIXES + MARKDOWN_SUFFIXES)


def _is_hidden(name: str) -> bool:
    return name.startswith((".", "#"))
