"""The preview server's HTTP side: static files as a host serves them, plus live reload.

Threaded, so a page, its style sheet and the live-reload event stream load at once.
HTML responses get the live-reload script before `</body>`; the file on disk never does.
When bound to a loopback address, requests whose `Host` is not a loopback name are
refused, so a web page elsewhere cannot reach the preview through DNS rebinding.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import json
import mimetypes
import socket
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from newsgen.serve.paths import Found, NotFound, Redirect, resolve_request

EVENTS_PATH = "/_newsgen/events"
LIVE_RELOAD = (Path(__file__).parent / "livereload.js").read_bytes()
_SCRIPT_TAG = b"<script>" + LIVE_RELOAD + b"</script>"
_TEXT_TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript",
               ".xml": "application/xml", ".txt": "text/plain", ".json": "application/json",
               ".svg": "image/svg+xml"}  # fmt: skip
_KEEPALIVE_SECONDS = 15.0
LOOPBACK_NAMES = frozenset({"localhost"})


class BuildState:
    """The number of the last finished rebuild and its error text, shared with every request."""

    def __init__(self) -> None:
        self.generation = 0
        self.error: str | None = None
        self.changed = threading.Condition()

    def finished(self, error: str | None) -> None:
        """Record a rebuild (failed when `error` is given) and wake every waiting page."""
        with self.changed:
            self.generation += 1
            self.error = error
            self.changed.notify_all()

    def moved_on(self, generation: int) -> bool:
        """Whether a rebuild finished since `generation`."""
        return self.generation != generation

    def as_event(self) -> bytes:
        data = json.dumps({"generation": self.generation, "error": self.error})
        return f"event: state\ndata: {data}\n\n".encode()


class PreviewServer(ThreadingHTTPServer):
    """Serves `root` (read at every request, so a swapped-in rebuild is seen at once)."""

    daemon_threads = True
    # socketserver's default backlog of 5 drops connections when a page's files and its
    # event stream connect at once; the browser then retries them a second later.
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], root: Path, state: BuildState) -> None:
        self.root = root
        self.state = state
        self.loopback_only = is_loopback(address[0])
        if ":" in address[0]:  # an IPv6 address such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, PreviewHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a browser drops a connection (it does on every reload)."""
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the built site; everything else is refused."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "newsgen-serve"
    # A connection that sends nothing for this long is closed, so idle or half-sent
    # requests do not hold a thread each for ever.
    timeout = 60

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal is for build reports."""

    def _answer(self, send_body: bool) -> None:
        if self.server.loopback_only and not host_is_loopback(self.headers.get("Host", "")):
            self._send_text(HTTPStatus.FORBIDDEN, "forbidden host\n", send_body)
            return
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            self._stream_events(send_body)
            return
        resolution = resolve_request(self.server.root, self.path)
        if isinstance(resolution, Redirect):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", resolution.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif isinstance(resolution, Found):
            self._send_file(resolution.path, HTTPStatus.OK, send_body)
        else:
            self._send_not_found(resolution, send_body)

    def _send_not_found(self, _: NotFound, send_body: bool) -> None:
        page = resolve_request(self.server.root, "/404.html")  # the same rules as any file
        if isinstance(page, Found):
            self._send_file(page.path, HTTPStatus.NOT_FOUND, send_body)
        else:
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", send_body)

    def _send_file(self, path: Path, status: HTTPStatus, send_body: bool) -> None:
        try:
            data = path.read_bytes()
            stat = path.stat()
        except OSError:  # swapped away by a rebuild between resolving and reading
            self._send_text(HTTPStatus.NOT_FOUND, "not found\n", send_body)
            return
        if path.suffix == ".html":
            data = inject_live_reload(data)
        etag = f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if status == HTTPStatus.OK and self._client_has(etag, int(stat.st_mtime)):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type(path))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(data)

    def _client_has(self, etag: str, modified: int) -> bool:
        """Whether the client's copy is current: by its ETags, or else by its date (which
        HTTP says to ignore when ETags are given)."""
        if "If-None-Match" in self.headers:
            return etag in _listed(self.headers["If-None-Match"])
        try:
            since = email.utils.parsedate_to_datetime(self.headers.get("If-Modified-Since", ""))
        except (TypeError, ValueError):  # absent or not a date: send the file
            return False
        return since.tzinfo is not None and modified <= since.timestamp()

    def _send_text(self, status: HTTPStatus, text: str, send_body: bool) -> None:
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self, send_body: bool) -> None:
        """Server-sent events: the build state now, then after every rebuild."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if not send_body:  # HEAD: the headers alone, not a stream that never ends
            return
        state = self.server.state
        try:
            with state.changed:
                seen = state.generation
                self.wfile.write(state.as_event())
            while True:
                with state.changed:
                    state.changed.wait_for(partial(state.moved_on, seen), _KEEPALIVE_SECONDS)
                    message = state.as_event() if state.generation != seen else b": alive\n\n"
                    seen = state.generation
                self.wfile.write(message)
                self.wfile.flush()
        except OSError:  # the page went away
            self.close_connection = True


def inject_live_reload(html: bytes) -> bytes:
    """Give `html` with the live-reload script before its last `</body>`."""
    at = html.rfind(b"</body>")
    return html[:at] + _SCRIPT_TAG + html[at:] if at >= 0 else html + _SCRIPT_TAG


def content_type(path: Path) -> str:
    """The Content-Type of a file, with the charset for text."""
    suffix = path.suffix.lower()
    if suffix in _TEXT_TYPES:
        return f"{_TEXT_TYPES[suffix]}; charset=utf-8"
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or name to bind or to be reached at) is this machine only."""
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_is_loopback(header: str) -> bool:
    """Whether a `Host` header (`127.0.0.1:8000`, `[::1]:8000`, `localhost`) is loopback."""
    host = header.strip()
    if host.startswith("["):
        host = host[1 : host.find("]")] if "]" in host else host
    elif host.count(":") == 1:
        host = host.split(":", 1)[0]
    return bool(host) and is_loopback(host)


def _listed(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
