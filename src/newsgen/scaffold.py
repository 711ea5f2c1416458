"""`newsgen new`: a new site folder, or a new article in one, as Hugo users expect.

`newsgen new SITE` makes a folder that builds at once: a sample article in `seeds/` and a
`newsgen.yaml` that names every setting, commented out at its default. `newsgen new
article "Заголовок"` writes a dated Markdown file into the site's sources, named for its
title, for the writer to fill in. Neither ever writes over a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsgen.config import SiteConfig
from newsgen.errors import UsageError
from newsgen.slugs import slugify
from newsgen.times import SiteTimes

SAMPLE_TITLES = {"ru": "Добро пожаловать в архив", "en": "Welcome to the archive"}
SAMPLE_TEXTS = {
    "ru": (
        "Это первая статья архива. Положите рядом свои статьи: файлы `.txt` в формате "
        "выгрузки (` date 2025-11-07 Первый абзац…`) или `.md` с заголовком, как этот.\n\n"
        "Соберите сайт командой `newsgen build`, посмотрите его командой `newsgen serve`."
    ),
    "en": (
        "This is the archive's first article. Put your articles beside it: `.txt` files in "
        "the dump format (` date 2025-11-07 First paragraph…`) or `.md` files with front "
        "matter, like this one.\n\n"
        "Build the site with `newsgen build`, preview it with `newsgen serve`."
    ),
}
NEW_TEXT = {"ru": "Текст статьи.", "en": "The article's text."}

# Every setting, at its default, commented out: what a new site's newsgen.yaml says.
SETTINGS = """\
# The settings of this site. Each line is commented out at its default: uncomment a line
# and change it. Unknown keys and wrong types are errors, each reported with its line.

title: {title}              # the site's name, in the header and feeds
# description: ""                    # one line under the name and in feeds
# author: [Редакция]                 # who writes, where an article names no `author:`
language: {language}                         # ru or en: the theme's words and the dates
# base_url: https://example.org/news/  # set it before publishing: sitemaps, canonical
#                                      # links, OpenGraph, JSON-LD, RSS need the address
# time_zone: {zone}          # where a date without a time begins
# per_page: 20                       # articles per home and topic page
# feed_size: 20                      # entries per feed (Atom and RSS)
# topic_feed_content: false          # true: topic feeds carry whole articles
# find_topics: true                  # find people, places and organisations in the text
# topic_aliases:                     # canonical name: [variants]
#   США: [Соединенные Штаты, Штаты]
# topic_ignore: [Белый дом]          # names never made topics
# topic_min_mentions: 2              # mentions that make a name a topic outside the lede
# topic_sources: true                # false: a body only cited («сообщает Reuters») is none
# search: true                       # the search page, box and index
# search_part_size: 5000             # articles per part of the search index
# build_future: false                # publish articles dated in the future
# max_source_kb: 2048                # a larger source file is an error
# max_image_kb: 10240                # a larger image is an error (JPEG, PNG, WebP, GIF)
# scheduler: tcp://host:8786          # a Dask cluster that finds topics and renders pages
"""


@dataclass(frozen=True)
class Made:
    """What `newsgen new` wrote, for its message."""

    path: Path
    what: str


def new_site(folder: Path, language: str, now: dt.datetime) -> Made:
    """Make a site in `folder` (missing or empty): settings and a sample article."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} exists and is not an empty folder: choose a new one")
    config = SiteConfig(language=language)
    title = "Новостной архив" if language == "ru" else "News archive"
    settings = SETTINGS.format(title=title, language=language, zone=config.zone)
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    (folder / "newsgen.yaml").write_text(settings, encoding="utf-8")
    sample = SAMPLE_TITLES[language]
    _write_article(folder / "seeds", sample, SAMPLE_TEXTS[language], config, now)
    return Made(folder, "site")


def new_article(site: Path, title: str, config: SiteConfig, now: dt.datetime) -> Made:
    """Write an article titled `title`, dated `now` in the site's zone, into `site`'s
    sources (`seeds/YYYY/MM/<slug>.md`)."""
    if not title:
        raise UsageError('an article needs a title: newsgen new article "Заголовок"')
    return Made(_write_article(site / "seeds", title, NEW_TEXT[config.language], config, now),
                "article")  # fmt: skip


def _write_article(
    sources: Path, title: str, text: str, config: SiteConfig, now: dt.datetime
) -> Path:
    moment = now.astimezone(SiteTimes(config.zone).zone).replace(second=0, microsecond=0)
    slug = slugify(title) or "article"
    path = sources / f"{moment:%Y}" / f"{moment:%m}" / f"{slug}.md"
    if path.exists():
        raise UsageError(f"{path} exists: give the article another title, or edit that one")
    path.parent.mkdir(parents=True, exist_ok=True)
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    front = f'---\ntitle: "{quoted}"\ndate: {moment.isoformat(timespec="minutes")}\n'
    front += "# topics: [Москва, Сбербанк]\n# summary: Одна строка для анонса.\n---\n"
    path.write_text(f"{front}\n{text}\n", encoding="utf-8")
    return path
