"""Whether newsgen made what is in an output folder: it never removes what it did not make.

A site's folder holds only files listed in its marker (and temporaries of a build that
was stopped); a folder or file placed there by hand stops the build with a message
rather than be deleted by the swap.
"""

from __future__ import annotations

from pathlib import Path

from newsgen.errors import UsageError
from newsgen.output.files import TEMPORARY_SUFFIX
from newsgen.output.marker import MARKER
from newsgen.output.site_files import VERSION_CONTROL

# What setuptools leaves in a project's build/ besides lib/ (`pip install .`).
_SETUPTOOLS_FOLDERS = ("bdist.", "temp.", "scripts-")


def check_replaceable(output: Path) -> None:
    """Refuse an output folder that holds something newsgen did not make.

    Version control's folder is not counted: a gh-pages worktree or clone is an output.
    """
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise UsageError(f"output {output} is not a folder")
    held = sorted(p.name for p in output.iterdir()) if output.is_dir() else []
    held = [name for name in held if name not in VERSION_CONTROL]
    if not held or (output / MARKER).exists():
        return
    if all(name == "lib" or name.startswith(_SETUPTOOLS_FOLDERS) for name in held):
        raise UsageError(
            f"output folder {output} holds what `pip install .` left there (setuptools' "
            f"{', '.join(held)}), not a site: remove it (rm -r {output}) or choose another "
            "folder with --output"
        )
    raise UsageError(
        f"output folder {output} is not empty and was not made by newsgen "
        f"(no {MARKER} in it); choose a new or empty folder"
    )


def strays_only(folder: Path, unlisted: set[str], note: str = "") -> list[str]:
    """Give the temporaries among the files of `folder` its marker does not list; any other
    such file was put there by hand, and stops the build rather than be lost."""
    by_hand = sorted(path for path in unlisted if not path.endswith(TEMPORARY_SUFFIX))
    if by_hand:
        raise UsageError(_hand_placed_message(folder, by_hand) + note)
    return sorted(unlisted)


def _hand_placed_message(output: Path, paths: list[str]) -> str:
    shown = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
    return (
        f"{output} holds files newsgen did not make ({shown}); a build would remove them. "
        "Put files to publish at the site's root in root/ (CNAME, .nojekyll, .well-known/…), "
        "or delete them"
    )
