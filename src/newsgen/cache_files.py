"""Files of `.newsgen-cache/` that a build replaces whole: a build killed while writing one
leaves the old file or none, never half of one (which would only cost time, read as none).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from newsgen.errors import WriteFailed


def write_json_whole(path: Path, plain: Mapping[str, Any]) -> None:
    """Write `plain` as a JSON object to `path`: to a file beside it, then renamed over it.
    A write the system refuses (a full disk) is one line naming the file.

    The object is written a member at a time, as `json.dumps` would write it whole: at
    100,000 articles the last plan is 30 MB of JSON, held twice (text and bytes) at the
    build's last step when made at once.
    """
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            out.write(b"{")
            for number, (name, value) in enumerate(plain.items()):
                member = f"{', ' if number else ''}{_json(name)}: {_json(value)}"
                out.write(member.encode())
            out.write(b"}")
        partial.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise WriteFailed.of(error) from error


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
