"""The cache of names found per article: a rebuild runs the model only on changed texts."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from pathlib import Path

import pytest
from conftest import MakeSite
from sitetools import in_mount_namespace, make_article, newsgen, read_page, search_bundle

from newsgen.records import Body
from newsgen.topics.cache import SharedEntities, TopicCache, cache_key
from newsgen.topics.entities import FoundEntity
from newsgen.topics.find import extractor_version, find_entities, text_keys

SOURCES = {
    "seeds/001_00000000000000aa.txt": (
        " date 2025-11-03 Президент Казахстана Касым-Жомарт Токаев прибыл в Алматы.\n\n"
        "В Алматы Токаев встретился с главой Национального банка Казахстана. "
        "Национальный банк Казахстана сохранил ставку."
    ),
    "seeds/002_00000000000000bb.txt": (
        " date 2025-11-04 Министр финансов Андрей Волков выступил в Астане.\n\n"
        "Волков рассказал о бюджете. Эксперты Сбербанка поддержали его."
    ),
    "seeds/003_00000000000000cc.txt": (
        " date 2025-11-05 В Москве прошла выставка.\n\nВыставку посетили гости из Турции и Китая."
    ),
}
# Worked out from the texts: each is named in a lede, or twice («Национальный банк
# Казахстана»); Сбербанк, Турция and Китай are named once in passing and are no topics.
TOPICS = {
    "almaty",
    "andrey-volkov",
    "astana",
    "kasym-zhomart-tokaev",
    "kazakhstan",
    "moskva",
    "natsionalnyy-bank-kazakhstana",
}


def found_in(run_output: str) -> int:
    """How many articles went through the model, from the build's report line."""
    found = re.search(r"; topics found in (\d+) articles? \(the rest cached\); ", run_output)
    assert found, run_output
    return int(found.group(1))


def site_topics(build: Path) -> set[str]:
    """The slugs of the topics /topics/ links to."""
    page = read_page(build / "topics/index.html")
    return {a.get("href", "").split("/")[-2] for a in page.iterfind(".//ul[@class='chips']/li/a")}


@pytest.fixture
def site(make_site: MakeSite, tmp_path: Path) -> Path:
    """A small site built once, so that its cache holds every article."""
    folder = make_site(tmp_path / "site", SOURCES)
    run = newsgen("build", "--site", folder, "--jobs", "1")
    assert run.code == 0, run.err
    assert found_in(run.out) == len(SOURCES)
    assert site_topics(folder / "build") == TOPICS
    return folder


def build(site: Path, *flags: str) -> str:
    run = newsgen("build", "--site", site, "--jobs", "1", *flags)
    assert run.code == 0, run.err
    return run.out


def test_the_cache_is_kept_in_the_site_folder(site: Path) -> None:
    with sqlite3.connect(site / ".newsgen-cache/topics.sqlite") as connection:
        (rows,) = connection.execute("SELECT count(*) FROM entities").fetchone()
    assert rows == len(SOURCES)


def cached_rows(site: Path) -> int:
    with sqlite3.connect(site / ".newsgen-cache/topics.sqlite") as connection:
        (rows,) = connection.execute("SELECT count(*) FROM entities").fetchone()
    return int(rows)


def test_a_damaged_cache_is_made_again(site: Path) -> None:
    (site / ".newsgen-cache/topics.sqlite").write_bytes(b"not a database " * 100)
    (site / ".newsgen-cache/topics-assigned.json").write_bytes(b"{not json")
    source = next((site / "seeds").iterdir())
    source.write_bytes(source.read_bytes())  # saved again: the site is built, not up to date
    assert found_in(build(site)) == len(SOURCES)
    assert site_topics(site / "build") == TOPICS
    assert cached_rows(site) == len(SOURCES)


def test_texts_already_seen_need_no_cache_while_topics_hold(site: Path) -> None:
    """The last assignment knows each text's entities by digest: a lost cache costs only
    the changed text's extraction while no article's entities change."""
    (site / ".newsgen-cache/topics.sqlite").unlink()
    source = site / "seeds/003_00000000000000cc.txt"
    source.write_text(source.read_text("utf-8") + " Выставка продлится неделю.", "utf-8")
    assert found_in(build(site)) == 1
    assert site_topics(site / "build") == TOPICS
    text = source.read_text("utf-8").replace("В Москве прошла", "В Москве и Стамбуле прошла")
    source.write_text(text, "utf-8")
    assert found_in(build(site)) == 3  # a new entity: every text is read to assign again
    assert site_topics(site / "build") == TOPICS | {"stambul"}


def test_texts_no_longer_in_the_archive_leave_the_cache(site: Path) -> None:
    (site / "seeds/003_00000000000000cc.txt").unlink()
    build(site)
    assert cached_rows(site) == len(SOURCES) - 1


def test_a_rebuild_with_nothing_changed_runs_no_extraction(site: Path) -> None:
    out = build(site)
    assert "; topics found in 0 articles (the rest cached); " in out
    assert found_in(out) == 0
    assert "files written 0," in out  # the cached names give the same site
    assert site_topics(site / "build") == TOPICS


def test_a_changed_article_alone_runs_extraction(site: Path) -> None:
    source = site / "seeds/003_00000000000000cc.txt"
    source.write_text(
        source.read_text("utf-8").replace("В Москве прошла", "В Москве и Стамбуле прошла")
    )
    out = build(site)
    assert found_in(out) == 1
    assert site_topics(site / "build") == TOPICS | {"stambul"}
    assert found_in(build(site)) == 0


def test_a_new_article_alone_runs_extraction(site: Path) -> None:
    (site / "seeds/004_00000000000000dd.txt").write_text(
        " date 2025-11-06 В Новосибирске открылся новый театр.", encoding="utf-8"
    )
    assert found_in(build(site)) == 1
    assert site_topics(site / "build") == TOPICS | {"novosibirsk"}


def test_no_cache_runs_extraction_for_every_article(site: Path) -> None:
    cache = site / ".newsgen-cache/topics.sqlite"
    before = cache.read_bytes()
    out = build(site, "--no-cache")
    assert found_in(out) == len(SOURCES)
    assert "files written 0," in out  # the model gives what the cache held
    assert cache.read_bytes() == before


def test_no_cache_leaves_no_cache_behind(make_site: MakeSite, tmp_path: Path) -> None:
    folder = make_site(tmp_path, SOURCES)
    assert found_in(build(folder, "--no-cache")) == len(SOURCES)
    assert not (folder / ".newsgen-cache").exists()
    assert site_topics(folder / "build") == TOPICS


def test_aliases_and_ignored_names_apply_to_cached_names(site: Path) -> None:
    """They are applied after the cache, so changing them runs no extraction."""
    (site / "newsgen.yaml").write_text(
        "topic_aliases:\n"
        "  Нацбанк Казахстана: [Национальный банк Казахстана, Нацбанк РК]\n"
        "topic_ignore: [Алматы]\n",
        encoding="utf-8",
    )
    index_before = search_bundle(site / "build")
    out = build(site)
    assert found_in(out) == 0
    expected = TOPICS - {"natsionalnyy-bank-kazakhstana", "almaty"} | {"natsbank-kazakhstana"}
    assert site_topics(site / "build") == expected
    page = read_page(site / "build/topics/natsbank-kazakhstana/index.html")
    assert "".join(page.find(".//h1").itertext()) == "Нацбанк Казахстана"
    assert not (site / "build/topics/almaty").exists()
    # The two topics' pages and feeds (the letter А stays: Астана), and the files of the
    # search index that changed with the topics of the articles.
    assert f"removed {4 + len(index_before - search_bundle(site / 'build'))};" in out


def test_min_mentions_applies_to_cached_names(site: Path) -> None:
    (site / "newsgen.yaml").write_text("topic_min_mentions: 1\n", encoding="utf-8")
    out = build(site)
    assert found_in(out) == 0
    assert site_topics(site / "build") == TOPICS | {"sberbank", "turtsiya", "kitay"}


def test_finding_no_topics_keeps_the_given_ones(make_site: MakeSite, tmp_path: Path) -> None:
    folder = make_site(
        tmp_path,
        {
            **SOURCES,
            "newsgen.yaml": "find_topics: false\n",
            "seeds/given.md": "---\ndate: 2025-11-07\ntopics: [Экономика]\n---\nВ Москве тепло.\n",
        },
    )
    out = build(folder)
    assert found_in(out) == 0
    assert site_topics(folder / "build") == {"ekonomika"}
    assert not (folder / ".newsgen-cache" / "topics.sqlite").exists()  # no model ran


def test_given_topics_changed_alone_are_assigned_again(site: Path) -> None:
    given = site / "seeds/given.md"
    given.write_text("---\ndate: 2025-11-07\ntopics: [Экономика]\n---\nВ Москве тепло.\n", "utf-8")
    build(site)
    given.write_text("---\ndate: 2025-11-07\ntopics: [Погода]\n---\nВ Москве тепло.\n", "utf-8")
    assert found_in(build(site)) == 0  # the text is the same: its entities are known
    assert site_topics(site / "build") == TOPICS | {"pogoda"}


def test_topics_found_again_after_a_build_that_found_none(site: Path) -> None:
    (site / "newsgen.yaml").write_text("find_topics: false\n", encoding="utf-8")
    build(site)
    assert site_topics(site / "build") == set()
    (site / "newsgen.yaml").write_text("", encoding="utf-8")
    build(site)
    assert site_topics(site / "build") == TOPICS


ENTITIES = [
    FoundEntity("place", "Астана", 2, True),
    FoundEntity("person", "Андрей Волков", 1, False),
]


def test_cache_gives_back_what_was_put(tmp_path: Path) -> None:
    path = tmp_path / "cache/topics.sqlite"
    cache = TopicCache(path)
    cache.put_many({"a": ENTITIES, "b": []})
    cache.close()
    again = TopicCache(path)
    assert again.get_many(["a", "b", "c"]) == {"a": ENTITIES, "b": []}
    again.close()


def test_cache_reads_many_keys_in_parts(tmp_path: Path) -> None:
    cache = TopicCache(tmp_path / "topics.sqlite")
    cache.put_many({f"key{n}": ENTITIES[: n % 3] for n in range(1200)})
    found = cache.get_many([f"key{n}" for n in range(1300)])
    cache.close()
    assert len(found) == 1200
    assert found["key1001"] == ENTITIES[:2]


def test_cache_forgets_many_keys_in_parts(tmp_path: Path) -> None:
    cache = TopicCache(tmp_path / "topics.sqlite")
    cache.put_many({f"key{n}": ENTITIES for n in range(1200)})
    cache.forget(f"key{n}" for n in range(1, 1200))
    found = cache.get_many([f"key{n}" for n in range(1200)])
    cache.close()
    assert found == {"key0": ENTITIES}


def test_a_process_that_keeps_texts_drops_an_edited_ones_old_text(tmp_path: Path) -> None:
    """`newsgen serve` remembers the texts it read: the cache forgets the texts they lost."""
    path = tmp_path / "topics.sqlite"
    articles = [make_article(n) for n in range(1, 4)]
    edited = dataclasses.replace(articles[1], body=Body.of(("Текст.", "Поправка.")))
    old, new = text_keys([articles[1], edited])
    cache = TopicCache(path)
    cache.put_many(dict.fromkeys(text_keys(articles), ENTITIES))
    cache.close()
    memo: dict[str, list[FoundEntity]] = {}
    find_entities(articles, path, jobs=1, memo=memo)
    assert old in memo
    find_entities([articles[0], edited, articles[2]], path, jobs=1, memo=memo)
    remaining = TopicCache(path)
    assert set(remaining.get_many([old, new])) == {new}
    remaining.close()


def test_no_path_is_no_cache() -> None:
    cache = TopicCache(None)
    cache.put_many({"a": ENTITIES})
    assert cache.get_many(["a"]) == {}
    cache.close()


def test_the_key_changes_with_the_text_the_language_and_the_extractor() -> None:
    version = extractor_version()
    assert version == extractor_version()
    key = cache_key("Текст.", "ru", version)
    assert key == cache_key("Текст.", "ru", version)
    others = [
        cache_key("Текст!", "ru", version),
        cache_key("Текст.", "en", version),
        cache_key("Текст.", "ru", version + "0"),
    ]
    assert key not in others
    assert len(set(others)) == 3


CACHE_ON_A_FULL_DISK = """
import pathlib, subprocess, sys
from newsgen.topics.entities import FoundEntity
from newsgen.errors import WriteFailed
from newsgen.topics.cache import TopicCache
disk = pathlib.Path(sys.argv[1])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "newsgen-test", disk], check=True)
cache = TopicCache(disk / "topics.sqlite")
found = [FoundEntity("person", "Имя Фамилия " * 20, 2, True)] * 20
try:
    cache.put_many({str(number): found for number in range(1000)})
except WriteFailed as error:
    print(error, error.exit_code)
"""


def test_a_cache_on_a_full_disk_is_said_in_one_line(tmp_path: Path) -> None:
    printed = in_mount_namespace(CACHE_ON_A_FULL_DISK, tmp_path)
    assert printed == (
        f"database or disk is full while writing {tmp_path}/topics.sqlite; "
        "the previous site was left as it was 5\n"
    )


SITE_ON_A_READ_ONLY_DISK = """
import shutil, subprocess, sys
disk, site, output = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "newsgen-test", disk], check=True)
shutil.copytree(site, f"{disk}/site")
subprocess.run(["mount", "-o", "remount,ro", disk], check=True)
command = [sys.executable, "-m", "newsgen", "build", "--site", f"{disk}/site", "--jobs", "1"]
done = subprocess.run([*command, "--output", output], capture_output=True, text=True)
print(done.returncode, done.stderr, end="")
"""


def test_a_site_folder_that_cannot_hold_the_cache_is_said_in_one_line(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", SOURCES)
    disk = tmp_path / "disk"
    disk.mkdir()
    printed = in_mount_namespace(SITE_ON_A_READ_ONLY_DISK, disk, site, tmp_path / "out")
    assert printed == (
        f"5 error: read-only file system while writing {disk}/site/.newsgen-cache; "
        "the previous site was left as it was\n"
    )


def test_equal_entities_of_many_texts_are_one_record(tmp_path: Path) -> None:
    # An archive names the same places and people in thousands of texts: one record each.
    cache = TopicCache(tmp_path / "topics.sqlite")
    cache.put_many({f"key{n}": ENTITIES for n in range(50)})
    shared = SharedEntities()
    found = cache.get_many([f"key{n}" for n in range(50)], shared)
    fresh = shared([FoundEntity("place", "Астана", 2, True)])  # as a worker gives it back
    cache.close()
    assert found["key7"] == ENTITIES
    astana = {id(entities[0]) for entities in found.values()}
    assert astana == {id(fresh[0])}
