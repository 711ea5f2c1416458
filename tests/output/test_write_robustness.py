"""The writer against what stopped builds, hand edits and odd names leave behind."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import MakeSite, build_in_place
from sitetools import in_mount_namespace, newsgen, snapshot, tree_bytes, unlisted_files, write_files

from benchmarks.corpus import write_corpus
from newsgen.build import BuildOptions, build_site
from newsgen.config import load_config
from newsgen.errors import UsageError
from newsgen.output.marker import MARKER
from newsgen.output.writer import STAGING_SUFFIX, SiteWriter
from newsgen.serve_memo import BuildMemo
from newsgen.sources.discover import find_sources
from newsgen.sources.load_memo import LoadMemo

SOURCES = {
    "newsgen.yaml": "find_topics: false\n",
    "seeds/001_00000000000000aa.txt": " date 2025-10-01 Первая новость октября.\n\nТекст.",
    "seeds/002_00000000000000bb.txt": " date 2025-10-15 Новость середины октября.\n\nТекст.",
}


@pytest.fixture
def site(make_site: MakeSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Built twice: the second build leaves the first site as the staging folder."""
    return build_in_place(make_site, tmp_path / "site", SOURCES, monkeypatch, times=2)


def test_a_leftover_temporary_linked_to_the_live_site_is_never_written_into(site: Path) -> None:
    live = next((site / "build/2025/10/01").glob("*/index.html"))
    relative = live.relative_to(site / "build")
    staging = site / f".build{STAGING_SUFFIX}"
    # What a build stopped between link and rename leaves: a temporary linked to the live file.
    os.link(live, staging / f"{relative}.newsgen-tmp")
    (staging / MARKER).unlink()
    kept = site / "old-page.html"
    os.link(live, kept)  # our own handle on the live file as it is now
    before = kept.read_bytes()
    source = site / "seeds/001_00000000000000aa.txt"
    source.write_text(source.read_text("utf-8").replace("Текст.", "Новый текст."), "utf-8")
    assert newsgen("build", "--jobs", "1").code == 0
    assert kept.read_bytes() == before  # the old live file was replaced, not written into
    assert "Новый текст." in live.read_text("utf-8")


def test_a_build_after_a_lost_staging_marker_publishes_no_temporaries(site: Path) -> None:
    # A build stopped in any way leaves the staging folder without its marker; its files are
    # then links to the live site's, and relinking one over itself used to leave the temporary.
    (site / f".build{STAGING_SUFFIX}" / MARKER).unlink()
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    assert unlisted_files(site / "build") == set()
    assert not list((site / "build").rglob("*.newsgen-tmp"))


def test_temporaries_an_older_newsgen_left_in_staging_are_not_published(site: Path) -> None:
    staging = site / f".build{STAGING_SUFFIX}"
    marker = staging / MARKER
    # An older newsgen's marker (its header did not promise a whole listing) and a
    # temporary it published, swapped out with the site it was in.
    lines = marker.read_text("utf-8").splitlines(keepends=True)
    old_header = "# made by newsgen build; path, digest and source key of every file:\n"
    marker.write_text(old_header + "".join(lines[1:]), "utf-8")
    os.link(staging / "index.html", staging / "index.html.newsgen-tmp")
    assert newsgen("build", "--jobs", "1").code == 0
    assert unlisted_files(site / "build") == set()


def test_a_build_after_a_failed_one_publishes_no_temporaries(site: Path) -> None:
    templates = site / "templates"
    templates.mkdir()
    (templates / "day.html").write_text("{{ no_such_thing.at_all }}")
    assert newsgen("build", "--jobs", "1").code == 4  # fails halfway through rendering
    (templates / "day.html").unlink()
    assert newsgen("build", "--jobs", "1").code == 0
    assert unlisted_files(site / "build") == set()


def test_files_put_into_the_output_by_hand_stop_the_build_and_stay(site: Path) -> None:
    (site / "build/CNAME").write_text("example.org\n")
    (site / "build/2025/notes.txt").write_text("mine")
    before = snapshot(site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 2
    assert run.err == (
        f"error: {site / 'build'} holds files newsgen did not make (2025/notes.txt, CNAME); "
        "a build would remove them. Put files to publish at the site's root in root/ "
        "(CNAME, .nojekyll, .well-known/…), or delete them\n"
    )
    assert snapshot(site / "build") == before


def test_files_of_root_are_published_at_the_root_dot_files_too(site: Path) -> None:
    root = site / "root"
    write_files(
        root,
        {
            "CNAME": "news.example.org\n",
            ".nojekyll": "",
            ".well-known/security.txt": "Contact: mailto:editor@example.org\n",
            ".DS_Store": "litter",
            "._CNAME": "a macOS copy's resource fork",
            ".git/config": "[core]\n",
            ".env": "SECRET_KEY=do-not-publish",
            ".vscode/settings.json": "{}",
            "#draft.txt#": "an editor's autosave",
        },
    )
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    published = {p for p in tree_bytes(site / "build") if "/" not in p or p.startswith(".")}
    assert published >= {"CNAME", ".nojekyll", ".well-known/security.txt"}
    private = {".DS_Store", "._CNAME", ".git/config", ".env", ".vscode/settings.json"}
    assert not published & (private | {"#draft.txt#"})
    assert (site / "build/CNAME").read_text() == "news.example.org\n"
    (root / "CNAME").unlink()
    run = newsgen("build", "--jobs", "1")
    assert "removed 1;" in run.out
    assert not (site / "build/CNAME").exists()


def test_a_root_file_where_newsgen_makes_one_is_refused(site: Path) -> None:
    write_files(site / "root", {"robots.txt": "User-agent: *\n"})
    before = snapshot(site / "build")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 3
    assert run.err == (
        "error: root/robots.txt: newsgen makes /robots.txt itself, from the theme's "
        "templates (change it there); or remove this file\n"
    )
    assert snapshot(site / "build") == before


def test_a_root_file_where_a_static_file_goes_says_to_use_static(site: Path) -> None:
    write_files(site / "root", {"static/style.css": "body { color: red }\n"})
    run = newsgen("build", "--jobs", "1")
    assert run.code == 3
    assert run.err == (
        "error: root/static/style.css: newsgen makes /static/style.css itself, from static/ "
        "(put your version there); or remove this file\n"
    )


def test_dot_files_of_static_are_published_but_not_editor_litter(site: Path) -> None:
    write_files(site / "static", {".htaccess": "Options -Indexes\n", ".site.css.swp": "x"})
    assert newsgen("build", "--jobs", "1").code == 0
    assert (site / "build/static/.htaccess").read_text() == "Options -Indexes\n"
    assert not (site / "build/static/.site.css.swp").exists()


def test_a_git_worktree_as_output_keeps_its_git(make_site: MakeSite, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site", SOURCES)
    output = tmp_path / "gh-pages"
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-C", str(output)]
    subprocess.run(["git", "init", "-q", str(output)], check=True)
    for _ in range(3):  # the first build, and rebuilds that swap folders
        run = newsgen("build", "--site", site, "--output", output, "--jobs", "1")
        assert run.code == 0, run.err
        subprocess.run([*git, "add", "-A"], check=True)
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "publish"], check=True)
    log = subprocess.run([*git, "log", "--format=%s"], capture_output=True, text=True)
    assert log.stdout.splitlines() == ["publish"] * 3
    assert (output / "index.html").is_file()


def test_temporaries_an_older_newsgen_published_are_removed_and_counted(site: Path) -> None:
    (site / "build/index.html.newsgen-tmp").write_bytes((site / "build/index.html").read_bytes())
    run = newsgen("build", "--jobs", "1")
    assert run.code == 0, run.err
    assert "removed 1;" in run.out
    assert unlisted_files(site / "build") == set()


def test_a_static_file_name_with_a_line_break_is_refused(site: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    static = site / "static"
    static.mkdir()
    (static / "x\n").mkdir()
    (static / "x\n" / "a.txt").write_text("odd")
    run = newsgen("build", "--jobs", "1")
    assert run.code == 3
    assert "not a plain path inside the site" in run.err
    assert victim.read_text() == "keep me"


def test_two_writers_of_one_output_do_not_run_at_once(site: Path) -> None:
    with SiteWriter(site / "build"), pytest.raises(UsageError, match="another newsgen"):
        SiteWriter(site / "build").__enter__()


def test_a_file_saved_while_it_is_read_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("first")
    memo = LoadMemo()
    _, unread = memo.split(find_sources(tmp_path))
    assert unread == [path]
    path.write_text("second, saved while the first was being read")
    memo.remember({path: None})
    assert memo.split(find_sources(tmp_path))[1] == [path]


FULL_DISK_RUN = """
import hashlib, json, pathlib, subprocess, sys
disk, site, more = (pathlib.Path(arg) for arg in sys.argv[1:4])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "newsgen-test", disk], check=True)
def build(*options):
    command = [sys.executable, "-m", "newsgen", "build", "--site", site, "--jobs", "1"]
    return subprocess.run(command + ["--output", disk / "site", *options], capture_output=True)
def snapshot():
    files = sorted(p for p in (disk / "site").rglob("*") if p.is_file())
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
first = build()
before = snapshot()
second = build("--source", more)
print(json.dumps({"first": first.returncode, "code": second.returncode,
                  "err": second.stderr.decode(), "same": snapshot() == before}))
"""


def test_a_full_disk_is_said_in_one_line_and_the_old_site_stays(
    make_site: MakeSite, tmp_path: Path
) -> None:
    site = make_site(tmp_path / "site", SOURCES)
    write_corpus(tmp_path / "more", 300)  # more pages than the 1 MB disk holds
    disk = tmp_path / "disk"
    disk.mkdir()
    # A 1 MB tmpfs of the test's own, mounted in a mount namespace.
    printed = in_mount_namespace(FULL_DISK_RUN, disk, site, tmp_path / "more")
    result = json.loads(printed)
    assert result["first"] == 0
    assert result["code"] == 5
    line = f"error: no space left on device while writing {disk}/.site.newsgen-staging/"
    assert result["err"].startswith(line)
    assert result["err"].endswith("; the previous site was left as it was\n")
    assert result["err"].count("\n") == 1
    assert result["same"]


def test_a_file_placed_by_hand_while_serve_rebuilds_is_never_published_unlisted(
    site: Path,
) -> None:
    # newsgen serve's rebuilds look over the top of the live site only: a file put deeper
    # goes to the staging folder at the swap, unseen; the next full build must not publish
    # it unlisted, nor delete it without a word.
    memo = BuildMemo()
    serve_like = BuildOptions(
        site_root=site,
        source_dir=site / "seeds",
        output_dir=site / "build",
        config=load_config(site / "newsgen.yaml"),
        cache_dir=site / ".newsgen-cache",
        memo=memo,
    )
    build_site(serve_like)  # serve's first build looks over everything
    notes = site / "build/2025/10/notes.txt"
    notes.write_text("mine")
    source = site / "seeds/001_00000000000000aa.txt"
    source.write_text(source.read_text("utf-8") + "\n\nЕщё абзац.", "utf-8")
    build_site(serve_like)  # a quick rebuild: the notes leave the live site, unseen
    run = newsgen("build", "--jobs", "1")
    assert run.code == 2
    assert "(2025/10/notes.txt)" in run.err and "while `newsgen serve` rebuilt it" in run.err
    assert unlisted_files(site / "build") == set()
    staged = site / f".build{STAGING_SUFFIX}/2025/10/notes.txt"
    assert staged.read_text() == "mine"
