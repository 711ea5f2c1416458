"""The `newsgen build` command: its error lines, exit codes, and what it refuses to touch."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MakeSite, build_in_place
from sitetools import STAGING_SUFFIX, article_pages, clean_env, newsgen, snapshot

from newsgen import __version__
from newsgen.config import WITHOUT_BASE_URL

GOOD_SEED = {"seeds/001_00000000000000aa.txt": " date 2025-11-07 Хорошая новость дня.\n\nТекст."}
CP1251_SEED = " date 2025-11-07 Текст статьи в другой кодировке.".encode("cp1251")

# Each bad source file, and the lines newsgen prints for it.
BAD_SOURCES: dict[str, tuple[str, str | bytes, list[str]]] = {
    "missing-date": (
        "seeds/002_00000000000000bb.txt",
        " 2025-11-07 Статья без слова date.\n\nТекст.",
        [
            "seeds/002_00000000000000bb.txt:1: missing date: "
            "a seed file starts with ' date YYYY-MM-DD'",
            "     2025-11-07 Статья без слова date.",
        ],
    ),
    "bad-date": (
        "seeds/003_00000000000000cc.txt",
        " date 2025-13-45 Статья с плохой датой.",
        [
            "seeds/003_00000000000000cc.txt:1: date '2025-13-45' is not a date (month 13)",
            "     date 2025-13-45 Статья с плохой датой.",
        ],
    ),
    "empty": (
        "seeds/004_00000000000000dd.txt",
        "",
        [
            "seeds/004_00000000000000dd.txt:1: empty file: "
            "expected ' date YYYY-MM-DD' and the article"
        ],
    ),
    "cp1251": (
        "seeds/005_00000000000000ee.txt",
        CP1251_SEED,
        [
            "seeds/005_00000000000000ee.txt:1: not UTF-8 text (byte 0xd2 at column 18); "
            "it looks like cp1251: convert it with `iconv -f cp1251 -t utf-8`",
            "     date 2025-11-07 Текст статьи в другой кодировке.",
        ],
    ),
    "binary": (
        "seeds/006_00000000000000ff.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        ["seeds/006_00000000000000ff.txt:1: binary file, not text (it contains NUL bytes)"],
    ),
    "bad-front-matter-key": (
        "seeds/notes/bad-key.md",
        "---\ndate: 2025-11-07\nautor: Иван\n---\nТекст.\n",
        [
            "seeds/notes/bad-key.md:3: unknown key 'autor' (known: author, date, draft, extra, "
            "image, lang, slug, summary, tags, title, topics, updated)",
            "    autor: Иван",
        ],
    ),
    "unclosed-front-matter": (
        "seeds/notes/unclosed.md",
        "---\ndate: 2025-11-07\ntitle: Без конца\n\nТекст.\n",
        ["seeds/notes/unclosed.md:1: front matter is not closed: add a '---' line after it"],
    ),
    "control-character": (
        "seeds/008_0000000000000011.txt",
        " date 2025-11-07 Заголовок.\n\nТекст с \x1b[0m мусором.",
        [
            "seeds/008_0000000000000011.txt:3: control character U+001B at column 9",
            "    Текст с \\x1b[0m мусором.",
        ],
    ),
    "control-character-escaped-in-yaml": (
        "seeds/notes/escaped.md",
        '---\ndate: 2025-11-07\ntitle: "Звонок\\a"\n---\nТекст.\n',
        [
            "seeds/notes/escaped.md:3: title: holds the control character U+0007",
            '    title: "Звонок\\a"',
        ],
    ),
    "utf-16": (
        "seeds/009_0000000000000012.txt",
        " date 2025-11-07 Текст.".encode("utf-16"),
        [
            "seeds/009_0000000000000012.txt:1: UTF-16 text, not UTF-8: "
            "convert it with `iconv -f utf-16 -t utf-8`"
        ],
    ),
    "slug-too-long": (
        "seeds/notes/long-slug.md",
        f"---\ndate: 2025-11-07\nslug: {'я' * 101}\n---\nТекст.\n",
        [
            f"seeds/notes/long-slug.md:3: slug: '{'я' * 101}' is 202 bytes long: "
            "at most 200 fit a file name",
            f"    slug: {'я' * 101}",
        ],
    ),
    "empty-topic": (
        "seeds/notes/empty-topic.md",
        "---\ndate: 2025-11-07\ntopics: [США, ~]\n---\nТекст.\n",
        [
            "seeds/notes/empty-topic.md:3: topics: has an empty item "
            "(`null`, `~` or nothing after `-`)",
            "    topics: [США, ~]",
        ],
    ),
    "lone-surrogate-escaped-in-yaml": (
        "seeds/notes/surrogate.md",
        '---\ndate: 2025-11-07\ntitle: "\\uD800"\n---\nТекст.\n',
        [
            "seeds/notes/surrogate.md:3: title: holds the lone surrogate U+D800",
            '    title: "\\uD800"',
        ],
    ),
}


def contains_block(lines: list[str], block: list[str]) -> bool:
    """Whether `block` appears in `lines` as consecutive lines."""
    return any(lines[i : i + len(block)] == block for i in range(len(lines)))


@pytest.fixture
def built_site(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site with one good article, built once, with the current folder set to it."""
    return build_in_place(make_site, tmp_path / "site", GOOD_SEED, monkeypatch)


@pytest.mark.parametrize("case", list(BAD_SOURCES), ids=list(BAD_SOURCES))
def test_bad_source_is_reported_and_the_old_site_kept(built_site: Path, case: str) -> None:
    path, content, lines = BAD_SOURCES[case]
    before = snapshot(built_site / "build")
    (built_site / path).parent.mkdir(parents=True, exist_ok=True)
    (built_site / path).write_bytes(content if isinstance(content, bytes) else content.encode())
    run = newsgen("build", "--jobs", "1")
    assert run.code == 1
    assert run.err.startswith(lines[0])  # `path:line:` first, for editors that jump to it
    assert run.err_lines == [
        *lines,
        "build failed: 1 problem(s) in 1 file(s); nothing was written",
    ]
    assert run.out == ""
    assert snapshot(built_site / "build") == before
    assert not (built_site / f".build{STAGING_SUFFIX}").exists()


def test_every_bad_file_is_reported_in_one_run(built_site: Path) -> None:
    before = snapshot(built_site / "build")
    for path, content, _ in BAD_SOURCES.values():
        (built_site / path).parent.mkdir(parents=True, exist_ok=True)
        (built_site / path).write_bytes(content if isinstance(content, bytes) else content.encode())
    run = newsgen("build", "--jobs", "1")
    assert run.code == 1
    for _, _, lines in BAD_SOURCES.values():
        assert contains_block(run.err_lines, lines), lines
    count = len(BAD_SOURCES)
    expected = f"build failed: {count} problem(s) in {count} file(s); nothing was written"
    assert run.err_lines[-1] == expected
    assert snapshot(built_site / "build") == before


def test_skip_invalid_builds_the_rest_and_lists_each_skipped_file(built_site: Path) -> None:
    for path, content, _ in BAD_SOURCES.values():
        (built_site / path).parent.mkdir(parents=True, exist_ok=True)
        (built_site / path).write_bytes(content if isinstance(content, bytes) else content.encode())
    (built_site / "seeds/007_0000000000000100.txt").write_text(" date 2025-11-08 Еще одна.")
    run = newsgen("build", "--skip-invalid", "--quiet", "--jobs", "1")
    assert run.code == 0, run.err
    for _, _, lines in BAD_SOURCES.values():
        assert contains_block(run.err_lines, lines), lines
    assert run.err_lines[-1] == f"skipped {len(BAD_SOURCES)} invalid file(s) (--skip-invalid)"
    assert run.out == ""
    assert len(article_pages(built_site / "build")) == 2


def test_a_file_over_the_size_limit_fails_the_build_and_is_skipped_with_skip_invalid(
    built_site: Path,
) -> None:
    (built_site / "newsgen.yaml").write_text("max_source_kb: 4\n")
    (built_site / "seeds/002_00000000000000bb.txt").write_text(" date 2025-11-08 " + "я" * 5000)
    failed = newsgen("build", "--jobs", "1")
    assert failed.code == 1
    assert failed.err_lines == [
        "seeds/002_00000000000000bb.txt:1: too large to be an article: 10 KB, "
        "over the limit of 4 KB (max_source_kb in newsgen.yaml)",
        "build failed: 1 problem(s) in 1 file(s); nothing was written",
    ]
    skipped = newsgen("build", "--skip-invalid", "--quiet", "--jobs", "1")
    assert skipped.code == 0, skipped.err
    assert skipped.err_lines[-1] == "skipped 1 invalid file(s) (--skip-invalid)"
    assert len(article_pages(built_site / "build")) == 1


def test_skip_invalid_with_nothing_bad_prints_nothing_skipped(built_site: Path) -> None:
    run = newsgen("build", "--skip-invalid", "--jobs", "1")
    assert run.code == 0
    assert run.err_lines == [WITHOUT_BASE_URL]  # and nothing about skipped files


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("seeds", "--output {output} would replace the source folder; choose another"),
        ("seeds/public", "--output {output} is inside the source folder"),
        ("static/out", "--output {output} is inside the site's static/ folder"),
        ("root", "--output {output} is inside the site's root/ folder"),
        (".", "--output {output} would replace the site folder; choose another"),
        ("..", "--output {output} would replace the site folder; choose another"),
        ("/", "--output {output} would replace the root folder; choose another"),
        (
            "../public",
            "output folder {absolute} is not empty and was not made by newsgen "
            "(no .newsgen-build in it); choose a new or empty folder",
        ),
    ],
    ids=[
        "source",
        "inside-source",
        "inside-static",
        "root-files",
        "site",
        "site-parent",
        "root",
        "not-made-by-newsgen",
    ],
)
def test_output_that_would_destroy_something_is_refused(
    built_site: Path, output: str, message: str
) -> None:
    public = built_site.parent / "public"
    public.mkdir()
    (public / "index.html").write_text("<p>Мой сайт</p>")
    before = snapshot(built_site.parent)
    run = newsgen("build", "--output", output, "--jobs", "1")
    assert run.code == 2
    absolute = (built_site / output).absolute()
    assert run.err == f"error: {message.format(output=output, absolute=absolute)}\n"
    assert snapshot(built_site.parent) == before
    assert not Path("/..newsgen-staging").exists()


def test_an_output_not_made_by_newsgen_is_refused_before_sources_are_read(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, {"seeds/bad.txt": " 2025-11-07 Нет слова date.", "build/a": "x"})
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 2
    assert "not made by newsgen" in run.err and "bad.txt" not in run.err


def test_the_folder_pip_install_leaves_in_build_is_named_with_what_to_do(
    make_site: MakeSite, tmp_path: Path
) -> None:
    files = {"build/lib/newsgen/cli.py": "", "build/bdist.linux-x86_64/x": "", **GOOD_SEED}
    site = make_site(tmp_path, files)
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 2
    output = (site / "build").absolute()
    assert run.err == (
        f"error: output folder {output} holds what `pip install .` left there (setuptools' "
        f"bdist.linux-x86_64, lib), not a site: remove it (rm -r {output}) or choose another "
        "folder with --output\n"
    )


def test_output_may_be_an_empty_folder(built_site: Path) -> None:
    (built_site / "empty").mkdir()
    run = newsgen("build", "--output", "empty", "--jobs", "1")
    assert run.code == 0, run.err
    assert (built_site / "empty/index.html").is_file()
    assert (built_site / "empty/.newsgen-build").is_file()


def test_bad_settings_are_all_listed_with_their_lines(built_site: Path) -> None:
    (built_site / "newsgen.yaml").write_text(
        "title: Архив\ncolour: blue\nper_page: many\nlanguage: de\n", encoding="utf-8"
    )
    before = snapshot(built_site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 2
    assert run.err_lines == [
        "newsgen.yaml:2: unknown setting 'colour' (known: title, description, author, language, "
        "base_url, time_zone, per_page, feed_size, topic_feed_content, find_topics, "
        "topic_aliases, topic_ignore, topic_min_mentions, topic_sources, search, "
        "search_part_size, build_future, max_source_kb, max_image_kb, scheduler)",
        "    colour: blue",
        "newsgen.yaml:3: per_page: expected a whole number of at least 1, found 'many'",
        "    per_page: many",
        "newsgen.yaml:4: language: expected one of ru, en, found 'de'",
        "    language: de",
    ]
    assert snapshot(built_site / "build") == before


def test_bad_base_url_option_is_refused(built_site: Path) -> None:
    run = newsgen("build", "--base-url", "example.org/news", "--jobs", "1")
    assert run.code == 2
    assert run.err_lines == [
        "--base-url:1: 'example.org/news' is not an http(s) URL like https://example.org/archive/"
    ]


def test_missing_source_folder_is_refused(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(tmp_path, {"newsgen.yaml": "title: Пусто\n"})
    run = newsgen("build", "--site", site, "--jobs", "1")
    assert run.code == 2
    assert run.err == f"error: source folder {site / 'seeds'} does not exist\n"
    assert not (site / "build").exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ no_such_value }}", "template article.html for {path}: 'no_such_value' is undefined"),
        (
            "{% if %}",
            "templates/article.html:1: Expected an expression, got 'end of statement block'",
        ),
        (
            "<p>\n{{ 1 // 0 }}",
            "templates/article.html:2: ZeroDivisionError: integer division or modulo by zero"
            " (rendering {path})",
        ),
        (
            "Текст".encode("cp1251"),
            "article.html: UnicodeDecodeError: 'utf-8' codec can't decode byte 0xd2 in position 0:"
            " invalid continuation byte (rendering {path})",
        ),
    ],
    ids=["undefined", "syntax", "python-error", "not-utf8"],
)
def test_template_failure_exits_4_and_keeps_the_old_site(
    built_site: Path, template: str | bytes, message: str
) -> None:
    (built_site / "templates").mkdir()
    written = template if isinstance(template, bytes) else template.encode()
    (built_site / "templates/article.html").write_bytes(written)
    before = snapshot(built_site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 4
    (page,) = article_pages(built_site / "build")
    path = page.relative_to(built_site / "build").as_posix()
    assert run.err == f"error: {message.format(path=path)}\n"
    assert snapshot(built_site / "build") == before


@pytest.mark.parametrize("written", ["--output=~", "--output=~/site", "--source=~alice/news"])
def test_a_path_starting_with_an_unexpanded_tilde_is_refused(
    built_site: Path, written: str
) -> None:
    before = snapshot(built_site.parent)
    run = newsgen("build", written, "--jobs", "1")
    assert run.code == 2
    option, _, path = written.partition("=")
    assert run.err.splitlines()[-1] == (
        f"newsgen build: error: argument {option}: {path!r} starts with '~', which the shell "
        "did not expand here; write the path out (e.g. $HOME/...), or ./~ for a folder named '~'"
    )
    assert snapshot(built_site.parent) == before


def test_a_folder_named_tilde_is_written_as_dot_slash_tilde(built_site: Path) -> None:
    run = newsgen("build", "--output", "./~", "--jobs", "1")
    assert run.code == 0, run.err
    assert (built_site / "~/index.html").is_file()


def test_bad_option_exits_2(built_site: Path) -> None:
    run = newsgen("build", "--jobs", "many")
    assert run.code == 2
    assert "argument --jobs: invalid int value: 'many'" in run.err


def test_version() -> None:
    run = newsgen("--version")
    assert run.code == 0
    assert run.out == f"newsgen {__version__}\n"


def test_a_build_without_base_url_says_once_what_it_leaves_out(built_site: Path) -> None:
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0
    assert run.err_lines == [WITHOUT_BASE_URL]
    assert "sitemap" in WITHOUT_BASE_URL and "base_url" in WITHOUT_BASE_URL
    hosted = newsgen("build", "--jobs", "1", "--base-url", "https://example.org/")
    assert (hosted.code, hosted.err) == (0, "")


def test_quiet_prints_nothing(built_site: Path) -> None:
    run = newsgen("build", "--quiet", "--jobs", "1")
    assert (run.code, run.out, run.err) == (0, "", "")


@pytest.mark.parametrize(
    ("written", "what"),
    [("yesterday", "is not a number of seconds"), ("99999999999999", "is past the year 9999")],
    ids=["not-a-number", "out-of-range"],
)
def test_a_source_date_epoch_that_is_not_a_time_is_a_usage_error(
    built_site: Path, monkeypatch: pytest.MonkeyPatch, written: str, what: str
) -> None:
    before = snapshot(built_site / "build")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", written)
    run = newsgen("build", "--jobs", "1")
    assert (run.code, run.err) == (2, f"error: SOURCE_DATE_EPOCH={written!r} {what}\n")
    assert snapshot(built_site / "build") == before


def in_a_terminal(site: Path, *args: str) -> str:
    """What `newsgen ARGS…` shows on a terminal's screen (its stderr is a terminal)."""
    screen, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsgen", *args],
        cwd=site,
        env=clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    shown = bytearray()
    with contextlib.suppress(OSError):  # the terminal closes (EIO) when the process ends
        while chunk := os.read(screen, 4096):
            shown += chunk
    os.close(screen)
    assert process.wait(timeout=300) == 0, shown.decode()
    return shown.decode()


def test_a_build_in_a_terminal_shows_how_far_it_is(make_site: MakeSite, tmp_path: Path) -> None:
    second = {"seeds/002_00000000000000bb.txt": " date 2025-11-08 Другая новость.\n\nТекст."}
    site = make_site(tmp_path, {**GOOD_SEED, **second})
    shown = in_a_terminal(site, "build", "--jobs", "1")
    assert "\rfinding topics: 2/2 articles\r\n" in shown
    assert re.search(r"\rrendering: (\d+)/\1 pages\r\n", shown)
    assert "\rindexing for search: 0/1 parts\rindexing for search: 1/1 parts\r\n" in shown
    # Nothing changed: no model runs, no page is rendered, the search index is kept.
    again = in_a_terminal(site, "build", "--jobs", "1")
    assert "finding topics" not in again
    assert "rendering" not in again
    assert "indexing" not in again
