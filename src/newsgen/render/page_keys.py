"""Fingerprints of what a page is made from, so a rebuild renders only changed pages.

A page's key digests its template name, everything in its context (articles, pagers,
archives, topics, followed field by field) and the render environment: the templates'
files, the settings and newsgen's version. Equal keys give equal bytes, because
rendering is deterministic; a page whose key matches the live site's is not rendered
again. Shared objects (an archive's topic with thousands of articles) are digested
once per build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsgen import __version__
from newsgen.code_digest import running_code_digest
from newsgen.config import SiteConfig
from newsgen.plan.pages import Page

_DIGEST = 16
_SCALARS = frozenset({type(None), bool, int, float})
_TIMES = frozenset({dt.date, dt.datetime})


class PageKeys:
    """Computes page keys, remembering the digest of each record (and page) it has seen.

    The memory holds the records themselves, so an id is never reused while remembered;
    a long-running process may keep one `PageKeys` for as long as the salt holds.
    """

    def __init__(self, salt: bytes) -> None:
        self.salt = salt
        self._memo: dict[int, tuple[object, bytes]] = {}
        self._keys: dict[int, tuple[Page, str]] = {}

    def forget(self) -> None:
        """Let go of every record remembered (a process whose records are all new)."""
        self._memo.clear()
        self._keys.clear()

    def key(self, page: Page) -> str:
        """Give the key of `page`: equal keys, equal output."""
        known = self._keys.get(id(page))
        if known is not None and known[0] is page:
            return known[1]
        digest = hashlib.blake2b(self.salt, digest_size=_DIGEST)
        digest.update(page.template.encode())
        digest.update(self._digest(page.context))
        key = digest.hexdigest()
        self._keys[id(page)] = (page, key)
        return key

    def record_digest(self, record: object) -> str:
        """Digest one record's fields (a teaser's, all that lists show of an article) as
        page keys do, remembered for the pages that show it. Times count as ISO 8601: one
        read from its file and one read back from the load memo carry their zone in other
        types, and show the same."""
        return self._composite(record)[1:].hex()

    def record_key(self, record: object) -> str:
        """Give the key of one record (an article) rendered with this salt, page aside."""
        digest = hashlib.blake2b(self.salt, digest_size=_DIGEST)
        digest.update(self._digest(record))
        return digest.hexdigest()

    def _digest(self, value: Any) -> bytes:
        kind = type(value)
        if kind is str:
            encoded = str(value).encode()
            return b"s%d:" % len(encoded) + encoded
        if kind in _SCALARS:
            return repr(value).encode() + b"\x00"
        if kind in _TIMES:
            return b"d" + str(value.isoformat()).encode() + b"\x00"
        return self._composite(value)

    def _composite(self, value: Any) -> bytes:
        remembered = self._memo.get(id(value))
        if remembered is not None and remembered[0] is value:
            return remembered[1]
        digest = hashlib.blake2b(type(value).__name__.encode(), digest_size=_DIGEST)
        for part in _parts(value):
            digest.update(self._digest(part))
        result = b"c" + digest.digest()
        if _field_names(type(value)) is not None:  # records are frozen: digests never change
            self._memo[id(value)] = (value, result)
        return result


def _parts(value: Any) -> Sequence[Any]:
    names = _field_names(type(value))
    if names is not None:
        return [getattr(value, name) for name in names]
    if isinstance(value, Mapping):
        return [item for key in sorted(value) for item in (key, value[key])]
    if isinstance(value, (list, tuple, range)):
        return list(value)
    raise TypeError(f"cannot fingerprint a {type(value).__name__} in a page's context")


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The fields of a dataclass type that pages show (None for other types), looked up
    once per type: where an article's source lies is in no page (`records.NOT_SHOWN`)."""
    if kind not in _FIELD_NAMES:
        fields = dataclasses.fields(kind) if dataclasses.is_dataclass(kind) else None
        _FIELD_NAMES[kind] = (
            None
            if fields is None
            else tuple(f.name for f in fields if f.metadata.get("shown", True))
        )
    return _FIELD_NAMES[kind]


# Where the rendering starts (and the page keys are made): the digest follows their imports.
RENDERING_CODE = ("newsgen.render.jinja", "newsgen.render.pool", "newsgen.render.page_keys")


def render_salt(config: SiteConfig, template_dirs: Sequence[Path], fallback_time: str) -> bytes:
    """Digest what every page's rendering depends on besides its context."""
    digest = hashlib.blake2b(digest_size=_DIGEST)
    digest.update(f"{__version__}\n{config!r}\n{fallback_time}\n".encode())
    for package in ("Babel", "Jinja2", "MarkupSafe", "nh3", "Markdown"):
        digest.update(f"{package} {importlib.metadata.version(package)}\n".encode())
    digest.update(f"Python {sys.version}\n".encode())
    digest.update(running_code_digest(RENDERING_CODE).encode())
    for folder in template_dirs:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                digest.update(f"{path.relative_to(folder)}\n".encode())
                digest.update(path.read_bytes())
    return digest.digest()
