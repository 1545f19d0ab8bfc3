"""Write N synthetic incidents resampled from the bundled UCDP GED rows (benchmarks, tests).

    .venv/bin/python scripts/make_synthetic_incidents.py 100000 /tmp/synthetic.csv [--seed 0]

Every row is marked synthetic (id "SYN-...", source_article "SYNTHETIC: ..."); see
gapwatch/incidents/synthetic.py. The output is never to be shipped as data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gapwatch.incidents.paths import data_dir
from gapwatch.incidents.store import BUNDLED_FILE
from gapwatch.incidents.synthetic import synthetic_ged


def main() -> int:
    """Parse the arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of rows")
    parser.add_argument("out", type=Path, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    source = (data_dir() / BUNDLED_FILE).read_bytes()
    args.out.write_bytes(synthetic_ged(source, args.n, seed=args.seed))
    sys.stderr.write(f"wrote {args.n:,} synthetic rows to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
