"""`newsgen new`: a site folder that builds at once, and new articles in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitetools import article_pages, newsgen, read_page, snapshot, text_of

from newsgen.config import SiteConfig, load_config

EPOCH = "1764500400"  # 2025-11-30 11:00 UTC: 14:00 in Moscow


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_a_new_site_builds_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = newsgen("new", tmp_path / "archive")
    assert run.code == 0, run.err
    site = tmp_path / "archive"
    assert run.out == f"made the site {site}: cd {site} && newsgen serve\n"
    settings = (site / "newsgen.yaml").read_text(encoding="utf-8")
    assert "# base_url:" in settings and "# time_zone: Europe/Moscow" in settings
    # Every setting is named, and the file is read as the defaults.
    for name in SiteConfig.__dataclass_fields__:
        assert f"{name}:" in settings, name
    assert load_config(site / "newsgen.yaml") == SiteConfig()
    (sample,) = (site / "seeds").rglob("*.md")
    assert sample.relative_to(site).as_posix() == "seeds/2025/11/dobro-pozhalovat-v-arkhiv.md"
    monkeypatch.chdir(site)
    built = newsgen("build", "--jobs", "1")
    assert built.code == 0, built.err
    (page,) = article_pages(site / "build")
    assert text_of(read_page(page).find(".//h1")) == "Добро пожаловать в архив"  # type: ignore[arg-type]


def test_an_english_site_is_english(tmp_path: Path) -> None:
    assert newsgen("new", tmp_path / "site", "--language", "en").code == 0
    config = load_config(tmp_path / "site/newsgen.yaml")
    assert (config.language, config.zone) == ("en", "UTC")
    (sample,) = (tmp_path / "site/seeds").rglob("*.md")
    assert sample.name == "welcome-to-the-archive.md"


def test_a_folder_with_files_is_not_made_a_site(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    run = newsgen("new", tmp_path)
    assert run.code == 2
    assert run.err_lines == [f"{tmp_path} exists and is not an empty folder: choose a new one"]
    assert snapshot(tmp_path) == before


def test_a_new_article_is_dated_now_in_the_site_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert newsgen("new", tmp_path / "site").code == 0
    monkeypatch.chdir(tmp_path / "site")
    title = 'Мэр открыл «Новый» мост: 5 км, "кавычки" и \\ черта'
    run = newsgen("new", "article", title)
    assert run.code == 0, run.err
    path = Path("seeds/2025/11/mer-otkryl-novyy-most-5-km-kavychki-i-cherta.md")
    assert run.out == f"wrote {path}: write the article there, then newsgen build\n"
    assert "\ndate: 2025-11-30T14:00+03:00\n" in path.read_text(encoding="utf-8")
    built = newsgen("build", "--jobs", "1")
    assert built.code == 0, built.err
    titles = {text_of(read_page(p).find(".//h1")) for p in article_pages(Path("build"))}  # type: ignore[arg-type]
    assert title in titles


def test_an_article_is_never_written_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert newsgen("new", tmp_path / "site").code == 0
    monkeypatch.chdir(tmp_path / "site")
    assert newsgen("new", "article", "Один заголовок").code == 0
    before = snapshot(tmp_path / "site")
    again = newsgen("new", "article", "Один  заголовок")
    assert again.code == 2
    assert again.err_lines == [
        "seeds/2025/11/odin-zagolovok.md exists: give the article another title, or edit that one"
    ]
    assert snapshot(tmp_path / "site") == before
    assert newsgen("new", "article", "  ").code == 2
