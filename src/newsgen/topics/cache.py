"""The SQLite cache of entities found per article, keyed by text and extractor version."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from newsgen.errors import WriteFailed
from newsgen.topics.entities import FoundEntity

_QUERY_CHUNK = 500


def cache_key(text: str, lang: str, extractor: str) -> str:
    """Give the key of one article's entities: what changes them changes the key."""
    return hashlib.sha256(f"{extractor}\n{lang}\n{text}".encode()).hexdigest()


def entity_rows(found: Sequence[FoundEntity]) -> list[list[object]]:
    """The entities of one text as plain rows, every field of each, in order (how the cache
    stores them, and what `topics.remembered` digests)."""
    return [[e.kind, e.name, e.mentions, e.in_lede, e.only_cited] for e in found]


class SharedEntities:
    """One record for each distinct entity, given to every text that has it.

    An archive's texts name the same few thousand entities again and again (25,000 articles
    have 194,000 entities, 12,700 of them distinct): a record of its own for each was most
    of what the topics stage added to a large build's memory.
    """

    def __init__(self) -> None:
        self._seen: dict[FoundEntity, FoundEntity] = {}

    def __call__(self, found: Iterable[FoundEntity]) -> list[FoundEntity]:
        return [self._seen.setdefault(entity, entity) for entity in found]


class TopicCache:
    """Entities per cache key, kept in `<site>/.newsgen-cache/topics.sqlite`."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:  # a site folder checked out read-only
                raise WriteFailed.of(error) from error
            try:
                self._connection = _open(path)
            except sqlite3.OperationalError as error:  # a full disk, a read-only folder
                raise WriteFailed.saying(str(error), path) from error
            except sqlite3.DatabaseError:
                # A damaged cache (a disk error, a file written over) is only lost time:
                # start a new one rather than fail the build.
                path.unlink()
                self._connection = _open(path)

    def get_many(
        self, keys: Iterable[str], shared: SharedEntities | None = None
    ) -> dict[str, list[FoundEntity]]:
        """Give the cached entities of those `keys` that are in the cache (each record
        `shared` with other texts' equal ones, when given)."""
        shared = shared or SharedEntities()
        if self._connection is None:
            return {}
        wanted = sorted(set(keys))
        found: dict[str, list[FoundEntity]] = {}
        for start in range(0, len(wanted), _QUERY_CHUNK):
            chunk = wanted[start : start + _QUERY_CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, found FROM entities WHERE key IN ({marks})"
            for key, payload in self._connection.execute(query, chunk):
                found[key] = shared(FoundEntity(*row) for row in json.loads(payload))
        return found

    def put_many(self, entries: Mapping[str, list[FoundEntity]]) -> None:
        """Store the entities of each key, in one transaction."""
        if self._connection is None or not entries:
            return
        rows = ((key, json.dumps(entity_rows(found))) for key, found in entries.items())
        with self._refusals_said(), self._connection:
            self._connection.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?)", rows)

    def forget(self, keys: Iterable[str]) -> None:
        """Remove the entries of `keys` (texts no longer in the archive)."""
        gone = sorted(keys)
        if self._connection is None or not gone:
            return
        with self._refusals_said(), self._connection:
            for start in range(0, len(gone), _QUERY_CHUNK):
                chunk = gone[start : start + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                self._connection.execute(f"DELETE FROM entities WHERE key IN ({marks})", chunk)

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove the entries of texts that are no longer in the archive."""
        if self._connection is None:
            return
        with self._refusals_said(), self._connection:
            self._connection.execute("CREATE TEMP TABLE IF NOT EXISTS kept (key TEXT PRIMARY KEY)")
            self._connection.execute("DELETE FROM kept")
            self._connection.executemany(
                "INSERT OR IGNORE INTO kept VALUES (?)", ((k,) for k in keys)
            )
            self._connection.execute("DELETE FROM entities WHERE key NOT IN (SELECT key FROM kept)")

    @contextlib.contextmanager
    def _refusals_said(self) -> Iterator[None]:
        """A write the system refuses (a full disk) is one line naming the cache."""
        try:
            yield
        except sqlite3.OperationalError as error:
            raise WriteFailed.saying(str(error), self._path) from error

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def _open(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, found TEXT NOT NULL)"
        )
        connection.execute("SELECT count(*) FROM entities").fetchone()
    except sqlite3.DatabaseError:
        connection.close()
        raise
    return connection
