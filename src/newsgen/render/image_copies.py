"""Smaller copies of lead images: thumbnails for lists, and narrower copies for pages.

A list shows each thumbnail at 120×80 CSS pixels; the file holds twice as many, for
screens of two pixels a point, cropped alike. An article page offers the browser its lead
image also 640 and 1280 pixels wide, to take what its screen needs. All in WebP, which
every browser of the last years shows, at a fraction of a JPEG's bytes. The same image
gives the same bytes on any machine with the same Pillow.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageOps

THUMBNAIL_PIXELS = (240, 160)
SHOWN_SIZE = (120, 80)  # CSS pixels, in the theme's lists
COPIES_VERSION = 1  # a new one (sizes, quality) makes every copy again
_QUALITY = 78
_FILTER = Image.Resampling.BICUBIC


def copies_bytes(data: bytes, widths: Sequence[int | None]) -> list[bytes]:
    """Copies of the image `data` (checked by the loader), decoded once, turned as its EXIF
    says, in WebP: for each of `widths`, that many pixels wide in its own proportions, or
    (None) the thumbnail, cropped to 3:2 about its centre."""
    with Image.open(io.BytesIO(data)) as picture:
        # A JPEG decodes at a half, a quarter or an eighth when that is still large enough.
        side = max(width or 2 * max(THUMBNAIL_PIXELS) for width in widths)
        picture.draft("RGB", (side, side))
        upright = ImageOps.exif_transpose(picture)
        whole = upright.convert("RGBA" if upright.has_transparency_data else "RGB")
    return [_webp(_resized(whole, width)) for width in widths]


def _resized(picture: Image.Image, width: int | None) -> Image.Image:
    # Bicubic: beside Lanczos, a quarter faster for no difference a reader would see.
    if width is None:
        return ImageOps.fit(picture, THUMBNAIL_PIXELS, _FILTER)
    height = max(1, round(picture.height * width / picture.width))
    return picture.resize((width, height), _FILTER, reducing_gap=2.0)


def _webp(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    # Effort 2 of 6: a third of the default's time (4) for files a few percent larger.
    picture.save(out, "WEBP", quality=_QUALITY, method=2)
    return out.getvalue()
