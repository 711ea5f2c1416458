"""Images beside articles: which files may be published, checked before any page uses them.

An image is untrusted input like an article. Allowed: JPEG, PNG, WebP and GIF, told by
their bytes, not their names; at most `max_image_kb` (10 MB unless set) and 50 megapixels.
SVG is refused: it is a document that can run script in a reader's browser. Each image is
decoded once here, at a small scale, so a truncated or damaged file is reported with the
article rather than failing the build's last step.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from newsgen.records import ArticleImage
from newsgen.slugs import slugify

# Pillow's format → the suffix its file is published with, and its media type.
PUBLISHED_TYPES = {
    "JPEG": (".jpg", "image/jpeg"),
    "PNG": (".png", "image/png"),
    "WEBP": (".webp", "image/webp"),
    "GIF": (".gif", "image/gif"),
}
# Names of files taken as images (a seed's lead image, `newsgen serve` watching them).
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
DEFAULT_MAX_IMAGE_KB = 10 * 1024
MAX_PIXELS = 50_000_000
# EXIF orientations that turn the picture a quarter: the browser swaps its sides.
_QUARTER_TURNS = frozenset({5, 6, 7, 8})
_ORIENTATION = 0x0112


class ImageProblem(Exception):
    """What is wrong with an image file, in a user's words."""


@dataclass(frozen=True)
class ImageRequest:
    """An image an article asks for: its path within the source folder, and its words."""

    within: str
    alt: str = ""
    caption: str = ""


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)


def check_image(request: ImageRequest, source_dir: Path, max_bytes: int) -> ArticleImage:
    """Give the image `request` names, read and checked; raise `ImageProblem` if it is
    missing, outside the source folder, too large, or not an image newsgen publishes."""
    path = source_dir / request.within
    if not path.resolve().is_relative_to(source_dir.resolve()):
        raise ImageProblem("is outside the source folder")
    data = _read_image_bytes(path, max_bytes, f"{source_dir.name}/{request.within}")
    if request.within.lower().endswith(".svg") or data.lstrip()[:1] == b"<":
        raise ImageProblem("is SVG or markup: it could run script, use PNG, JPEG, WebP or GIF")
    kind, width, height = _picture_of(data)
    suffix, media_type = PUBLISHED_TYPES[kind]
    return ArticleImage(
        name=published_name(request.within, suffix),
        width=width,
        height=height,
        media_type=media_type,
        size=len(data),
        digest=hashlib.blake2b(data, digest_size=8).hexdigest(),
        alt=request.alt,
        caption=request.caption,
        source=request.within,
    )


def published_name(within: str, suffix: str) -> str:
    """The file name an image is published under: its name as a slug, with the suffix of
    its type (`Фото 1.JPG` → `foto-1.jpg`), so that it is safe in any URL."""
    stem = slugify(PurePosixPath(within).stem) or "image"
    return f"{stem}{suffix}"


def _read_image_bytes(path: Path, max_bytes: int, shown: str) -> bytes:
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > max_bytes:
                raise ImageProblem(_too_large(size, max_bytes))
            data = file.read(max_bytes + 1)
    except FileNotFoundError:
        raise ImageProblem(f"is missing: there is no file {shown}") from None
    except IsADirectoryError:
        raise ImageProblem("is a folder, not an image") from None
    except OSError as error:
        raise ImageProblem(f"cannot be read: {error.strerror}") from None
    if len(data) > max_bytes:
        raise ImageProblem(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (
        f"is {-(-size // 1024):,} KB, over the limit of {max_bytes // 1024:,} KB "
        "(max_image_kb in newsgen.yaml)"
    )


def _picture_of(data: bytes) -> tuple[str, int, int]:
    """The type and the shown size of the picture in `data`, once it decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as picture:
                kind, (width, height) = picture.format or "", picture.size
                if kind not in PUBLISHED_TYPES:
                    raise ImageProblem(f"is {kind or 'of no known type'}: use {_ALLOWED}")
                if width * height > MAX_PIXELS:
                    raise ImageProblem(_too_many_pixels(width, height))
                picture.draft("RGB", (256, 256))  # a JPEG decodes at an eighth: enough to check
                picture.load()
                turned = picture.getexif().get(_ORIENTATION) in _QUARTER_TURNS
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise ImageProblem(f"has too many pixels: at most {MAX_PIXELS:,}") from None
        except UnidentifiedImageError:
            raise ImageProblem(f"is not an image newsgen can read: use {_ALLOWED}") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise ImageProblem(f"is damaged: {error}") from None
    return (kind, height, width) if turned else (kind, width, height)


_ALLOWED = "PNG, JPEG, WebP or GIF"


def _too_many_pixels(width: int, height: int) -> str:
    return f"is {width:,}×{height:,} pixels: at most {MAX_PIXELS // 1_000_000} megapixels"
