"""Which file of the built site a request asks for, the way a static host answers.

Only files inside the output folder are ever served: `..` in any encoding, backslashes,
NUL bytes, dot files and folders (`.git`, `.newsgen-build`; `/.well-known/` aside, as
hosts serve it) and symbolic links that lead outside all come out as "not found". A
folder is served by its `index.html`; a folder asked for without its final slash is
redirected to the same path with one (a path on this host only: it always starts with
exactly one `/`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

# What may stay as it is in a query: its separators and escapes; anything else is escaped.
_QUERY_SAFE = "=&;%+/:@!$'()*,?"


@dataclass(frozen=True)
class Found:
    """The request names this file."""

    path: Path


@dataclass(frozen=True)
class Redirect:
    """The request names a folder without its final slash: send the client here."""

    location: str


@dataclass(frozen=True)
class NotFound:
    """Nothing the site may serve is at this path."""


Resolution = Found | Redirect | NotFound


def resolve_request(root: Path, target: str) -> Resolution:
    """Give what the request target (`/2025/11/07/slug/?q=1`) names under `root`."""
    raw_path = urlsplit(target).path if "://" in target else target.split("?", 1)[0]
    raw_path = raw_path.split("#", 1)[0]
    try:
        path = unquote(raw_path, errors="strict") if "%" in raw_path else raw_path
    except UnicodeDecodeError:
        return NotFound()
    segments = [s for s in path.split("/") if s]
    if not _safe(path, segments):
        return NotFound()
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, *segments))
    if candidate != real_root and not candidate.startswith(real_root + os.sep):
        return NotFound()  # a symbolic link that leads outside the site
    if os.path.isdir(candidate):
        if not path.endswith("/"):
            folder = "/" + "".join(f"{quote_segment(s)}/" for s in segments)
            return Redirect(folder + _query_of(target))
        return _index_of(candidate, real_root)
    return Found(Path(candidate)) if os.path.isfile(candidate) else NotFound()


def _query_of(target: str) -> str:
    """The target's query, kept through a redirect: `/search?q=…` → `/search/?q=…`."""
    query = target.partition("?")[2].partition("#")[0]
    return f"?{quote(query, safe=_QUERY_SAFE)}" if query else ""


def _safe(path: str, segments: list[str]) -> bool:
    if "\\" in path or "\x00" in path or not path.startswith("/"):
        return False
    # `..`, `.` and dot files, but for `/.well-known/` (security.txt, ACME), which hosts serve.
    hidden = [s for s in segments if s.startswith(".")]
    return not hidden or (hidden == [".well-known"] and segments[0] == ".well-known")


def _index_of(folder: str, real_root: str) -> Resolution:
    index = os.path.realpath(os.path.join(folder, "index.html"))
    if index.startswith(real_root + os.sep) and os.path.isfile(index):
        return Found(Path(index))
    return NotFound()  # no directory listings


def quote_segment(segment: str) -> str:
    """Percent-encode one path segment for a Location header."""
    return quote(segment, safe="")
