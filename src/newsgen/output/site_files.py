"""Which files of a site's `static/` and `root/` folders are published as they are.

Of dot files, only those a web host reads are published (`.well-known/`, `.nojekyll`,
`.htaccess`): any other is private more often than not (`.env`, `.git`, `.vscode/`) or
the litter of a desktop (`.DS_Store`, `._photo.jpg`); nor are editors' backups.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

# Folders of version control: never published, and in the output folder never touched.
VERSION_CONTROL = frozenset({".git", ".hg", ".svn", ".bzr"})
# The dot files and folders a static host reads: GitHub Pages, Apache, ACME and security.txt.
HOST_DOT_FILES = frozenset({".well-known", ".nojekyll", ".htaccess"})
_DESKTOP_LITTER = frozenset({"Thumbs.db", "desktop.ini"})


def is_unpublished(name: str) -> bool:
    """Whether a file or folder named `name` stays out of the site: a dot file no host
    reads, a desktop's own file, an editor's backup or autosave."""
    if name.startswith("."):
        return name not in HOST_DOT_FILES
    return name in _DESKTOP_LITTER or name.endswith("~") or name.startswith("#")


def published_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Each file to publish under `folder`: its path relative to it (with `/`), and itself."""
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not is_unpublished(name))
        relative = Path(parent).relative_to(folder).as_posix()
        for name in sorted(names):
            path = Path(parent, name)
            if path.is_file() and not is_unpublished(name):
                yield (name if relative == "." else f"{relative}/{name}"), path
