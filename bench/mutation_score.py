"""Print the mutation score of `make mutation` and every mutant that survived (run after `mutmut export-cicd-stats`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Read mutants/mutmut-cicd-stats.json, print the score, then the survivors as mutmut lists them."""
    stats_file = Path("mutants/mutmut-cicd-stats.json")
    if not stats_file.exists():
        print("Không có kết quả: hãy chạy `make mutation`.", file=sys.stderr)
        return 2
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    tested = stats["total"] - stats["skipped"] - stats["no_tests"]
    killed = stats["killed"] + stats["timeout"]
    score = 100 * killed / tested if tested else 0.0
    print(f"mutants: {stats['total']}, tested: {tested}, killed: {killed}, survived: {stats['survived']}, "
          f"no tests: {stats['no_tests']}, suspicious: {stats['suspicious']}")
    print(f"mutation score: {score:.1f} %")
    survivors = subprocess.run([str(Path(sys.executable).parent / "mutmut"), "results"], capture_output=True, text=True, check=False)
    print(survivors.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
