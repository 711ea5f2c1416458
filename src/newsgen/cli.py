"""The `newsgen` command line: parses options, calls the pipeline, prints, exits.

Exit codes: 0 built; 1 bad source files (nothing written); 2 bad options or
`newsgen.yaml`; 3 the output cannot be written (two pages on one path, …);
4 a template error; 5 the system refused a write (a full disk); 130 interrupted (the
previous site is left as it was).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from newsgen import __version__
from newsgen.build import BuildOptions, build_site
from newsgen.build_report import BuildReport
from newsgen.config import LANGUAGES, WITHOUT_BASE_URL, SiteConfig, load_config
from newsgen.errors import ConfigError, NewsgenError, SourcesInvalid, UsageError
from newsgen.parallel import default_jobs
from newsgen.scaffold import new_article, new_site
from newsgen.serve import ServeOptions, print_line, serve_site
from newsgen.sources.future import build_now

SCHEDULER_VARIABLE = "NEWSGEN_SCHEDULER"

CONFIG_NAME = "newsgen.yaml"
CACHE_NAME = ".newsgen-cache"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; give the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except NewsgenError as error:
        # A list of problems is printed as it is, so each line starts `path:line:`.
        listed = isinstance(error, ConfigError | SourcesInvalid)
        print(error if listed else f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted: the previous site was left as it was", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsgen", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"newsgen {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="build the site from the source folder")
    _site_arguments(build)
    build.add_argument(
        "--scheduler",
        help=f"a Dask scheduler (tcp://host:8786) whose workers find topics and render pages "
        f"(else {SCHEDULER_VARIABLE}, else scheduler: in newsgen.yaml)",
    )
    build.add_argument("--quiet", action="store_true", help="print only errors")
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help="build, serve on localhost, rebuild on change")
    _site_arguments(serve)
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default: 8000, or the next free)"
    )
    serve.set_defaults(run=_serve)
    new = commands.add_parser(
        "new",
        help="make a site folder (newsgen new SITE) or an article in this site "
        '(newsgen new article "Заголовок")',
    )
    new.add_argument("what", metavar="SITE|article", help="a new site's folder, or `article`")
    new.add_argument("title", nargs="?", help="the new article's title")
    new.add_argument("--language", choices=LANGUAGES, default="ru", help="a new site's language")
    new.add_argument(
        "--site", type=_path, default=Path("."), help="the article's site (default: .)"
    )
    new.set_defaults(run=_new)
    return parser


def _new(arguments: argparse.Namespace) -> int:
    now = build_now()
    if arguments.what == "article" and arguments.title is not None:
        settings = arguments.site / CONFIG_NAME
        config = load_config(settings if settings.exists() else None)
        title = " ".join(arguments.title.split())
        made = new_article(arguments.site, title, config, now)
        print(f"wrote {made.path}: write the article there, then newsgen build")
        return 0
    if arguments.title is not None:
        raise UsageError(f"newsgen new {arguments.what!r} takes no title: for an article, "
                         'newsgen new article "Заголовок"')  # fmt: skip
    made = new_site(_path(arguments.what), arguments.language, now)
    print(f"made the site {made.path}: cd {made.path} && newsgen serve")
    return 0


def _site_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--source", type=_path, help="source folder (default: SITE/seeds)")
    command.add_argument("--output", type=_path, help="output folder (default: SITE/build)")
    command.add_argument(
        "--config", type=_path, help=f"settings file (default: SITE/{CONFIG_NAME})"
    )
    command.add_argument("--site", type=_path, default=Path("."), help="site folder (default: .)")
    command.add_argument("--base-url", help="the address the site is published at")
    command.add_argument(
        "--skip-invalid", action="store_true", help="build without bad files, listing each"
    )
    command.add_argument("--jobs", type=int, default=default_jobs(), help="processes to use")
    command.add_argument(
        "--no-cache",
        action="store_true",
        help="find topics and render every page again, using nothing from earlier builds",
    )
    command.add_argument(
        "--no-search", action="store_true", help="no search page, box or index (faster)"
    )
    command.add_argument(
        "--future", action="store_true", help="publish articles dated in the future too"
    )


def _path(written: str) -> Path:
    """A path option; one starting with `~` is refused: the shell did not expand it (`--output=~`
    or a quoted '~'), and taken as written it would make a folder named `~` in this one."""
    path = Path(written)
    if written.startswith("~"):  # as written: `./~` is a folder named '~', on purpose
        raise argparse.ArgumentTypeError(
            f"{written!r} starts with '~', which the shell did not expand here; "
            "write the path out (e.g. $HOME/...), or ./~ for a folder named '~'"
        )
    return path


def _build(arguments: argparse.Namespace) -> int:
    options = _build_options(arguments)
    options = dataclasses.replace(options, scheduler=_scheduler(arguments, options.config))
    show_progress = sys.stderr.isatty() and not arguments.quiet
    report = build_site(options, _print_progress if show_progress else None)
    if not options.config.base_url and not arguments.quiet:
        print(WITHOUT_BASE_URL, file=sys.stderr)
    _print_skipped(report)
    _print_waiting(report)
    if not arguments.quiet:
        print(report.summary(options.output_dir))
    return 0


def _serve(arguments: argparse.Namespace) -> int:
    options = ServeOptions(
        host=arguments.host,
        port=arguments.port,
        build_options=lambda: _build_options(arguments),
        # Watched even while missing: a newsgen.yaml made while serving is read at once.
        config_path=arguments.config or arguments.site / CONFIG_NAME,
    )
    try:
        serve_site(options, print_line)
    except KeyboardInterrupt:
        print_line("stopped")
    return 0


def _build_options(arguments: argparse.Namespace) -> BuildOptions:
    """The build's options from the command line and `newsgen.yaml` (read now)."""
    site = arguments.site
    overrides = {
        "base_url": arguments.base_url,
        "search": False if arguments.no_search else None,
        "build_future": True if arguments.future else None,
    }
    config = load_config(_config_path(arguments), overrides)
    return BuildOptions(
        site_root=site,
        source_dir=arguments.source or site / "seeds",
        output_dir=arguments.output or site / "build",
        config=config,
        jobs=max(1, arguments.jobs),
        skip_invalid=arguments.skip_invalid,
        cache_dir=None if arguments.no_cache else site / CACHE_NAME,
    )


def _scheduler(arguments: argparse.Namespace, config: SiteConfig) -> str | None:
    """The Dask scheduler a build works on: `--scheduler`, else NEWSGEN_SCHEDULER, else the
    setting `scheduler:`; none when all are empty."""
    chosen = arguments.scheduler or os.environ.get(SCHEDULER_VARIABLE) or config.scheduler
    return chosen or None


def _config_path(arguments: argparse.Namespace) -> Path | None:
    path: Path = arguments.config or (arguments.site / CONFIG_NAME)
    return path if arguments.config is not None or path.exists() else None


def _print_progress(stage: str, done: int, total: int, unit: str) -> None:
    end = "\n" if done >= total else ""
    print(f"\r{stage}: {done}/{total} {unit}", end=end, file=sys.stderr, flush=True)


def _print_waiting(report: BuildReport) -> None:
    """List the articles dated in the future, even with `--quiet`: they are not in the site."""
    for notice in report.waiting:
        print(notice, file=sys.stderr)


def _print_skipped(report: BuildReport) -> None:
    """List the files `--skip-invalid` left out, even with `--quiet`: they are not in the site."""
    for problem in report.skipped:
        print(problem, file=sys.stderr)
    if report.skipped:
        files = len({p.path for p in report.skipped})
        print(f"skipped {files} invalid file(s) (--skip-invalid)", file=sys.stderr)
