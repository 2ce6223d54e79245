"""Import speed against a bare baseline measured in the same run: Python jieba cutting the same text.

    python benches/import_bench.py            # the seed article and the 855k-character novel
    python benches/import_bench.py --quick    # the seed article only

Budgets (DESIGN.md): `vocab add` of the seed article as a whole process against
`python -c "import jieba; jieba.lcut(text)"` as a whole process; the novel's import, all enrichment
and storage included, in less time than jieba's `lcut` alone needs for it (ratio below 1.0).
Prints ratios; asserts nothing about time. vocab runs from bytecode, as installed.
"""

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import compile_vocab

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "decks" / "ai-new-jobs.txt"
NOVEL = ROOT / "benches" / "data" / "hongloumeng.txt.gz"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time of a whole process and its peak memory (KiB)."""
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"benchmark command failed: {' '.join(command)}\n{proc.stderr}")
    # The child reports its own peak memory on the last line of stderr.
    peak = int(proc.stderr.strip().splitlines()[-1]) if proc.stderr.strip() else 0
    return elapsed, peak


# The largest resident size of the process and of any child it waited for (ours forks helpers
# for a long text; sharing their parent's pages, their sizes do not add up).
MEASURE_PEAK = (
    "import resource, sys; print(max(resource.getrusage(who).ru_maxrss for who in"
    " (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)), file=sys.stderr)"
)


def run_vocab_add(path: Path, db: Path, env: dict[str, str]) -> list[str]:
    code = (
        "import sys; from vocab.cli import cli\n"
        "try:\n"
        f"    cli(['--db', {str(db)!r}, 'add', {str(path)!r}], standalone_mode=False)\n"
        "finally:\n"
        f"    {MEASURE_PEAK}\n"
    )
    return [sys.executable, "-c", code]


def run_jieba(path: Path) -> list[str]:
    code = (
        "import logging, jieba; jieba.setLogLevel(logging.WARNING)\n"
        f"jieba.lcut(open({str(path)!r}, encoding='utf-8').read())\n"
        f"{MEASURE_PEAK}\n"
    )
    return [sys.executable, "-c", code]


def in_process_novel(
    path: Path, db: Path, env: dict[str, str], repeat: int
) -> tuple[float, float, int, int, float, float]:
    """(our import, jieba lcut alone) in seconds, each measured inside its own warm process, their
    peak memory, and the CPU seconds each spent (ours: with its forked helpers). On a machine
    other work keeps busy, CPU time is the steadier figure; wall time is the budget."""
    ours = (
        "import time, sys; from datetime import UTC, datetime\n"
        "from vocab.store import open_db\n"
        "from vocab.service.importing import add_article\n"
        f"db = open_db({str(db)!r})\n"
        "import os; cpu = os.times(); start = time.perf_counter()\n"
        f"add_article(db, {str(path)!r}, now=datetime.now(UTC))\n"
        "wall = time.perf_counter() - start; end = os.times()\n"
        "print(sum(end[:4]) - sum(cpu[:4]))\n"
        "print(wall)\n"
        f"{MEASURE_PEAK}\n"
    )
    theirs = (
        "import time, logging, jieba; jieba.setLogLevel(logging.WARNING); jieba.initialize()\n"
        f"text = open({str(path)!r}, encoding='utf-8').read()\n"
        "import os; cpu = os.times(); start = time.perf_counter()\n"
        "jieba.lcut(text)\n"
        "wall = time.perf_counter() - start; end = os.times()\n"
        "print(sum(end[:4]) - sum(cpu[:4]))\n"
        "print(wall)\n"
        f"{MEASURE_PEAK}\n"
    )
    # Interleaved pairs, each import into a new database; the median of each side.
    runs: list[list[tuple[float, int, float]]] = [[], []]
    for _ in range(repeat):
        for side, code in enumerate((ours, theirs)):
            for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                leftover.unlink(missing_ok=True)
            proc = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True
            )
            if proc.returncode != 0:
                sys.exit(proc.stderr)
            lines = proc.stdout.strip().splitlines()
            runs[side].append(
                (float(lines[-1]), int(proc.stderr.strip().splitlines()[-1]), float(lines[-2]))
            )
    ours_runs, theirs_runs = runs
    return (
        statistics.median(r[0] for r in ours_runs),
        statistics.median(r[0] for r in theirs_runs),
        max(r[1] for r in ours_runs),
        max(r[1] for r in theirs_runs),
        statistics.median(r[2] for r in ours_runs),
        statistics.median(r[2] for r in theirs_runs),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the seed article only")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    compile_vocab()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "VOCAB_CACHE_DIR": str(Path(tmp) / "cache")}
        # Build the dictionary cache first: a learner's second import never pays for it.
        subprocess.run(
            run_vocab_add(SEED, Path(tmp) / "warm.db", env),
            env=env,
            check=True,
            capture_output=True,
        )
        ours, theirs = [], []
        for i in range(args.repeat):
            ours.append(timed(run_vocab_add(SEED, Path(tmp) / f"seed{i}.db", env), env)[0])
            theirs.append(timed(run_jieba(SEED), env)[0])
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(f"{'benchmark':<44}{'ours':>10}{'baseline':>10}{'ratio':>8}")
        print(
            f"{'seed: vocab add vs python jieba.lcut (process)':<44}"
            f"{statistics.median(ours):>9.2f}s{statistics.median(theirs):>9.2f}s{ratio:>8.2f}"
        )
        if args.quick:
            return
        novel = Path(tmp) / "hongloumeng.txt"
        novel.write_text(gzip.decompress(NOVEL.read_bytes()).decode("utf-8"), encoding="utf-8")
        ours_s, jieba_s, ours_kib, jieba_kib, ours_cpu, jieba_cpu = in_process_novel(
            novel, Path(tmp) / "novel.db", env, args.repeat
        )
        print(
            f"{'novel: import (all) vs jieba.lcut alone':<44}"
            f"{ours_s:>9.2f}s{jieba_s:>9.2f}s{ours_s / jieba_s:>8.2f}"
        )
        print(
            f"{'novel: CPU seconds (ours with its helpers)':<44}"
            f"{ours_cpu:>9.2f}s{jieba_cpu:>9.2f}s{ours_cpu / jieba_cpu:>8.2f}"
        )
        print(
            f"{'novel: peak memory (MiB)':<44}"
            f"{ours_kib / 1024:>9.0f}M{jieba_kib / 1024:>9.0f}M{ours_kib / jieba_kib:>8.2f}"
        )


if __name__ == "__main__":
    main()
