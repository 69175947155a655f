"""Print the mutation score of `make mutation` and every mutant that survived (run after `mutmut export-cicd-stats`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path


def main() -> int:
    """Read mutants/mutmut-cicd-stats.json, print the score over all mutants, then the survivors as mutmut lists them."""
    stats_file = Path("mutants/mutmut-cicd-stats.json")
    if not stats_file.exists():
        print("Không có kết quả: hãy chạy `make mutation`.", file=sys.stderr)
        return 2
    stats = json.loads(stats_file.read_text(encoding="utf-8"))
    killed = stats["killed"] + stats["timeout"]
    checked = killed + stats["survived"] + stats["suspicious"] + stats["segfault"]
    unchecked = stats["total"] - checked - stats["skipped"] - stats["no_tests"]
    print(f"mutants: {stats['total']}, checked: {checked}, killed: {killed}, survived: {stats['survived']}, "
          f"no tests: {stats['no_tests']}, not checked (run stopped): {unchecked}")
    # Over every mutant: one no test reaches, or one the run did not get to, counts as not killed.
    print(f"mutation score: {100 * killed / stats['total'] if stats['total'] else 0.0:.1f} % of all {stats['total']} mutants")
    if unchecked or stats["no_tests"]:
        print(f"(of the {checked} checked: {100 * killed / checked if checked else 0.0:.1f} %)")
    listing = subprocess.run([str(Path(sys.executable).parent / "mutmut"), "results", "--all", "true"],
                             capture_output=True, text=True, check=False)
    lines = [line.strip() for line in listing.stdout.splitlines() if ": " in line]
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in lines:
        name, status = line.rsplit(": ", 1)
        by_module[name.split(".x_")[0]][status] += 1
    print("by module (killed / all; survived; not checked):")
    for module, counts in sorted(by_module.items()):
        killed_here = counts["killed"] + counts["timeout"]
        print(f"  {module}: {killed_here} / {sum(counts.values())}; {counts['survived']}; {counts['not checked']}")
    survivors = [line for line in lines if line.endswith(("survived", "no tests"))]
    print(f"surviving and untested mutants ({len(survivors)}; `mutmut show NAME` prints one):")
    print("\n".join(f"  {line}" for line in survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
