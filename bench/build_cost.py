"""What building the first pass's databases costs, per language set, and a hash of what was built.

Each set is built in a fresh process (CPU seconds of ``scan.database_for``, the case tables made first, as
a long run has them). The hash covers every set's compiled literals, their flags and bits, so two trees
that print the same hash build the same databases::

    python bench/build_cost.py                 # this checkout
    python bench/build_cost.py --tree ../main  # another checkout, to compare
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETS = ("en", "de,en", "en,pt", "en,it", "fr", "de,en,es,fr,it,nl,pl,pt")
CHILD = """
import hashlib, sys, time
sys.path.insert(0, sys.argv[1])
import hyperscan
compiled = []
class Recorded(hyperscan.Database):
    def compile(self, **arguments):
        compiled.append(arguments)
        return super().compile(**arguments)
hyperscan.Database = Recorded
from declutter import filters, scan
scan._tables()
start = time.process_time()
database = scan.database_for(sys.argv[2])
seconds = time.process_time() - start
made = compiled[-1] if compiled else {}
print(seconds, len(made.get("expressions", ())), hashlib.sha256(repr((made.get("expressions"), made.get("flags"),
      database.id_bits, database.always, database.pairs, database.folds)).encode()).hexdigest())
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", default=str(REPO), help="the checkout to measure (default: this one)")
    args = parser.parse_args()
    total = hashlib.sha256()
    for lang in SETS:
        out = subprocess.run([sys.executable, "-c", CHILD, args.tree, lang], capture_output=True, text=True,
                             check=True, env={"PYTHONPATH": args.tree, "PATH": ""}).stdout.split()
        total.update(out[2].encode())
        print(f"  {lang:<26} {float(out[0]) * 1e3:6.0f} ms  {int(out[1]):6,} literals")
    print(f"  databases' hash: {total.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
