"""The last topic assignment kept on disk: read back as written, or not at all."""

from __future__ import annotations

from pathlib import Path

from newsgen.records import Topic
from newsgen.topics.assign import TopicSettings
from newsgen.topics.entities import FoundEntity
from newsgen.topics.remembered import (
    TopicsMade,
    entities_digest,
    inputs_digest,
    read_topics_made,
    settings_digest,
    write_topics_made,
)

ASTANA = Topic("place", "Астана", "astana")
VOLKOV = Topic("person", "Андрей Волков", "andrey-volkov")


def test_an_assignment_reads_back_as_written(tmp_path: Path) -> None:
    made = TopicsMade(
        settings_digest(TopicSettings(), reads_text=True),
        {"key-1": "digest-1", "key-2": "digest-2"},
        "inputs",
        ((ASTANA, VOLKOV), (), (VOLKOV,)),
    )
    path = tmp_path / "cache/topics-assigned.json"
    write_topics_made(path, made)
    assert read_topics_made(path) == made
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left


def test_an_unreadable_assignment_is_none(tmp_path: Path) -> None:
    path = tmp_path / "topics-assigned.json"
    assert read_topics_made(path) is None
    for damaged in (b"{not json", b"[]", b'{"settings": 1}', "\u0000".encode()):
        path.write_bytes(damaged)
        assert read_topics_made(path) is None


def test_each_input_of_the_assignment_changes_its_digest() -> None:
    found = [FoundEntity("place", "Астана", 2, True)]
    digest = entities_digest(found)
    assert digest == entities_digest(list(found))
    assert digest != entities_digest([FoundEntity("place", "Астана", 3, True)])
    assert digest != entities_digest([FoundEntity("place", "Астана", 2, False)])
    base = inputs_digest([digest, "other"], [(), ()])
    assert base != inputs_digest(["other", digest], [(), ()])  # order counts
    assert base != inputs_digest([digest, "other"], [(ASTANA,), ()])
    plain = TopicSettings()
    assert settings_digest(plain, True) != settings_digest(plain, False)
    assert settings_digest(plain, True) != settings_digest(TopicSettings(min_mentions=1), True)
