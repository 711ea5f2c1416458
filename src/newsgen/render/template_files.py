"""Where Jinja finds a site's templates: its folders, or their sources read beforehand
for workers on other machines, which have no such folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from newsgen.errors import TemplateFailure


@dataclass(frozen=True)
class TemplateSources:
    """Every template in a site's folders: its name → its text and the file it came from
    (named in messages), the site's own winning over the theme's of the same name."""

    files: Mapping[str, tuple[str, str]]


Templates = Sequence[Path] | TemplateSources


def read_templates(folders: Sequence[Path]) -> TemplateSources:
    """The templates of `folders`, read, the first folder's winning."""
    files: dict[str, tuple[str, str]] = {}
    for folder in reversed([folder for folder in folders if folder.is_dir()]):
        for parent, _, names in os.walk(folder):
            for name in names:
                path = Path(parent, name)
                files[path.relative_to(folder).as_posix()] = (_text_of(path), str(path))
    return TemplateSources(files)


def loader_of(templates: Templates) -> jinja2.BaseLoader:
    """A Jinja loader of `templates`: folders as they are, or sources read."""
    if isinstance(templates, TemplateSources):
        return _SourcesLoader(templates)
    return jinja2.FileSystemLoader([str(folder) for folder in templates if folder.is_dir()])


class _SourcesLoader(jinja2.BaseLoader):
    def __init__(self, templates: TemplateSources) -> None:
        self._files = templates.files

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template not in self._files:
            raise jinja2.TemplateNotFound(template)
        source, filename = self._files[template]
        return source, filename, lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self._files)


def _text_of(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateFailure(f"{path}: cannot be read as a template: {error}") from error
