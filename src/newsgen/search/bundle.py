"""Pagefind's output made byte-for-byte reproducible, and trimmed to what the site loads.

Pagefind (1.5) writes the values of each filter in hash-map order, which changes from run
to run, and names the filter files (and the metadata file that lists them, and the entry
file that names that) by hashes of their bytes. So the same pages give a differently named
bundle on each run. We put each filter's values in order, name the files by our own
digest of their bytes and patch the references; Pagefind's script reads them all the same.

The files are gzip-compressed CBOR behind a `pagefind_dcd` signature; `cbor2` re-encodes
Pagefind's CBOR byte for byte (checked by the tests), so only the order changes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from typing import Any

import cbor2

from newsgen.errors import OutputError

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
# The bundle our search page needs; Pagefind's own UI scripts and styles are left out.
_NEEDED = re.compile(
    r"pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind"
    r"|pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)/[\w-]+\.pf_\w+"
)
_META = re.compile(r"pagefind\.([\w-]+)\.pf_meta")
_FILTER = re.compile(r"filter/([\w-]+)\.pf_filter")


def reproducible_bundle(files: dict[str, bytes]) -> dict[str, bytes]:
    """Give the files the site needs of Pagefind's output, with filters in a stable order."""
    kept = {path: data for path, data in files.items() if _NEEDED.fullmatch(path)}
    if ENTRY not in kept:
        raise OutputError(f"Pagefind wrote no {ENTRY}")
    wanted = _wasm_files(kept[ENTRY])
    kept = {p: d for p, d in kept.items() if not p.startswith("wasm.") or p in wanted}
    metas = [path for path in kept if _META.fullmatch(path)]
    for meta_path in metas:
        _reorder_language(kept, meta_path)
    return dict(sorted(kept.items()))


def _wasm_files(entry: bytes) -> set[str]:
    """The WebAssembly files the entry names (one per indexed language; the rest go unused)."""
    try:
        languages = json.loads(entry)["languages"].values()
        return {f"wasm.{language['wasm']}.pagefind" for language in languages}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise OutputError(f"Pagefind's {ENTRY} is not in the layout of Pagefind 1.5") from None


def _reorder_language(files: dict[str, bytes], meta_path: str) -> None:
    """Reorder one language's filter files, rename them, and patch its meta and the entry."""
    match = _META.fullmatch(meta_path)
    assert match is not None
    old_hash = match.group(1)
    language = old_hash.rsplit("_", 1)[0]
    meta = _decode(files.pop(meta_path), meta_path)
    renamed = {}
    for filter_name, filter_hash in _filter_list(meta, meta_path):
        old_path = f"filter/{filter_hash}.pf_filter"
        if old_path not in files:
            raise OutputError(f"Pagefind's {meta_path} names {old_path}, which it did not write")
        data = _encode(_ordered_filter(_decode(files.pop(old_path), old_path), old_path))
        new_hash = f"{language}_{_digest(data, 7)}"
        files[f"filter/{new_hash}.pf_filter"] = data
        renamed[filter_name] = new_hash
    meta[3] = [[name, renamed[name]] for name in sorted(renamed)]
    meta_data = _encode(meta)
    new_hash = f"{language}_{_digest(meta_data, 10)}"
    files[f"pagefind.{new_hash}.pf_meta"] = meta_data
    entry = files[ENTRY].decode("utf-8")
    if f'"{old_hash}"' not in entry:
        raise OutputError(f"Pagefind's {ENTRY} does not name {meta_path}")
    files[ENTRY] = entry.replace(f'"{old_hash}"', f'"{new_hash}"').encode("utf-8")


def _filter_list(meta: Any, where: str) -> list[tuple[str, str]]:
    """The (filter name, file hash) pairs of a decoded meta file (its fourth field)."""
    try:
        return [(str(name), str(hash_)) for name, hash_ in meta[3]]
    except (IndexError, TypeError, ValueError):
        raise OutputError(f"Pagefind's {where} is not in the layout of Pagefind 1.5") from None


def _ordered_filter(decoded: Any, where: str) -> list[Any]:
    """A filter's values by name, each with its pages in order."""
    try:
        name, values = decoded
        return [name, sorted(([value, sorted(pages)] for value, pages in values), key=_first)]
    except (TypeError, ValueError):
        raise OutputError(f"Pagefind's {where} is not in the layout of Pagefind 1.5") from None


def _first(pair: list[Any]) -> str:
    return str(pair[0])


def _decode(data: bytes, where: str) -> Any:
    try:
        raw = gzip.decompress(data)
        if raw.startswith(SIGNATURE):
            return cbor2.loads(raw[len(SIGNATURE) :])
    except (OSError, EOFError, ValueError, cbor2.CBORDecodeError):
        pass
    raise OutputError(f"Pagefind's {where} is not in the layout of Pagefind 1.5")


def _encode(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def _digest(data: bytes, length: int) -> str:
    return hashlib.sha256(gzip.decompress(data)).hexdigest()[:length]
