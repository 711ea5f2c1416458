"""Every page of a built site: well-formed HTML, one <h1>, and every internal link resolving."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuiltSite, MakeSite, sample_html_pages
from html5lib.html5parser import ParseError
from sitetools import (
    base_path,
    html_files,
    links_of,
    newsgen,
    parse_html,
    read_page,
    resolve_internal,
)


def test_every_internal_link_resolves_to_a_file(every_site: BuiltSite) -> None:
    build = every_site.build
    pages = html_files(build)
    assert len(pages) == sample_html_pages()
    broken = []
    checked = 0
    for page in pages:
        root = read_page(page)
        ids = {element.get("id") for element in root.iter() if element.get("id")}
        for tag, address in links_of(root):
            if address.startswith("#"):
                if address[1:] not in ids:
                    broken.append(f"{page.relative_to(build)}: {tag} {address}")
                continue
            target = resolve_internal(build, page, address, every_site.base_url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{page.relative_to(build)}: {tag} {address} → {target}")
    assert broken == []
    assert checked > 350


def test_links_between_pages_are_relative(every_site: BuiltSite) -> None:
    """Only canonical URLs are absolute, so the site also works from disk."""
    build = every_site.build
    for page in html_files(build):
        if page.name == "404.html":
            continue
        for tag, address in links_of(read_page(page)):
            if every_site.base_url and address.startswith(every_site.base_url):
                assert tag == "link", f"{page}: {tag} {address}"
            elif not address.startswith("https://example.com/"):  # a link in an article
                assert not address.startswith("/"), f"{page}: {tag} {address}"


def test_not_found_page_links_from_the_base_path(every_site: BuiltSite) -> None:
    """404.html is served at any depth, so its links start at the site's path."""
    prefix = base_path(every_site.base_url)
    addresses = [address for _, address in links_of(read_page(every_site.build / "404.html"))]
    internal = [a for a in addresses if not a.startswith(("#", "http"))]
    assert internal == [
        f"{prefix}static/style.css",
        f"{prefix}static/favicon.svg",
        f"{prefix}feed.xml",
        *([f"{prefix}rss.xml"] if every_site.base_url else []),  # RSS needs an address
        prefix,
        f"{prefix}archive/",
        f"{prefix}topics/",
        f"{prefix}feed.xml",
        f"{prefix}search/",
        prefix,
        f"{prefix}archive/",
        f"{prefix}topics/",
    ]


def test_not_found_page_without_base_url_links_from_the_root(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/001_00000000000000aa.txt": " date 2025-11-07 Новость."})
    assert newsgen("build", "--site", site, "--jobs", "1").code == 0
    root = read_page(site / "build/404.html")
    assert [a.get("href") for a in root.iterfind(".//main//a")] == ["/", "/archive/", "/topics/"]


def test_every_page_is_well_formed_html_with_one_h1(every_site: BuiltSite) -> None:
    for page in html_files(every_site.build):
        data = page.read_bytes()
        try:
            root = parse_html(data, strict=True)
        except ParseError as error:
            pytest.fail(f"{page.relative_to(every_site.build)}: {error}")
        assert data.startswith(b"<!DOCTYPE html>\n"), page
        assert len(list(root.iter("h1"))) == 1, page
        assert root.find("head/title") is not None, page
        assert root.get("lang") in ("ru", "en"), page
