"""`bontot serve` with the real server: an edit under data/ or a hand-written page shows up without a restart, after
one rebuild; broken data shows an error page in the browser, which reloads by itself once the data is fixed; a bad
--addr is a usage error."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitetools import copy_project
from webtools import launch_chromium

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    """The page's text, also for an error status (the preview's error page answers every URL); "" when unreachable."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return str(exc.read().decode("utf-8", "replace"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def test_edit_in_data_shows_up_while_serving(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("BONTOT_")}
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/don-vi/cb-cao-ngan-sua-chua/"
        assert _wait_for(url, "Chi bộ Phân xưởng Sửa chữa", 60), "the server did not come up"
        units = project / "data" / "units.yaml"
        units.write_text(
            units.read_text(encoding="utf-8").replace("name: Chi bộ Phân xưởng Sửa chữa", "name: Chi bộ Phân xưởng Sửa chữa Cơ khí", 1),
            encoding="utf-8",
        )
        assert _wait_for(url, "Chi bộ Phân xưởng Sửa chữa Cơ khí", 30), "the edit did not show up"
        guide = project / "site_src" / "huong-dan" / "thoi-gian.md"
        guide.write_text(guide.read_text(encoding="utf-8") + "\nDòng mới khi đang xem trước.\n", encoding="utf-8")
        guide_shown = _wait_for(f"http://127.0.0.1:{port}/huong-dan/thoi-gian/", "Dòng mới khi đang xem trước.", 60)
        time.sleep(3)  # a rebuild started by the generator's own writes would begin at once after the last one
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    assert b"Traceback" not in stderr
    assert guide_shown, "an edit to a hand-written page did not show up: " + stderr.decode("utf-8", "replace")
    # The first build and one per save: the generator's writes into site_src/ and its reads of data/ start none.
    assert stderr.count("Kiểm tra dữ liệu:".encode()) == 3, stderr.decode("utf-8", "replace")[-3000:]


def test_a_restarted_preview_rebuilds_nothing_that_did_not_change(tmp_path: Path) -> None:
    """The preview keeps its site in .bontot-cache/serve/site/: started again on the same data it builds nothing,
    and an edit made while it was stopped is built incrementally."""
    project = copy_project(tmp_path / "p")
    url = "/don-vi/cb-cao-ngan-sua-chua/"
    logs = []
    for edit in (None, None, "Chi bộ Phân xưởng Sửa chữa Cơ khí"):
        if edit is not None:
            _replace(project / "data" / "units.yaml", "name: Chi bộ Phân xưởng Sửa chữa", f"name: {edit}")
        port = _free_port()
        server = _start(project, f"127.0.0.1:{port}")
        try:
            assert _wait_for(f"http://127.0.0.1:{port}{url}", edit or "Chi bộ Phân xưởng Sửa chữa", 120), "the preview did not come up"
        finally:
            logs.append(_stop(server))
    assert "MkDocs: xây dựng xong" in logs[0]
    assert "không có gì thay đổi từ lần xây dựng trước" in logs[1], logs[1][-2000:]
    assert "xây dựng từng phần" in logs[2], logs[2][-2000:]
    # A partial build leaves most pages out; MkDocs' note on each link to one of them is not the clerk's business.
    assert "excluded from the built site" not in logs[2] and "Documentation built in" not in logs[2], logs[2][-2000:]
    assert "Serving on http://" in logs[2] and "Reloading browsers" not in logs[0]
    assert (project / ".bontot-cache" / "serve" / "site" / "sitemap.xml").is_file()
    assert [p.name for p in (project / ".bontot-cache" / "serve").iterdir() if p.name != "site"] == [], "nothing else left there"


def _start(project: Path, addr: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BONTOT_")}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--addr", addr], cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _stop(server: subprocess.Popen[bytes]) -> str:
    server.terminate()
    _, stderr = server.communicate(timeout=20)
    return stderr.decode("utf-8", "replace")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_data_shows_an_error_page_in_the_browser_that_reloads_when_fixed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = _free_port()
    server = _start(project, f"127.0.0.1:{port}")
    units = project / "data" / "units.yaml"
    good, bad = "  - id: cb-cao-ngan-sua-chua\n", "  - id: cb-cao-ngan-sua-chua\n    name: [không đóng\n"
    try:
        url = f"http://127.0.0.1:{port}/don-vi/cb-cao-ngan-sua-chua/"
        assert _wait_for(url, "Chi bộ Phân xưởng Sửa chữa", 60), "the server did not come up"
        with launch_chromium(checks="serve tests") as browser:
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("h1")
            _replace(units, good, bad)
            # The open page reloads by itself and shows what failed, with file:line:col.
            page.wait_for_selector("text=Trang xem trước chưa cập nhật được", timeout=30_000)
            text = page.inner_text("body")
            assert "Dữ liệu có 1 lỗi" in text
            line = next(i for i, row in enumerate(units.read_text(encoding="utf-8").splitlines(), 1) if "[không đóng" in row)
            assert f"data/units.yaml:{line}:11: error: " in text and "[YAML]" in text
            # Every URL answers with the error page (none hangs), also one the site does not have.
            assert "chưa cập nhật được" in _get(f"http://127.0.0.1:{port}/khong-co-trang-nay/")
            _replace(units, bad, good)
            page.wait_for_selector("text=Chi bộ Phân xưởng Sửa chữa", timeout=30_000)
            assert "chưa cập nhật được" not in page.inner_text("body")
    finally:
        stderr = _stop(server)
    assert "Traceback" not in stderr


def test_a_server_started_on_broken_data_shows_the_error_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _replace(project / "data" / "units.yaml", "  - id: cb-cao-ngan-sua-chua\n", "  - id: cb-cao-ngan-sua-chua\n    nam: x\n")
    port = _free_port()
    server = _start(project, f"127.0.0.1:{port}")
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/", "[SCHEMA]", 60), "no error page"
        assert "data/units.yaml:" in _get(f"http://127.0.0.1:{port}/don-vi/")
    finally:
        stderr = _stop(server)
    assert "Traceback" not in stderr


def test_serving_beyond_this_computer_warns(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = _free_port()
    server = _start(project, f"0.0.0.0:{port}")
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/", "Bốn tốt", 60), "the server did not come up"
    finally:
        stderr = _stop(server)
    warning = next(line for line in stderr.splitlines() if "cảnh báo" in line)
    assert warning.startswith(f"bontot: cảnh báo: trang xem trước mở cho các máy khác trong mạng ở 0.0.0.0:{port}")


def test_serving_on_loopback_does_not_warn(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    port = _free_port()
    server = _start(project, f"127.0.0.1:{port}")
    try:
        assert _wait_for(f"http://127.0.0.1:{port}/", "Bốn tốt", 60), "the server did not come up"
    finally:
        stderr = _stop(server)
    assert "cảnh báo: trang xem trước" not in stderr


@pytest.mark.parametrize("addr", ["nonsense", "127.0.0.1:99999", "127.0.0.1:", "may-chu:8000", ":8000"])
def test_a_bad_addr_is_a_usage_error_in_vietnamese(addr: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "--addr", addr], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("bontot: lỗi: ") and "--addr" in result.stderr and "127.0.0.1:8000" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_port_in_use_is_a_usage_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        project = copy_project(tmp_path / "p")
        result = subprocess.run(
            [sys.executable, "-m", "generator", "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=project, capture_output=True, text=True, timeout=120, check=False,
        )
    assert result.returncode == 2, result.stderr
    assert f"bontot: lỗi: không mở được 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_the_build_worker_leaves_nothing_frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Loading freezes what is alive out of the cyclic collector's way; in `bontot serve`'s worker, which builds again
    and again, the last build's garbage would be frozen with it and never freed (2,000 units: +4 MB per save). The
    worker's loop (run here in this process) thaws and collects after each build."""
    import gc
    import multiprocessing

    from generator.records import dataset
    from generator.site.buildworker import _loop

    monkeypatch.setattr(dataset._Kept, "on", False)  # _loop turns it on; put back afterwards
    monkeypatch.setattr(dataset._Kept, "last", {})
    project = copy_project(tmp_path / "p")
    here, there = multiprocessing.Pipe()
    here.send(True)  # one build, then stop
    here.send(None)
    _loop(there, project / "data", project / "site", project / "mkdocs.yml")
    kind, _ = here.recv()
    assert kind == "ok"
    assert gc.get_freeze_count() == 0, "the build's objects were left frozen"
