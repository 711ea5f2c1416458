"""The SQLite cache of entities found per article, keyed by text and extractor version."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

from newsgen.entities import FoundEntity

_QUERY_CHUNK = 500


def cache_key(text: str, lang: str, extractor: str) -> str:
    """Give the key of one article's entities: what changes them changes the key."""
    return hashlib.sha256(f"{extractor}\n{lang}\n{text}".encode()).hexdigest()


class TopicCache:
    """Entities per cache key, kept in `<site>/.newsgen-cache/topics.sqlite`."""

    def __init__(self, path: Path | None) -> None:
        self._connection: sqlite3.Connection | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(path)
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS entities (key TEXT PRIMARY KEY, found TEXT NOT NULL)"
            )

    def get_many(self, keys: Iterable[str]) -> dict[str, list[FoundEntity]]:
        """Give the cached entities of those `keys` that are in the cache."""
        if self._connection is None:
            return {}
        wanted = sorted(set(keys))
        found: dict[str, list[FoundEntity]] = {}
        for start in range(0, len(wanted), _QUERY_CHUNK):
            chunk = wanted[start : start + _QUERY_CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, found FROM entities WHERE key IN ({marks})"
            for key, payload in self._connection.execute(query, chunk):
                found[key] = [FoundEntity(*row) for row in json.loads(payload)]
        return found

    def put_many(self, entries: Mapping[str, list[FoundEntity]]) -> None:
        """Store the entities of each key, in one transaction."""
        if self._connection is None or not entries:
            return
        rows = [
            (key, json.dumps([[e.kind, e.name, e.mentions, e.in_lede] for e in found]))
            for key, found in entries.items()
        ]
        with self._connection:
            self._connection.executemany("INSERT OR REPLACE INTO entities VALUES (?, ?)", rows)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
