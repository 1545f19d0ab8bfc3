"""The cluster (deploy/): Streamlit replicas behind Debian's HAProxy, on loopback.

Each test module run starts its own cluster (2 replicas: enough for affinity and failover on a
2-core machine) with a throw-away shared store, and stops it at the end.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from benchmarks.cluster_bench import run_load
from deploy.cluster import Cluster, ClusterError, haproxy_binary, render_haproxy_config
from tests.browser import APP_TIMEOUT_MS, PageLog, wait_for_app, watch
from tests.test_browser_timeline import choose_place, open_timeline, wait_for_bars

REPLICAS = 2
ERBIL_ROUND = "erbil-round-2019-02-04"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The one store folder every replica of the test cluster shares."""
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="module")
def cluster(store_dir: Path) -> Iterator[Cluster]:
    """Two replicas of app.py behind HAProxy; every replica UP at the proxy before use."""
    try:
        with Cluster(REPLICAS, env={"GAPWATCH_STORE": str(store_dir)}) as running:
            yield running
    except ClusterError as error:
        pytest.fail(str(error), pytrace=False)


def replica_of(context: BrowserContext) -> str:
    """The replica the proxy pinned this browser to (its affinity cookie)."""
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    assert "SRV" in cookies, f"no affinity cookie: {cookies}"
    return cookies["SRV"]


def wait_for_replica(page: Page, allowed: set[str]) -> str:
    """Poll (the page's own timer) until the proxy has pinned `page` to one of `allowed`."""
    deadline = time.monotonic() + APP_TIMEOUT_MS / 1000
    while (current := replica_of(page.context)) not in allowed:
        assert time.monotonic() < deadline, f"still on {current}, not one of {sorted(allowed)}"
        page.wait_for_timeout(200)
    return current


def test_the_rendered_proxy_config_is_valid_and_keeps_readers_on_healthy_replicas(
    tmp_path: Path,
) -> None:
    text = render_haproxy_config({"r1": 9001, "r2": 9002, "r3": 9003}, 8501, 9100)
    path = tmp_path / "haproxy.cfg"
    path.write_text(text, "utf-8")
    checked = subprocess.run(
        [haproxy_binary(), "-c", "-f", str(path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr

    lines = [line.split("#")[0].strip() for line in text.splitlines()]
    for port, name in ((9001, "r1"), (9002, "r2"), (9003, "r3")):
        assert f"server {name} 127.0.0.1:{port} cookie {name} check" in lines
    assert "bind 127.0.0.1:8501" in lines
    assert "cookie SRV insert indirect nocache httponly" in lines
    assert "http-check send meth GET uri /_stcore/health" in lines
    assert "option redispatch" in lines
    assert "timeout tunnel 1h" in lines  # WebSockets live as long as the visit


@pytest.mark.browser
def test_through_the_proxy_a_page_loads_and_a_filter_change_goes_over_its_websocket(
    cluster: Cluster, page: Page, page_log: PageLog
) -> None:
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    open_timeline(page, cluster.url, "lang=en")
    assert "Gap Watch" in page.title()
    wait_for_bars(page, 6)

    choose_place(page, "Erbil (1)", "erbil")
    assert wait_for_bars(page, 1) == [ERBIL_ROUND]

    proxy = urlsplit(cluster.url).netloc
    assert sockets, "the page opened no WebSocket"
    assert {urlsplit(url).netloc for url in sockets} == {proxy}
    assert all(urlsplit(url).path == "/_stcore/stream" for url in sockets)
    assert replica_of(page.context) in cluster.replicas
    page_log.assert_clean()


@pytest.mark.browser
def test_two_readers_are_spread_over_the_replicas_and_each_stays_on_its_own(
    cluster: Cluster, browser: Browser
) -> None:
    contexts = [browser.new_context(locale="en-US") for _ in range(2)]
    try:
        pages = [context.new_page() for context in contexts]
        logs = [watch(p) for p in pages]
        for p in pages:  # one after the other: the first one's WebSocket is open
            p.goto(f"{cluster.url}/?lang=en")
            wait_for_app(p)
        first, second = (replica_of(c) for c in contexts)
        assert first != second, "least connections should give the second reader the idle replica"

        pages[0].reload()
        wait_for_app(pages[0])
        pages[0].goto(f"{cluster.url}/source?lang=en")
        wait_for_app(pages[0])
        assert replica_of(contexts[0]) == first
        for log in logs:
            log.assert_clean()
    finally:
        for context in contexts:
            context.close()


@pytest.mark.browser
def test_a_killed_replica_s_reader_reconnects_to_a_live_one_with_the_same_view_and_it_rejoins(
    cluster: Cluster, page: Page, page_log: PageLog, browser: Browser
) -> None:
    open_timeline(page, cluster.url, "lang=en&place=erbil")
    assert wait_for_bars(page, 1) == [ERBIL_ROUND]
    victim = replica_of(page.context)
    survivors = set(cluster.replicas) - {victim}
    try:
        cluster.kill(victim)  # SIGKILL, mid-session
        cluster.wait_state(victim, "DOWN", timeout_s=30)

        # The page's WebSocket broke; Streamlit's client reconnects by itself, the proxy
        # ignores the dead replica's cookie and pins the reader to a live one.
        wait_for_replica(page, survivors)
        wait_for_app(page)
        assert wait_for_bars(page, 1) == [ERBIL_ROUND]
        assert replica_of(page.context) in survivors
        assert "place=erbil" in page.url
        # Still a working session, not a stale picture: a filter change reruns.
        choose_place(page, "Baghdad (2)", "baghdad")
        assert len(wait_for_bars(page, 3)) == 3
        assert "Erbil" in page.locator(".gw-filter-description").inner_text()

        # A reload (what a reader does when in doubt) shows the same view again.
        page.reload()
        wait_for_app(page)
        assert len(wait_for_bars(page, 3)) == 3
        page_log.assert_clean()
    finally:
        if not cluster.replicas[victim].alive():
            cluster.restart(victim, timeout_s=120)

    assert set(cluster.states().values()) == {"UP"}
    # It rejoined: the next reader goes to it (it holds no connection, the survivor holds one).
    newcomer = browser.new_context(locale="en-US")
    try:
        fresh = newcomer.new_page()
        fresh_log = watch(fresh)
        fresh.goto(f"{cluster.url}/timeline?lang=en&place=erbil")
        wait_for_app(fresh)
        assert wait_for_bars(fresh, 1) == [ERBIL_ROUND]
        assert replica_of(newcomer) == victim
        fresh_log.assert_clean()
    finally:
        newcomer.close()


def test_the_load_test_holds_its_sessions_through_the_proxy(cluster: Cluster) -> None:
    # The benchmark's load (benchmarks/load.py, every answer checked against an oracle) over
    # the proxy's WebSockets, briefly: no session loses its socket or gets another's figures.
    tally = run_load(cluster.url, sessions=3, duration_s=4)
    assert tally.errors == []
    assert tally.sessions_done == 3
    assert min(tally.ops_by_session) >= 1  # each session got at least one checked answer
