"""`python -m generator`: the same as the `bontot` command."""

from generator.cli import main

raise SystemExit(main())
