"""The site's own files, published as they are: `static/` under `/static/`, `root/` at the root."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsgen.errors import OutputError
from newsgen.output.site_files import published_files
from newsgen.output.writer import SiteWriter
from newsgen.urls import URLS


def copy_static(writer: SiteWriter, folders: Sequence[Path]) -> None:
    """Copy the theme's static files under `static/`; the site's own win over the theme's."""
    chosen: dict[str, Path] = {}
    for folder in reversed(folders):
        chosen.update(published_files(folder) if folder.is_dir() else ())
    for relative in sorted(chosen):
        writer.write(f"{URLS.static}{relative}", chosen[relative].read_bytes())


def copy_root_files(writer: SiteWriter, folder: Path) -> None:
    """Publish the files of the site's `root/` at the site's root (`CNAME`, `.nojekyll`…).

    Copied last: a file newsgen made itself at the same path is an error, not replaced.
    """
    for relative, path in published_files(folder) if folder.is_dir() else ():
        if writer.has(relative):
            where = (
                "static/ (put your version there)"
                if relative.startswith(URLS.static)
                else "the theme's templates (change it there)"
            )
            raise OutputError(
                f"{folder.name}/{relative}: newsgen makes /{relative} itself, from {where}; "
                "or remove this file"
            )
        writer.write(relative, path.read_bytes())
