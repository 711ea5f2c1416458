"""Authors' pages: the names articles give, each at an address made from the name alone."""

from __future__ import annotations

import dataclasses

from sitetools import make_article

from newsgen.plan.authors import author_slug, authors_of
from newsgen.records import Teaser


def teaser(number: int, *authors: str) -> Teaser:
    return Teaser.of(dataclasses.replace(make_article(number), authors=authors))


def test_each_named_author_gets_their_articles_newest_first() -> None:
    newest_first = [
        teaser(4, "Иван Петров"),
        teaser(3),  # names none: the site's author, who has no page
        teaser(2, "Анна Смирнова", "Иван Петров"),
        teaser(1, "иван петров"),  # the same slug: the same author
    ]
    found = {a.author.name: [t.title for t in a.articles] for a in authors_of(newest_first)}
    assert found == {
        "Анна Смирнова": ["Статья 2"],
        "Иван Петров": ["Статья 4", "Статья 2", "Статья 1"],  # the spelling most use
    }
    assert [a.author.url for a in authors_of(newest_first)] == [
        "authors/anna-smirnova/",
        "authors/ivan-petrov/",
    ]


def test_an_address_depends_on_the_name_alone() -> None:
    assert author_slug("Иван Петров") == "ivan-petrov"
    assert author_slug("★★★") == author_slug("★★★") != author_slug("☆☆☆")
    assert len(author_slug("★★★")) == 12
