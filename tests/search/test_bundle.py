"""Pagefind's bundle made reproducible: filter values in order, files named by content."""

from __future__ import annotations

import gzip
import json
from typing import Any

import cbor2
import pytest

from newsgen.errors import OutputError
from newsgen.search.bundle import ENTRY, SIGNATURE, reproducible_bundle

TOPICS = [["США", [0, 2]], ["Казахстан", [0, 1]], ["Израиль", [2]]]


def packed(value: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)


def unpacked(data: bytes) -> Any:
    return cbor2.loads(gzip.decompress(data)[len(SIGNATURE) :])


def bundle(topic_values: list[Any], meta_hash: str, filter_hash: str) -> dict[str, bytes]:
    """A bundle laid out as Pagefind 1.5 writes one, with the topic values in a given order."""
    meta = ["1.5.2", [["ru_aaa", 10]], [["a", "z", "ru_idx"]], [["topic", filter_hash]], [], []]
    entry = {"version": "1.5.2", "languages": {"ru": {"hash": meta_hash, "wasm": "ru"}}}
    return {
        ENTRY: json.dumps(entry).encode(),
        f"pagefind.{meta_hash}.pf_meta": packed(meta),
        f"filter/{filter_hash}.pf_filter": packed(["topic", topic_values]),
        "index/ru_idx.pf_index": b"index",
        "fragment/ru_aaa.pf_fragment": b"fragment",
        "pagefind.js": b"script",
        "pagefind-ui.js": b"a user interface the site does not load",
        "wasm.ru.pagefind": b"wasm",
        "wasm.unknown.pagefind": b"unused wasm",
    }


def test_two_orders_of_filter_values_give_the_same_files() -> None:
    first = reproducible_bundle(bundle(TOPICS, "ru_1111111111", "ru_aaaaaaa"))
    second = reproducible_bundle(bundle(TOPICS[::-1], "ru_2222222222", "ru_bbbbbbb"))
    assert first == second


def test_the_files_point_at_each_other_by_their_new_names() -> None:
    files = reproducible_bundle(bundle(TOPICS, "ru_1111111111", "ru_aaaaaaa"))
    meta_hash = json.loads(files[ENTRY])["languages"]["ru"]["hash"]
    meta = unpacked(files[f"pagefind.{meta_hash}.pf_meta"])
    ((name, filter_hash),) = meta[3]
    values = unpacked(files[f"filter/{filter_hash}.pf_filter"])
    assert (name, values) == ("topic", ["topic", sorted(TOPICS)])
    assert meta[:3] == ["1.5.2", [["ru_aaa", 10]], [["a", "z", "ru_idx"]]]


def test_only_what_the_search_page_loads_is_kept() -> None:
    files = reproducible_bundle(bundle(TOPICS, "ru_1111111111", "ru_aaaaaaa"))
    assert "pagefind-ui.js" not in files and "wasm.unknown.pagefind" not in files
    assert {"pagefind.js", "wasm.ru.pagefind", "index/ru_idx.pf_index"} <= files.keys()


def test_a_bundle_of_another_layout_is_an_error_not_a_broken_search() -> None:
    files = bundle(TOPICS, "ru_1111111111", "ru_aaaaaaa")
    files["pagefind.ru_1111111111.pf_meta"] = packed(["2.0.0", "something else"])
    with pytest.raises(OutputError, match=r"layout of Pagefind 1\.5"):
        reproducible_bundle(files)
