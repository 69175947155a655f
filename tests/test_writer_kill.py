"""A build killed while it writes pages into site_src/ (generator/pages/writer.py) leaves nothing the next build takes
for a hand edit: no false WRITE errors, while a real hand edit is still refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.pages import writer

OLD = {**{f"don-vi/u{i:03}.md": f"# Đơn vị {i}\n\nbản cũ\n".encode() for i in range(120)},
       "du-lieu/nam/2024.csv": "Mã đơn vị,Tiêu chí 1\nu001,Đạt\n".encode()}
NEW = {**{f"don-vi/u{i:03}.md": f"# Đơn vị {i}\n\nbản mới\n".encode() for i in range(100)},  # u100… removed
       **{f"khen-thuong/q{i}.md": f"# Quyết định {i}\n".encode() for i in range(10)},  # new pages
       "du-lieu/nam/2024.csv": "Mã đơn vị,Tiêu chí 1\nu001,Không đạt\n".encode()}

# In a fresh process: write NEW over OLD and SIGKILL this process after the k-th page is replaced ("after"),
# or once the k-th page's temporary file is written but not yet renamed ("inside").
KILLED_WRITER = """
import os, pickle, signal, sys
from pathlib import Path
from generator.pages import writer

root, mode, k = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
files = pickle.loads(sys.stdin.buffer.read())
real = writer._atomic_write
count = 0

def write(path, data):
    global count
    if path.name == writer.MANIFEST:
        return real(path, data)
    if count == k:
        if mode == "inside":
            writer._temp_name(path).write_bytes(data)
        os.kill(os.getpid(), signal.SIGKILL)
    real(path, data)
    count += 1

writer._atomic_write = write
writer.write_pages(root, files)
"""


def _killed_write(root: Path, mode: str, k: int) -> None:
    import pickle

    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(root), mode, str(k)], input=pickle.dumps(NEW),
                          capture_output=True, timeout=120, check=False)
    assert proc.returncode == -9, proc.stderr.decode()


def _on_disk(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("mode", ["after", "inside"])
@pytest.mark.parametrize("k", [0, 1, 37, 99, 109])
def test_a_kill_while_writing_leaves_no_false_write_errors(tmp_path: Path, mode: str, k: int) -> None:
    root = tmp_path / "site_src"
    assert writer.write_pages(root, OLD).problems == []
    _killed_write(root, mode, k)
    written = _on_disk(root)
    assert all(written.get(rel) in (OLD.get(rel), NEW.get(rel)) for rel in written), "every file whole: old or new"
    if mode == "inside":
        changed = sorted(rel for rel in NEW if NEW[rel] != OLD.get(rel))  # the order the writer writes in
        assert writer.stray_temps(root) == [writer._temp_name(root / changed[k])], "the build's sweep will find it"
    report = writer.write_pages(root, NEW)
    assert report.problems == [], [p.format() for p in report.problems]
    assert _on_disk(root) == NEW
    assert writer.write_pages(root, NEW).written == [], "the manifest is true again: a second run writes nothing"


@pytest.mark.parametrize("k", [37, 109])
def test_a_hand_edit_after_a_kill_is_still_refused(tmp_path: Path, k: int) -> None:
    root = tmp_path / "site_src"
    writer.write_pages(root, OLD)
    _killed_write(root, "after", k)
    edited = root / "don-vi" / "u010.md"  # rewritten before the kill in both cases
    edited.write_bytes(edited.read_bytes() + "Ghi chú tay.\n".encode())
    report = writer.write_pages(root, NEW)
    assert [(p.path.endswith("don-vi/u010.md"), p.rule, "đã bị sửa tay" in p.message) for p in report.problems] == [(True, "WRITE", True)]
    assert "Ghi chú tay." in edited.read_text(encoding="utf-8")
