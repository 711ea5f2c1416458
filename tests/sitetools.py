"""Helpers for the end-to-end tests: run newsgen, read a built site the way a user would."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import sys
import unittest.mock
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib

from newsgen import cli
from newsgen.build import BuildOptions, Progress, build_site
from newsgen.build_report import BuildReport
from newsgen.output.marker import MARKER, read_listing
from newsgen.records import Article, Body, Topic
from newsgen.urls import ARTICLE_PAGES

REPO = Path(__file__).resolve().parent.parent
STAGING_SUFFIX = ".newsgen-staging"
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@dataclass(frozen=True)
class Run:
    """What one `newsgen` run gave: its exit code and what it printed."""

    code: int
    out: str
    err: str
    # What `newsgen build` reported, when it built (run in this process): the counts a
    # test checks, rather than the words of the summary line.
    report: BuildReport | None = None

    @property
    def built(self) -> BuildReport:
        assert self.report is not None, f"no build report:\n{self.err}"
        return self.report

    @property
    def err_lines(self) -> list[str]:
        """The lines of stderr, the `error: ` prefix of the first one taken off."""
        return [line.removeprefix("error: ") for line in self.err.splitlines()]


def newsgen(*args: str | os.PathLike[str]) -> Run:
    """Run the `newsgen` command line in this process, as `newsgen ARGS…`."""
    out, err = io.StringIO(), io.StringIO()
    reports: list[BuildReport] = []

    def build_and_keep_report(options: BuildOptions, progress: Progress | None) -> BuildReport:
        reports.append(build_site(options, progress))
        return reports[-1]

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with unittest.mock.patch.object(cli, "build_site", build_and_keep_report):
                code = cli.main([str(arg) for arg in args])
        except SystemExit as exit_:  # argparse's own errors
            code = exit_.code if isinstance(exit_.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue(), reports[-1] if reports else None)


def clean_env(**changes: str) -> dict[str, str]:
    """The environment for a newsgen subprocess: this one without SOURCE_DATE_EPOCH."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(changes)
    return env


def newsgen_process(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run `python -m newsgen ARGS…` in a separate process."""
    done = subprocess.run(
        [sys.executable, "-m", "newsgen", *(str(arg) for arg in args)],
        cwd=cwd,
        env=dict(env) if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write_files(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` (relative path → text or bytes) under `folder`; give `folder`."""
    for relative, content in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class FileState:
    data: bytes
    mtime_ns: int
    inode: int


def search_bundle(build: Path) -> set[str]:
    """The files of the search index (Pagefind's bundle under `pagefind/`) of a built site."""
    bundle = build / "pagefind"
    return {p.relative_to(build).as_posix() for p in bundle.rglob("*") if p.is_file()}


def theme_static_files() -> int:
    """How many files the default theme copies into `static/`."""
    return sum(1 for p in (REPO / "src/newsgen/theme/static").iterdir() if p.is_file())


def snapshot(folder: Path) -> dict[str, FileState]:
    """Every file under `folder` with its bytes, modification time and inode."""
    state = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            info = path.stat()
            relative = path.relative_to(folder).as_posix()
            state[relative] = FileState(path.read_bytes(), info.st_mtime_ns, info.st_ino)
    return state


def in_mount_namespace(script: str, *args: str | os.PathLike[str]) -> str:
    """Run a Python `script` as root of a mount namespace of its own (where it may mount a
    small tmpfs to fill: no real root needed); give what it printed."""
    command = ["unshare", "--map-root-user", "--mount", sys.executable, "-c", script]
    done = subprocess.run(
        [*command, *(str(arg) for arg in args)],
        capture_output=True,
        text=True,
        env=clean_env(),
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def unlisted_files(folder: Path) -> set[str]:
    """Files of a built site that its marker does not list (strays a build left behind)."""
    listed = set(read_listing(folder) or {})
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and path.name != MARKER
    } - listed


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a built site (the newsgen marker left out) with its bytes."""
    return {path: state.data for path, state in snapshot(folder).items() if path != MARKER}


def html_files(build: Path) -> list[Path]:
    return sorted(build.rglob("*.html"))


def article_pages(build: Path) -> list[Path]:
    """The article pages: `YYYY/MM/DD/<slug>/index.html`."""
    return sorted(build.glob(ARTICLE_PAGES))


def url_of(build: Path, path: Path) -> str:
    """The site-relative URL of a built file (`2025/11/`, `feed.xml`, `` for the home page)."""
    return path.relative_to(build).as_posix().removesuffix("index.html")


def parse_html(data: bytes | str, strict: bool = False) -> ET.Element:
    """Parse a page with html5lib (strict: any parse error raises) into an ElementTree."""
    parser = html5lib.HTMLParser(
        tree=html5lib.getTreeBuilder("etree", ET), strict=strict, namespaceHTMLElements=False
    )
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    root: ET.Element = parser.parse(text)
    return root


def read_page(path: Path) -> ET.Element:
    return parse_html(path.read_bytes())


def text_of(element: ET.Element) -> str:
    """The element's text with whitespace runs made single spaces."""
    return " ".join("".join(element.itertext()).split())


def find_all(root: ET.Element, tag: str, **attributes: str) -> list[ET.Element]:
    return [
        element
        for element in root.iter(tag)
        if all(element.get(name.rstrip("_")) == value for name, value in attributes.items())
    ]


def meta_property(root: ET.Element, name: str) -> str | None:
    for element in root.iter("meta"):
        if element.get("property") == name:
            return element.get("content")
    return None


def links_of(root: ET.Element) -> Iterator[tuple[str, str]]:
    """Every (tag, address) a page refers to: href of a/link, src of script/img, form action"""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("href", "src", "action"):
            value = element.get(attribute)
            if value is not None:
                yield element.tag, value


def base_path(base_url: str) -> str:
    """The path the site is published under (`/news/archive/`), `/` at a domain's root."""
    return (urlsplit(base_url).path or "/") if base_url else "/"


def resolve_internal(build: Path, page: Path, address: str, base_url: str) -> Path | None:
    """The file an internal link from `page` leads to, or None for an external link.

    Relative links are resolved as a browser would with the page served under the site's
    base path; absolute links under `base_url` count as internal too.
    """
    prefix = base_path(base_url)
    page_address = "https://site.invalid" + prefix + url_of(build, page)
    if page.relative_to(build).as_posix() == "404.html":
        page_address = "https://site.invalid" + prefix + "404.html"
    if base_url and address.startswith(base_url):
        address = prefix + address[len(base_url) :]
    target = urlsplit(urljoin(page_address, address))
    if target.scheme not in ("http", "https") or target.netloc != "site.invalid":
        return None
    path = unquote(target.path)
    assert path.startswith(prefix), f"{page}: {address!r} leads outside the site ({path})"
    relative = path[len(prefix) :]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    return build / relative


def sitemap_locations(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset", root.tag
    return [loc.text or "" for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def make_article(
    number: int,
    day: dt.date = dt.date(2025, 11, 7),
    topics: tuple[Topic, ...] = (),
    source_suffix: str = ".txt",
    body_html: str | None = None,
) -> Article:
    """A small article record for unit tests: `Статья N` on `day`, with `topics`."""
    return Article(
        identifier=f"{number:016x}",
        source_path=f"seeds/{number}{source_suffix}",
        date=day,
        published=None,
        title=f"Статья {number}",
        slug=f"statya-{number}",
        lang="ru",
        body=Body.of(("Текст.",), body_html),
        summary="Текст.",
        topics=topics,
        word_count=1,
        reading_minutes=1,
    )
