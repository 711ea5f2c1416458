"""Image files for tests, made with Pillow: the same bytes every run."""

from __future__ import annotations

import io

from PIL import Image


def picture(
    kind: str = "JPEG",
    size: tuple[int, int] = (1200, 800),
    colour: tuple[int, int, int] = (180, 40, 40),
    orientation: int | None = None,
) -> bytes:
    """An image of `kind` (Pillow's format name) and `size`: a colour with a lighter band,
    so that a crop or a turn shows. `orientation` is written as its EXIF orientation."""
    mode = "RGBA" if kind in ("PNG", "WEBP") else "RGB"
    image = Image.new(mode, size, colour)
    band = tuple(min(255, value + 60) for value in colour)
    image.paste(band, (0, 0, size[0], max(1, size[1] // 5)))
    out = io.BytesIO()
    options: dict[str, object] = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif.tobytes()
    image.save(out, kind, **options)
    return out.getvalue()
