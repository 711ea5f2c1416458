"""Publishing the images articles show, and their thumbnails, beside the articles' pages.

Each file's key names the image's bytes (its digest): a rebuild keeps every image and
thumbnail whose image did not change, without reading it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgen.output.writer import SiteWriter
from newsgen.parallel import ordered_map
from newsgen.records import Article
from newsgen.render.image_copies import COPIES_VERSION, copies_bytes

Copy = int | str  # which copy of an image: itself, its thumbnail, or a width
# A file to publish: its path in the site, its key, the image's path within the source
# folder, and which copy of it.
_Wanted = tuple[str, str, str, Copy]
_ITSELF, _THUMBNAIL = "itself", "thumbnail"


def publish_images(
    writer: SiteWriter,
    articles: Iterable[Article],
    source_dir: Path,
    known: dict[str, str],
    jobs: int,
) -> None:
    """Stage each image of `articles`, and each lead image's thumbnail and narrower copies:
    kept from the live site when its key is `known` there, else copied or made (the copies
    on `jobs`)."""
    wanted = list(_wanted(articles))
    same = {path: key for path, key, _, _ in wanted if known.get(path) == key}
    missing = set(writer.keep_all(same))
    to_make = [each for each in wanted if each[0] not in same or each[0] in missing]
    for path, key, within, _ in (each for each in to_make if each[3] == _ITSELF):
        writer.write(path, (source_dir / within).read_bytes(), key)
    by_image: dict[str, list[_Wanted]] = {}
    for each in to_make:
        if each[3] != _ITSELF:
            by_image.setdefault(each[2], []).append(each)
    tasks = [
        (source_dir / within, [copy for *_, copy in made]) for within, made in by_image.items()
    ]
    for group, data in zip(by_image.values(), ordered_map(_copies_of, tasks, jobs), strict=True):
        for (path, key, _, _), copy in zip(group, data, strict=True):
            writer.write(path, copy, key)


def _wanted(articles: Iterable[Article]) -> Iterator[_Wanted]:
    for article in articles:
        for image in article.images:
            yield f"{article.url}{image.name}", f"image {image.digest}", image.source, _ITSELF
        lead = article.image
        if lead is None:
            continue
        key = f"{_THUMBNAIL} {COPIES_VERSION} {lead.digest}"
        yield f"{article.url}{lead.thumbnail}", key, lead.source, _THUMBNAIL
        for width in lead.widths:
            key = f"{width} {COPIES_VERSION} {lead.digest}"
            yield f"{article.url}{lead.sized(width)}", key, lead.source, width


def _copies_of(task: tuple[Path, list[Copy]]) -> list[bytes]:
    """The copies of one image (decoded once)."""
    path, copies = task
    widths = [None if copy == _THUMBNAIL else int(copy) for copy in copies]
    return copies_bytes(path.read_bytes(), widths)
