"""The write stage: the site's files into the output folder, all or nothing."""

from newsgen.output.article_images import publish_images
from newsgen.output.copy_files import copy_root_files, copy_static
from newsgen.output.marker import MARKER, marker_stamp
from newsgen.output.ownership import check_replaceable
from newsgen.output.writer import SiteWriter, WriteReport

__all__ = [
    "MARKER",
    "SiteWriter",
    "WriteReport",
    "check_replaceable",
    "copy_root_files",
    "copy_static",
    "marker_stamp",
    "publish_images",
]
