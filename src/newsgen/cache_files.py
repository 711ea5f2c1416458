"""Files of `.newsgen-cache/` that a build replaces whole: a build killed while writing one
leaves the old file or none, never half of one (which would only cost time, read as none).
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from newsgen.errors import WriteFailed


def write_json_whole(path: Path, plain: Any) -> None:
    """Write `plain` as JSON to `path`: to a file beside it, then renamed over it. A write the
    system refuses (a full disk) is one line naming the file."""
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(json.dumps(plain, ensure_ascii=False).encode())
        partial.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise WriteFailed.of(error) from error
