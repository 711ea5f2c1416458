"""The load stage: a folder of source files to `Article` records and every problem in them."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import EXTRA_SOURCES, MakeSite
from sitetools import REPO, newsgen

from newsgen.errors import SourceError
from newsgen.records import Article, Topic
from newsgen.sources.article_record import WORDS_PER_MINUTE
from newsgen.sources.load import LoadResult, load_file, load_sources
from newsgen.sources.load_memo import LoadMemo

SAMPLE_NAME = "000_f2c8b14476094b1d.txt"
SAMPLE_SEED = REPO / "seeds" / SAMPLE_NAME
SAMPLE_TITLE = (
    "Казахстан стал первой страной, присоединившейся к Авраамовым соглашениям в период "
    "второго президентского срока лидера США Дональда Трампа"
)
MSK = dt.timezone(dt.timedelta(hours=3))


def load(tmp_path: Path, make_site: MakeSite, files: Mapping[str, str | bytes]) -> LoadResult:
    site = make_site(tmp_path / "site", files)
    return load_sources(site / "seeds")


def only_article(result: LoadResult) -> Article:
    assert result.problems == ()
    [article] = result.articles
    return article


def markdown_article(tmp_path: Path, make_site: MakeSite, text: str) -> Article:
    return only_article(load(tmp_path, make_site, {"seeds/a.md": text}))


def test_sample_seed_file(tmp_path: Path, make_site: MakeSite) -> None:
    result = load(tmp_path, make_site, {f"seeds/{SAMPLE_NAME}": SAMPLE_SEED.read_bytes()})
    article = only_article(result)
    assert article.identifier == "f2c8b14476094b1d"
    assert article.source_path == f"seeds/{SAMPLE_NAME}"
    assert article.date == dt.date(2025, 11, 7)
    assert article.published is None
    assert article.title == SAMPLE_TITLE
    assert article.slug == "kazakhstan-stal-pervoy-stranoy-prisoedinivsheysya-k-f2c8b144"
    assert article.url == f"2025/11/07/{article.slug}/"
    assert article.lang == "ru"
    assert article.body_html is None
    assert article.topics == ()
    assert article.paragraphs[0].startswith("Казахстан стал первой страной")
    assert len(article.paragraphs) == SAMPLE_SEED.read_text(encoding="utf-8").count("\n\n") + 1
    # The lede is the one sentence the headline is made of: the summary is what follows.
    assert article.summary.startswith("«Я только что провел")
    assert SAMPLE_TITLE not in article.summary
    assert article.word_count > 300
    assert article.reading_minutes == math.ceil(article.word_count / WORDS_PER_MINUTE)
    assert (result.ignored_files, result.drafts) == (0, 0)


def test_seed_with_time_and_zone(tmp_path: Path, make_site: MakeSite) -> None:
    files = {
        "seeds/2024/003_3c4d5e6f708192a3.txt": (
            " date 2024-12-31 23:30 +05:00 Жители Астаны встретили Новый год салютом.\n\n"
            "Праздник прошел спокойно."
        )
    }
    article = only_article(load(tmp_path, make_site, files))
    assert article.source_path == "seeds/2024/003_3c4d5e6f708192a3.txt"
    assert article.date == dt.date(2024, 12, 31)
    assert article.published == dt.datetime(
        2024, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))
    )
    assert article.title == "Жители Астаны встретили Новый год салютом"
    assert article.url == "2024/12/31/zhiteli-astany-vstretili-novyy-god-salyutom-3c4d5e6f/"
    assert article.paragraphs == (
        "Жители Астаны встретили Новый год салютом.",
        "Праздник прошел спокойно.",
    )
    assert (article.word_count, article.reading_minutes) == (9, 1)


def test_seed_name_without_an_identifier_gets_a_hash_of_its_path(
    tmp_path: Path, make_site: MakeSite
) -> None:
    files = {"seeds/2025/news.txt": " date 2025-11-07 Text."}
    article = only_article(load(tmp_path, make_site, files))
    expected = hashlib.sha1(b"2025/news.txt").hexdigest()[:16]
    assert article.identifier == expected
    assert article.slug == f"text-{expected[:8]}"


def test_renaming_the_source_folder_moves_no_url(tmp_path: Path, make_site: MakeSite) -> None:
    files = {"seeds/news.txt": " date 2025-11-07 Text.", "seeds/note.md": MARKDOWN_NO_SLUG}
    before = load(tmp_path, make_site, files).articles
    (tmp_path / "site/seeds").rename(tmp_path / "site/archive")
    after = load_sources(tmp_path / "site/archive").articles
    assert [a.slug for a in after] == [a.slug for a in before]
    assert [a.identifier for a in after] == [a.identifier for a in before]


MARKDOWN_NO_SLUG = "---\ndate: 2025-11-07\n---\nТекст без заголовка.\n"


def test_seed_in_english(tmp_path: Path, make_site: MakeSite) -> None:
    files = {"seeds/001_00000000000000aa.txt": " date 2025-11-07 Talks resume, officials said."}
    article = only_article(load(tmp_path, make_site, files))
    assert article.lang == "en"
    assert article.slug == "talks-resume-officials-said-00000000"


def test_markdown_article_with_topics(tmp_path: Path, make_site: MakeSite) -> None:
    files = {
        "seeds/a.md": EXTRA_SOURCES["seeds/articles/kazakhstan-usa.md"],
        "seeds/photos/signing.jpg": EXTRA_SOURCES["seeds/articles/photos/signing.jpg"],
        "seeds/photos/map.png": EXTRA_SOURCES["seeds/articles/photos/map.png"],
    }
    article = only_article(load(tmp_path, make_site, files))
    assert article.identifier == hashlib.sha1(b"a.md").hexdigest()[:16]
    assert article.source_path == "seeds/a.md"
    assert article.date == dt.date(2025, 11, 5)
    assert article.published == dt.datetime(2025, 11, 5, 14, 30, tzinfo=MSK)
    assert article.title == "Казахстан и США подписали соглашения на 17 млрд долларов"
    assert article.slug == "kazakhstan-i-ssha-podpisali-soglasheniya-na-17-mlrd-dollarov"
    assert article.url == f"2025/11/05/{article.slug}/"
    assert article.summary == "Сделки подписаны в Вашингтоне."
    assert article.lang == "ru"
    assert article.topics == (
        Topic("other", "Казахстан", "kazakhstan"),
        Topic("other", "США", "ssha"),
    )
    assert article.paragraphs == (
        "Лидеры двух стран подписали коммерческие соглашения.",
        "Подробности — в архиве.",
    )
    assert article.body_html == (
        "<p>Лидеры двух стран подписали <strong>коммерческие соглашения</strong>.</p>\n"
        '<p><img alt="Карта поставок" src="map.png" width="640" height="400" loading="lazy"'
        ' decoding="async"></p>\n'
        '<p>Подробности — в <a href="https://example.com/source" rel="noopener noreferrer">'
        "архиве</a>.</p>"
    )
    assert article.image is not None
    assert (article.image.name, article.image.caption) == ("signing.jpg", "Подписание в Вашингтоне")
    assert article.word_count == 9


def test_markdown_without_title_slug_or_summary(tmp_path: Path, make_site: MakeSite) -> None:
    article = markdown_article(
        tmp_path,
        make_site,
        "---\ndate: 2025-09-01\ntopics: Израиль\n---\n"
        "Израиль и США провели переговоры о торговле. Стороны договорились продолжить.\n",
    )
    assert article.title == "Израиль и США провели переговоры о торговле"
    assert article.slug == "izrail-i-ssha-proveli-peregovory-o-torgovle"
    assert article.summary == "Стороны договорились продолжить."  # not the title again
    assert article.topics == (Topic("other", "Израиль", "izrail"),)


def test_markdown_slug_and_lang_are_used_as_written(tmp_path: Path, make_site: MakeSite) -> None:
    article = markdown_article(
        tmp_path,
        make_site,
        "---\ntitle: Лето в Астане\ndate: 2024-06-15\nslug: astana-summer\nlang: en\n---\nТекст.\n",
    )
    assert (article.slug, article.lang, article.url) == (
        "astana-summer",
        "en",
        "2024/06/15/astana-summer/",
    )


def test_markdown_title_without_latin_equivalent(tmp_path: Path, make_site: MakeSite) -> None:
    article = markdown_article(tmp_path, make_site, "---\ndate: 2025-11-07\n---\n日本語\n")
    assert article.slug == article.identifier[:8]


def test_topic_names_are_tidied(tmp_path: Path, make_site: MakeSite) -> None:
    article = markdown_article(
        tmp_path,
        make_site,
        "---\ndate: 2025-11-07\ntopics: ['  Владимир   Путин ', 日本]\n---\nТекст.\n",
    )
    assert article.topics == (
        Topic("other", "Владимир Путин", "vladimir-putin"),
        Topic("other", "日本", hashlib.sha1("日本".encode()).hexdigest()[:12]),
    )


def test_draft_is_left_out_and_counted(tmp_path: Path, make_site: MakeSite) -> None:
    result = load(
        tmp_path,
        make_site,
        {
            "seeds/draft.md": "---\ntitle: Черновик\ndate: 2025-11-08\ndraft: true\n---\nНет.\n",
            "seeds/ready.md": "---\ntitle: Готово\ndate: 2025-11-08\ndraft: false\n---\nДа.\n",
        },
    )
    assert [a.title for a in result.articles] == ["Готово"]
    assert result.drafts == 1
    assert result.problems == ()


def test_draft_with_a_bad_front_matter_is_still_reported(
    tmp_path: Path, make_site: MakeSite
) -> None:
    result = load(
        tmp_path,
        make_site,
        {"seeds/draft.md": "---\ndate: 2025-13-01\ndraft: true\n---\nЕще нет.\n"},
    )
    assert result.problems == (
        SourceError(
            "seeds/draft.md",
            2,
            "date: date '2025-13-01' is not a date (month 13)",
            "date: 2025-13-01",
        ),
    )
    assert (result.articles, result.drafts) == ((), 0)


def test_ignored_files_are_counted(tmp_path: Path, make_site: MakeSite) -> None:
    result = load(
        tmp_path,
        make_site,
        {
            "seeds/001_00000000000000aa.txt": " date 2025-11-07 Текст.",
            "seeds/.hidden.txt": " date 2025-11-09 Скрытый файл не публикуется.",
            "seeds/notes.docx": b"PK\x03\x04 not a source",
            "seeds/a.md~": "backup",
        },
    )
    assert [a.source_path for a in result.articles] == ["seeds/001_00000000000000aa.txt"]
    assert result.ignored_files == 3


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("Текст <script>alert(1)</script> дальше.", "Текст"),
        ('<img src="https://x.org/a.jpg" onerror="alert(1)" alt="Фото">\n\nТекст.', 'alt="Фото"'),
        ("[ссылка](javascript:alert(1)) и текст.", "ссылка</a>"),
        ('<a href="JaVaScRiPt:alert(1)">ссылка</a> и текст.', "ссылка</a>"),
        ('<a href="jav&#x09;ascript:alert(1)">ссылка</a> и текст.', "ссылка</a>"),
        ('<p onclick="steal()" onmouseover="x()">Абзац</p>', "<p>Абзац</p>"),
        ('<iframe src="https://evil.example/"></iframe>\n\nТекст.', "<p>Текст.</p>"),
        ("<svg onload=alert(1)><circle/></svg>\n\nТекст.", "<p>Текст.</p>"),
        ('![картинка](javascript:alert(1) "t")\n\nТекст.', 'alt="картинка"'),
        ("<style>body { display: none }</style>\n\nТекст.", "<p>Текст.</p>"),
    ],
    ids=[
        "script",
        "onerror",
        "markdown-javascript-link",
        "mixed-case-javascript",
        "tab-in-javascript",
        "event-handlers",
        "iframe",
        "svg-onload",
        "javascript-image",
        "style",
    ],
)
def test_markdown_is_sanitised(tmp_path: Path, make_site: MakeSite, body: str, kept: str) -> None:
    article = markdown_article(tmp_path, make_site, f"---\ndate: 2025-11-07\n---\n{body}\n")
    html = article.body_html
    assert html is not None
    assert kept in html
    lowered = html.lower()
    for unsafe in ("<script", "javascript:", "onerror", "onclick", "onmouseover", "onload"):
        assert unsafe not in lowered
    for unsafe in ("<iframe", "<svg", "<style", "alert(1)"):
        assert unsafe not in lowered


def test_every_bad_file_in_a_folder_is_reported_in_one_call(
    tmp_path: Path, make_site: MakeSite
) -> None:
    result = load(
        tmp_path,
        make_site,
        {
            "seeds/001_00000000000000aa.txt": " date 2025-11-07 Хорошая статья.",
            "seeds/002_00000000000000bb.txt": "\n\n date 2025-13-45 Текст.",
            "seeds/003_00000000000000cc.txt": "Текст без даты.",
            "seeds/004_00000000000000dd.txt": " date 2025-11-07 Кириллица.".encode("cp1251"),
            "seeds/005_00000000000000ee.txt": b"\x00\x01binary",
            "seeds/articles/bad.md": (
                "---\ndate: 2025-11-07\ncategory: Политика\ndraft: maybe\n---\nТекст.\n"
            ),
            "seeds/articles/empty-date.md": "---\ntitle: Без даты\ndate:\n---\nТекст.\n",
            "seeds/articles/no-text.md": "---\ndate: 2025-11-07\n---\n<!-- комментарий -->\n",
        },
    )
    assert [a.source_path for a in result.articles] == ["seeds/001_00000000000000aa.txt"]
    assert [(p.path, p.line, p.message) for p in result.problems] == [
        ("seeds/002_00000000000000bb.txt", 3, "date '2025-13-45' is not a date (month 13)"),
        (
            "seeds/003_00000000000000cc.txt",
            1,
            "missing date: a seed file starts with ' date YYYY-MM-DD'",
        ),
        (
            "seeds/004_00000000000000dd.txt",
            1,
            "not UTF-8 text (byte 0xca at column 18); "
            "it looks like cp1251: convert it with `iconv -f cp1251 -t utf-8`",
        ),
        ("seeds/005_00000000000000ee.txt", 1, "binary file, not text (it contains NUL bytes)"),
        (
            "seeds/articles/bad.md",
            3,
            "unknown key 'category' (known: author, date, draft, extra, image, lang, slug, "
            "summary, tags, title, topics, updated)",
        ),
        ("seeds/articles/bad.md", 4, "draft: expected true or false, found 'maybe'"),
        ("seeds/articles/empty-date.md", 3, "date: is empty"),
        ("seeds/articles/no-text.md", 1, "the article body has no text"),
    ]
    assert str(result.problems[0]) == (
        "seeds/002_00000000000000bb.txt:3: date '2025-13-45' is not a date (month 13)\n"
        "     date 2025-13-45 Текст."
    )


def test_bad_slug_and_lang_are_reported_on_their_lines(tmp_path: Path, make_site: MakeSite) -> None:
    result = load(
        tmp_path,
        make_site,
        {"seeds/a.md": "---\ndate: 2025-11-07\nslug: a/b\nlang: Russian\n---\nТекст.\n"},
    )
    assert [str(p) for p in result.problems] == [
        "seeds/a.md:3: slug: 'a/b' has '/' (SOLIDUS): a slug is letters, digits, hyphens"
        " and underscores\n    slug: a/b",
        "seeds/a.md:4: lang: 'Russian' is not a language code\n    lang: Russian",
    ]


def test_load_file_that_cannot_be_read(tmp_path: Path) -> None:
    source_dir = tmp_path / "seeds"
    source_dir.mkdir()
    assert load_file(source_dir / "gone.txt", source_dir) == [
        SourceError("seeds/gone.txt", 1, "cannot be read: No such file or directory")
    ]


def test_load_file_gives_the_article(tmp_path: Path) -> None:
    source_dir = tmp_path / "news"
    source_dir.mkdir()
    path = source_dir / "001_0123456789abcdef.txt"
    path.write_text(" date 2025-11-07\nПервый абзац.\n\nВторой абзац.\n", encoding="utf-8")
    article = load_file(path, source_dir)
    assert isinstance(article, Article)
    assert article.source_path == "news/001_0123456789abcdef.txt"
    assert article.paragraphs == ("Первый абзац.", "Второй абзац.")
    assert article.slug == "pervyy-abzats-01234567"


def test_empty_source_folder(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    assert load_sources(tmp_path / "seeds") == LoadResult((), (), 0, 0)


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path: Path, make_site: MakeSite) -> None:
    site = make_site(tmp_path / "site", {"seeds/ok.txt": " date 2025-11-07 Текст."})
    (site / "seeds").joinpath(os.fsdecode(b"\xcd\xee\xe2\xee\xf1\xf2\xe8.txt")).write_text(
        " date 2025-11-07 Текст."
    )
    result = load_sources(site / "seeds")
    assert [str(p) for p in result.problems] == [
        "seeds/\\xcd\\xee\\xe2\\xee\\xf1\\xf2\\xe8.txt:1: "
        "the file name is not UTF-8: rename the file"
    ]


def test_links_out_of_the_source_folder_and_fifos_are_not_read(
    tmp_path: Path, make_site: MakeSite
) -> None:
    site = make_site(tmp_path / "site", {"seeds/ok.txt": " date 2025-11-07 Текст."})
    (tmp_path / "secret.txt").write_text(" date 2025-11-07 Секрет.")
    (site / "seeds/link.txt").symlink_to(tmp_path / "secret.txt")
    os.mkfifo(site / "seeds/pipe.txt")
    result = load_sources(site / "seeds")
    assert [str(p) for p in result.problems] == [
        "seeds/link.txt:1: a symbolic link to a file outside the source folder"
    ]
    assert len(result.articles) == 1


def test_a_file_over_the_size_limit_is_reported_without_reading_it(
    tmp_path: Path, make_site: MakeSite
) -> None:
    site = make_site(tmp_path / "site", {"seeds/ok.txt": " date 2025-11-07 Текст."})
    # A sparse file of 64 MB: were it read, it would be called binary (it is all NUL bytes).
    with (site / "seeds/dump.txt").open("wb") as dump:
        dump.truncate(64 * 1024**2)
    result = load_sources(site / "seeds")
    assert [str(p) for p in result.problems] == [
        "seeds/dump.txt:1: too large to be an article: 65,536 KB, over the limit of "
        "2,048 KB (max_source_kb in newsgen.yaml)"
    ]
    assert len(result.articles) == 1


def test_the_size_limit_counts_bytes(tmp_path: Path, make_site: MakeSite) -> None:
    text = " date 2025-11-07 " + "Слово. " * 200  # 2,417 bytes
    site = make_site(tmp_path / "site", {"seeds/a.txt": text})
    at_limit = load_sources(site / "seeds", max_bytes=len(text.encode()))
    assert [a.source_path for a in at_limit.articles] == ["seeds/a.txt"]
    over = load_sources(site / "seeds", max_bytes=len(text.encode()) - 1)
    assert [str(p) for p in over.problems] == [
        "seeds/a.txt:1: too large to be an article: 3 KB, over the limit of 2 KB "
        "(max_source_kb in newsgen.yaml)"
    ]


def test_a_new_size_limit_reads_remembered_files_again(tmp_path: Path, make_site: MakeSite) -> None:
    site = make_site(tmp_path / "site", {"seeds/a.txt": " date 2025-11-07 " + "Слово. " * 200})
    memo = LoadMemo()
    assert load_sources(site / "seeds", memo=memo, max_bytes=1024).articles == ()
    assert len(load_sources(site / "seeds", memo=memo, max_bytes=4096).articles) == 1


def test_a_file_read_again_is_remembered_as_read(tmp_path: Path, make_site: MakeSite) -> None:
    """A process that loads again and again reads an edited file once, not at every load."""
    site = make_site(tmp_path / "site", {"seeds/a.txt": " date 2025-11-07 Новость.\n\nТекст."})
    memo = LoadMemo()
    assert load_sources(site / "seeds", memo=memo).files_read == 1
    (site / "seeds/a.txt").write_text(" date 2025-11-07 Новость.\n\nТекст. Ещё.", "utf-8")
    edited = load_sources(site / "seeds", memo=memo)
    assert (edited.files_read, edited.articles[0].paragraphs[-1]) == (1, "Текст. Ещё.")
    again = load_sources(site / "seeds", memo=memo)
    assert (again.files_read, again.articles) == (0, edited.articles)


def test_markdown_nested_too_deeply_is_reported(tmp_path: Path, make_site: MakeSite) -> None:
    body = "- " * 5000 + "конец\n"  # 10 KB: lists inside lists, 5,000 deep
    result = load(tmp_path, make_site, {"seeds/a.md": f"---\ndate: 2025-11-07\n---\n{body}"})
    assert [str(p) for p in result.problems] == [
        "seeds/a.md:4: Markdown nested too deeply to render (lists or quotes hundreds deep)"
    ]


def test_a_markdown_paragraph_over_the_limit_is_reported(
    tmp_path: Path, make_site: MakeSite
) -> None:
    long = "*a* " * 12_501  # 50,003 characters once its trailing space is gone
    body = f"Первый абзац.\n\n{long}\nещё строка\n\nПоследний."
    result = load(tmp_path, make_site, {"seeds/a.md": f"---\ndate: 2025-11-07\n---\n{body}"})
    assert [str(p) for p in result.problems] == [
        "seeds/a.md:6: a paragraph of 50,015 characters: Markdown paragraphs are at most "
        "50,000 (split it with blank lines)"
    ]


def test_a_markdown_paragraph_at_the_limit_is_rendered(tmp_path: Path, make_site: MakeSite) -> None:
    article = markdown_article(tmp_path, make_site, "---\ndate: 2025-11-07\n---\n" + "я" * 49_999)
    assert article.paragraphs == ("я" * 49_999,)


def test_a_size_limit_set_huge_to_switch_it_off_reads_files_as_they_are(
    tmp_path: Path, make_site: MakeSite
) -> None:
    site = make_site(
        tmp_path,
        {
            "newsgen.yaml": "max_source_kb: 99999999999999999999999\nfind_topics: false\n",
            "seeds/001_00000000000000aa.txt": " date 2025-11-07 Новость дня.\n\nТекст.",
        },
    )
    run = newsgen("build", "--site", site, "--jobs", "1", "--no-search")
    assert run.code == 0, run.err
