"""The render stage: a `Page` to bytes through the theme's Jinja templates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import traceback
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from babel import Locale
from babel.dates import format_date, get_day_names, get_month_names
from markupsafe import Markup, escape

from newsgen.config import SiteConfig
from newsgen.errors import TemplateFailure
from newsgen.plan.authors import author_page
from newsgen.plan.pages import NotFoundContext, Page, PageContext
from newsgen.records import Article
from newsgen.render.chart_pages import ChartWords, archive_chart, topic_chart, year_chart
from newsgen.render.image_copies import SHOWN_SIZE
from newsgen.render.structured_data import (
    HEADLINE_CHARS,
    OG_LOCALES,
    breadcrumb_list,
    schema_person,
    schema_thing,
    shows_in_body,
    with_images,
)
from newsgen.render.template_files import Templates, loader_of
from newsgen.render.typography import typeset, typeset_html
from newsgen.render.ui_text import UI_TEXT
from newsgen.sources.headline import cut_at_clause, cut_at_word
from newsgen.times import SiteTimes
from newsgen.urls import URLS, day_url, feed_url, month_url, rss_url, year_url

PACKAGED_THEME = Path(__file__).parent.parent / "theme"
DESCRIPTION_CHARS = 160  # what search engines show of a page's description


class SiteRenderer:
    """One Jinja environment for the whole build: the site's templates first, then the theme's."""

    def __init__(self, config: SiteConfig, templates: Templates, feed_fallback_time: str) -> None:
        self.config = config
        self.environment = _environment(config, templates)
        # An empty feed still needs an `updated`; it must not be the clock's time.
        self.environment.globals["empty_feed_updated"] = feed_fallback_time

    def render_page(self, page: Page) -> bytes:
        """Give the bytes of `page`, rendered by its template with the site's globals."""
        context = template_variables(page.context)
        context["root"] = relative_root(page.path)
        context["page_url"] = page.url
        context["page"] = page
        if isinstance(page.context, NotFoundContext):
            # Served at any depth, so its links start at the site's path.
            context["root"] = base_path(self.config.base_url)
        try:
            template = self.environment.get_template(page.template)
            return template.render(context).encode("utf-8")
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateFailure(
                f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}"
            ) from exc
        except jinja2.TemplateError as exc:
            raise TemplateFailure(f"template {page.template} for {page.path}: {exc}") from exc
        except (ArithmeticError, LookupError, TypeError, ValueError, OSError) as exc:
            # Python's own errors raised by a template's expressions, or a template file
            # that cannot be read (not UTF-8): the template's fault, not newsgen's.
            where = _template_frame(exc) or page.template
            message = f"{where}: {type(exc).__name__}: {exc} (rendering {page.path})"
            raise TemplateFailure(message) from exc


def template_variables(context: PageContext) -> dict[str, object]:
    """The variables a template receives from its context: one for each field."""
    return {field.name: getattr(context, field.name) for field in dataclasses.fields(context)}


def _template_frame(exc: BaseException) -> str | None:
    """Give `file:line` of the innermost template line in `exc`'s traceback, if any."""
    frames = traceback.extract_tb(exc.__traceback__)
    in_templates = [f for f in frames if Path(f.filename).suffix in _TEMPLATE_SUFFIXES]
    return f"{in_templates[-1].filename}:{in_templates[-1].lineno}" if in_templates else None


_TEMPLATE_SUFFIXES = {".html", ".xml", ".txt"}


def template_dirs(site_root: Path) -> list[Path]:
    """The folders templates are looked up in: the site's own first, the default theme last."""
    return [site_root / "templates", PACKAGED_THEME / "templates"]


def static_dirs(site_root: Path) -> list[Path]:
    """The folders static files come from; a site's file overrides the theme's of that name."""
    return [site_root / "static", PACKAGED_THEME / "static"]


def relative_root(path: str) -> str:
    """Give the relative prefix from the page at `path` to the site root (`../../`)."""
    depth = path.count("/")
    return "../" * depth if depth else "./"


def base_path(base_url: str) -> str:
    """Give the path part of `base_url` (`/archive/`), or `/` when the site has none."""
    return urlsplit(base_url).path or "/"


def _environment(config: SiteConfig, templates: Templates) -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=loader_of(templates),
        autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    # JSON-LD in the site's own letters (Cyrillic escaped would be six times the bytes);
    # `<`, `>`, `&` and `'` are still escaped, so it cannot close its <script>.
    environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    locale = config.language
    times = SiteTimes(config.zone)
    chart_words = _chart_words(locale)
    environment.globals.update(
        site=config,
        t=UI_TEXT[locale],
        weekdays=_weekday_names(locale),
        lang_of=functools.partial(lang_attribute, site_language=locale),
        urls=URLS,
        og_locale=OG_LOCALES[locale],
        thumbnail_size=SHOWN_SIZE,
        topic_chart=functools.partial(topic_chart, words=chart_words),
        archive_chart=functools.partial(archive_chart, words=chart_words),
        year_chart=functools.partial(year_chart, words=chart_words),
        breadcrumb_list=functools.partial(
            breadcrumb_list, base_url=config.base_url, home=UI_TEXT[locale]["home"]
        ),
    )
    environment.filters.update(
        day_name=functools.partial(_format, pattern="d MMMM y", locale=locale),
        month_name=functools.partial(_format, pattern="LLLL y", locale=locale),
        month_only=functools.partial(_format, pattern="LLLL", locale=locale),
        day_and_month=functools.partial(_format, pattern="d MMMM", locale=locale),
        atom_time=times.rfc3339,
        clock_time=times.clock,
        describe=describe,
        typeset=typeset,
        schema_thing=functools.partial(schema_thing, base_url=config.base_url),
        schema_person=schema_person,
        author_person=lambda name: schema_person(name, config.base_url + author_page(name)),
        headline=functools.partial(cut_at_clause, limit=HEADLINE_CHARS),
        newest_time=times.newest,
        rss_time=times.rfc822,
        newest_rss_time=times.newest_rfc822,
        body_html=body_html,
        with_images=functools.partial(with_images, base_url=config.base_url),
        shows_in_body=shows_in_body,
        entry_id=entry_id,
        articles=functools.partial(count_of_articles, locale=locale),
        year_url=year_url,
        month_url=month_url,
        day_url=day_url,
        feed_url=feed_url,
        rss_url=rss_url,
        author_url=author_page,
    )
    return environment


def _chart_words(locale: str) -> ChartWords:
    months = get_month_names("abbreviated", context="stand-alone", locale=locale)
    return ChartWords(
        UI_TEXT[locale],
        functools.partial(count_of_articles, locale=locale),
        functools.partial(_format, pattern="LLLL y", locale=locale),
        functools.partial(_format, pattern="d MMMM y", locale=locale),
        [months[number] for number in range(1, 13)],
    )


def _weekday_names(locale: str) -> list[str]:
    """Short day names from Monday, the first column of the month calendar."""
    names = get_day_names("abbreviated", locale=locale)
    return [names[day] for day in range(7)]


@functools.lru_cache(maxsize=65536)
def _format(day: dt.date, pattern: str, locale: str) -> str:
    return format_date(day, pattern, locale=locale)


def describe(text: str) -> str:
    """A page's description: its text on one line, cut at a word near 160 characters."""
    return cut_at_word(" ".join(str(text).split()), DESCRIPTION_CHARS)


def count_of_articles(count: int, locale: str) -> str:
    """«1 статья», «3 статьи», «5 статей»: the number with the word in its plural form."""
    words = UI_TEXT[locale]
    form = Locale.parse(locale).plural_form(count)
    return f"{count} {words.get(f'article_{form}', words['article_other'])}"


def body_html(article: Article, home: str = "") -> Markup:
    """Give an article's body as HTML: sanitised Markdown, or its text paragraphs escaped.

    Its images are named as files beside its page; a feed, read elsewhere, names them from
    `home` (the site's address, or the way from the feed to the site's root).
    """
    paragraphs, html = article.body.unpacked()
    if html is not None:
        typeset_body = typeset_html(html, article.lang)
        if home:
            for image in article.images:
                pointing = f'="{image.name}"'
                typeset_body = typeset_body.replace(pointing, f'="{home}{article.url}{image.name}"')
        return Markup(typeset_body)
    shown = [escape(typeset(paragraph, article.lang)) for paragraph in paragraphs]
    return Markup("\n".join([f"<p>{paragraph}</p>" for paragraph in shown]))


def lang_attribute(article: Article, site_language: str) -> Markup:
    """Give ` lang="en"` for an article in another language than the site's, else nothing.

    Only the article's own words carry it: the page around them is in the site's language.
    """
    if article.lang == site_language:
        return Markup("")
    return Markup(' lang="%s"') % article.lang


def entry_id(identifier: str) -> str:
    """Give a permanent Atom id for an article, the same wherever the site is hosted."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"newsgen:{identifier}").urn
