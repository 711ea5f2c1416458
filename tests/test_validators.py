"""The built site as third-party validators see it: every page through the W3C Nu HTML
checker, every sitemap through the sitemaps.org schema."""

from __future__ import annotations

from conftest import BuiltSite
from validators import news_sitemap_schema, nu_html_messages, schema_errors, sitemap_schema


def test_every_page_of_every_build_passes_the_nu_html_checker(
    sample_site: BuiltSite, subpath_site: BuiltSite, unhosted_site: BuiltSite
) -> None:
    """Errors and warnings alike, over the HTML of the three session builds (one run of
    the checker: it starts a Java virtual machine)."""
    builds = [sample_site.build, subpath_site.build, unhosted_site.build]
    assert nu_html_messages(builds) == []


def test_every_sitemap_passes_the_sitemaps_org_schema(
    sample_site: BuiltSite, subpath_site: BuiltSite
) -> None:
    for build in (sample_site.build, subpath_site.build):
        sitemaps = sorted(build.glob("sitemap*.xml"))
        assert [path.name for path in sitemaps] == ["sitemap-news.xml", "sitemap.xml"]
        assert schema_errors(sitemap_schema(), build / "sitemap.xml") == []
        news = build / "sitemap-news.xml"
        assert schema_errors(news_sitemap_schema(), news) == []
