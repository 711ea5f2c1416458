"""The images a Markdown body shows from beside its file, found in its sanitised HTML and
pointed at their published copies.

A local reference is a relative path (`photo.jpg`, `img/photo.jpg`, `../shared/map.png`):
not an address with a scheme, nor one from the site's root. Each `<img>` whose source is
one, and each link to a local image file, is taken; the rest of the HTML is left as it is.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from urllib.parse import unquote

from newsgen.records import ArticleImage
from newsgen.sources.images import is_image_name

_TAG = re.compile(r"<(a|img)\b[^>]*>")
_TARGET = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SIZE = re.compile(r'\s(?:width|height|loading|decoding)="[^"]*"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def local_references(body_html: str) -> list[str]:
    """Each local image the body shows or links to, as written (decoded), in order, once."""
    found: dict[str, None] = {}
    for tag in _TAG.finditer(body_html):
        written = _target_of(tag.group(0))
        if written and (tag.group(1) == "img" or is_image_name(posixpath.basename(written))):
            found.setdefault(written, None)
    return list(found)


def within_source(reference: str, article_within: str) -> str | None:
    """The path within the source folder that `reference`, written in the article at
    `article_within`, names; None when it leads out of the source folder."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(article_within), reference))
    return None if joined == ".." or joined.startswith(("../", "/")) else joined


def with_published_images(body_html: str, published: Mapping[str, ArticleImage]) -> str:
    """`body_html` with each local reference pointed at its published image (by the name
    it is published under, beside the page), and each such `<img>` sized and lazy."""

    def repoint(tag: re.Match[str]) -> str:
        image = published.get(_target_of(tag.group(0)) or "")
        if image is None:
            return tag.group(0)
        pointed = _TARGET.sub(lambda m: f"{m.group(1)}{image.name}{m.group(3)}", tag.group(0), 1)
        if tag.group(1) == "a":
            return pointed
        size = f' width="{image.width}" height="{image.height}" loading="lazy" decoding="async"'
        return f"{_SIZE.sub('', pointed[:-1]).rstrip(' /')}{size}>"

    return _TAG.sub(repoint, body_html)


def _target_of(tag: str) -> str | None:
    """The local path a tag's `href` or `src` names; None when it names none."""
    target = _TARGET.search(tag)
    return _local_path(target.group(2)) if target else None


def _local_path(attribute: str) -> str | None:
    """The path an attribute's value names, when it is a local one; else None."""
    value = html.unescape(attribute).strip()
    if not value or value.startswith(("/", "#", "?", "\\")) or _SCHEME.match(value):
        return None
    path = unquote(value.split("#", 1)[0].split("?", 1)[0])
    return path or None
