"""Builds on a Dask cluster: a real scheduler and two worker processes on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLES, write_sample_sources
from distributed import Client, LocalCluster, get_task_stream
from sitetools import clean_env, newsgen, newsgen_process, tree_bytes

from benchmarks.corpus import write_corpus
from newsgen.cluster import DaskWorkers
from newsgen.errors import ClusterFailed

CORPUS = 250  # more than one task's files: the workers load them too
# Dask's own servers leave sockets for the garbage collector to close: its, not newsgen's.
pytestmark = [
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, as `dask worker` would start them."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
    ) as started:
        yield started


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = write_sample_sources(tmp_path_factory.mktemp("cluster") / "site")
    write_corpus(site / "seeds" / "corpus", CORPUS)
    return site


@pytest.fixture(scope="module")
def local_build(sources: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sources built on this machine's processes, as without a cluster."""
    output = tmp_path_factory.mktemp("local") / "public"
    run = newsgen("build", "--site", sources, "--output", output, "--no-cache", "--jobs", "2")
    assert run.code == 0, run.err
    return output


def test_the_cluster_builds_the_same_site_byte_for_byte(
    cluster: LocalCluster, sources: Path, local_build: Path, tmp_path: Path
) -> None:
    output = tmp_path / "public"
    with Client(cluster) as client, get_task_stream(client) as stream:
        run = newsgen(
            "build", "--site", sources, "--output", output, "--no-cache",
            "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert run.code == 0, run.err
    assert run.built.topics_extracted == len(SAMPLE_ARTICLES) + CORPUS
    assert tree_bytes(output) == tree_bytes(local_build)
    # The sources were read, the topics found and the pages made by both workers, not here.
    ran: dict[str, set[str]] = {}
    for task in stream.data:
        ran.setdefault(task["key"].rsplit("-", 1)[0], set()).add(task["worker"])
    workers = set(cluster.scheduler_info["workers"])
    assert ran == {"_load_files": workers, "extract_articles": workers, "_render_part": workers}


def test_the_setting_and_the_variable_name_the_scheduler_too(
    cluster: LocalCluster, sources: Path, local_build: Path, tmp_path: Path
) -> None:
    config = tmp_path / "newsgen.yaml"
    settings = (sources / "newsgen.yaml").read_text("utf-8")
    config.write_text(f"{settings}scheduler: {cluster.scheduler_address}\n", "utf-8")
    by_setting = newsgen(
        "build", "--site", sources, "--config", config, "--output", tmp_path / "a", "--no-cache"
    )
    assert by_setting.code == 0, by_setting.err
    env = clean_env(NEWSGEN_SCHEDULER=cluster.scheduler_address)
    by_variable = newsgen_process(
        "build", "--site", sources, "--output", tmp_path / "b", "--no-cache", env=env
    )
    assert by_variable.code == 0, by_variable.err
    assert tree_bytes(tmp_path / "a") == tree_bytes(tmp_path / "b") == tree_bytes(local_build)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_scheduler_out_of_reach_fails_before_anything_is_written(
    sources: Path, tmp_path: Path
) -> None:
    output = tmp_path / "public"
    address = f"tcp://127.0.0.1:{closed_port()}"
    run = newsgen_process("build", "--site", sources, "--output", output, "--scheduler", address)
    assert run.code == 6
    [line] = run.err.splitlines()
    assert line.startswith(f"error: cannot reach the Dask scheduler at {address}: ")
    assert not output.exists()


def test_without_dask_the_option_says_how_to_install_it(sources: Path, tmp_path: Path) -> None:
    hidden = tmp_path / "no-dask"
    (hidden / "distributed").mkdir(parents=True)
    (hidden / "distributed" / "__init__.py").write_text("raise ImportError('not installed')\n")
    env = clean_env(PYTHONPATH=os.pathsep.join([str(hidden), *sys.path]))
    run = newsgen_process(
        "build", "--site", sources, "--output", tmp_path / "out", "--scheduler", "tcp://x:8786",
        env=env,
    )  # fmt: skip
    assert run.code == 2
    assert run.err.strip() == (
        "error: --scheduler needs Dask, which is not installed: pip install 'newsgen[dask]'"
    )


def test_a_worker_killed_mid_build_is_replaced_and_the_site_is_whole(
    sources: Path, local_build: Path, tmp_path: Path
) -> None:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
        ) as own,
        Client(own) as client,
    ):
        pids = client.run(os.getpid)
        build = subprocess.Popen(
            [sys.executable, "-m", "newsgen", "build", "--site", str(sources), "--output",
             str(tmp_path / "public"), "--no-cache", "--scheduler", own.scheduler_address],
            env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        victim = wait_for_work(own)
        assert build.poll() is None, "the build ended before a worker could be killed"
        os.kill(pids[victim], signal.SIGKILL)
        _, err = build.communicate(timeout=300)
    assert build.returncode == 0, err
    assert tree_bytes(tmp_path / "public") == tree_bytes(local_build)


def wait_for_work(cluster: LocalCluster) -> str:
    """The address of a worker that is running one of the build's tasks, once one is."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for worker in list(cluster.scheduler.workers.values()):  # type: ignore[union-attr]
            if any(str(task.key).startswith("extract_articles") for task in worker.processing):
                return str(worker.address)
        time.sleep(0.02)  # the scheduler runs in this process's event loop thread
    raise AssertionError("no worker got a task of the build within 120 s")


def kill_own_worker(item: int) -> int:
    """A task that takes its worker down with it, every time it is tried."""
    os._exit(1)


def test_a_task_that_kills_every_worker_it_runs_on_fails_in_one_line(
    cluster: LocalCluster,
) -> None:
    with Client(cluster) as client:
        workers = DaskWorkers(client)
        with pytest.raises(ClusterFailed, match=r"^the Dask cluster lost the build's work: "):
            list(workers.ordered_map(kill_own_worker, [1], None, ()))
        client.wait_for_workers(2, timeout=60)  # the nannies start new ones
