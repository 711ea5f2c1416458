"""The entities an article names, counted: what the topics stage caches per article.

Mentions found by the language's extractor are grouped by name; a person named by
surname alone («Трамп») joins the one full name in the article that ends with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsgen.records import TopicKind
from newsgen.topics.names import identity
from newsgen.topics.people import join_people


@dataclass(frozen=True)
class Mention:
    """One place in the text where a name stands: its kind, dictionary form and offset.

    `same_as`: the name this one is a second name of («КЗЖ» after «Комитет защиты
    журналистов (КЗЖ)»); the article's other mentions of either are of one subject.
    """

    kind: TopicKind
    name: str
    start: int
    same_as: str = ""
    cites: bool = False  # the name is cited as a source: «сообщает Reuters»
    # The name stands inside another's («России» in «МИД России»): it tells that a subject
    # the article also names on its own is in the lede, but is not counted as a mention.
    inside: bool = False


@dataclass(frozen=True)
class FoundEntity:
    """A name an article mentions: its kind, dictionary form, mentions, and whether in the lede."""

    kind: TopicKind
    name: str
    mentions: int
    in_lede: bool
    # Every mention cites it as the source of what is told («сообщает Reuters», «по
    # данным Интерфакса»): a source rather than a subject of the article.
    only_cited: bool = False


def count_entities(mentions: Iterable[Mention], lede_end: int) -> list[FoundEntity]:
    """Group `mentions` by name, join second names and lone surnames to full names, count."""
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.name:
            groups.setdefault(identity(mention.name), []).append(mention)
    for key in [k for k, group in groups.items() if all(m.inside for m in group)]:
        del groups[key]
    _join_second_names(groups)
    _join_short_organisation_names(groups)
    join_people(groups)
    entities = [_entity(key, group, lede_end) for key, group in groups.items()]
    return sorted(entities, key=lambda e: (-e.mentions, e.name))


def _join_second_names(groups: dict[str, list[Mention]]) -> None:
    """«КЗЖ» defined in brackets after «Комитет защиты журналистов»: every mention of
    either is of one subject."""
    defined = {
        identity(m.name): identity(m.same_as)
        for group in groups.values()
        for m in group
        if m.same_as
    }
    for second, first in defined.items():
        if second != first and second in groups and first in groups:
            groups[first].extend(groups.pop(second))


def _join_short_organisation_names(groups: dict[str, list[Mention]]) -> None:
    """«Законодательное собрание» after «Законодательное собрание Приморского края»,
    «МИД» beside «МИД РФ»: the short name is the one organisation the article names in
    full, when one full name starts with it and goes on with a name («Газпром нефть» is
    another company). Every mention takes the full name."""
    full_names: dict[str, list[str]] = {}
    for key, group in groups.items():
        words = key.split()
        if group[0].kind == "organisation" and len(words) > 1:
            for end in range(1, len(words)):
                if group[0].name.split()[end][:1].isupper():  # goes on with a name
                    full_names.setdefault(" ".join(words[:end]), []).append(key)
    for short, longer in full_names.items():
        if len(longer) == 1 and short in groups and groups[short][0].kind == "organisation":
            full = groups[longer[0]]
            full.extend(replace(m, name=full[0].name) for m in groups.pop(short))


def _entity(key: str, group: Sequence[Mention], lede_end: int) -> FoundEntity:
    """One subject's entity: a person by the full name the others joined («Борис
    Ельцин», not «Борис Николаевич»), anything else by the name the article uses most
    («ФАО», defined once as «Всемирная … организация (ФАО)»)."""
    names = [m.name for m in group]
    if group[0].kind == "person":
        name = max(set(names), key=lambda n: (identity(n) == key, " " in n, names.count(n), n))
    else:
        name = max(set(names), key=lambda n: (names.count(n), " " in n, n))
    kinds = [m.kind for m in group if m.name == name]
    kind = max(set(kinds), key=lambda k: (kinds.count(k), k))
    in_lede = any(m.start < lede_end for m in group)
    mentions = sum(not m.inside for m in group)
    return FoundEntity(kind, name, mentions, in_lede, all(m.cites for m in group))
