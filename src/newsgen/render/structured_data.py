"""What pages tell search engines and link previews about themselves: schema.org data
(JSON-LD) and the OpenGraph names of the site's languages."""

from __future__ import annotations

from collections.abc import Sequence

from newsgen.records import Article, ArticleImage, Topic

# OpenGraph names a page's language with its region (`og:locale`).
OG_LOCALES = {"ru": "ru_RU", "en": "en_US"}
HEADLINE_CHARS = 110  # the longest headline Google shows of a NewsArticle


def breadcrumb_list(
    items: Sequence[tuple[str, str | None]], base_url: str, home: str
) -> dict[str, object]:
    """The breadcrumbs a page shows, home first, as a schema.org `BreadcrumbList`.

    `items` are (label, URL within the site); the last, the page itself, has no URL.
    """
    trail = [(home, ""), *items]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": label}
            | ({} if url is None else {"item": base_url + url})
            for position, (label, url) in enumerate(trail, 1)
        ],
    }


# The schema.org type of each kind of topic, for an article's `about` in JSON-LD.
_SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}


def schema_thing(topic: Topic, base_url: str) -> dict[str, str]:
    """A topic as schema.org sees it: a Person, Place or Organization with its page."""
    return {
        "@type": _SCHEMA_TYPES.get(topic.kind, "Thing"),
        "name": topic.name,
        "url": base_url + topic.url,
    }


def schema_person(name: str, url: str | None = None) -> dict[str, str]:
    """An author as schema.org sees one, with their page when they have one."""
    return {"@type": "Person", "name": name} | ({"url": url} if url else {})


def with_images(data: dict[str, object], article: Article, base_url: str) -> dict[str, object]:
    """A `NewsArticle` with the article's images, the lead first, when it has any."""
    if not article.images:
        return data
    return data | {
        "image": [_image_object(image, base_url + article.url) for image in article.images]
    }


def _image_object(image: ArticleImage, folder_url: str) -> dict[str, object]:
    described = {"caption": image.caption} if image.caption else {}
    return {
        "@type": "ImageObject",
        "url": folder_url + image.name,
        "width": image.width,
        "height": image.height,
        "encodingFormat": image.media_type,
    } | described


def shows_in_body(article: Article, image: ArticleImage) -> bool:
    """Whether the article's body shows `image` already (its lead need not be shown twice)."""
    html = article.body_html
    return html is not None and f'src="{image.name}"' in html
