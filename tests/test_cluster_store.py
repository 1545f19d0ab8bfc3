"""The shared store behind the cluster: an import through one replica (or the CLI, another
process) is read by every other replica without a restart; simultaneous imports from several
processes neither corrupt the store nor lose one another.

Replicas serve ``tests/apps/store_probe.py`` (a bare page over the store), so these tests do
not depend on how the Incidents page looks; the page's own import is tested by its tests.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from deploy.cluster import Cluster, ClusterError
from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.store import BUNDLED_FILE, IncidentStore
from gapwatch.incidents.synthetic import synthetic_ged
from tests.browser import APP_TIMEOUT_MS, wait_for_app, watch
from tests.test_cluster import replica_of

PROBE = "tests/apps/store_probe.py"
CLI_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("shared-store")


@pytest.fixture(scope="module")
def probe_cluster(store_dir: Path) -> Iterator[Cluster]:
    """Two replicas of the store probe sharing `store_dir`."""
    try:
        with Cluster(2, script=PROBE, env={"GAPWATCH_STORE": str(store_dir)}) as running:
            yield running
    except ClusterError as error:
        pytest.fail(str(error), pytrace=False)


def synthetic_csv(folder: Path, rows: int, seed: int) -> Path:
    """A synthetic GED export of `rows` rows (never shipped; see gapwatch/incidents/synthetic)."""
    path = folder / f"synthetic-{rows}-{seed}.csv"
    path.write_bytes(synthetic_ged((data_dir() / BUNDLED_FILE).read_bytes(), rows, seed=seed))
    return path


def listed(page: Page) -> dict[str, tuple[int, int]]:
    """Dataset name -> (rows its info says were imported, rows this replica read)."""
    page.get_by_text("listed", exact=True).wait_for(timeout=APP_TIMEOUT_MS)
    found = {}
    for line in page.locator("[data-testid=stText]").all_inner_texts():
        match = re.fullmatch(r"dataset (\S+) imported=(\d+) rows=(\d+) pid=\d+", line.strip())
        if match:
            found[match[1]] = (int(match[2]), int(match[3]))
    return found


def cli_import(store_dir: Path, csv: Path, name: str) -> subprocess.Popen[bytes]:
    """`gapwatch import` in a process of its own, on the shared store."""
    return subprocess.Popen(
        [sys.executable, "-m", "gapwatch.incidents.cli", "import", str(csv), "--name", name],
        env={**os.environ, "GAPWATCH_STORE": str(store_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.browser
def test_imported_through_one_replica_or_the_cli_read_through_the_other_without_restart(
    probe_cluster: Cluster, browser: Browser, store_dir: Path, tmp_path: Path
) -> None:
    small = synthetic_csv(tmp_path, 300, seed=1)
    other = synthetic_csv(tmp_path, 450, seed=2)
    importer, reader = (browser.new_context(locale="en-US") for _ in range(2))
    try:
        a = importer.new_page()
        a_log = watch(a)
        a.goto(f"{probe_cluster.url}/?import={small}&name=alpha")
        wait_for_app(a)
        a.get_by_text(re.compile(r"^imported alpha 300 ")).wait_for(timeout=APP_TIMEOUT_MS)
        replica_a = replica_of(importer)

        b = reader.new_page()
        b_log = watch(b)
        b.goto(f"{probe_cluster.url}/")
        wait_for_app(b)
        replica_b = replica_of(reader)
        assert replica_b != replica_a, "the reader should be on the other replica"
        assert listed(b) == {"alpha": (300, 300)}

        # Another process (the CLI) imports while both replicas run; neither restarts.
        done = cli_import(store_dir, other, "beta")
        _, err = done.communicate(timeout=CLI_TIMEOUT_S)
        assert done.returncode == 0, err.decode()
        for page in (b, a):
            page.reload()
            wait_for_app(page)
            assert listed(page) == {"alpha": (300, 300), "beta": (450, 450)}
        assert (replica_of(importer), replica_of(reader)) == (replica_a, replica_b)
        a_log.assert_clean()
        b_log.assert_clean()
    finally:
        importer.close()
        reader.close()


@pytest.mark.browser
def test_simultaneous_imports_from_two_processes_keep_both_and_never_mix(
    probe_cluster: Cluster, page: Page, store_dir: Path, tmp_path: Path
) -> None:
    big = synthetic_csv(tmp_path, 20_000, seed=3)
    bigger = synthetic_csv(tmp_path, 25_000, seed=4)

    # Two datasets at the same moment: both are kept, whole.
    both = [cli_import(store_dir, big, "gamma"), cli_import(store_dir, bigger, "delta")]
    # And two imports of one name at the same moment: one of them wins, whole.
    same = [cli_import(store_dir, big, "same"), cli_import(store_dir, bigger, "same")]
    for process in both + same:
        _, err = process.communicate(timeout=CLI_TIMEOUT_S)
        assert process.returncode == 0, err.decode()

    store = IncidentStore(store_dir)
    infos = {info.name: info for info in store.datasets() if not info.bundled}
    assert infos["gamma"].imported == len(store.incidents("gamma")) == 20_000
    assert infos["delta"].imported == len(store.incidents("delta")) == 25_000
    winner = infos["same"]
    assert winner.imported == len(store.incidents("same")) in {20_000, 25_000}
    assert winner.source_file == (big.name if winner.imported == 20_000 else bigger.name)
    leftovers = [p.name for p in store_dir.rglob("*") if p.name.startswith(".tmp-")]
    assert leftovers == []

    page.goto(f"{probe_cluster.url}/")
    wait_for_app(page)
    seen = listed(page)
    assert seen["gamma"] == (20_000, 20_000)
    assert seen["delta"] == (25_000, 25_000)
    assert seen["same"] == (winner.imported, winner.imported)
