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
from newsgen.render.thumbnails import THUMBNAIL_VERSION, thumbnail_bytes

# (path in the site, key, the image's path within the source folder, whether a thumbnail)
_Wanted = tuple[str, str, str, bool]


def publish_images(
    writer: SiteWriter,
    articles: Iterable[Article],
    source_dir: Path,
    known: dict[str, str],
    jobs: int,
) -> None:
    """Stage each image of `articles`, and each lead image's thumbnail: kept from the live
    site when its key is `known` there, else copied or made (thumbnails on `jobs`)."""
    wanted = list(_wanted(articles))
    same = {path: key for path, key, _, _ in wanted if known.get(path) == key}
    missing = set(writer.keep_all(same))
    to_make = [each for each in wanted if each[0] not in same or each[0] in missing]
    for path, key, within, _ in (each for each in to_make if not each[3]):
        writer.write(path, (source_dir / within).read_bytes(), key)
    thumbnails = [each for each in to_make if each[3]]
    tasks = [source_dir / within for _, _, within, _ in thumbnails]
    made = ordered_map(_thumbnail_of, tasks, jobs)
    for (path, key, _, _), data in zip(thumbnails, made, strict=True):
        writer.write(path, data, key)


def _wanted(articles: Iterable[Article]) -> Iterator[_Wanted]:
    for article in articles:
        for image in article.images:
            yield f"{article.url}{image.name}", f"image {image.digest}", image.source, False
        lead = article.image
        if lead:
            key = f"thumbnail {THUMBNAIL_VERSION} {lead.digest}"
            yield f"{article.url}{lead.thumbnail}", key, lead.source, True


def _thumbnail_of(path: Path) -> bytes:
    return thumbnail_bytes(path.read_bytes())
