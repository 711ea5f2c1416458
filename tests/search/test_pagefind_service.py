"""Reading Pagefind's answers: comma-ended base64 frames, however its output is cut up."""

from __future__ import annotations

import base64
import json
import os
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest

from newsgen.errors import OutputError
from newsgen.search.pagefind_service import _FrameReader

ANSWERS = [
    {"message_id": 0, "payload": {"type": "NewIndex", "index_id": 1}},
    {"message_id": 1, "payload": {"type": "AddFile", "file": {"url": "/2025/11/07/статья/"}}},
    {"message_id": 2, "payload": {"type": "GetFiles", "files": []}},
]


def framed(answer: dict[str, Any]) -> bytes:
    return base64.b64encode(json.dumps(answer, ensure_ascii=False).encode()) + b","


def read(chunks: Iterator[bytes] | list[bytes]) -> list[dict[str, Any]]:
    reader = _FrameReader()
    return [answer for chunk in chunks for answer in reader.responses(chunk)]


def test_answers_are_read_wherever_the_output_is_cut() -> None:
    """A read from the pipe ends anywhere: inside a group of four characters, at a comma,
    or with several answers in it."""
    stream = b"".join(map(framed, ANSWERS))
    assert read([stream]) == ANSWERS
    for cut in range(1, len(stream)):
        assert read([stream[:cut], stream[cut:]]) == ANSWERS
    assert read([stream[start : start + 3] for start in range(0, len(stream), 3)]) == ANSWERS


@pytest.mark.parametrize("stream", [b"not base64!,", base64.b64encode(b"[1, 2]") + b","])
def test_an_answer_that_is_not_a_frame_of_json_is_an_error(stream: bytes) -> None:
    with pytest.raises(OutputError, match="Pagefind answered something unreadable"):
        read([stream])


def test_a_large_answer_is_not_held_encoded_and_decoded_at_once() -> None:
    """A part's bundle comes as one frame of tens of megabytes: held as it came, copied,
    then decoded, it took six times its files' size in the build's process."""
    content = base64.b64encode(os.urandom(6 << 20)).decode()
    stream = framed({"message_id": 9, "payload": {"type": "GetFiles", "files": [content]}})
    chunk = 1 << 20
    tracemalloc.start()
    try:
        pieces = (stream[start : start + chunk] for start in range(0, len(stream), chunk))
        [answer] = read(pieces)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert answer["payload"]["files"] == [content]
    assert peak < 2 * len(stream), peak
