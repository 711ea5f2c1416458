"""The errors newsgen reports to its user, each with the exit code the CLI gives for it."""

from __future__ import annotations

import re
from dataclasses import dataclass


class NewsgenError(Exception):
    """Base of every error meant for the user; `exit_code` is what the CLI exits with."""

    exit_code = 1


class UsageError(NewsgenError):
    """A command-line option or path that cannot work (e.g. `--output` pointing at sources)."""

    exit_code = 2


@dataclass(frozen=True)
class SourceError:
    """One problem in one file: printed as `path:line: message` and the offending line."""

    path: str
    line: int
    message: str
    text: str = ""

    def __str__(self) -> str:
        where = f"{_printable(self.path)}:{self.line}: {self.message}"
        return f"{where}\n    {_printable(self.text)}" if self.text else where


# A file's name or line may hold a line break or a terminal's escape sequence: printed as
# they are, they could forge a line of the report or recolour the terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


class ConfigError(NewsgenError):
    """`newsgen.yaml` has unknown keys or values of the wrong type; lists all of them."""

    exit_code = 2

    def __init__(self, problems: list[SourceError]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SourcesInvalid(NewsgenError):
    """Some source files are bad and `--skip-invalid` was not given; lists all of them."""

    exit_code = 1

    def __init__(self, problems: list[SourceError]) -> None:
        self.problems = problems
        count = len(problems)
        files = len({p.path for p in problems})
        lines = [str(p) for p in problems]
        lines.append(f"build failed: {count} problem(s) in {files} file(s); nothing was written")
        super().__init__("\n".join(lines))


class OutputError(NewsgenError):
    """The site cannot be written: two pages on one path, or a path outside the output."""

    exit_code = 3


class WriteFailed(NewsgenError):
    """The file system refused a write (a full disk, a quota, no permission, read-only)."""

    exit_code = 5

    @classmethod
    def of(cls, error: OSError) -> WriteFailed:
        """One line saying what the system refused, and where."""
        return cls.saying(error.strerror or str(error), error.filename)

    @classmethod
    def saying(cls, reason: str, path: object = None) -> WriteFailed:
        where = f" while writing {path}" if path else ""
        return cls(f"{reason.lower()}{where}; the previous site was left as it was")


class TemplateFailure(NewsgenError):
    """A theme template failed to load or render; names the template and line."""

    exit_code = 4


class ClusterFailed(NewsgenError):
    """The Dask cluster cannot be reached, or lost the build's work; nothing was written."""

    exit_code = 6
