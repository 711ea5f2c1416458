"""The archive-level half of the topics stage: one `Topic` per real-world subject.

Per article we get the entities found in its text (`find_entities`) and the topics its
front matter gives. Here they become topics: alias spellings join their canonical name,
ignored names go, a lone surname joins the one full name in the archive that ends with
it, passing mentions are dropped (an entity must be named `min_mentions` times or stand
in the lede), and each subject gets one display name, kind and unique slug.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from newsgen.records import Article, Topic, TopicKind
from newsgen.slugs import slugify, transliterate
from newsgen.topics.aliases import ORGANISATIONS_TAGGED_AS_PLACES
from newsgen.topics.entities import FoundEntity
from newsgen.topics.names import identity, surname_stem
from newsgen.topics.people import without_case_ending

topic_key = identity
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")
# Latin spellings of one sound, in the order they are replaced.
_SPELLINGS = (
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("q", "k"),
    ("c", "k"),
    ("y", "i"),
    ("j", "i"),
)
Item = TypeVar("Item", bound=str)


@dataclass(frozen=True)
class TopicSettings:
    """How found entities become topics (from `newsgen.yaml`)."""

    aliases: Mapping[str, str] = field(default_factory=dict)  # identity of variant → name
    ignore: frozenset[str] = frozenset()  # identities of names never made topics
    min_mentions: int = 2  # mentions that make an entity salient outside the lede
    sources: bool = True  # keep organisations the article only cites as its sources
    language: str = "ru"  # the site's: of a name in two scripts, its own is shown


def assign_topics(
    articles: Sequence[Article],
    found: Sequence[Sequence[FoundEntity]] | None = None,
    settings: TopicSettings | None = None,
) -> list[Article]:
    """Give the articles with their topics: given ones first, then salient found ones."""
    topics = topics_of(articles, found, settings)
    return [
        dataclasses.replace(article, topics=mine)
        for article, mine in zip(articles, topics, strict=True)
    ]


def topics_of(
    articles: Sequence[Article],
    found: Sequence[Sequence[FoundEntity]] | None = None,
    settings: TopicSettings | None = None,
) -> list[tuple[Topic, ...]]:
    """Give each article's topics, in order (see `assign_topics`)."""
    settings = settings or TopicSettings()
    per_article = [_canonical(entities, settings) for entities in (found or [[] for _ in articles])]
    per_article = _in_usual_form(per_article)
    # Ignored names go after the join, so a lone surname of an ignored person goes too.
    per_article = _join_surnames_across_archive(per_article)
    if settings.ignore:
        per_article = [
            [e for e in entities if identity(e.name) not in settings.ignore]
            for entities in per_article
        ]
    salient = [[e for e in entities if _is_salient(e, settings)] for entities in per_article]
    if not settings.sources:  # a source only cited is not what the article is about
        salient = [[e for e in entities if not e.only_cited] for entities in salient]
    chosen = [
        _given(article, settings) + found for article, found in zip(articles, salient, strict=True)
    ]
    topics = _topics_by_identity(chosen, settings.language)
    return [_unique(topics[identity(e.name)] for e in entities) for entities in chosen]


def _canonical(entities: Sequence[FoundEntity], settings: TopicSettings) -> list[FoundEntity]:
    """Apply aliases; entities that become one are added up."""
    renamed = [_renamed(e, settings.aliases.get(identity(e.name), e.name)) for e in entities]
    return _merge_same(renamed)


def _renamed(entity: FoundEntity, name: str) -> FoundEntity:
    kind: TopicKind = "organisation" if name in ORGANISATIONS_TAGGED_AS_PLACES else entity.kind
    if name == entity.name and kind == entity.kind:
        return entity
    return dataclasses.replace(entity, name=name, kind=kind)


def _merge_same(entities: Sequence[FoundEntity]) -> list[FoundEntity]:
    keys = [identity(e.name) for e in entities]
    if len(set(keys)) == len(keys):  # the usual case: nothing to add up
        return list(entities)
    merged: dict[str, FoundEntity] = {}
    for entity in entities:
        key = identity(entity.name)
        if key in merged:
            first = merged[key]
            entity = dataclasses.replace(
                first,
                mentions=first.mentions + entity.mentions,
                in_lede=first.in_lede or entity.in_lede,
            )
        merged[key] = entity
    return list(merged.values())


def _in_usual_form(per_article: list[list[FoundEntity]]) -> list[list[FoundEntity]]:
    """A name the model left in another case («Казатомпрома», taken for a person) is the
    place or organisation the archive names in its usual form («Казатомпром») more often.
    """
    usual: dict[str, FoundEntity] = {}
    articles: Counter[str] = Counter()
    for entities in per_article:
        for e in entities:
            articles[identity(e.name)] += 1
            if e.kind in ("place", "organisation"):
                usual.setdefault(identity(e.name), e)
    usual_of: dict[str, FoundEntity | None] = {}  # worked out once per name
    for key in articles:
        stem = without_case_ending(key) if " " not in key else key
        known = usual.get(stem) if stem != key else None
        usual_of[key] = known if known is not None and articles[stem] > articles[key] else None
    result = []
    for entities in per_article:
        renamed = []
        for e in entities:
            known = usual_of[identity(e.name)]
            if known is not None:
                e = dataclasses.replace(e, name=known.name, kind=known.kind)
            renamed.append(e)
        result.append(_merge_same(renamed))
    return result


def _join_surnames_across_archive(
    per_article: list[list[FoundEntity]],
) -> list[list[FoundEntity]]:
    """A lone surname joins the full name when the archive has exactly one such person.

    When the archive has several («Канат Касымов», «Ерлан Касымов»), a lone «Касымов»
    cannot be told apart and is dropped rather than made a topic of its own.
    """
    owners: dict[str, dict[str, str]] = defaultdict(dict)
    for entities in per_article:
        for e in entities:
            if _is_full_name(e):
                owners[surname_stem(e.name.split()[-1])][identity(e.name)] = e.name
    result = []
    for entities in per_article:
        joined = []
        for e in entities:
            candidates = owners.get(surname_stem(e.name), {}) if _is_lone_surname(e) else {}
            if len(candidates) == 1:
                joined.append(dataclasses.replace(e, name=next(iter(candidates.values()))))
            elif not candidates:
                joined.append(e)
        result.append(_merge_same(joined))
    return result


def _is_full_name(entity: FoundEntity) -> bool:
    return entity.kind == "person" and " " in entity.name.strip()


def _is_lone_surname(entity: FoundEntity) -> bool:
    return entity.kind == "person" and " " not in entity.name.strip()


def _is_salient(entity: FoundEntity, settings: TopicSettings) -> bool:
    return entity.in_lede or entity.mentions >= settings.min_mentions


def _given(article: Article, settings: TopicSettings) -> list[FoundEntity]:
    """The article's front-matter topics, as entities that are always salient."""
    names = [settings.aliases.get(identity(t.name), t.name) for t in article.topics]
    return [FoundEntity("other", name, 1, True) for name in names]


def _topics_by_identity(
    chosen: Sequence[Sequence[FoundEntity]], language: str = "ru"
) -> dict[str, Topic]:
    """One topic per identity: the name most articles write, the kind found most often."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[TopicKind]] = defaultdict(Counter)
    for entities in chosen:
        for e in entities:
            names[identity(e.name)][unicodedata.normalize("NFC", e.name)] += 1
            if e.kind != "other":
                kinds[identity(e.name)][e.kind] += 1
    spelt_otherwise = _one_subject_in_two_scripts(names, cyrillic_first=language != "en")
    for other, key in spelt_otherwise.items():  # shown as the site's script writes it
        del names[other]
        kinds[key].update(kinds.pop(other, Counter()))
    topics = {
        key: Topic(_most_common(kinds[key], default="other"), _most_common(counts, ""), "")
        for key, counts in names.items()
    }
    topics = _with_unique_slugs(topics)
    return topics | {other: topics[key] for other, key in spelt_otherwise.items()}


def _one_subject_in_two_scripts(
    names: Mapping[str, Counter[str]], cyrillic_first: bool = True
) -> dict[str, str]:
    """Latin names the archive also writes in Cyrillic, sounded alike («Sberbank»,
    «Сбербанк»; «Lukoil», «Лукойл»): each to the one in the site's script.

    Names that sound otherwise («Moscow», «Москва») stay apart; countries are joined
    by their names in Babel (`aliases`).
    """
    cyrillic: dict[str, str] = {}
    for key in sorted(names):
        if _CYRILLIC.search(key) and not _LATIN.search(key):
            cyrillic.setdefault(sound_key(key), key)
    joined = {}
    for key in sorted(names):
        match = cyrillic.get(sound_key(key)) if not _CYRILLIC.search(key) else None
        if match is not None:
            joined.update({key: match} if cyrillic_first else {match: key})
    return joined


def sound_key(name: str) -> str:
    """A name's letters in Latin as they sound, so that spellings agree in any script:
    «Сбербанк» and «Sberbank», x → ks, w → v."""
    letters = "".join(ch for ch in transliterate(name) if ch.isalpha())
    for spelt, sound in _SPELLINGS:
        letters = letters.replace(spelt, sound)
    return letters


def _most_common(counts: Counter[Item], default: Item) -> Item:
    return min(counts, key=lambda item: (-counts[item], item)) if counts else default


def _with_unique_slugs(topics: dict[str, Topic]) -> dict[str, Topic]:
    """Names whose slugs coincide (Нью-Йорк, New York) are told apart by a hash of the name.

    The first by `_slug_precedence` keeps the plain slug, so a name in the site's Cyrillic
    keeps its URL when a Latin name with the same transliteration turns up.
    """
    holders: dict[str, list[str]] = defaultdict(list)
    for key, topic in topics.items():
        holders[slugify(topic.name, max_chars=80) or "topic"].append(key)
    result = {}
    for slug, keys in holders.items():
        for rank, key in enumerate(sorted(keys, key=_slug_precedence)):
            plain = rank == 0 and slug != "topic"
            suffix = "" if plain else f"-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
            result[key] = dataclasses.replace(topics[key], slug=slug + suffix)
    return result


def _slug_precedence(key: str) -> tuple[bool, str]:
    return (not any("а" <= letter <= "я" for letter in key), key)


def _unique(topics: Iterable[Topic]) -> tuple[Topic, ...]:
    """The topics without repeats, in order. Equal topics are one object here (made once
    per identity), so they are told apart by object: a record's hash is slow to work out."""
    return tuple({id(topic): topic for topic in topics}.values())
