"""Which files of a site's `static/` and `root/` folders are published as they are.

Dot files are published (`.nojekyll`, `.htaccess`, `.well-known/`): a host reads them.
Never published: version-control folders, the litter of desktops and editors.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Folders of version control: never published, and in the output folder never touched.
VERSION_CONTROL = frozenset({".git", ".hg", ".svn", ".bzr"})
_DESKTOP_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def is_litter(name: str) -> bool:
    """Whether `name` is a desktop's or an editor's own file (a swap file, a backup)."""
    return (
        name in _DESKTOP_LITTER
        or name.endswith("~")
        or name.startswith(("#", ".#"))
        or (name.startswith(".") and name.endswith((".swp", ".swo")))
    )


def published_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Each file to publish under `folder`: its path relative to it (with `/`), and itself."""
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if name not in VERSION_CONTROL)
        relative = Path(parent).relative_to(folder).as_posix()
        for name in sorted(names):
            path = Path(parent, name)
            if path.is_file() and not is_litter(name):
                yield (name if relative == "." else f"{relative}/{name}"), path
