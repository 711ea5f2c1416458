"""The digests of newsgen's own code that page keys and the topic cache's keys are made from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsgen.code_digest import PACKAGE_ROOT, code_digest, imported_closure
from newsgen.render.page_keys import RENDERING_CODE
from newsgen.topics.find import EXTRACTION_CODE


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the newsgen package's code to edit."""
    code_only = shutil.ignore_patterns("theme", "__pycache__", "*.js", "*.typed")
    return Path(shutil.copytree(PACKAGE_ROOT, tmp_path / "newsgen", ignore=code_only))


def edited_keys(package: Path, start: tuple[str, ...], relative: str) -> tuple[str, str]:
    before = code_digest(start, package)
    with (package / relative).open("a", encoding="utf-8") as module:
        module.write("\n# an edit\n")
    return before, code_digest(start, package)


def used_modules(start: tuple[str, ...]) -> list[str]:
    return sorted(p.relative_to(PACKAGE_ROOT).as_posix() for p in imported_closure(start))


CLOSURES = {"extraction": EXTRACTION_CODE, "rendering": RENDERING_CODE}


@pytest.mark.parametrize(
    ("start", "relative"),
    [(code, module) for code in CLOSURES.values() for module in used_modules(code)],
    ids=[f"{name}:{module}" for name, code in CLOSURES.items() for module in used_modules(code)],
)
def test_editing_any_module_the_work_runs_through_changes_its_key(
    package: Path, start: tuple[str, ...], relative: str
) -> None:
    before, after = edited_keys(package, start, relative)
    assert before != after


def test_extraction_runs_through_every_module_of_its_package_that_finds_names() -> None:
    used = used_modules(EXTRACTION_CODE)
    # english_ner spells names with slugs' transliteration: it was missing from a list
    # kept by hand.
    assert "slugs.py" in used
    finding = {"extract", "entities", "russian_ner", "russian_names", "english_ner", "text_slices"}
    finding |= {"ner_model", "ner_network", "ner_tokens"}  # natasha's model, run by newsgen
    assert {f"topics/{name}.py" for name in finding} <= set(used)
    # Aliases and the salience threshold apply after the cache: editing them keeps it.
    assert "topics/assign.py" not in used and "topics/aliases.py" not in used


def test_every_module_of_the_render_package_is_in_the_page_keys() -> None:
    rendering = {p.relative_to(PACKAGE_ROOT).as_posix() for p in imported_closure(RENDERING_CODE)}
    package = {f"render/{p.name}" for p in (PACKAGE_ROOT / "render").glob("*.py")}
    assert package <= rendering


def test_a_module_added_to_a_package_is_followed_through_its_import(package: Path) -> None:
    (package / "render/new_filters.py").write_text("WIDTH = 70\n", encoding="utf-8")
    with (package / "render/jinja.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom newsgen.render.new_filters import WIDTH\n")
    before, after = edited_keys(package, RENDERING_CODE, "render/new_filters.py")
    assert before != after


def test_a_module_nothing_imports_leaves_the_keys_alone(package: Path) -> None:
    before, after = edited_keys(package, EXTRACTION_CODE, "plan/site.py")
    assert before == after


def test_a_package_s_exports_count_only_when_imported_from_the_package(package: Path) -> None:
    # topics/__init__ exports assign_topics; extract runs in that package without using it.
    before, after = edited_keys(package, EXTRACTION_CODE, "topics/assign.py")
    assert before == after
    with (package / "topics/extract.py").open("a", encoding="utf-8") as module:
        module.write("\nfrom newsgen.topics import assign_topics\n")
    before, after = edited_keys(package, EXTRACTION_CODE, "topics/assign.py")
    assert before != after
