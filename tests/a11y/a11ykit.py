"""Shared by the accessibility checks: where the npm tools are, skip-or-fail, a gzip handler."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sitetools import ARTIFACTS, ROOT
from webtools import CHROMIUM_ARGS, QuietHandler, chromium, pages_of_each_kind, unavailable

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
SCREENSHOTS = ARTIFACTS / "screenshots"
REPORTS = ARTIFACTS / "lighthouse"
CHECKS = "accessibility checks"
__all__ = ["AXE_JS", "CHROMIUM_ARGS", "LIGHTHOUSE", "REPORTS", "ROOT", "SCREENSHOTS", "chromium", "pages_of_each_kind"]


def need_node_module(path: Path) -> None:
    if not path.exists():
        unavailable(f"{path.relative_to(ROOT)} is missing: run `npm ci --no-audit --no-fund` at the repository root (`make test` does)", CHECKS)


_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class GzipHandler(QuietHandler):
    """Serves the site as a web server set up for it would (README: nginx `gzip on`, IIS static compression):
    connections kept open (HTTP/1.1) and text gzip-compressed when the browser accepts it. Python's server
    alone opens a connection per file and sends everything uncompressed, which no real server does and which
    costs a phone on a slow network a second or more before the first paint (Lighthouse: 2.6 s against 1.1–1.5 s)."""

    protocol_version = "HTTP/1.1"

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not (path.is_file() and ctype.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)
