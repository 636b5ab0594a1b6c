"""Print how precise our models are next to datamodel-code-generator's, per corpus collection.

The numbers of ``tests/test_models_compare.py`` (definitions in ``tests/model_precision.py``)
with timings, without pytest: ``python bench/models_compare.py [--worse N]`` prints one line
per collection, the totals, and up to N places where ours is less precise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_models import collection_id, model_collections, rendered
from model_precision import Counts, compare_collection, report_line, start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worse", type=int, default=20, help="how many worse places to print")
    args = parser.parse_args()
    started = time.perf_counter()
    paths = model_collections()
    pending = start(paths)
    total = Counts()
    worse: list[str] = []
    ours_seconds = compare_seconds = theirs_seconds = 0.0
    for path in paths:
        began = time.perf_counter()
        result = rendered(path)
        ours_seconds += time.perf_counter() - began
        theirs = pending[path].result()
        theirs_seconds += theirs.seconds
        began = time.perf_counter()
        counts, lines = compare_collection(
            result.collection, result.assignments, result.module, theirs
        )
        compare_seconds += time.perf_counter() - began
        total += counts
        worse.extend(f"{collection_id(path)}: {line}" for line in lines)
        print(
            f"{report_line(collection_id(path), counts)} "
            f"[theirs: {theirs.schemas} schemas, {theirs.classes} classes, {theirs.seconds:.1f} s]"
        )
    print(report_line("total", total))
    print(
        f"wall {time.perf_counter() - started:.1f} s; ours rendered and imported in "
        f"{ours_seconds:.1f} s, compared in {compare_seconds:.1f} s; "
        f"datamodel-code-generator workers {theirs_seconds:.1f} s"
    )
    for line in worse[: args.worse]:
        print("ours less precise:", line)


if __name__ == "__main__":
    main()
