"""The authors' pages: each author the articles name, with their articles newest first.

Only the names articles give (front matter `author:`) get a page; the site's `author:`,
which stands for every article that names none, would only repeat the home page. An
author's address is made from the name alone (`author_slug`), so no other author ever
moves it; names that make one slug («Иван Петров», «иван петров») are one author, shown
by the spelling most articles use.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from newsgen.records import Teaser
from newsgen.slugs import slugify
from newsgen.urls import author_url


@dataclass(frozen=True)
class Author:
    """A person articles name as their author."""

    name: str
    slug: str

    @property
    def url(self) -> str:
        return author_url(self.slug)


@dataclass(frozen=True)
class AuthorArticles:
    """An author with their articles, newest first."""

    author: Author
    articles: Sequence[Teaser]


def author_slug(name: str) -> str:
    """The slug of an author's page: the name's, or a digest of it when it has no letters."""
    return slugify(name, max_chars=80) or hashlib.sha1(name.encode()).hexdigest()[:12]


def author_page(name: str) -> str:
    """The address of the page of the author `name` (what a byline links to)."""
    return author_url(author_slug(name))


def authors_of(newest_first: Sequence[Teaser]) -> list[AuthorArticles]:
    """Every author the articles name, by name, each with their articles newest first."""
    articles: dict[str, list[Teaser]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for teaser in newest_first:
        for slug, name in {author_slug(name): name for name in teaser.authors}.items():
            articles[slug].append(teaser)
            spellings[slug][name] += 1
    authors = [
        AuthorArticles(Author(_usual(spellings[slug]), slug), found)
        for slug, found in articles.items()
    ]
    return sorted(authors, key=lambda a: (a.author.name.casefold(), a.author.slug))


def _usual(spellings: Counter[str]) -> str:
    """The spelling most articles use; of equals, the first in alphabetical order."""
    return min(spellings, key=lambda name: (-spellings[name], name))
