"""The load memo kept between builds, in `<site>/.newsgen-cache/sources.sqlite`.

A daily build reads an archive that changed by a few files; parsing every file again was
the largest part of a rebuild. What each file gave is kept with its signature (path
within the source folder, size, time and inode): an unchanged file costs a `stat`. The
signature is taken before the file is read, so a file saved meanwhile is read next time.
The path is kept relative to the source folder, so sources read from another folder
(renamed, or a CI checkout) are still known. Records are kept as JSON, never pickled:
a cache copied between CI runs must not be able to run code.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsgen import __version__
from newsgen.code_digest import running_code_digest
from newsgen.errors import SourceError, WriteFailed
from newsgen.records import Article, ArticleImage, Body, Topic
from newsgen.sources.load_memo import Kept, Limits, LoadMemo, Outcome
from newsgen.sources.media import Depends

# What loading a file depends on: its code, the libraries that parse it, the size limit.
_LOADING_CODE = ("newsgen.sources.load",)
_PARSERS = ("Markdown", "nh3", "PyYAML", "python-dateutil", "Pillow")


@functools.lru_cache(maxsize=4)  # the code is digested once per process
def loading_salt(limits: Limits) -> str:
    """A digest of what loading depends on besides the file: a new one forgets the memo."""
    digest = hashlib.sha256(f"{__version__}\n{limits}\n".encode())
    for package in _PARSERS:
        digest.update(f"{package} {importlib.metadata.version(package)}\n".encode())
    digest.update(running_code_digest(_LOADING_CODE).encode())
    return digest.hexdigest()


def read_load_memo(path: Path, source_dir: Path, limits: Limits) -> LoadMemo:
    """The memo kept at `path` for `source_dir`; empty when there is none, it is damaged,
    or it was made by other code or settings."""
    memo = LoadMemo()
    if not path.is_file():
        return memo
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            stored = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if stored is None or stored[0] != loading_salt(limits):
                return memo
            rows = connection.execute(
                "SELECT path, mtime_ns, size, inode, outcome, depends FROM files"
            )
            memo.restore(
                {
                    os.path.join(source_dir, within): (
                        (mtime, size, inode),
                        _outcome(outcome, source_dir, within),
                        _depends(depends, source_dir),
                    )
                    for within, mtime, size, inode, outcome, depends in rows
                },
                limits,
            )
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
        return LoadMemo()  # no memo yet, or a damaged one: only time is lost
    return memo


def write_load_memo(memo: LoadMemo, path: Path, source_dir: Path, limits: Limits) -> None:
    """Keep `memo` at `path`: the files read this time, and no file that is gone."""
    salt = loading_salt(limits)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            _write_file(path, memo, source_dir, salt, memo.read_this_time())
        except sqlite3.DatabaseError:
            path.unlink()  # damaged (a disk error, a file written over): start a new one
            _write_file(path, memo, source_dir, salt, memo.remembered())
    except OSError as error:
        raise WriteFailed.of(error) from error
    except sqlite3.OperationalError as error:  # a full disk, a read-only folder
        raise WriteFailed.saying(str(error), path) from error


def _write_file(
    path: Path, memo: LoadMemo, source_dir: Path, salt: str, new: Mapping[str, Kept]
) -> None:
    """Keep the outcomes `new` and forget the files `memo` no longer knows."""
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        _write(connection, memo, source_dir, salt, new)


def _write(
    connection: sqlite3.Connection,
    memo: LoadMemo,
    source_dir: Path,
    salt: str,
    new: Mapping[str, Kept],
) -> None:
    connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    stored = connection.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
    if stored is None or stored[0] != salt:  # other code made it: its table may differ too
        connection.execute("DROP TABLE IF EXISTS files")
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('salt', ?)", (salt,))
    connection.execute(
        "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, mtime_ns INTEGER,"
        " size INTEGER, inode INTEGER, outcome TEXT, depends TEXT)"
    )
    start = len(os.path.join(source_dir, ""))  # paths within the source folder, as stored
    # A generator, not a list: a cold build's rows are the whole archive as JSON (about
    # twice the sources' size), which would otherwise all be in memory at once.
    rows = (
        (path[start:], *stamp, _json(_plain(outcome)), _relied_on(relied, start))
        for path, (stamp, outcome, relied) in new.items()
    )
    connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", rows)
    kept = [(path[start:],) for path in memo.remembered()]
    connection.execute("CREATE TEMP TABLE kept (path TEXT PRIMARY KEY)")
    connection.executemany("INSERT OR IGNORE INTO kept VALUES (?)", kept)
    connection.execute("DELETE FROM files WHERE path NOT IN (SELECT path FROM kept)")


def _json(plain: Any) -> str:
    return json.dumps(plain, ensure_ascii=False)  # Cyrillic as itself: a third the size


def _plain(outcome: Outcome) -> dict[str, Any]:
    """An outcome as JSON data; the shown path is left out (it names the source folder)."""
    if outcome is None:
        return {"draft": True}
    if isinstance(outcome, list):
        return {"errors": [[e.line, e.message, e.text] for e in outcome]}
    fields = {f.name: getattr(outcome, f.name) for f in dataclasses.fields(outcome)}
    del fields["source_path"]
    fields["date"] = outcome.date.isoformat()
    fields["body"] = [base64.b64encode(outcome.body.packed).decode(), outcome.body.digest]
    fields["published"] = outcome.published.isoformat() if outcome.published else None
    fields["topics"] = [[t.kind, t.name, t.slug] for t in outcome.topics]
    fields["updated"] = outcome.updated.isoformat() if outcome.updated else None
    fields["image"] = dataclasses.asdict(outcome.image) if outcome.image else None
    fields["images"] = [dataclasses.asdict(image) for image in outcome.images]
    return {"article": fields}


def _outcome(payload: str, source_dir: Path, within: str) -> Outcome:
    plain = json.loads(payload)
    shown = os.path.join(source_dir.name, within)
    if "draft" in plain:
        return None
    if "errors" in plain:
        return [SourceError(shown, line, message, text) for line, message, text in plain["errors"]]
    fields = dict(plain["article"])
    fields["date"] = dt.date.fromisoformat(fields["date"])
    if fields["published"] is not None:
        fields["published"] = dt.datetime.fromisoformat(fields["published"])
    fields["topics"] = tuple(Topic(*topic) for topic in fields["topics"])
    packed, digest = fields["body"]
    fields["body"] = Body(base64.b64decode(packed), digest)
    fields["authors"] = tuple(fields["authors"])
    if fields["updated"] is not None:
        fields["updated"] = dt.datetime.fromisoformat(fields["updated"])
    fields["image"] = ArticleImage(**fields["image"]) if fields["image"] else None
    fields["images"] = tuple(ArticleImage(**image) for image in fields["images"])
    return Article(source_path=shown, **fields)


def _relied_on(depends: Depends, start: int) -> str | None:
    """The images an outcome relied on, by path within the source folder; most rely on
    none (NULL)."""
    return _json([[key[start:], stamp] for key, stamp in depends]) if depends else None


def _depends(payload: str | None, source_dir: Path) -> Depends:
    """The images an outcome relied on, as `_relied_on` kept them."""
    if not payload:
        return ()
    return tuple(
        (os.path.join(source_dir, within), tuple(stamp) if stamp else None)
        for within, stamp in json.loads(payload)
    )
