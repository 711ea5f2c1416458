"""Where a build may write: never over the sources, the site, or a folder it reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsgen.build_inputs import ROOT_FILES
from newsgen.errors import UsageError
from newsgen.output import check_replaceable

if TYPE_CHECKING:
    from newsgen.build import BuildOptions


def check_output_location(options: BuildOptions) -> None:
    """Refuse an output folder whose replacement would destroy sources or the site itself."""
    output = options.output_dir.resolve()
    protected = {
        "the root folder": Path("/"),
        "the site folder": options.site_root.resolve(),
        "the source folder": options.source_dir.resolve(),
        "your home folder": Path.home().resolve(),
    }
    for name, place in protected.items():
        if output == place or output in place.parents:
            raise UsageError(f"--output {options.output_dir} would replace {name}; choose another")
    inside = {
        "the source folder": options.source_dir,
        "the site's static/ folder": options.site_root / "static",
        "the site's root/ folder": options.site_root / ROOT_FILES,
        "the site's templates/ folder": options.site_root / "templates",
    }
    for name, folder in inside.items():  # each build would publish the last one in it
        if folder.resolve() == output or folder.resolve() in output.parents:
            raise UsageError(f"--output {options.output_dir} is inside {name}")
    if not options.source_dir.is_dir():
        raise UsageError(f"source folder {options.source_dir} does not exist")
    check_replaceable(options.output_dir.absolute())  # said at once, not after finding every topic
