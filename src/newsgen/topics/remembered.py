"""The topics the last build assigned, and a digest of what they were made from.

Assigning topics looks over the whole archive (a lone surname joins the one full name
the archive has; a name becomes a topic by how the archive writes it), so one article's
new entities can change any article's topics. Most rebuilds change none: a corrected
sentence, an article's body, a moved source folder. A rebuild whose articles give the
same entities and front-matter topics, in the same order, under the same settings and
code, gets the same topics; it takes them from here without reading an entity.

Kept as JSON beside the topic cache (`.newsgen-cache/topics-assigned.json`), never
pickled: a cache copied between CI runs must not be able to run code. A file that cannot
be read as one is only lost time.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsgen.cache_files import write_json_whole
from newsgen.code_digest import running_code_digest
from newsgen.records import Topic
from newsgen.topics.assign import TopicSettings
from newsgen.topics.cache import entity_rows
from newsgen.topics.entities import FoundEntity

FILE_NAME = "topics-assigned.json"
_ASSIGNING_CODE = ("newsgen.topics.assign",)


@dataclass(frozen=True)
class TopicsMade:
    """One build's assignment: what it was made from, and each article's topics in order.

    `entities` maps the topic cache's key of each article's text to a digest of the
    entities found in it, so a rebuild learns an unchanged text's entities without them.
    """

    settings: str
    entities: dict[str, str]
    inputs: str
    topics: tuple[tuple[Topic, ...], ...]


def settings_digest(settings: TopicSettings, reads_text: bool) -> str:
    """Digest the settings and the code that turn entities into topics, and whether
    entities are found in the text at all (`find_topics`)."""
    text = f"{settings!r}\n{reads_text}\n{_assigning_code()}"
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


@functools.cache
def _assigning_code() -> str:
    return running_code_digest(_ASSIGNING_CODE)


def entities_digest(found: Sequence[FoundEntity]) -> str:
    """Digest the entities found in one text, every field of each, in order."""
    return hashlib.blake2b(json.dumps(entity_rows(found)).encode(), digest_size=16).hexdigest()


def inputs_digest(entities: Sequence[str], given: Sequence[tuple[Topic, ...]]) -> str:
    """Digest what the assignment reads, in article order: each article's entities (by
    digest) and the topics its front matter gives."""
    digest = hashlib.blake2b(digest_size=16)
    for found, topics in zip(entities, given, strict=True):
        digest.update(found.encode())
        for topic in topics:
            digest.update(f"\t{topic.kind}\t{topic.name}".encode())
        digest.update(b"\n")
    return digest.hexdigest()


def read_topics_made(path: Path) -> TopicsMade | None:
    """The assignment kept at `path`; None when there is none or it cannot be read."""
    try:
        plain = json.loads(path.read_bytes())
        table = [Topic(kind, name, slug) for kind, name, slug in plain["table"]]
        topics = tuple(tuple(table[number] for number in row) for row in plain["articles"])
        return TopicsMade(plain["settings"], dict(plain["entities"]), plain["inputs"], topics)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def write_topics_made(path: Path, made: TopicsMade) -> None:
    """Keep `made` at `path`, replacing the file whole."""
    numbers: dict[Topic, int] = {}
    for topics in made.topics:
        for topic in topics:
            numbers.setdefault(topic, len(numbers))
    plain: dict[str, Any] = {
        "settings": made.settings,
        "inputs": made.inputs,
        "entities": made.entities,
        "table": [[t.kind, t.name, t.slug] for t in numbers],
        "articles": [[numbers[t] for t in topics] for topics in made.topics],
    }
    write_json_whole(path, plain)
