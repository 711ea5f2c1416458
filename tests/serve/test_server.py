"""`newsgen serve` end to end: a real server process, real HTTP requests, real edits.

The tests that only read share one server started for the module (its sources never
change). The tests that edit a site, or start the server another way, start their own.
Every server is stopped with SIGINT, as Ctrl-C does, and must then say "stopped" and
exit 0 without a traceback. Requests that an HTTP client would normalise (`..`,
backslashes, `//`) are sent as raw bytes on a socket.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import MakeSite
from pictures import picture
from sitetools import clean_env, newsgen_process, url_of, write_files

from newsgen.serve.http import EVENTS_PATH, LIVE_RELOAD
from newsgen.serve.watch import QUIET_SECONDS

WAIT = 30.0  # seconds: the longest any one wait may take, on a busy machine
SCRIPT = b"<script>" + LIVE_RELOAD + b"</script>"
EVENT_SOURCE = b'new EventSource("/_newsgen/events")'
SERVING = r"^serving build at http://(\[[^]]+\]|[^:/]+):(\d+)/ \(Ctrl-C stops\)$"

SEED = "seeds/001_00000000000000aa.txt"
SITE_TITLE = "Проверка сервера"
SECRET = "SECRET-0f1e2d3c4b5a"  # in a file beside build/: never to be served


def seed(body: str, date: str = "2025-11-07") -> str:
    """The seed file's text: always the same lede (so the same URL), then `body`."""
    return f" date {date} Мост через Ишим открыли утром. Его строили год.\n\n{body}\n"


SITE: dict[str, str | bytes] = {
    "newsgen.yaml": f"title: {SITE_TITLE}\nfind_topics: false\n",
    SEED: seed("Первая версия текста."),
    "seeds/002_00000000000000bb.txt": (
        " date 2025-10-30 Цены на жилье выросли за месяц.\n\nАналитики ждут замедления.\n"
    ),
}

# ---------------------------------------------------------------------------------------
# Talking to the server


@dataclass(frozen=True)
class Reply:
    """One HTTP response: status, headers (names in lower case) and body."""

    status: int
    headers: dict[str, str]
    body: bytes


def request(
    address: tuple[str, int], path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> Reply:
    """Send one request with http.client, as a browser would."""
    connection = http.client.HTTPConnection(*address, timeout=WAIT)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        fields = {name.lower(): value for name, value in response.getheaders()}
        return Reply(response.status, fields, response.read())
    finally:
        connection.close()


def raw(address: tuple[str, int], request_line: str, host: str | None = None) -> Reply:
    """Send `request_line` exactly as written (no client tidies the path), read to the end."""
    host = f"127.0.0.1:{address[1]}" if host is None else host
    message = f"{request_line}\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    deadline = time.monotonic() + WAIT
    chunks = []
    with socket.create_connection(address, timeout=WAIT) as connection:
        connection.sendall(message.encode("latin-1"))
        while chunk := connection.recv(65536):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                pytest.fail(f"no end to the answer to {request_line!r}")
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    fields = {name.lower(): value.strip() for name, _, value in (x.partition(":") for x in lines)}
    return Reply(int(status_line.split()[1]), fields, body)


def page_text(address: tuple[str, int], path: str) -> str:
    reply = request(address, path)
    assert reply.status == 200, (path, reply)
    return reply.body.decode()


def poll_until(check: Callable[[], bool], what: str) -> None:
    """Wait until `check()` is true, at most WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def wait_for_text(address: tuple[str, int], path: str, text: str) -> None:
    """Wait until the page at `path` shows `text` (a rebuild has been served)."""
    poll_until(lambda: text in request(address, path).body.decode(), f"{path} to show {text!r}")


class Events:
    """The live-reload event stream, read as the page's EventSource reads it."""

    def __init__(self, address: tuple[str, int]) -> None:
        self.connection = http.client.HTTPConnection(*address, timeout=WAIT)
        self.connection.request("GET", EVENTS_PATH)
        self.response = self.connection.getresponse()

    def next_state(self) -> dict[str, Any]:
        """The data of the next `state` event (keep-alive comments skipped)."""
        fields: dict[str, str] = {}
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            line = self.response.readline().decode()
            if not line:
                pytest.fail("the event stream ended")
            name, _, value = line.rstrip("\r\n").partition(":")
            if name:
                fields[name] = value.removeprefix(" ")
            elif not value and fields.get("event") == "state":  # a blank line ends an event
                state: dict[str, Any] = json.loads(fields["data"])
                return state
            elif not value:
                fields = {}
        pytest.fail("no state event came")

    def close(self) -> None:
        self.response.close()
        self.connection.close()


# ---------------------------------------------------------------------------------------
# Running the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A `newsgen serve` process: the lines it prints, as they come, and Ctrl-C."""

    def __init__(self, site: Path, *args: str) -> None:
        if "--port" not in args:
            args = (*args, "--port", str(free_port()))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsgen", "serve", *args],
            cwd=site,
            env=clean_env(PYTHONIOENCODING="utf-8"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.code: int | None = None
        self.address = ("", 0)
        self._arrived = threading.Condition()
        self._readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream: IO[str], lines: list[str]) -> None:
        for line in stream:
            with self._arrived:
                lines.append(line.rstrip("\n"))
                self._arrived.notify_all()
        with self._arrived:  # the end: wake whoever still waits for a line
            self._arrived.notify_all()

    def wait_until_serving(self) -> None:
        """Wait for the "serving … at URL" line, then until that URL answers."""
        host, port = self.wait_for_line(SERVING).groups()
        host = host.strip("[]")
        self.address = ("127.0.0.1" if host == "0.0.0.0" else host, int(port))

        def answers() -> bool:
            try:
                return request(self.address, "/").status == 200
            except OSError:
                return False

        poll_until(answers, f"the server at {self.address} to answer")

    def wait_for_line(self, pattern: str, stderr: bool = False) -> re.Match[str]:
        """The first line printed (on stdout, or stderr) that matches `pattern`."""
        lines = self.err if stderr else self.out
        deadline = time.monotonic() + WAIT
        with self._arrived:
            while True:
                for line in lines:
                    if found := re.search(pattern, line):
                        return found
                left = deadline - time.monotonic()
                if left <= 0 or not any(reader.is_alive() for reader in self._readers):
                    pytest.fail(f"no line matches {pattern!r}\n{self.output()}")
                self._arrived.wait(left)

    def builds(self) -> int:
        """How many builds succeeded so far (the first one too)."""
        with self._arrived:
            return sum(line.startswith("built ") for line in self.out)

    def output(self) -> str:
        with self._arrived:
            return "stdout:\n" + "\n".join(self.out) + "\nstderr:\n" + "\n".join(self.err)

    def interrupt(self) -> None:
        """Ctrl-C, and wait for the process to end (killed if it will not)."""
        if self.code is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.code = self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.code = self.process.wait()
        for reader in self._readers:
            reader.join(WAIT)
        for stream in (self.process.stdout, self.process.stderr):
            assert stream is not None
            stream.close()

    def assert_stopped_cleanly(self) -> None:
        assert self.code == 0, self.output()
        assert self.out[-1:] == ["stopped"], self.output()
        assert "Traceback" not in "\n".join(self.err), self.output()


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    """`serve(site, *args)` runs `newsgen serve --port <free> *args` in `site` until it
    answers; every server is stopped with Ctrl-C at the end and must stop cleanly."""
    servers: list[Server] = []

    def start(site: Path, *args: str) -> Server:
        server = Server(site, *args)
        servers.append(server)
        server.wait_until_serving()
        return server

    yield start
    for server in servers:
        server.interrupt()
    for server in servers:
        server.assert_stopped_cleanly()


def article_url(build: Path) -> str:
    """The URL path of the seed article's page."""
    [page] = build.glob("2025/11/07/*/index.html")
    return "/" + url_of(build, page)


# ---------------------------------------------------------------------------------------
# One server for the tests that only read


@dataclass(frozen=True)
class Served:
    address: tuple[str, int]
    build: Path
    article: str

    def not_found_page(self) -> bytes:
        return (self.build / "404.html").read_bytes()


def add_what_a_host_must_not_serve(build: Path) -> None:
    """Links leading out of the built site, a folder without index.html, a `.git` folder."""
    (build / "leak").symlink_to("/etc")
    (build / "passwd.txt").symlink_to("/etc/passwd")
    (build / "site-secret.txt").symlink_to(build.parent / "secret.txt")
    write_files(
        build,
        {
            "drafts/notes.txt": "a folder without index.html",
            ".git/config": "[core]\n",
            "evil.example/index.html": "<p>a folder named like a host</p>",
        },
    )
    assert (build / "site-secret.txt").read_text() == SECRET  # each trap is armed
    assert (build / "leak" / "passwd").is_file()
    assert (build / ".newsgen-build").is_file()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server for a small site that never changes while it runs."""
    site = write_files(tmp_path_factory.mktemp("served"), {**SITE, "secret.txt": SECRET})
    server = Server(site)
    try:
        server.wait_until_serving()
        add_what_a_host_must_not_serve(site / "build")
        yield Served(server.address, site / "build", article_url(site / "build"))
    finally:
        server.interrupt()
    server.assert_stopped_cleanly()


# ---------------------------------------------------------------------------------------
# Pages, as a static host serves them


def test_home_and_article_pages_are_served(served: Served) -> None:
    assert SITE_TITLE in page_text(served.address, "/")
    article = page_text(served.address, served.article)
    assert "Мост через Ишим открыли утром" in article
    assert "Первая версия текста." in article


def test_a_folder_without_its_slash_redirects_to_a_path_on_this_host(served: Served) -> None:
    reply = request(served.address, served.article.rstrip("/"))
    assert (reply.status, reply.headers["location"], reply.body) == (301, served.article, b"")
    assert request(served.address, reply.headers["location"]).status == 200


REDIRECTS = {
    "year": ("/2025", "/2025/"),
    "month": ("/2025/11", "/2025/11/"),
    "query": ("/2025/11?from=feed", "/2025/11/?from=feed"),
    "search": (
        "/search?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2",
        "/search/?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2",
    ),
    # A Location starting with `//` would send the browser to another host.
    "double-slash": ("//evil.example", "/evil.example/"),
    "many-slashes": ("////evil.example", "/evil.example/"),
    "encoded-slash": ("/%2Fevil.example", "/evil.example/"),
    "absolute-form": ("http://127.0.0.1//evil.example", "/evil.example/"),
}


@pytest.mark.parametrize(("target", "location"), REDIRECTS.values(), ids=REDIRECTS.keys())
def test_redirect_locations_start_with_exactly_one_slash(
    served: Served, target: str, location: str
) -> None:
    reply = raw(served.address, f"GET {target} HTTP/1.1")
    assert (reply.status, reply.headers["location"]) == (301, location)


def test_a_missing_page_is_the_sites_404_page_with_status_404(served: Served) -> None:
    reply = request(served.address, "/2025/11/08/no-such-article/")
    assert reply.status == 404
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert reply.body.replace(SCRIPT, b"") == served.not_found_page()


CONTENT_TYPES = {
    "html": ("/", "text/html; charset=utf-8"),
    "css": ("/static/style.css", "text/css; charset=utf-8"),
    "feed": ("/feed.xml", "application/xml; charset=utf-8"),
    "robots": ("/robots.txt", "text/plain; charset=utf-8"),
    "search script": ("/static/search.js", "text/javascript; charset=utf-8"),
}


@pytest.mark.parametrize(("path", "expected"), CONTENT_TYPES.values(), ids=CONTENT_TYPES.keys())
def test_content_type_names_the_charset(served: Served, path: str, expected: str) -> None:
    reply = request(served.address, path)
    assert (reply.status, reply.headers["content-type"]) == (200, expected)
    assert reply.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/static/style.css", "/no-such-page"])
def test_head_gives_the_headers_and_no_body(served: Served, path: str) -> None:
    full = request(served.address, path)
    head = raw(served.address, f"HEAD {path} HTTP/1.1")
    assert (head.status, head.body) == (full.status, b"")
    assert head.headers["content-length"] == str(len(full.body))
    assert head.headers["content-type"] == full.headers["content-type"]
    assert head.headers["etag"] == full.headers["etag"]


def test_etag_and_if_none_match_give_304(served: Served) -> None:
    first = request(served.address, served.article)
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]+"', etag)
    for listed in [etag, f'"stale", W/{etag}']:
        again = request(served.address, served.article, headers={"If-None-Match": listed})
        assert (again.status, again.body, again.headers["etag"]) == (304, b"", etag)
    stale = request(served.address, served.article, headers={"If-None-Match": '"stale"'})
    assert (stale.status, stale.body) == (200, first.body)


def test_last_modified_is_the_built_files_time(served: Served) -> None:
    reply = request(served.address, "/static/style.css")
    modified = parsedate_to_datetime(reply.headers["last-modified"]).timestamp()
    assert modified == int((served.build / "static" / "style.css").stat().st_mtime)


def test_if_modified_since_gives_304_unless_the_file_is_newer(served: Served) -> None:
    first = request(served.address, "/static/style.css")
    modified = first.headers["last-modified"]
    earlier = email.utils.formatdate(parsedate_to_datetime(modified).timestamp() - 60, usegmt=True)
    asked = {
        modified: 304,
        earlier: 200,
        "not a date": 200,
    }
    for since, status in asked.items():
        again = request(served.address, "/static/style.css", headers={"If-Modified-Since": since})
        assert again.status == status, since
        assert again.body == (b"" if status == 304 else first.body)
    # With ETags given, the date is not looked at.
    both = {"If-Modified-Since": modified, "If-None-Match": '"stale"'}
    assert request(served.address, "/static/style.css", headers=both).status == 200


def test_ten_clients_at_once_all_get_their_pages(served: Served) -> None:
    paths = ["/", served.article, "/static/style.css", "/feed.xml", "/2025/11/"] * 6
    expected = {path: request(served.address, path).body for path in set(paths)}
    with closing(Events(served.address)) as events:  # an open page holds a thread too
        events.next_state()
        with ThreadPoolExecutor(max_workers=10) as pool:
            replies = list(pool.map(lambda path: request(served.address, path), paths))
    assert [reply.status for reply in replies] == [200] * len(paths)
    assert [reply.body for reply in replies] == [expected[path] for path in paths]


# ---------------------------------------------------------------------------------------
# Nothing outside the site, nothing hidden


TRAVERSALS = {
    "dotdot": "/../../etc/passwd",
    "dotdot-to-site-folder": "/../secret.txt",
    "dotdot-after-folder": "/2025/../../secret.txt",
    "encoded-dots": "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "encoded-dots-to-site-folder": "/%2E%2E/secret.txt",
    "double-encoded-dots": "/%252e%252e/%252e%252e/etc/passwd",
    "encoded-slashes": "/..%2f..%2f..%2fetc%2fpasswd",
    "backslashes": "/..\\..\\..\\etc\\passwd",
    "backslash-to-site-folder": "/..\\secret.txt",
    "encoded-backslashes": "/..%5c..%5c..%5cetc%5cpasswd",
    "absolute-path-not-in-site": "/etc/passwd",
    "nul-after-a-real-file": "/robots.txt%00.html",
    "nul-traversal": "/../secret.txt%00",
    "overlong-utf8-dots": "/%c0%ae%c0%ae/secret.txt",
    "absolute-form": "http://127.0.0.1/../",
    "absolute-form-deep": "http://127.0.0.1/../../../../etc/passwd",
    "link-to-folder-outside": "/leak/passwd",
    "link-to-folder-outside-listing": "/leak/",
    "link-to-file-outside": "/passwd.txt",
    "link-to-site-folder-file": "/site-secret.txt",
    "folder-without-index": "/drafts/",
    "marker-file": "/.newsgen-build",
    "git-config": "/.git/config",
    "encoded-dot-file": "/%2egit/config",
}


@pytest.mark.parametrize("target", TRAVERSALS.values(), ids=TRAVERSALS.keys())
def test_nothing_outside_the_site_or_hidden_is_served(served: Served, target: str) -> None:
    reply = raw(served.address, f"GET {target} HTTP/1.1")
    assert reply.status == 404
    assert reply.body.replace(SCRIPT, b"") == served.not_found_page()
    assert SECRET.encode() not in reply.body
    assert b"root:" not in reply.body


def test_a_folder_without_index_is_no_listing_even_without_slash(served: Served) -> None:
    redirect = raw(served.address, "GET /drafts HTTP/1.1")
    assert (redirect.status, redirect.headers["location"]) == (301, "/drafts/")
    listing = raw(served.address, "GET /drafts/ HTTP/1.1")
    assert listing.status == 404
    assert b"notes.txt" not in listing.body


# ---------------------------------------------------------------------------------------
# The Host header: only loopback names reach a server on loopback (DNS rebinding)


ALLOWED_HOSTS = {
    "localhost": "localhost:{port}",
    "ipv4": "127.0.0.1:{port}",
    "ipv6": "[::1]:{port}",
    "localhost-no-port": "localhost",
}


@pytest.mark.parametrize("host", ALLOWED_HOSTS.values(), ids=ALLOWED_HOSTS.keys())
def test_a_loopback_host_header_is_served(served: Served, host: str) -> None:
    reply = raw(served.address, "GET / HTTP/1.1", host=host.format(port=served.address[1]))
    assert reply.status == 200
    assert SITE_TITLE.encode() in reply.body


REFUSED_HOSTS = {
    "other-name": "evil.example",
    "other-name-port": "evil.example:{port}",
    "loopback-lookalike": "127.0.0.1.evil.example:{port}",
    "localhost-lookalike": "localhost.evil.example:{port}",
    "any-address": "0.0.0.0:{port}",
    "empty": "",
}


@pytest.mark.parametrize("host", REFUSED_HOSTS.values(), ids=REFUSED_HOSTS.keys())
@pytest.mark.parametrize("path", ["/", EVENTS_PATH], ids=["page", "events"])
def test_another_host_header_is_refused(served: Served, host: str, path: str) -> None:
    reply = raw(served.address, f"GET {path} HTTP/1.1", host=host.format(port=served.address[1]))
    assert (reply.status, reply.body) == (403, b"forbidden host\n")


# ---------------------------------------------------------------------------------------
# Live reload


@pytest.mark.parametrize("path", ["/", "article", "/no-such-page"])
def test_html_gets_the_reload_script_and_the_built_file_does_not(served: Served, path: str) -> None:
    body = request(served.address, served.article if path == "article" else path).body
    assert body.count(EVENT_SOURCE) == 1
    assert body.index(EVENT_SOURCE) < body.rindex(b"</body>")
    for page in served.build.rglob("*.html"):
        assert b"EventSource" not in page.read_bytes(), page


@pytest.mark.parametrize("path", ["/static/style.css", "/feed.xml", "/robots.txt"])
def test_other_files_get_no_script(served: Served, path: str) -> None:
    reply = request(served.address, path)
    assert reply.body == (served.build / path.lstrip("/")).read_bytes()


def test_the_event_stream_starts_with_the_build_state(served: Served) -> None:
    with closing(Events(served.address)) as events:
        assert events.response.status == 200
        assert events.response.getheader("Content-Type") == "text/event-stream"
        assert events.next_state() == {"generation": 1, "error": None}


def test_head_of_the_event_stream_ends(served: Served) -> None:
    reply = raw(served.address, f"HEAD {EVENTS_PATH} HTTP/1.1")
    assert (reply.status, reply.headers["content-type"], reply.body) == (
        200,
        "text/event-stream",
        b"",
    )


# ---------------------------------------------------------------------------------------
# Rebuilding on change


def save_and_see(site: Path, server: Server, text: str) -> None:
    """Save the sample seed with `text` and wait until its page shows it."""
    (site / SEED).write_text(seed(text), encoding="utf-8")
    wait_for_text(server.address, article_url(site / "build"), text)


def test_an_edited_seed_is_served_after_the_rebuild(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    save_and_see(site, server, "Вторая версия текста.")
    assert "Первая версия текста." not in page_text(server.address, article_url(site / "build"))
    write_files(site, {"seeds/2025/003_00000000000000cc.txt": " date 2025-11-06 Новый файл."})
    wait_for_text(server.address, "/", "Новый файл")


def test_an_image_added_replaced_and_removed_is_followed(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    """A seed's image is an input of its article: the page follows it without the seed
    being saved again."""
    site = make_site(tmp_path, SITE)
    server = serve(site)
    image = site / SEED.replace(".txt", ".jpg")
    image.write_bytes(picture(size=(300, 200)))
    wait_for_text(server.address, article_url(site / "build"), 'width="300"')
    image.write_bytes(picture(size=(500, 200)))
    wait_for_text(server.address, article_url(site / "build"), 'width="500"')
    published = request(server.address, f"{article_url(site / 'build')}001-00000000000000aa.jpg")
    assert published.body == image.read_bytes()
    image.unlink()
    poll_until(
        lambda: "lead-image" not in page_text(server.address, article_url(site / "build")),
        "the image to go",
    )


def test_a_folder_moved_in_renamed_and_removed_is_followed(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    """A rebuild looks at the paths the watcher names: a folder's files come and go with it."""
    site = make_site(tmp_path / "site", SITE)
    server = serve(site)
    news = {"2025/004_00000000000000dd.txt": " date 2025-11-05 Перенесённая новость."}
    write_files(tmp_path / "elsewhere", news)
    (tmp_path / "elsewhere/2025").rename(site / "seeds/moved")
    wait_for_text(server.address, "/", "Перенесённая новость")
    (site / "seeds/moved").rename(site / "seeds/renamed")
    (site / SEED).write_text(seed("После переименования."), encoding="utf-8")
    wait_for_text(server.address, article_url(site / "build"), "После переименования.")
    shutil.rmtree(site / "seeds/renamed")
    poll_until(
        lambda: "Перенесённая новость" not in page_text(server.address, "/"), "the news to go"
    )
    assert "rebuild failed" not in server.output()


def test_the_search_index_follows_an_edit_after_the_page(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    """The edited page is served first; the index of its new text follows."""
    site = make_site(tmp_path, SITE)
    server = serve(site)
    (entry_file,) = (site / "build").glob("pagefind/*/pagefind-entry.json")
    entry = "/" + entry_file.relative_to(site / "build").as_posix()
    reply = request(server.address, entry)
    assert reply.headers["content-type"] == "application/json; charset=utf-8"
    first_index = reply.body.decode()
    save_and_see(site, server, "Совершенно новые слова.")
    poll_until(lambda: page_text(server.address, entry) != first_index, "a new search index")
    # Said once the build returns, just after the new index is swapped in: waited for.
    server.wait_for_line(r"^search index updated: built ")


def test_a_second_edit_soon_after_the_first_is_shown_before_any_indexing(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    """Indexing waits for a pause in the editing, so it never holds up the next edit."""
    site = make_site(tmp_path, SITE)
    server = serve(site)
    save_and_see(site, server, "Первая правка.")
    save_and_see(site, server, "Вторая правка.")
    server.wait_for_line(r"^search index updated: built ")
    assert server.output().count("search index updated: ") == 1, server.output()


def test_quick_saves_give_one_rebuild(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    url = article_url(site / "build")
    for number in range(1, 6):
        (site / SEED).write_text(seed(f"Сохранение номер {number}."), encoding="utf-8")
        time.sleep(0.05)
    wait_for_text(server.address, url, "Сохранение номер 5.")
    # That no second rebuild follows can only be seen over a while: twice what the
    # watcher takes to notice a change and see it settle.
    time.sleep(4 * QUIET_SECONDS)
    assert server.builds() == 2, server.output()


def test_an_editor_style_save_is_picked_up(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    source = site / SEED
    temporary = source.with_name(f".{source.name}.tmp")  # written beside, then renamed over
    temporary.write_text(seed("Сохранено редактором."), encoding="utf-8")
    os.replace(temporary, source)
    wait_for_text(server.address, article_url(site / "build"), "Сохранено редактором.")


def test_a_broken_seed_shows_its_error_and_the_last_good_site_stays(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    url = article_url(site / "build")
    with closing(Events(server.address)) as events:
        assert events.next_state() == {"generation": 1, "error": None}
        (site / SEED).write_text(seed("Сломанная версия.", date="2025-13-45"), encoding="utf-8")
        broken = events.next_state()
        assert broken["generation"] == 2
        assert f"{SEED}:1: date '2025-13-45' is not a date (month 13)" in broken["error"]
        page = page_text(server.address, url)
        assert "Первая версия текста." in page and "Сломанная" not in page
        server.wait_for_line(r"^rebuild failed; still serving the last good site:$", stderr=True)
        server.wait_for_line(r"date '2025-13-45' is not a date", stderr=True)

        (site / SEED).write_text(seed("Исправленная версия."), encoding="utf-8")
        assert events.next_state() == {"generation": 3, "error": None}
        assert "Исправленная версия." in page_text(server.address, url)


def test_a_template_that_fails_while_rendering_is_a_failed_rebuild(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    url = article_url(site / "build")
    with closing(Events(server.address)) as events:
        events.next_state()
        (site / "templates").mkdir()
        (site / "templates/article.html").write_text("<p>\n{{ 1 // 0 }}", encoding="utf-8")
        error = events.next_state()["error"]
        assert "article.html:2: ZeroDivisionError" in error
        assert "Первая версия текста." in page_text(server.address, url)

        (site / "templates/article.html").unlink()
        assert events.next_state()["error"] is None
        assert "Первая версия текста." in page_text(server.address, url)


def test_a_broken_newsgen_yaml_is_a_failed_rebuild_not_the_end(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    server = serve(site)
    with closing(Events(server.address)) as events:
        events.next_state()
        (site / "newsgen.yaml").write_text("title: [\n", encoding="utf-8")
        error = events.next_state()["error"]
        assert "newsgen.yaml:" in error and "invalid YAML" in error
        assert SITE_TITLE in page_text(server.address, "/")

        (site / "newsgen.yaml").write_text("title: Новое имя\nfind_topics: false\n", "utf-8")
        assert events.next_state()["error"] is None
        assert "Новое имя" in page_text(server.address, "/")


# ---------------------------------------------------------------------------------------
# Starting and stopping


def test_ctrl_c_stops_the_server_with_a_page_open(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    server = serve(make_site(tmp_path, SITE))
    with closing(Events(server.address)) as events:
        events.next_state()
        server.interrupt()
    server.assert_stopped_cleanly()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(server.address, timeout=WAIT).close()


def test_a_port_in_use_moves_to_the_next_free_one(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = serve(site, "--port", str(port))
        moved = server.wait_for_line(rf"^port {port} is in use; using (\d+) instead$")
        assert server.address[1] == int(moved.group(1))
        assert server.out[0] == moved.group(0)  # said before the first build, not after it
        assert port < server.address[1] < port + 20
        assert SITE_TITLE in page_text(server.address, "/")


def test_an_address_it_cannot_listen_on_stops_it_before_any_build(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path, SITE)
    # 192.0.2.1 is kept for documentation: no machine has it, so it cannot be bound.
    run = newsgen_process("serve", "--host", "192.0.2.1", cwd=site)
    assert run.code == 2, run.err
    assert re.search(r"^error: cannot listen on 192\.0\.2\.1:8000: ", run.err, re.MULTILINE)
    assert "Traceback" not in run.err
    assert not (site / "build").exists()


def test_listening_on_every_interface_warns(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    server = serve(make_site(tmp_path, SITE), "--host", "0.0.0.0")
    server.wait_for_line(
        r"^warning: serving on 0\.0\.0\.0: other machines on the network can read the site$",
        stderr=True,
    )


def ipv6_loopback_works() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not ipv6_loopback_works(), reason="no IPv6 loopback on this machine")
def test_the_ipv6_loopback_can_be_served(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    server = serve(make_site(tmp_path, SITE), "--host", "::1")
    assert server.address[0] == "::1"  # from the line "serving build at http://[::1]:PORT/"
    assert SITE_TITLE in page_text(server.address, "/")


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        (SITE, ["--port", "70000"], "error: --port 70000 is not a port (0–65535)"),
        ({**SITE, "newsgen.yaml": "title: [\n"}, [], "error: cannot start: newsgen.yaml:2: "),
    ],
    ids=["port-out-of-range", "bad-newsgen-yaml"],
)
def test_what_cannot_start_is_a_usage_error(
    make_site: MakeSite,
    tmp_path: Path,
    files: dict[str, str | bytes],
    args: list[str],
    message: str,
) -> None:
    run = newsgen_process("serve", *args, cwd=make_site(tmp_path, files))
    assert run.code == 2, run.err
    assert message in run.err
    assert "Traceback" not in run.err


def test_serve_holds_back_future_articles_as_build_does(
    make_site: MakeSite, serve: Callable[..., Server], tmp_path: Path
) -> None:
    typo = "seeds/003_00000000000000cc.txt"
    files = {**SITE, typo: seed("Опечатка в годе.", date="2099-11-07")}
    site = make_site(tmp_path / "waits", files)
    server = serve(site)
    server.wait_for_line(
        rf"^{typo}:1: dated 2099-11-07, in the future: not published yet "
        r"\(--future or build_future: true publishes it\)$"
    )
    assert not (site / "build/2099").exists()
    server = serve(make_site(tmp_path / "published", files), "--future")
    wait_for_text(server.address, "/2099/11/07/", "Мост через Ишим")
