"""The images of one article: found, checked, named, and what its outcome depends on.

A seed's image is the file of its name beside it (`001_….jpg` beside `001_….txt`); a
Markdown article's are its `image:` and the local images its body shows or links to. Each
problem is reported at the line that names the image.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from newsgen.errors import SourceError
from newsgen.records import ArticleImage
from newsgen.sources.body_images import local_references, with_published_images, within_source
from newsgen.sources.discover import Stamp
from newsgen.sources.front_matter import LeadImage
from newsgen.sources.images import ImageProblem, ImageRequest, check_image
from newsgen.sources.media import SAME_NAME, Depends, stamp_of


@dataclass(frozen=True)
class ArticleImages:
    """What an article shows of images: its lead, every one published, its body pointed at
    them (Markdown), and the images its outcome depends on."""

    lead: ArticleImage | None = None
    images: tuple[ArticleImage, ...] = ()
    body_html: str | None = None
    depends: Depends = ()
    problems: tuple[SourceError, ...] = ()  # when there are any, it shows none


@dataclass(frozen=True)
class _Asked:
    request: ImageRequest
    line: int
    written: str  # as the source writes it, for messages


def seed_depends(source: Path, image: str | None) -> Depends:
    """What a seed's outcome relies on: the image of its name beside it, stamped before it
    is read; nothing when it has none (an image that comes is `MediaFiles.gained_image`)."""
    if image is None:
        return ()
    return ((f"{os.path.splitext(os.fspath(source))[0]}{SAME_NAME}", stamp_of(image)),)


def seed_image(image: str | None, source_dir: Path, max_bytes: int) -> ArticleImages:
    """The image `image` found beside a seed, checked: `ImageProblem` when it cannot be
    published (a problem of the seed)."""
    if image is None:
        return ArticleImages()
    within = Path(image).relative_to(source_dir).as_posix()
    checked = check_image(ImageRequest(within), source_dir, max_bytes)
    return ArticleImages(checked, (checked,))


def markdown_images(
    lead: LeadImage | None,
    lead_line: int,
    body_html: str,
    text: str,
    source: Path,
    source_dir: Path,
    max_bytes: int,
) -> ArticleImages:
    """The images of the Markdown article at `source` (whose text is `text`), checked, or
    the problems with them."""
    within = source.relative_to(source_dir).as_posix()
    shown = f"{source_dir.name}/{within}"
    # Each local reference of the body, with the path within the source folder it names.
    references = [(ref, within_source(ref, within)) for ref in local_references(body_html)]
    asked, problems = _asked(lead, lead_line, references, text, within, shown)
    checked: list[ArticleImage] = []
    depends: list[tuple[str, Stamp | None]] = []
    for each in asked:
        path = os.path.join(source_dir, each.request.within)
        depends.append((path, stamp_of(path)))
        try:
            checked.append(check_image(each.request, source_dir, max_bytes))
        except ImageProblem as problem:
            problems.append(SourceError(shown, each.line, f"image {each.written!r} {problem}"))
    if problems:
        in_order = sorted(problems, key=lambda problem: problem.line)
        return ArticleImages(depends=tuple(depends), problems=tuple(in_order))
    named = _distinct_names(checked)
    by_source = {image.source: image for image in named}
    shown_at = {ref: by_source[path] for ref, path in references if path is not None}
    return ArticleImages(
        by_source[asked[0].request.within] if lead else None,
        tuple(named),
        with_published_images(body_html, shown_at),
        tuple(depends),
    )


def _asked(
    lead: LeadImage | None,
    lead_line: int,
    references: list[tuple[str, str | None]],
    text: str,
    within: str,
    shown: str,
) -> tuple[list[_Asked], list[SourceError]]:
    """The images the article asks for, the lead first, each once; and the references that
    cannot be images of it (addresses for `image:`, paths out of the source folder)."""
    asked: dict[str, _Asked] = {}
    problems = []
    if lead:
        path = within_source(lead.path, within) if _is_relative(lead.path) else None
        if path is None:
            message = (
                f"image {lead.path!r} must be a file in the source folder, named by its "
                "path from the article's file"
            )
            problems.append(SourceError(shown, lead_line, message))
        else:
            asked[path] = _Asked(ImageRequest(path, lead.alt, lead.caption), lead_line, lead.path)
    for ref, path in references:
        line = _line_naming(text, ref)
        if path is None:
            problems.append(SourceError(shown, line, f"image {ref!r} is outside the source folder"))
        elif path not in asked:
            asked[path] = _Asked(ImageRequest(path), line, ref)
    return list(asked.values()), problems


def _is_relative(written: str) -> bool:
    """Whether `image:` is a relative path: not an address, nor a path from a root."""
    return not (written.startswith(("/", "\\")) or ":" in written.split("/", 1)[0])


def _line_naming(text: str, reference: str) -> int:
    """The first line of `text` that names `reference` or its file name, as decoded or as
    percent-encoded (`%D0%9A%D0%B0…`), else 1."""
    name = PurePosixPath(reference).name
    for needle in (reference, quote(reference), name, quote(name)):
        at = text.find(needle)
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 1


def _distinct_names(images: list[ArticleImage]) -> list[ArticleImage]:
    """`images` with the names they are published under made distinct: `a/photo.jpg` and
    `b/photo.jpg` are both `photo.jpg` by name; the second is told by its bytes' digest."""
    taken: set[str] = set()
    named = []
    for image in images:
        name, (stem, suffix) = image.name, os.path.splitext(image.name)
        tries = (f"{stem}-{image.digest[:8]}{f'-{n}' if n else ''}{suffix}" for n in range(99))
        while name in taken:
            name = next(tries)
        taken.add(name)
        named.append(replace(image, name=name))
    return named
