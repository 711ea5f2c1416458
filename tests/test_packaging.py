"""The installed package builds a site on its own: the theme ships inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from sitetools import REPO, article_pages, clean_env, newsgen_process


def pip(*args: str | Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_wheel_carries_the_theme_and_builds_a_site_anywhere(tmp_path: Path) -> None:
    # A copy of the project, so that setuptools' own build/ folder is not the site's build/.
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(REPO / "src", project / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, project / name)
    wheels, target = tmp_path / "wheels", tmp_path / "installed"
    pip("wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", wheels, project)
    (wheel,) = wheels.glob("newsgen-*.whl")
    pip("install", "--no-deps", "--quiet", "--target", target, wheel)

    site = tmp_path / "site"
    shutil.copytree(REPO / "seeds", site / "seeds")
    env = clean_env(PYTHONPATH=str(target))
    where = subprocess.run(
        [sys.executable, "-c", "import newsgen; print(newsgen.__file__)"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == target / "newsgen/__init__.py"
    run = newsgen_process("build", "--jobs", "1", cwd=site, env=env)
    assert run.code == 0, run.err
    # The build adds only its output and the cache of topics found in the text.
    # Beside the output: the cache, and the lock that keeps two builds from writing at once.
    expected = [".build.newsgen-lock", ".newsgen-cache", "build", "seeds"]
    assert sorted(path.name for path in site.iterdir()) == expected
    assert (site / ".newsgen-cache/topics.sqlite").is_file()
    assert "; topics found in 1 article (the rest cached); " in run.out
    style = site / "build/static/style.css"
    assert style.read_bytes() == (target / "newsgen/theme/static/style.css").read_bytes()
    search = site / "build/static/search.js"  # the search page's script, and its index
    assert search.read_bytes() == (target / "newsgen/theme/static/search.js").read_bytes()
    assert (site / "build/pagefind/2025-11/pagefind-entry.json").is_file()
    assert len(article_pages(site / "build")) == 1
    assert "7 ноября 2025" in (site / "build/2025/11/07/index.html").read_text(encoding="utf-8")
    # The installed package finds topics with the models of its dependencies.
    topic = (site / "build/topics/kasym-zhomart-tokaev/index.html").read_text(encoding="utf-8")
    assert "<h1>Касым-Жомарт Токаев</h1>" in topic
