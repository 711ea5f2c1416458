"""Which file a request names: `..` in every spelling, dot files and outside links are not found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsgen.serve.paths import Found, NotFound, Redirect, resolve_request

SECRET = "outside the site"
RUSSIAN = "новости"  # a folder with a non-ASCII name
RUSSIAN_QUOTED = "%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A built site in `tmp_path/site`, beside a secret file and folder it must never serve."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET)
    (outside / "index.html").write_text(SECRET)
    (tmp_path / "secret.txt").write_text(SECRET)
    site = tmp_path / "site"
    for relative in [
        "index.html", "404.html", "robots.txt", "static/style.css", "2025/11/index.html",
        "a b/index.html", f"{RUSSIAN}/index.html", "evil.example/index.html",
        ".newsgen-build", ".git/config", "2025/.hidden.html", "trap/other.html",
        ".well-known/security.txt", ".well-known/.hidden", "2025/.well-known/x",
    ]:  # fmt: skip
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)
    (site / "empty").mkdir()
    (site / "leak").symlink_to(outside)  # a folder outside
    (site / "passwd.txt").symlink_to(outside / "secret.txt")  # a file outside
    (site / "trap" / "index.html").symlink_to(outside / "index.html")  # an index outside
    (site / "alias").symlink_to(site / "2025")  # a link that stays inside is followed
    return site.resolve()


FOUND = {
    "home": ("/", "index.html"),
    "file": ("/robots.txt", "robots.txt"),
    "nested-file": ("/static/style.css", "static/style.css"),
    "folder-index": ("/2025/11/", "2025/11/index.html"),
    "explicit-index": ("/2025/11/index.html", "2025/11/index.html"),
    "query-ignored": ("/2025/11/?utm=feed", "2025/11/index.html"),
    "encoded-space": ("/a%20b/", "a b/index.html"),
    "encoded-cyrillic": (f"/{RUSSIAN_QUOTED}/", f"{RUSSIAN}/index.html"),
    "encoded-slash-inside": ("/2025%2F11/", "2025/11/index.html"),
    "repeated-slashes": ("//2025///11/", "2025/11/index.html"),
    "link-inside-site": ("/alias/11/", "2025/11/index.html"),
    "absolute-form": ("http://127.0.0.1:8000/2025/11/", "2025/11/index.html"),
    "well-known": ("/.well-known/security.txt", ".well-known/security.txt"),
}


@pytest.mark.parametrize(("target", "relative"), FOUND.values(), ids=FOUND.keys())
def test_a_file_of_the_site_is_found(root: Path, target: str, relative: str) -> None:
    assert resolve_request(root, target) == Found(root / relative)


REDIRECTS = {
    "folder": ("/2025", "/2025/"),
    "nested-folder": ("/2025/11", "/2025/11/"),
    "query-kept-nested": ("/2025/11?page=2", "/2025/11/?page=2"),
    "space-quoted": ("/a%20b", "/a%20b/"),
    "cyrillic-quoted": (f"/{RUSSIAN_QUOTED}", f"/{RUSSIAN_QUOTED}/"),
    # A Location starting `//` would send the browser to another host.
    "double-slash-host": ("//evil.example", "/evil.example/"),
    "encoded-double-slash-host": ("/%2Fevil.example", "/evil.example/"),
    "triple-slash-host": ("///evil.example", "/evil.example/"),
    "absolute-form-host": ("http://127.0.0.1//evil.example", "/evil.example/"),
    "query-kept": ("/2025?q=%D0%A2&year=2025", "/2025/?q=%D0%A2&year=2025"),
    "raw-query-escaped": ("/2025?q=Т\r\nX: 1", "/2025/?q=%D0%A2%0D%0AX:%201"),
    "fragment-dropped": ("/2025?q=1#top", "/2025/?q=1"),
}


@pytest.mark.parametrize(("target", "location"), REDIRECTS.values(), ids=REDIRECTS.keys())
def test_a_folder_without_its_slash_redirects_on_this_host(
    root: Path, target: str, location: str
) -> None:
    assert resolve_request(root, target) == Redirect(location)
    assert location.startswith("/") and not location.startswith("//")


NOT_FOUND = {
    "missing-file": "/missing.html",
    "missing-folder": "/2024/",
    "file-as-folder": "/robots.txt/x",
    "folder-without-index": "/empty/",
    "dotdot": "/../secret.txt",
    "dotdot-deep": "/../../../../../../../../etc/passwd",
    "dotdot-after-folder": "/2025/../../secret.txt",
    "dotdot-only": "/..",
    "dot-segment": "/./index.html",
    "encoded-dots": "/%2e%2e/secret.txt",
    "encoded-dots-upper": "/%2E%2E/%2E%2E/etc/passwd",
    "double-encoded-dots": "/%252e%252e/secret.txt",
    "encoded-slash": "/..%2fsecret.txt",
    "encoded-slashes-deep": "/..%2f..%2f..%2f..%2fetc%2fpasswd",
    "backslashes": "/..\\secret.txt",
    "backslashes-deep": "/..\\..\\..\\..\\etc\\passwd",
    "encoded-backslash": "/..%5csecret.txt",
    "encoded-backslash-upper": "/..%5C..%5Csecret.txt",
    "nul": "/robots.txt%00.html",
    "raw-nul": "/robots.txt\x00.html",
    "overlong-utf8-dots": "/%c0%ae%c0%ae/secret.txt",
    "invalid-utf8": "/%ff",
    "absolute-path": "/etc/passwd",
    "no-leading-slash": "etc/passwd",
    "asterisk": "*",
    "absolute-form-dotdot": "http://127.0.0.1/../",
    "absolute-form-deep": "http://127.0.0.1/../../../../etc/passwd",
    "absolute-form-no-path": "http://127.0.0.1",
    "scheme-relative-dotdot": "//../secret.txt",
    "marker-file": "/.newsgen-build",
    "git-config": "/.git/config",
    "git-folder": "/.git/",
    "hidden-file": "/2025/.hidden.html",
    "hidden-file-in-well-known": "/.well-known/.hidden",
    "well-known-below-the-root": "/2025/.well-known/x",
    "encoded-dot-file": "/%2enewsgen-build",
    "link-to-folder-outside": "/leak/secret.txt",
    "link-to-folder-outside-index": "/leak/",
    "link-to-folder-outside-no-slash": "/leak",
    "link-to-file-outside": "/passwd.txt",
    "index-linked-outside": "/trap/",
}


@pytest.mark.parametrize("target", NOT_FOUND.values(), ids=NOT_FOUND.keys())
def test_nothing_outside_or_hidden_is_found(root: Path, target: str) -> None:
    assert resolve_request(root, target) == NotFound()


def test_a_file_inside_the_trap_folder_is_still_found(root: Path) -> None:
    assert resolve_request(root, "/trap/other.html") == Found(root / "trap" / "other.html")


def test_a_relative_root_is_resolved_from_the_working_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(root.parent)
    assert resolve_request(Path("site"), "/2025/11/") == Found(root / "2025/11/index.html")
    assert resolve_request(Path("site"), "/../secret.txt") == NotFound()


def test_the_site_folder_itself_may_be_a_link(root: Path) -> None:
    link = root.parent / "live"
    os.symlink(root, link)
    assert resolve_request(link, "/robots.txt") == Found(root / "robots.txt")
    assert resolve_request(link, "/../secret.txt") == NotFound()
