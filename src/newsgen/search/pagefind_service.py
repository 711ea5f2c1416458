"""Pagefind's service mode: pages handed to Pagefind one by one, in the order we choose.

Pagefind numbers the pages of an index in the order it reads them, and the numbers are in
its files (each word's pages, each filter value's pages, the sort orders). Run over a
folder (`pagefind --site`) it reads them in the order the file system lists them: hash
order on ext4 (with a seed of each file system's own), creation order on tmpfs, so the
same pages gave other bytes on another machine. Its service mode (`pagefind --service`,
what its own Python and Node APIs drive) reads pages in the order they are added.

The protocol: each request and each response is a JSON object, base64-encoded and ended
by a comma, on the program's stdin and stdout; a response names the `message_id` of its
request. The program handles requests one at a time, in the order sent, and exits at the
end of its stdin.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from newsgen.errors import OutputError

_READ_SIZE = 1 << 20


def index_in_order(
    executable: Path, pages: Sequence[tuple[str, Path]], language: str
) -> dict[str, bytes]:
    """Index the pages (URL, HTML file) in the order given; give the bundle's files by path.

    Raises OSError when the program cannot be started, OutputError when it fails.
    """
    with (
        tempfile.TemporaryFile() as stderr,
        subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        ) as process,
    ):
        try:
            return _index(process, pages, language, stderr)
        finally:
            if process.poll() is None:
                process.kill()
            with contextlib.suppress(BrokenPipeError):  # what was left unsent, if it failed
                assert process.stdin is not None
                process.stdin.close()


def _index(
    process: subprocess.Popen[bytes],
    pages: Sequence[tuple[str, Path]],
    language: str,
    stderr: IO[bytes],
) -> dict[str, bytes]:
    assert process.stdin is not None and process.stdout is not None
    responses = _responses(process.stdout)
    new_index = {"type": "NewIndex", "config": {"force_language": language}}
    index_id = _exchange(process.stdin, responses, new_index, stderr)["index_id"]
    # Pages go in from a thread while their answers are read here, so that neither pipe
    # fills up and stops the other side.
    sender = _PageSender(process.stdin, pages, index_id)
    sender.start()
    try:
        files = _bundle(responses, sender, stderr)
    except BaseException:
        process.kill()  # a sender still writing then stops at the broken pipe
        raise
    finally:
        sender.join()
    process.stdin.close()  # the program exits at the end of its input
    return files


def _exchange(
    stdin: IO[bytes],
    responses: Iterator[dict[str, Any]],
    request: dict[str, Any],
    stderr: IO[bytes],
) -> dict[str, Any]:
    """Send one request (as message 0) and give the payload of its response."""
    try:
        stdin.write(_frame(0, request))
        stdin.flush()
    except BrokenPipeError:
        raise _failure(stderr) from None
    response = next(responses, None)
    if response is None:
        raise _failure(stderr)
    return _payload(response, request["type"])


class _PageSender(threading.Thread):
    """Sends an AddFile request per page (messages 1 to n), then GetFiles (message n + 1)."""

    def __init__(self, stdin: IO[bytes], pages: Sequence[tuple[str, Path]], index_id: int):
        super().__init__(daemon=True)
        self.stdin, self.pages, self.index_id = stdin, pages, index_id
        self.last_message = len(pages) + 1
        self.unreadable: OSError | None = None

    def run(self) -> None:
        try:
            for message, (url, path) in enumerate(self.pages, 1):
                self.stdin.write(_frame(message, self._add_file(url, path)))
            self.stdin.write(
                _frame(self.last_message, {"type": "GetFiles", "index_id": self.index_id})
            )
            self.stdin.flush()
        except BrokenPipeError:
            pass  # the program has ended: the reader reports why
        except OSError as error:  # a page could not be read
            self.unreadable = error
            with contextlib.suppress(BrokenPipeError):
                self.stdin.close()  # ends the program, and so the reading

    def _add_file(self, url: str, path: Path) -> dict[str, Any]:
        contents = path.read_text(encoding="utf-8")
        return {
            "type": "AddFile",
            "index_id": self.index_id,
            "url": url,
            "file_path": None,
            "file_contents": contents,
        }

    def page_of(self, message: int) -> str:
        return str(self.pages[message - 1][1]) if 0 < message <= len(self.pages) else "the site"


def _bundle(
    responses: Iterator[dict[str, Any]], sender: _PageSender, stderr: IO[bytes]
) -> dict[str, bytes]:
    """Read the answers to the pages sent; give the files of the GetFiles answer."""
    for response in responses:
        message = response.get("message_id")
        if response.get("payload", {}).get("type") == "Error":
            what = sender.page_of(message) if isinstance(message, int) else "the site"
            raise OutputError(
                f"Pagefind could not index {what}: {response['payload'].get('message')}"
            )
        if message == sender.last_message:
            return _decoded(_payload(response, "GetFiles")["files"])
    sender.join()
    if sender.unreadable is not None:
        error = sender.unreadable
        raise OutputError(f"cannot read {error.filename} to index it: {error.strerror}")
    raise _failure(stderr)


def _decoded(files: list[dict[str, str]]) -> dict[str, bytes]:
    """The bundle's files by path, each let go in its encoded form once decoded: a part's
    bundle is tens of megabytes, and two parts are indexed at once."""
    decoded = {}
    while files:
        file = files.pop()
        decoded[file["path"]] = base64.b64decode(file["content"])
    return decoded


def _payload(response: dict[str, Any], expected: str) -> dict[str, Any]:
    payload = response.get("payload")
    if not isinstance(payload, dict) or payload.get("type") != expected:
        raise OutputError(f"Pagefind answered {payload!r:.200} to a {expected} request")
    return payload


def _failure(stderr: IO[bytes]) -> OutputError:
    stderr.seek(0)
    said = stderr.read().decode("utf-8", "replace").strip()
    return OutputError(f"Pagefind failed to index the site:\n{said}")


def _frame(message: int, payload: dict[str, Any]) -> bytes:
    request = {"message_id": message, "payload": payload}
    return base64.b64encode(json.dumps(request, ensure_ascii=False).encode("utf-8")) + b","


def _responses(stdout: IO[bytes]) -> Iterator[dict[str, Any]]:
    """The program's responses, decoded, until it closes its stdout."""
    frames = _FrameReader()
    for chunk in iter(functools.partial(os.read, stdout.fileno(), _READ_SIZE), b""):
        yield from frames.responses(chunk)


class _FrameReader:
    """Decodes comma-ended base64 frames as their chunks come in, so that the frame with a
    part's bundle (tens of megabytes, its files base64 inside the base64) is never held
    encoded and decoded at once: only the decoded JSON grows, then the response made of it.
    """

    def __init__(self) -> None:
        self._decoded = bytearray()
        self._rest = b""  # the chunk's end that is not yet a whole group of 4 characters

    def responses(self, chunk: bytes) -> list[dict[str, Any]]:
        """The responses whose frames end in `chunk`, in order."""
        found = []
        start = 0
        while (end := chunk.find(b",", start)) != -1:
            self._take(chunk[start:end], whole=True)
            text = _text(self._decoded)
            self._decoded = bytearray()  # let go before the text is parsed: no third copy
            found.append(_parsed(text))
            start = end + 1
        self._take(chunk[start:], whole=False)
        return found

    def _take(self, piece: bytes, whole: bool) -> None:
        encoded = self._rest + piece
        cut = len(encoded) if whole else len(encoded) - len(encoded) % 4
        try:
            self._decoded += base64.b64decode(encoded[:cut], validate=True)
        except ValueError:
            raise _unreadable(encoded) from None
        self._rest = encoded[cut:]


def _text(frame: bytearray) -> str:
    try:
        return frame.decode()
    except UnicodeDecodeError:
        raise _unreadable(bytes(frame)) from None


def _parsed(text: str) -> dict[str, Any]:
    try:
        response = json.loads(text)
    except ValueError:
        response = None
    if not isinstance(response, dict):
        raise _unreadable(text[:200].encode())
    return response


def _unreadable(answer: bytes) -> OutputError:
    return OutputError(f"Pagefind answered something unreadable: {answer[:200]!r}")
