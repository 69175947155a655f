"""`bontot serve`: an edit under data/ or a hand-written page shows up without a restart, after one rebuild."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from sitetools import copy_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
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
